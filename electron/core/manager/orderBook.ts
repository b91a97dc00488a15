import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrder } from '../../../shared/exchange';
import type {
  OrderBookFilter,
  OrderChange,
  OrderProblem,
  OrderSource,
  ReceivedOrderDetail,
  ReceivedOrderLineView,
  ReceivedOrderState,
  ReceivedOrderSummary,
} from '../../../shared/manager';
import { orderBookFilterSchema } from '../../../shared/manager';
import { divideRounded } from '../../../shared/money';
import { normalizeSearchText as foldForSearch } from '../../../shared/search';

/** Where an order came from, as the order book records it. */
export interface IntakeSource {
  source: OrderSource;
  /** The file's name, or the exchange store's name. */
  sourceName: string;
  /** The exchange API's request log entry, for orders that came through the API. */
  inboxId?: number;
  /** When it arrived; now by default. */
  receivedAt?: string;
  /** The Porter price list the store ordered from, when the order says. */
  priceListId?: string | null;
  /** State for orders that are history already (the demo's past orders are exported). */
  state?: ReceivedOrderState;
}

export type IntakeOutcome = { kind: 'added'; id: number } | { kind: 'duplicate'; existingId: number };

/** What the order book asks the current price list: the category of each item it knows, for one order's codes at once. */
export type CategoriesOf = (itemCodes: readonly string[]) => ReadonlyMap<string, string>;

/** The problems of the orders asked about, by order id (the checks run against the price list and the whole batch). */
export type ProblemFinder = (orderIds: readonly number[]) => Map<number, OrderProblem[]>;

interface OrderRow {
  id: number;
  store_code: string;
  store_name: string;
  directory_name: string | null;
  order_id: string;
  number: string;
  format: string;
  source: OrderSource;
  source_name: string;
  inbox_id: number | null;
  ordered_on: string;
  received_at: string;
  delivery_date: string | null;
  comment: string;
  price_list_id: string | null;
  prices_include_vat: number;
  state: ReceivedOrderState;
  state_reason: string;
  line_count: number;
  gross_kopecks: number;
  supplier_status: string | null;
}

interface LineRow {
  line_number: number;
  item_code: string;
  name: string;
  unit: string;
  category: string;
  ordered_quantity: number;
  quantity: number;
  ordered_price_kopecks: number;
  price_kopecks: number;
  vat_rate: number | null;
}

/** The amount of a line as it stands: quantity × price, rounded to the kopeck (weighed goods have fractional quantities). */
export function lineAmountOf(quantity: number, priceKopecks: number): number {
  return Math.round(quantity * priceKopecks);
}

/** What a line adds to the order's gross: its amount, plus VAT on top when prices exclude it. */
function lineGross(amount: number, vatRate: number | null, pricesIncludeVat: boolean): number {
  return pricesIncludeVat || !vatRate ? amount : amount + divideRounded(amount * vatRate, 100);
}

/** The same in SQL, for the order list (l: the line, o: its order). */
const LINE_AMOUNT_SQL = 'CAST(round(l.quantity * l.price_kopecks) AS INTEGER)';
const GROSS_SQL = `coalesce((SELECT sum(CASE WHEN o.prices_include_vat = 1 OR coalesce(l.vat_rate, 0) = 0 THEN ${LINE_AMOUNT_SQL}
    ELSE ${LINE_AMOUNT_SQL} + CAST(round(${LINE_AMOUNT_SQL} * l.vat_rate / 100.0) AS INTEGER) END)
  FROM received_order_lines l WHERE l.received_order_id = o.id), 0)`;

// Every column but `document`: the order as received, tens of kilobytes each, that a list of 5,000
// orders would read (and throw away) for seconds.
const SELECT_ORDERS = `SELECT o.id, o.store_code, o.store_name, o.order_id, o.number, o.format, o.source, o.source_name, o.inbox_id,
    o.ordered_on, o.received_at, o.delivery_date, o.comment, o.price_list_id, o.prices_include_vat, o.state, o.state_reason,
    s.name AS directory_name,
    (SELECT count(*) FROM received_order_lines l WHERE l.received_order_id = o.id) AS line_count,
    ${GROSS_SQL} AS gross_kopecks,
    coalesce((SELECT i.status FROM exchange_inbox i WHERE i.id = o.inbox_id AND i.confirmation IS NOT NULL),
      -- An order that came as a file: the status its last confirmation file told the store (manager/storeAnswers.ts).
      CASE WHEN o.inbox_id IS NULL THEN (SELECT c.new_value FROM received_order_changes c
        WHERE c.received_order_id = o.id AND c.field = 'answer' ORDER BY c.id DESC LIMIT 1) END) AS supplier_status
  FROM received_orders o LEFT JOIN stores s ON s.customer_code = o.store_code`;

/**
 * The manager's order book: every received order once per (store, order id), its lines as ordered and
 * as the manager made them. Orders come in through `intake` (the exchange API, the watched folder, files
 * the manager opens, the demo history); the checks and batch actions work on what is stored here.
 */
export class OrderBook {
  private problemFinder: ProblemFinder = () => new Map();
  private changeCount = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly categoriesOf: CategoriesOf,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The checks that find each order's problems (manager/orderChecks.ts) plug in here. */
  setProblemFinder(finder: ProblemFinder): void {
    this.problemFinder = finder;
  }

  /**
   * Grows with every change to the stored orders: intake here, line edits and batch actions
   * (manager/orderEdits.ts). The checks cache their findings per version; whatever else changes an
   * order's lines or state must call `touch()`.
   */
  get version(): number {
    return this.changeCount;
  }

  touch(): void {
    this.changeCount++;
  }

  /**
   * The store code an order is filed under: the customer code the document states; else the sender's
   * own id for the customer (a 1C counterparty Ид, a Bitrix user id), else its name; '' when the document
   * names no customer at all (a Porter file from a store without a profile, a table without store
   * columns). Only a stated code can match the stores directory: the fallbacks are not codes, they keep
   * two unknown customers' orders apart (their numbers repeat: "142" from one, "142" from another), and
   * the unknownStore check flags every order whose code is not in the directory — '' included.
   */
  static storeCodeOf(order: ReceivedOrder): string {
    return order.customer.code.trim() || order.customer.id.trim() || order.customer.name.trim();
  }

  /**
   * Takes one order into the book, in the caller's transaction when there is one. The same order
   * (same store, same document id) taken in again is reported as a duplicate and not stored twice.
   */
  intake(order: ReceivedOrder, from: IntakeSource): IntakeOutcome {
    const storeCode = OrderBook.storeCodeOf(order);
    const existing = this.db
      .prepare<[string, string], number>('SELECT id FROM received_orders WHERE store_code = ? AND order_id = ?')
      .pluck()
      .get(storeCode, order.id);
    if (existing !== undefined) return { kind: 'duplicate', existingId: existing };
    if (order.lines.length === 0) {
      throw new PorterError('INVALID_INPUT', `Order ${order.number} from ${order.customer.name || storeCode} has no lines`);
    }
    const receivedAt = from.receivedAt ?? this.clock().toISOString();
    const pricesIncludeVat = order.lines.every((l) => l.vatIncluded);
    const insert = () => {
      const info = this.db
        .prepare(
          `INSERT INTO received_orders (store_code, store_name, order_id, number, format, source, source_name, inbox_id, ordered_on,
             received_at, delivery_date, comment, price_list_id, prices_include_vat, state, document)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          storeCode,
          order.customer.name,
          order.id,
          order.number,
          order.format,
          from.source,
          from.sourceName,
          from.inboxId ?? null,
          order.date ?? receivedAt.slice(0, 10),
          receivedAt,
          order.deliveryDate,
          order.comment,
          from.priceListId ?? null,
          pricesIncludeVat ? 1 : 0,
          from.state ?? 'new',
          JSON.stringify(order),
        );
      const id = Number(info.lastInsertRowid);
      const line = this.db.prepare(
        `INSERT INTO received_order_lines (received_order_id, line_number, item_code, name, unit, category, ordered_quantity, quantity,
           ordered_price_kopecks, price_kopecks, vat_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const categories = this.categoriesOf([...new Set(order.lines.map((l) => l.itemCode))]);
      for (const l of order.lines) {
        line.run(
          id,
          l.lineNumber,
          l.itemCode,
          l.name,
          l.unit,
          categories.get(l.itemCode) ?? '',
          l.quantity,
          l.quantity,
          l.priceKopecks,
          l.priceKopecks,
          l.vatRate,
        );
      }
      return id;
    };
    const id = this.db.inTransaction ? insert() : this.db.transaction(insert)();
    this.touch();
    return { kind: 'added', id };
  }

  list(filter: OrderBookFilter = {}): ReceivedOrderSummary[] {
    const f = orderBookFilterSchema.parse(filter);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.states?.length) {
      where.push(`o.state IN (${f.states.map(() => '?').join(', ')})`);
      params.push(...f.states);
    }
    if (f.storeCode !== undefined) {
      where.push('o.store_code = ?');
      params.push(f.storeCode);
    }
    if (f.deliveryDate !== undefined) {
      where.push('o.delivery_date = ?');
      params.push(f.deliveryDate);
    }
    const rows = this.db
      .prepare<(string | number)[], OrderRow>(
        `${SELECT_ORDERS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.received_at, o.id`,
      )
      .all(...params);
    const search = f.search ? foldForSearch(f.search.trim()) : '';
    const searched = search ? rows.filter((r) => this.matches(r, search)) : rows;
    const problems = this.problemFinder(searched.map((r) => r.id));
    const summaries = searched.map((r) => toSummary(r, problems.get(r.id) ?? []));
    const kept = summaries.filter(
      (s) =>
        (f.hasProblems === undefined || f.hasProblems === s.problemCount > 0) &&
        (!f.problemKinds?.length || s.problemKinds.some((k) => f.problemKinds!.includes(k))),
    );
    return kept.slice(f.offset, f.offset + f.limit);
  }

  private matches(row: OrderRow, search: string): boolean {
    const text = foldForSearch(`${row.number} ${row.store_code} ${row.store_name} ${row.directory_name ?? ''} ${row.order_id}`);
    if (text.includes(search)) return true;
    return (
      this.db
        .prepare<[number, string], number>('SELECT 1 FROM received_order_lines WHERE received_order_id = ? AND item_code = ? LIMIT 1')
        .pluck()
        .get(row.id, search) !== undefined
    );
  }

  get(id: number): ReceivedOrderDetail {
    const row = this.db.prepare<[number], OrderRow>(`${SELECT_ORDERS} WHERE o.id = ?`).get(id);
    if (!row) throw new PorterError('NOT_FOUND', `No received order ${id}`);
    const problems = this.problemFinder([id]).get(id) ?? [];
    const pricesIncludeVat = row.prices_include_vat === 1;
    return {
      ...toSummary(row, problems),
      comment: row.comment,
      priceListId: row.price_list_id,
      pricesIncludeVat,
      lines: this.lines(id),
      problems,
      changes: this.changes(id),
    };
  }

  lines(id: number): ReceivedOrderLineView[] {
    return this.db
      .prepare<[number], LineRow>('SELECT * FROM received_order_lines WHERE received_order_id = ? ORDER BY line_number')
      .all(id)
      .map((l) => ({
        lineNumber: l.line_number,
        itemCode: l.item_code,
        name: l.name,
        unit: l.unit,
        category: l.category,
        orderedQuantity: l.ordered_quantity,
        quantity: l.quantity,
        orderedPriceKopecks: l.ordered_price_kopecks,
        priceKopecks: l.price_kopecks,
        vatRate: l.vat_rate,
        amountKopecks: lineAmountOf(l.quantity, l.price_kopecks),
      }));
  }

  changes(id: number): OrderChange[] {
    return this.db
      .prepare<
        [number],
        {
          id: number;
          line_number: number | null;
          field: string;
          old_value: string | null;
          new_value: string | null;
          reason: string;
          actor: string;
          at: string;
        }
      >('SELECT * FROM received_order_changes WHERE received_order_id = ? ORDER BY id')
      .all(id)
      .map((c) => ({
        id: c.id,
        lineNumber: c.line_number,
        field: c.field,
        oldValue: c.old_value,
        newValue: c.new_value,
        reason: c.reason,
        actor: c.actor,
        at: c.at,
      }));
  }

  /** The order's gross as it stands, computed line by line as the list computes it. */
  grossOf(id: number): number {
    const pricesIncludeVat =
      this.db.prepare<[number], number>('SELECT prices_include_vat FROM received_orders WHERE id = ?').pluck().get(id) === 1;
    return this.lines(id).reduce((sum, l) => sum + lineGross(l.amountKopecks, l.vatRate, pricesIncludeVat), 0);
  }

  /** The received order the exchange API's request log entry became. */
  idOfInboxEntry(inboxId: number): number | null {
    return this.db.prepare<[number], number>('SELECT id FROM received_orders WHERE inbox_id = ?').pluck().get(inboxId) ?? null;
  }

  count(): number {
    return this.db.prepare<[], number>('SELECT count(*) FROM received_orders').pluck().get() ?? 0;
  }
}

function toSummary(row: OrderRow, problems: readonly OrderProblem[]): ReceivedOrderSummary {
  return {
    id: row.id,
    storeCode: row.store_code,
    storeName: row.directory_name ?? row.store_name,
    orderId: row.order_id,
    number: row.number,
    format: row.format,
    source: row.source,
    sourceName: row.source_name,
    receivedAt: row.received_at,
    orderedOn: row.ordered_on,
    deliveryDate: row.delivery_date,
    lineCount: row.line_count,
    grossKopecks: row.gross_kopecks,
    state: row.state,
    stateReason: row.state_reason,
    problemKinds: [...new Set(problems.map((p) => p.kind))],
    problemCount: problems.length,
    supplierStatus: (row.supplier_status as ReceivedOrderSummary['supplierStatus']) ?? null,
  };
}
