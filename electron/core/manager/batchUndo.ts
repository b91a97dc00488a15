import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { BatchInfo, UndoResult } from '../../../shared/managerBatch';
import { batchActionKindSchema } from '../../../shared/managerBatch';
import { ChangeLog, FIELD, RESTORABLE_FIELDS, refuseExportedBatch, statement, type ChangeRow } from './orderChanges';

const undoId = (batchId: string) => `undo:${batchId}`;

/** The line column or order column a restorable field is stored in. */
const LINE_COLUMNS: Record<string, string> = {
  [FIELD.quantity]: 'quantity',
  [FIELD.price]: 'price_kopecks',
  [FIELD.orderedQuantity]: 'ordered_quantity',
};
const ORDER_COLUMNS: Record<string, string> = { [FIELD.state]: 'state', [FIELD.stateReason]: 'state_reason' };

interface Restorable {
  orderId: number;
  lineNumber: number | null;
  field: string;
  /** What the batch found (its first row's old value): what the undo writes back. */
  before: string | null;
  /** What the batch left (its last row's new value): what must still be there. */
  after: string | null;
}

const sameValue = (field: string, stored: unknown, recorded: string | null): boolean =>
  field in LINE_COLUMNS ? Number(stored) === Number(recorded) : String(stored) === recorded;

/**
 * Undoes a batch action as a whole: every quantity, price and state it changed goes back to what it
 * was, the lines it appended and the orders it created are removed, and nothing else is touched. It
 * is refused when the batch was undone already, when any of its orders was exported, or when
 * something it changed was changed again since (undo that first) — never half done.
 */
export function undoBatch(db: Database.Database, batchId: string, actor: string, at: string): UndoResult {
  return db.transaction(() => {
    const rows = db.prepare<[string], ChangeRow>('SELECT * FROM received_order_changes WHERE batch_id = ? ORDER BY id').all(batchId);
    if (rows.length === 0) throw new PorterError('NOT_FOUND', `No batch action ${batchId}`, { field: 'batchId' });
    const marker = rows.find((r) => r.field === FIELD.batch);
    const description = marker?.reason ?? batchId;
    if (db.prepare<[string], number>('SELECT 1 FROM received_order_changes WHERE batch_id = ? LIMIT 1').pluck().get(undoId(batchId))) {
      throw new PorterError('BATCH_NOT_UNDOABLE', `"${description}" was undone already`, { field: 'batchId' });
    }
    const involved = [...new Set(rows.map((r) => r.received_order_id))];
    refuseExportedBatch(db, involved, description);
    const created = new Set(rows.filter((r) => r.field === FIELD.splitFrom).map((r) => r.received_order_id));
    const numberOf = numbersOf(db, involved);
    const conflict = (orderId: number, lineNumber: number | null, field: string, detail: string) =>
      new PorterError(
        'BATCH_NOT_UNDOABLE',
        `"${description}" cannot be undone: order ${numberOf.get(orderId)}${lineNumber === null ? '' : `, line ${lineNumber}`}: ` +
          `${field} ${detail} — undo that change first`,
        { field, orderId, line: lineNumber ?? undefined },
      );

    const later = db
      .prepare<[string, string], { received_order_id: number; field: string }>(
        `SELECT received_order_id, field FROM received_order_changes
         WHERE received_order_id IN (SELECT value FROM json_each(?)) AND (batch_id IS NULL OR batch_id <> ?) ORDER BY id LIMIT 1`,
      )
      .get(JSON.stringify([...created]), batchId);
    if (later) throw conflict(later.received_order_id, null, later.field, 'was changed after this batch created the order');

    const kept = rows.filter((r) => !created.has(r.received_order_id));
    const restorable = new Map<string, Restorable>();
    for (const r of kept.filter((row) => RESTORABLE_FIELDS.includes(row.field))) {
      const key = `${r.received_order_id}:${r.line_number ?? ''}:${r.field}`;
      const seen = restorable.get(key);
      if (seen) seen.after = r.new_value;
      else
        restorable.set(key, {
          orderId: r.received_order_id,
          lineNumber: r.line_number,
          field: r.field,
          before: r.old_value,
          after: r.new_value,
        });
    }
    const lineValue = db.prepare<[number, number], Record<string, unknown>>(
      'SELECT quantity, price_kopecks, ordered_quantity FROM received_order_lines WHERE received_order_id = ? AND line_number = ?',
    );
    const orderValue = db.prepare<[number], Record<string, unknown>>('SELECT state, state_reason FROM received_orders WHERE id = ?');
    for (const r of restorable.values()) {
      const row = r.lineNumber === null ? orderValue.get(r.orderId) : lineValue.get(r.orderId, r.lineNumber);
      if (!row) throw conflict(r.orderId, r.lineNumber, r.field, 'is gone');
      const now = row[(r.lineNumber === null ? ORDER_COLUMNS : LINE_COLUMNS)[r.field]!];
      if (!sameValue(r.field, now, r.after))
        throw conflict(r.orderId, r.lineNumber, r.field, `is ${String(now)} now, the batch left ${r.after}`);
    }
    const appended = kept.filter((r) => r.field === FIELD.lineAdded);
    for (const r of appended) {
      const value = JSON.parse(r.new_value ?? '{}') as { quantity: number; priceKopecks: number };
      const row = lineValue.get(r.received_order_id, r.line_number!);
      if (!row || Number(row.quantity) !== value.quantity || Number(row.price_kopecks) !== value.priceKopecks) {
        throw conflict(r.received_order_id, r.line_number, 'line', 'was changed after this batch added it');
      }
    }

    const log = new ChangeLog(db, undoId(batchId), actor, at);
    const reason = `undo: ${description}`;
    for (const r of restorable.values()) {
      if (r.lineNumber === null) {
        statement(db, `UPDATE received_orders SET ${ORDER_COLUMNS[r.field]} = ? WHERE id = ?`).run(r.before ?? '', r.orderId);
      } else {
        statement(db, `UPDATE received_order_lines SET ${LINE_COLUMNS[r.field]} = ? WHERE received_order_id = ? AND line_number = ?`).run(
          Number(r.before),
          r.orderId,
          r.lineNumber,
        );
      }
      log.record(r.orderId, r.lineNumber, r.field, r.after, r.before, reason);
    }
    for (const r of appended) {
      statement(db, 'DELETE FROM received_order_lines WHERE received_order_id = ? AND line_number = ?').run(
        r.received_order_id,
        r.line_number,
      );
      log.record(r.received_order_id, r.line_number, FIELD.lineAdded, r.new_value, null, reason);
    }
    // Links between orders and kept prices: the undo's row puts back what was recorded before.
    for (const r of kept.filter(
      (row) => row.field === FIELD.mergedInto || row.field === FIELD.splitInto || row.field === FIELD.priceKept,
    )) {
      log.record(r.received_order_id, r.line_number, r.field, r.new_value, r.old_value, reason);
    }
    if (created.size > 0)
      db.prepare('DELETE FROM received_orders WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify([...created]));
    log.record(marker?.received_order_id ?? kept[0]!.received_order_id, null, FIELD.undo, null, batchId, reason);
    return {
      batchId,
      restoredOrders: involved.filter((id) => !created.has(id)),
      removedOrders: [...created],
    };
  })();
}

function numbersOf(db: Database.Database, ids: readonly number[]): Map<number, string> {
  return new Map(
    db
      .prepare<[string], [number, string]>('SELECT id, number FROM received_orders WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(ids)),
  );
}

/** Recent batch actions that can still be undone (not undone, none of their orders exported), newest first. */
export function listBatches(db: Database.Database, limit: number): BatchInfo[] {
  const rows = db
    .prepare<[number], { batch_id: string; kind: string; description: string; actor: string; at: string; order_count: number }>(
      `SELECT c.batch_id, c.new_value AS kind, c.reason AS description, c.actor, c.at,
         (SELECT count(DISTINCT x.received_order_id) FROM received_order_changes x WHERE x.batch_id = c.batch_id) AS order_count
       FROM received_order_changes c
       WHERE c.field = '${FIELD.batch}'
         AND NOT EXISTS (SELECT 1 FROM received_order_changes u WHERE u.batch_id = 'undo:' || c.batch_id)
         AND NOT EXISTS (SELECT 1 FROM received_order_changes x JOIN received_orders o ON o.id = x.received_order_id
                         WHERE x.batch_id = c.batch_id AND o.state = 'exported')
       ORDER BY c.id DESC LIMIT ?`,
    )
    .all(limit);
  return rows.flatMap((r) => {
    const kind = batchActionKindSchema.safeParse(r.kind);
    return kind.success
      ? [{ batchId: r.batch_id, kind: kind.data, description: r.description, actor: r.actor, at: r.at, orderCount: r.order_count }]
      : [];
  });
}
