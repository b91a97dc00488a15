import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrderState } from '../../../shared/manager';

/**
 * The change log of received orders (received_order_changes) as the edits and batch actions write
 * it, and the rows they read. One row per change: who, when, which line and field, old → new, why;
 * `batch_id` groups the rows of one batch action (`undo:<id>` the rows of its undo).
 *
 * Fields: quantity, price, orderedQuantity (a merge sums what the stores ordered), state, stateReason —
 * values an undo puts back; lineAdded (a merge appended the line; its new value is the line as JSON),
 * mergedInto / splitInto / splitFrom (which orders a merge or split joined; the value is an order id or
 * a JSON list of them), priceKept (the store's price kept against this current price); batch (one per
 * batch, on its first order: the action's kind, and its description as the reason) and undo.
 */
export const FIELD = {
  quantity: 'quantity',
  price: 'price',
  orderedQuantity: 'orderedQuantity',
  state: 'state',
  stateReason: 'stateReason',
  lineAdded: 'lineAdded',
  mergedInto: 'mergedInto',
  splitInto: 'splitInto',
  splitFrom: 'splitFrom',
  priceKept: 'priceKept',
  batch: 'batch',
  undo: 'undo',
} as const;

/** Fields whose old value an undo writes back. */
export const RESTORABLE_FIELDS: readonly string[] = [FIELD.quantity, FIELD.price, FIELD.orderedQuantity, FIELD.state, FIELD.stateReason];

export const DEFAULT_ACTOR = 'manager';

/** Orders still being decided on: they are checked, and together they are the batch whose demand meets the stock. */
export const OPEN_STATES = ['new', 'accepted', 'held'] as const;
export const OPEN_STATES_SQL = `('new', 'accepted', 'held')`;

export interface OrderRow {
  id: number;
  order_id: string;
  number: string;
  store_code: string;
  state: ReceivedOrderState;
  state_reason: string;
  received_at: string;
  delivery_date: string | null;
  prices_include_vat: number;
}

export interface LineRow {
  received_order_id: number;
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

export interface ChangeRow {
  id: number;
  received_order_id: number;
  line_number: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  actor: string;
  at: string;
  batch_id: string | null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement prepared once per connection: batch actions run the same few for thousands of lines. */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map<string, Database.Statement>()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** Writes change rows, all with the same author, time and batch. */
export class ChangeLog {
  private readonly insert: Database.Statement;
  /** The orders a row was written for, in the order first written. */
  readonly touched = new Set<number>();

  constructor(
    db: Database.Database,
    readonly batchId: string | null,
    readonly actor: string,
    readonly at: string,
  ) {
    this.insert = statement(
      db,
      `INSERT INTO received_order_changes (received_order_id, line_number, field, old_value, new_value, reason, actor, at, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(
    orderId: number,
    lineNumber: number | null,
    field: string,
    oldValue: string | null,
    newValue: string | null,
    reason: string,
  ): void {
    this.insert.run(orderId, lineNumber, field, oldValue, newValue, reason, this.actor, this.at, this.batchId);
    this.touched.add(orderId);
  }
}

/** Stored values are text: numbers as JavaScript writes them, which read back to the same number. */
export const asText = (value: number | string | null): string | null => (value === null ? null : String(value));

/**
 * The orders asked about, in the order asked; every id must exist and none may be exported (an
 * exported order belongs to the back office now), else nothing is done.
 */
export function selectOrders(db: Database.Database, ids: readonly number[]): OrderRow[] {
  const unique = [...new Set(ids)];
  const rows = db
    .prepare<[string], OrderRow>(
      `SELECT id, order_id, number, store_code, state, state_reason, received_at, delivery_date, prices_include_vat
       FROM received_orders WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(unique));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new PorterError('NOT_FOUND', `No received order ${missing.slice(0, 10).join(', ')}`, { field: 'orderIds' });
  }
  refuseExported(rows);
  return unique.map((id) => byId.get(id)!);
}

export function refuseExported(orders: readonly Pick<OrderRow, 'number' | 'state'>[]): void {
  const exported = orders.filter((o) => o.state === 'exported');
  if (exported.length > 0) {
    const numbers = exported.slice(0, 10).map((o) => o.number);
    throw new PorterError(
      'ORDER_NOT_EDITABLE',
      `Order${exported.length > 1 ? 's' : ''} ${numbers.join(', ')}${exported.length > 10 ? ` and ${exported.length - 10} more` : ''} ` +
        `${exported.length > 1 ? 'were' : 'was'} exported to the back office and can no longer be changed`,
      { field: 'orderIds', orders: numbers },
    );
  }
}

/** The lines of these orders, by order and line number. */
export function linesOf(db: Database.Database, orderIds: readonly number[]): Map<number, LineRow[]> {
  const lines = new Map<number, LineRow[]>();
  for (const id of orderIds) lines.set(id, []);
  if (orderIds.length === 0) return lines;
  const rows = db
    .prepare<[string], LineRow>(
      `SELECT * FROM received_order_lines WHERE received_order_id IN (SELECT value FROM json_each(?)) ORDER BY received_order_id, line_number`,
    )
    .all(JSON.stringify(orderIds));
  for (const r of rows) lines.get(r.received_order_id)?.push(r);
  return lines;
}

/** The orders a merge or split closed (and no undo reopened): only undoing that batch brings them back. */
export function closedByMergeOrSplit(db: Database.Database, orderIds: readonly number[]): Set<number> {
  const closed = new Set<number>();
  if (orderIds.length === 0) return closed;
  const rows = db
    .prepare<[string], { received_order_id: number; new_value: string | null }>(
      `SELECT received_order_id, new_value FROM received_order_changes
       WHERE received_order_id IN (SELECT value FROM json_each(?)) AND field IN ('${FIELD.mergedInto}', '${FIELD.splitInto}') ORDER BY id`,
    )
    .all(JSON.stringify(orderIds));
  for (const r of rows) {
    if (r.new_value === null) closed.delete(r.received_order_id);
    else closed.add(r.received_order_id);
  }
  return closed;
}

/** Sets a line's quantity and records it. */
export function setLineQuantity(db: Database.Database, log: ChangeLog, line: LineRow, quantity: number, reason: string): void {
  statement(db, 'UPDATE received_order_lines SET quantity = ? WHERE received_order_id = ? AND line_number = ?').run(
    quantity,
    line.received_order_id,
    line.line_number,
  );
  log.record(line.received_order_id, line.line_number, FIELD.quantity, asText(line.quantity), asText(quantity), reason);
  line.quantity = quantity;
}

/** Sets a line's price and records it. */
export function setLinePrice(db: Database.Database, log: ChangeLog, line: LineRow, priceKopecks: number, reason: string): void {
  statement(db, 'UPDATE received_order_lines SET price_kopecks = ? WHERE received_order_id = ? AND line_number = ?').run(
    priceKopecks,
    line.received_order_id,
    line.line_number,
  );
  log.record(line.received_order_id, line.line_number, FIELD.price, asText(line.price_kopecks), asText(priceKopecks), reason);
  line.price_kopecks = priceKopecks;
}

/** Sets an order's state and its reason (recorded separately, each only when it changes). */
export function setOrderState(
  db: Database.Database,
  log: ChangeLog,
  order: OrderRow,
  state: ReceivedOrderState,
  stateReason: string,
  reason: string,
): boolean {
  if (order.state === state && order.state_reason === stateReason) return false;
  statement(db, 'UPDATE received_orders SET state = ?, state_reason = ? WHERE id = ?').run(state, stateReason, order.id);
  if (order.state !== state) log.record(order.id, null, FIELD.state, order.state, state, reason);
  if (order.state_reason !== stateReason) log.record(order.id, null, FIELD.stateReason, order.state_reason, stateReason, reason);
  order.state = state;
  order.state_reason = stateReason;
  return true;
}

/** A batch cannot be undone once any of its orders was exported: the back office has it. */
export function refuseExportedBatch(db: Database.Database, orderIds: readonly number[], description: string): void {
  const exported = db
    .prepare<[string], string>(
      `SELECT number FROM received_orders WHERE id IN (SELECT value FROM json_each(?)) AND state = 'exported' ORDER BY id LIMIT 10`,
    )
    .pluck()
    .all(JSON.stringify(orderIds));
  if (exported.length > 0) {
    throw new PorterError(
      'BATCH_NOT_UNDOABLE',
      `"${description}" cannot be undone: order ${exported.join(', ')} ${exported.length > 1 ? 'were' : 'was'} exported to the back office`,
      { field: 'batchId', orders: exported },
    );
  }
}
