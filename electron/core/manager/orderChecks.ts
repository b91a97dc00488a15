import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { OrderProblem, ProblemKind } from '../../../shared/manager';
import { vatOf } from '../../../shared/money';
import { checkQuantity } from '../../../shared/quantity';
import type { CatalogReader, ItemRules } from '../catalog/catalogReader';
import { createLogger } from '../logger';
import { findDuplicates } from './duplicateOrders';
import { FIELD, OPEN_STATES_SQL } from './orderChanges';
import type { OrderBook, ProblemFinder } from './orderBook';

const log = createLogger('manager.checks');

/** A line's item as the checks and batch actions see it, its price in both VAT bases (an order states its own). */
export interface LineItemRules extends ItemRules {
  priceGrossKopecks: number;
  priceNetKopecks: number;
}

/** The price an order's line should carry, in the order's VAT basis. */
export function currentPriceFor(rules: LineItemRules, pricesIncludeVat: boolean): number {
  return pricesIncludeVat ? rules.priceGrossKopecks : rules.priceNetKopecks;
}

const KIND_ORDER: Record<ProblemKind, number> = {
  unknownStore: 0,
  duplicate: 1,
  unknownItem: 2,
  priceDiffers: 3,
  notPackMultiple: 4,
  belowMinimum: 5,
  overStock: 6,
};

interface RulesRow {
  code: string;
  found: number;
  pack_multiple: number | null;
  min_order_quantity: number | null;
  price_kopecks: number | null;
  price_gross: number | null;
  price_net: number | null;
  vat_rate: number | null;
  stock: number | null;
  stock_at_least: number | null;
  category: string | null;
}

/** A line with a problem: order, line, item, quantity, price, the order's price list, then its item's rules (found, pack, minimum, current price, stock, the batch's demand). */
type CheckedLine = [number, number, string, number, number, string | null, number, number, number, number, number | null, number];

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
 * into a temporary table of this connection (which says which price list they came from, so a
 * rolled-back transaction cannot leave another list's rules behind), and the checks join them in SQL.
 */
export class OrderChecks {
  private findings: Findings | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly priceList: () => CatalogReader | null,
  ) {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS manager_item_rules (
        code TEXT PRIMARY KEY,
        found INTEGER NOT NULL,
        pack_multiple INTEGER, min_order_quantity INTEGER, price_kopecks INTEGER, price_gross INTEGER, price_net INTEGER,
        vat_rate INTEGER, stock INTEGER, stock_at_least INTEGER, category TEXT,
        demand REAL NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TEMP TABLE IF NOT EXISTS manager_item_rules_source (price_list_id TEXT NOT NULL);`);
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
   * The rules of these items in the current price list (absent: not in it), read from the price
   * list once per price list. The batch actions use them too.
   */
  rulesFor(codes: readonly string[]): Map<string, LineItemRules> {
    const reader = this.priceList();
    const rules = new Map<string, LineItemRules>();
    if (!reader || codes.length === 0) return rules;
    const unique = JSON.stringify([...new Set(codes)]);
    this.transaction(() => this.loadRules(reader, unique));
    const rows = this.db
      .prepare<[string], RulesRow>('SELECT * FROM temp.manager_item_rules WHERE found = 1 AND code IN (SELECT value FROM json_each(?))')
      .all(unique);
    for (const r of rows) {
      rules.set(r.code, {
        code: r.code,
        packMultiple: r.pack_multiple!,
        minOrderQuantity: r.min_order_quantity!,
        priceKopecks: r.price_kopecks!,
        vatRate: r.vat_rate as ItemRules['vatRate'],
        stock: r.stock,
        stockAtLeast: r.stock_at_least === 1,
        category: r.category ?? '',
        priceGrossKopecks: r.price_gross!,
        priceNetKopecks: r.price_net!,
      });
    }
    return rules;
  }

  /** In the caller's transaction when there is one. */
  private transaction<T>(work: () => T): T {
    return this.db.inTransaction ? work() : this.db.transaction(work)();
  }

  /**
   * Reads the rules of the codes not yet read from this price list (and remembers the codes it
   * lacks): the codes given as a JSON list, or every code of the open orders (null).
   */
  private loadRules(reader: CatalogReader, codes: string | null): void {
    const source = this.db.prepare<[], string>('SELECT price_list_id FROM temp.manager_item_rules_source').pluck().get();
    if (source !== reader.info.id) {
      this.db.exec('DELETE FROM temp.manager_item_rules; DELETE FROM temp.manager_item_rules_source;');
      this.db.prepare('INSERT INTO temp.manager_item_rules_source (price_list_id) VALUES (?)').run(reader.info.id);
    }
    const missing =
      codes === null
        ? this.db
            .prepare<[], string>(
              `SELECT DISTINCT l.item_code FROM received_orders o JOIN received_order_lines l ON l.received_order_id = o.id
               WHERE o.state IN ${OPEN_STATES_SQL} AND NOT EXISTS (SELECT 1 FROM temp.manager_item_rules r WHERE r.code = l.item_code)`,
            )
            .pluck()
            .all()
        : this.db
            .prepare<[string], string>(
              'SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM temp.manager_item_rules r WHERE r.code = value)',
            )
            .pluck()
            .all(codes);
    if (missing.length === 0) return;
    const found = reader.itemRulesByCodes(missing);
    const includeVat = reader.info.pricesIncludeVat;
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO temp.manager_item_rules
         (code, found, pack_multiple, min_order_quantity, price_kopecks, price_gross, price_net, vat_rate, stock, stock_at_least, category)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const code of missing) {
      const r = found.get(code);
      if (!r) {
        insert.run(code, 0, null, null, null, null, null, null, null, null, null);
        continue;
      }
      const gross = includeVat ? r.priceKopecks : r.priceKopecks + vatOf(r.priceKopecks, r.vatRate, false);
      const net = includeVat ? r.priceKopecks - vatOf(r.priceKopecks, r.vatRate, true) : r.priceKopecks;
      insert.run(
        code,
        1,
        r.packMultiple,
        r.minOrderQuantity,
        r.priceKopecks,
        gross,
        net,
        r.vatRate,
        r.stock,
        r.stockAtLeast ? 1 : 0,
        r.category,
      );
    }
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
    const lines = this.transaction(() => {
      this.loadRules(reader, null);
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
      const current = 'CASE WHEN o.prices_include_vat = 1 THEN r.price_gross ELSE r.price_net END';
      const pack = 'max(r.pack_multiple, 1)';
      return this.db
        .prepare<[], CheckedLine>(
          `SELECT l.received_order_id, l.line_number, l.item_code, l.quantity, l.price_kopecks, o.price_list_id,
             r.found, r.pack_multiple, r.min_order_quantity, ${current}, r.stock, r.demand
           FROM received_orders o
           JOIN received_order_lines l ON l.received_order_id = o.id
           JOIN temp.manager_item_rules r ON r.code = l.item_code
           WHERE o.state IN ${OPEN_STATES_SQL} AND (
             r.found = 0
             OR l.price_kopecks <> ${current}
             OR (l.quantity > 0 AND (r.demand > 0 OR l.quantity < r.min_order_quantity
                                     OR l.quantity <> CAST(l.quantity / ${pack} AS INTEGER) * ${pack})))`,
        )
        .raw()
        .all();
    });
    const kept = this.keptPrices(
      lines.filter(([, , , , price, , found, , , current]) => found === 1 && price !== current).map(([id]) => id),
    );
    for (const [orderId, lineNumber, itemCode, quantity, price, priceListId, found, pack, minimum, current, stock, demand] of lines) {
      if (found === 0) {
        add(orderId, { kind: 'unknownItem', lineNumber, itemCode });
        continue;
      }
      if (price !== current && kept.get(`${orderId}:${lineNumber}`) !== current) {
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
