import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { OrderProblem, ProblemKind } from '../../../shared/manager';
import { checkQuantity } from '../../../shared/quantity';
import type { CatalogReader } from '../catalog/catalogReader';
import { createLogger } from '../logger';
import { findDuplicates } from './duplicateOrders';
import { FIELD, OPEN_STATES_SQL } from './orderChanges';
import type { OrderBook, ProblemFinder } from './orderBook';
import { inTransaction, ItemRulesTable, type LineItemRules } from './itemRulesTable';
import { MAIN_PRICING, storesPricing, type StorePricing } from './storePricing';

export { currentPriceFor, type LineItemRules } from './itemRulesTable';

const log = createLogger('manager.checks');

const KIND_ORDER: Record<ProblemKind, number> = {
  unknownStore: 0,
  unknownPriceType: 1,
  duplicate: 2,
  unknownItem: 3,
  priceDiffers: 4,
  notPackMultiple: 5,
  belowMinimum: 6,
  overStock: 7,
};

/**
 * A line with a problem: order, line, item, quantity, price, the order's price list, then its item's rules (found,
 * pack, minimum, the current price for the order's store — null when there is none —, stock, the batch's demand),
 * then the store's own price type (null: the main price) and whether the item has a price of it.
 */
type CheckedLine = [
  number,
  number,
  string,
  number,
  number,
  string | null,
  number,
  number,
  number,
  number | null,
  number | null,
  number,
  number | null,
  number | null,
];

interface Findings {
  version: number;
  /** The connection's total_changes() when found: any write since (stores directory, raw SQL elsewhere) makes them stale. */
  totalChanges: number;
  reader: CatalogReader | null;
  problems: Map<number, OrderProblem[]>;
}

/**
 * The checks of received orders against the current price list and the stores directory. Only open
 * orders (new, accepted, held) are checked: a rejected or exported order's problems were settled.
 *
 * The whole batch is checked at once, with a few statements over every open order — over-stock is a
 * property of the batch, not of one order — and the findings are kept until the order book changes
 * (its version), the connection writes anything (total_changes(): the stores directory, other code),
 * or the price list is replaced. Each item's rules are read from the price list once per price list
 * into temporary tables of this connection (itemRulesTable.ts), and the checks join them in SQL.
 *
 * Each store is held to the prices of its own price type (storePricing.ts): a store with a type of the
 * list other than the main one is checked against that type's prices; an item without a price of the
 * store's type is an unknown item for that store (the exchange feed does not offer it to the store
 * either), and a type the list lacks is named once for the order (unknownPriceType) while its lines'
 * prices go unchecked.
 */
export class OrderChecks {
  private findings: Findings | null = null;
  private readonly rules: ItemRulesTable;

  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly priceList: () => CatalogReader | null,
  ) {
    this.rules = new ItemRulesTable(db);
  }

  /** The order book's problem finder: the problems of the orders asked about. */
  readonly finder: ProblemFinder = (orderIds) => {
    const { problems } = this.current();
    const found = new Map<number, OrderProblem[]>();
    for (const id of orderIds) {
      const list = problems.get(id);
      if (list) found.set(id, list);
    }
    return found;
  };

  /** Every open order's problems, from the cache when nothing changed since they were found. */
  private current(): Findings {
    const reader = this.priceList();
    const cached = this.findings;
    if (cached && cached.version === this.book.version && cached.reader === reader && cached.totalChanges === this.totalChanges()) {
      return cached;
    }
    const started = performance.now();
    const problems = this.findAll(reader);
    this.findings = { version: this.book.version, totalChanges: this.totalChanges(), reader, problems };
    log.debug('checked the open orders', { orders: problems.size, ms: Math.round(performance.now() - started) });
    return this.findings;
  }

  private totalChanges(): number {
    return this.db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0;
  }

  /** The batch actions that weigh lines against the price list refuse to run without one. */
  requirePriceList(what: string): void {
    if (!this.priceList()) {
      throw new PorterError('NO_PRICE_LIST', `There is no price list to ${what} against: import the current price list first`);
    }
  }

  /**
   * How each of these stores' orders are priced in the current price list (storePricing.ts; the main
   * price without a list). The batch actions price each store's lines by it.
   */
  pricingOf(storeCodes: readonly string[]): Map<string, StorePricing> {
    const reader = this.priceList();
    const found = reader ? storesPricing(this.db, reader, storeCodes) : new Map<string, StorePricing>();
    return new Map(storeCodes.map((code) => [code, found.get(code) ?? MAIN_PRICING]));
  }

  /**
   * The rules of these items in the current price list (absent: not in it), read from the price
   * list once per price list. The batch actions use them too. With a store's typed pricing, the prices
   * are that type's and an item without a price of it is absent; otherwise (main, or a type the list
   * lacks) they are the items' own.
   */
  rulesFor(codes: readonly string[], pricing: StorePricing = MAIN_PRICING): Map<string, LineItemRules> {
    const reader = this.priceList();
    return reader ? this.rules.rulesFor(reader, codes, pricing) : new Map<string, LineItemRules>();
  }

  private findAll(reader: CatalogReader | null): Map<number, OrderProblem[]> {
    const problems = new Map<number, OrderProblem[]>();
    const add = (orderId: number, problem: OrderProblem) => {
      const list = problems.get(orderId);
      if (list) list.push(problem);
      else problems.set(orderId, [problem]);
    };
    for (const id of this.db
      .prepare<[], number>(
        `SELECT o.id FROM received_orders o WHERE o.state IN ${OPEN_STATES_SQL}
           AND NOT EXISTS (SELECT 1 FROM stores s WHERE s.customer_code = o.store_code)`,
      )
      .pluck()
      .all()) {
      add(id, { kind: 'unknownStore', lineNumber: null, itemCode: null });
    }
    for (const [id, original] of findDuplicates(this.db)) {
      add(id, { kind: 'duplicate', lineNumber: null, itemCode: null, duplicateOf: original });
    }
    if (reader) this.lineProblems(reader, add);
    for (const list of problems.values()) {
      list.sort((a, b) => (a.lineNumber ?? 0) - (b.lineNumber ?? 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    }
    return problems;
  }

  /**
   * Every line problem in one pass over the open orders' lines: unknown items, prices that differ
   * from the current ones, quantities off the pack or below the minimum, and items whose demand
   * across the whole batch is above their stock (unknown stock and a lower bound such as "более 100"
   * are never over; every open line of such an item is marked). The batch's demand per item is
   * summed first, into the rules table.
   */
  private lineProblems(reader: CatalogReader, add: (orderId: number, problem: OrderProblem) => void): void {
    const pricing = storesPricing(this.db, reader);
    const lines = inTransaction(this.db, () => {
      this.rules.loadOpenOrders(reader, pricing);
      this.db.prepare('UPDATE temp.manager_item_rules SET demand = 0 WHERE demand <> 0').run();
      this.db
        .prepare(
          `UPDATE temp.manager_item_rules AS r SET demand = d.demand
           FROM (SELECT l.item_code AS code, sum(l.quantity) AS demand FROM received_orders o
                 JOIN received_order_lines l ON l.received_order_id = o.id
                 WHERE o.state IN ${OPEN_STATES_SQL} AND l.quantity > 0 GROUP BY l.item_code) AS d
           WHERE r.code = d.code AND r.found = 1 AND r.stock IS NOT NULL AND r.stock_at_least = 0 AND d.demand > r.stock`,
        )
        .run();
      // A store off the main price (s) has its type's price (t), or none when the list lacks its type.
      const current = `CASE WHEN s.store_code IS NULL THEN iif(o.prices_include_vat = 1, r.price_gross, r.price_net)
                            ELSE iif(o.prices_include_vat = 1, t.price_gross, t.price_net) END`;
      const pack = 'max(r.pack_multiple, 1)';
      return this.db
        .prepare<[], CheckedLine>(
          `SELECT l.received_order_id, l.line_number, l.item_code, l.quantity, l.price_kopecks, o.price_list_id,
             r.found, r.pack_multiple, r.min_order_quantity, ${current}, r.stock, r.demand, s.price_type_id, t.found
           FROM received_orders o
           JOIN received_order_lines l ON l.received_order_id = o.id
           JOIN temp.manager_item_rules r ON r.code = l.item_code
           LEFT JOIN temp.manager_store_pricing s ON s.store_code = o.store_code
           LEFT JOIN temp.manager_item_type_prices t ON t.price_type_id = s.price_type_id AND t.code = l.item_code
           WHERE o.state IN ${OPEN_STATES_SQL} AND (
             r.found = 0
             OR (s.price_type_id IS NOT NULL AND t.found IS NOT 1)
             OR l.price_kopecks <> ${current}
             OR (l.quantity > 0 AND (r.demand > 0 OR l.quantity < r.min_order_quantity
                                     OR l.quantity <> CAST(l.quantity / ${pack} AS INTEGER) * ${pack})))`,
        )
        .raw()
        .all();
    });
    this.unknownPriceTypes(pricing, add);
    const kept = this.keptPrices(
      lines.filter(([, , , , price, , found, , , current]) => found === 1 && current !== null && price !== current).map(([id]) => id),
    );
    const typeNames = new Map(reader.priceTypes().map((t) => [t.id, t.name]));
    for (const [
      orderId,
      lineNumber,
      itemCode,
      quantity,
      price,
      priceListId,
      found,
      pack,
      minimum,
      current,
      stock,
      demand,
      typeId,
      priced,
    ] of lines) {
      if (found === 0) {
        add(orderId, { kind: 'unknownItem', lineNumber, itemCode });
        continue;
      }
      if (typeId !== null && priced !== 1) {
        // In the list, but not at this store's price type: the store is not offered it, as the exchange feed leaves it out.
        add(orderId, { kind: 'unknownItem', lineNumber, itemCode, priceType: typeNames.get(typeId) ?? '' });
        continue;
      }
      if (current !== null && price !== current && kept.get(`${orderId}:${lineNumber}`) !== current) {
        add(orderId, { kind: 'priceDiffers', lineNumber, itemCode, storePriceKopecks: price, currentPriceKopecks: current, priceListId });
      }
      for (const q of checkQuantity(quantity, { packMultiple: pack, minOrderQuantity: minimum, stock: null })) {
        if (q.kind === 'notPackMultiple') {
          add(orderId, { kind: 'notPackMultiple', lineNumber, itemCode, packMultiple: q.packMultiple, suggestedQuantity: q.suggested });
        } else if (q.kind === 'belowMinimum') {
          add(orderId, { kind: 'belowMinimum', lineNumber, itemCode, minOrderQuantity: q.minimum, suggestedQuantity: q.suggested });
        }
      }
      if (demand > 0 && quantity > 0) add(orderId, { kind: 'overStock', lineNumber, itemCode, stock, demand });
    }
  }

  /** Each open order of a store whose price type the list lacks, with the type and the list's types. */
  private unknownPriceTypes(pricing: ReadonlyMap<string, StorePricing>, add: (orderId: number, problem: OrderProblem) => void): void {
    const unknown = [...pricing].filter(([, p]) => p.kind === 'unknown').map(([code]) => code);
    if (unknown.length === 0) return;
    const orders = this.db
      .prepare<[string], [number, string]>(
        `SELECT id, store_code FROM received_orders WHERE state IN ${OPEN_STATES_SQL} AND store_code IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(JSON.stringify(unknown));
    for (const [id, code] of orders) {
      const p = pricing.get(code);
      if (p?.kind !== 'unknown') continue;
      add(id, { kind: 'unknownPriceType', lineNumber: null, itemCode: null, priceType: p.priceType, availablePriceTypes: p.available });
    }
  }

  /**
   * The lines whose store price the manager chose to keep ("reprice: keep"), with the current price
   * it was kept against: the difference is settled until the price list changes the price again.
   */
  private keptPrices(orderIds: readonly number[]): Map<string, number> {
    const kept = new Map<string, number>();
    if (orderIds.length === 0) return kept;
    const rows = this.db
      .prepare<[string], { received_order_id: number; line_number: number; new_value: string | null }>(
        `SELECT received_order_id, line_number, new_value FROM received_order_changes
         WHERE received_order_id IN (SELECT value FROM json_each(?)) AND field = '${FIELD.priceKept}' ORDER BY id`,
      )
      .all(JSON.stringify([...new Set(orderIds)]));
    for (const r of rows) {
      const key = `${r.received_order_id}:${r.line_number}`;
      if (r.new_value === null) kept.delete(key);
      else kept.set(key, Number(r.new_value));
    }
    return kept;
  }
}
