import type Database from 'better-sqlite3';
import type { OutboxEntry, OutboxState, SupplierOrderStatus } from '../../../../shared/domain';
import { PorterError } from '../../../../shared/errors';

export type Transport = 'http' | 'folder';

interface OutboxRow {
  order_id: string;
  order_number: string;
  state: OutboxState;
  transport: Transport;
  body: string;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  last_error: string | null;
  supplier_status: SupplierOrderStatus | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** An entry the sender is about to send: the order and the exact body stored when it was submitted. */
export interface DueEntry {
  orderId: string;
  orderNumber: string;
  body: string;
  attempts: number;
}

const SELECT = 'SELECT x.*, o.number AS order_number FROM exchange_outbox x JOIN orders o ON o.id = x.order_id';

/**
 * The store's outbox: one row per order submitted over a connection. The state machine:
 *
 *   queued ──sender picks it──▶ sending ──2xx (or the replayed 200)──▶ sent
 *      ▲                           │
 *      └── transient failure ◀─────┤ (attempts < max: back to queued with a later next_attempt_at)
 *                                  └── permanent failure, or attempts = max ──▶ needsAttention
 *   needsAttention ──the purchaser retries──▶ queued (attempts start over)
 *   sending ──the process died──▶ queued (on the next start; the same Idempotency-Key makes resending safe)
 *
 * Every transition is one committed statement (synchronous=FULL), so the state on disk is never behind
 * what the supplier may have been told — at worst it is "sending" for an order the supplier has.
 */
export class Outbox {
  constructor(private readonly db: Database.Database) {}

  /** Called inside the transaction that marks the order submitted. */
  enqueue(orderId: string, body: string, transport: Transport, now: Date): void {
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO exchange_outbox (order_id, state, transport, body, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, 'queued', ?, ?, 0, ?, ?, ?)`,
      )
      .run(orderId, transport, body, now.getTime(), at, at);
  }

  /** The queued entry due first, if any is due at `now`. */
  nextDue(now: number): DueEntry | null {
    const row = this.db
      .prepare<[number], OutboxRow>(
        `${SELECT} WHERE x.state = 'queued' AND x.next_attempt_at <= ? ORDER BY x.next_attempt_at, x.rowid LIMIT 1`,
      )
      .get(now);
    return row ? { orderId: row.order_id, orderNumber: row.order_number, body: row.body, attempts: row.attempts } : null;
  }

  /** When the next queued entry is due (epoch ms), or null when nothing is queued. */
  nextDueAt(): number | null {
    return (
      this.db.prepare<[], number | null>("SELECT min(next_attempt_at) FROM exchange_outbox WHERE state = 'queued'").pluck().get() ?? null
    );
  }

  /** queued → sending; counts the attempt (so a process that dies on every send ends in needsAttention too). */
  markSending(orderId: string, transport: Transport, now: Date): number | null {
    return (
      this.db
        .prepare<[string, string, string], number>(
          `UPDATE exchange_outbox SET state = 'sending', transport = ?, attempts = attempts + 1, updated_at = ?
          WHERE order_id = ? AND state = 'queued' RETURNING attempts`,
        )
        .pluck()
        .get(transport, now.toISOString(), orderId) ?? null
    );
  }

  markSent(orderId: string, supplierStatus: SupplierOrderStatus | null, now: Date): void {
    this.db
      .prepare(
        `UPDATE exchange_outbox SET state = 'sent', supplier_status = ?, sent_at = ?, updated_at = ?, last_error_code = NULL, last_error = NULL
          WHERE order_id = ? AND state = 'sending'`,
      )
      .run(supplierStatus, now.toISOString(), now.toISOString(), orderId);
  }

  markRetry(orderId: string, nextAttemptAt: number, code: string, message: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE exchange_outbox SET state = 'queued', next_attempt_at = ?, last_error_code = ?, last_error = ?, updated_at = ?
          WHERE order_id = ? AND state = 'sending'`,
      )
      .run(nextAttemptAt, code, message, now.toISOString(), orderId);
  }

  markNeedsAttention(orderId: string, code: string, message: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE exchange_outbox SET state = 'needsAttention', last_error_code = ?, last_error = ?, updated_at = ?
          WHERE order_id = ? AND state = 'sending'`,
      )
      .run(code, message, now.toISOString(), orderId);
  }

  /** On start: an entry left in 'sending' was cut off by the process ending; it goes again at once. */
  requeueInterrupted(now: Date): number {
    return this.db
      .prepare("UPDATE exchange_outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'")
      .run(now.getTime(), now.toISOString()).changes;
  }

  /** Queued entries go now (the connection settings changed: the reason they waited may be gone). */
  hurryQueued(now: Date): void {
    this.db.prepare("UPDATE exchange_outbox SET next_attempt_at = ? WHERE state = 'queued'").run(now.getTime());
  }

  /** The purchaser's retry: needsAttention starts over with a fresh count; a queued entry goes now. */
  retry(orderId: string, now: Date): OutboxEntry {
    const entry = this.entry(orderId);
    if (!entry) throw new PorterError('NOT_FOUND', `Order ${orderId} is not in the outbox`);
    if (entry.state === 'needsAttention' || entry.state === 'queued') {
      this.db
        .prepare(
          `UPDATE exchange_outbox SET state = 'queued', attempts = CASE WHEN state = 'needsAttention' THEN 0 ELSE attempts END,
             next_attempt_at = ?, updated_at = ? WHERE order_id = ?`,
        )
        .run(now.getTime(), now.toISOString(), orderId);
    }
    return this.entry(orderId)!;
  }

  entry(orderId: string): OutboxEntry | null {
    const row = this.db.prepare<[string], OutboxRow>(`${SELECT} WHERE x.order_id = ?`).get(orderId);
    return row ? toEntry(row) : null;
  }

  list(states?: readonly OutboxState[]): OutboxEntry[] {
    const where = states ? `WHERE x.state IN (SELECT value FROM json_each(?))` : '';
    const statement = this.db.prepare<unknown[], OutboxRow>(`${SELECT} ${where} ORDER BY x.created_at, x.rowid`);
    return (states ? statement.all(JSON.stringify(states)) : statement.all()).map(toEntry);
  }

  /** The state of each of these orders that has an outbox entry. */
  states(orderIds: readonly string[]): Map<string, OutboxState> {
    if (orderIds.length === 0) return new Map();
    const rows = this.db
      .prepare<[string], { order_id: string; state: OutboxState }>(
        'SELECT order_id, state FROM exchange_outbox WHERE order_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(orderIds));
    return new Map(rows.map((r) => [r.order_id, r.state]));
  }

  /** Entries not yet sent (queued, sending or needing attention). */
  pendingCount(): number {
    return this.db.prepare<[], number>("SELECT count(*) FROM exchange_outbox WHERE state <> 'sent'").pluck().get()!;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    orderId: row.order_id,
    orderNumber: row.order_number,
    state: row.state,
    transport: row.transport,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? new Date(row.next_attempt_at).toISOString() : null,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}
