import type Database from 'better-sqlite3';
import crypto from 'node:crypto';
import type { InboxOrder } from '../../../../shared/domain';
import { PorterError } from '../../../../shared/errors';
import {
  orderConfirmationSchema,
  type ConfirmationLine,
  type OrderConfirmation,
  type PorterOrderFile,
  type SupplierOrderStatus,
} from '../../../../shared/exchange';
import { confirmationTotals } from '../../formats/porterJson/confirmationFile';
import { canonicalJson, sha256Hex } from '../canonicalJson';
import { supplierAnswer, type ApiErrorCode, type OrderReceipt, type StoredEvent } from '../wire';
import type { ExchangeStore } from './exchangeStores';
import { grossOf, readOrderBody, storedOrderBody } from './receivedOrder';

/** An answer of the API: status, JSON body, extra headers. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function apiError(status: number, code: ApiErrorCode, message: string, headers?: Record<string, string>): ApiAnswer {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

export interface InboxOptions {
  /** An in-progress claim older than this was abandoned (the process died mid-request) and may be taken over. */
  inProgressLeaseMs: number;
  /** Runs between the claim and the commit: tests hold a request here to see 409 for a concurrent retry. */
  afterClaim?: (idempotencyKey: string) => Promise<void>;
  /** Runs in the transaction that completes a received order: the manager's order book takes it in (or the request fails whole). */
  onReceived?: (received: { inboxId: number; store: ExchangeStore; file: PorterOrderFile; receivedAt: string }) => void;
  clock: () => Date;
}

interface InboxRow {
  id: number;
  store_id: string;
  store_name: string;
  idempotency_key: string;
  body_sha256: string;
  body: string;
  request_state: 'inProgress' | 'done';
  claimed_at: number;
  response_status: number | null;
  response_body: string | null;
  order_number: string | null;
  delivery_date: string | null;
  line_count: number | null;
  gross_kopecks: number | null;
  status: SupplierOrderStatus;
  received_at: string | null;
  confirmation: string | null;
  /** When the last event about the order was logged. */
  changed_at: string | null;
}

type Claim =
  { kind: 'claimed'; inboxId: number } | { kind: 'replay'; status: number; body: string } | { kind: 'inProgress' } | { kind: 'mismatch' };

/**
 * The exchange server's inbox: orders received from stores, exactly once per (store, Idempotency-Key).
 *
 * A request first *claims* its key in one transaction (a row in state inProgress with the SHA-256 of the
 * canonical body); the order is then checked and *completed* in a second transaction that stores the
 * order, the response and a "received" event together. So a retry finds either nothing (the claim was
 * released because the body was refused), the claim (409: still in progress), or the stored response
 * (replayed as 200) — and a body that differs from the one claimed is 422.
 */
export class ExchangeInbox {
  constructor(
    private readonly db: Database.Database,
    private readonly options: InboxOptions,
  ) {}

  async receive(store: ExchangeStore, idempotencyKey: string, bodyText: string): Promise<ApiAnswer> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bodyText);
    } catch (error) {
      return apiError(400, 'INVALID_JSON', `The body is not JSON: ${(error as Error).message}`);
    }
    const claim = this.claim(store.id, idempotencyKey, sha256Hex(canonicalJson(parsed)), bodyText);
    switch (claim.kind) {
      case 'replay':
        return { status: 200, body: JSON.parse(claim.body) as unknown, headers: { 'Idempotent-Replayed': 'true' } };
      case 'mismatch':
        return apiError(422, 'IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${idempotencyKey} was used before with a different body`);
      case 'inProgress':
        return apiError(409, 'REQUEST_IN_PROGRESS', `A request with Idempotency-Key ${idempotencyKey} is still being processed`, {
          'Retry-After': '1',
        });
      case 'claimed':
        break;
    }
    try {
      const read = readOrderBody(bodyText, idempotencyKey);
      if ('refused' in read) {
        this.release(claim.inboxId);
        return apiError(422, 'INVALID_ORDER', `Not a valid Porter order file: ${read.refused}`);
      }
      await this.options.afterClaim?.(idempotencyKey);
      return this.complete(claim.inboxId, store, read.file);
    } catch (error) {
      this.release(claim.inboxId);
      throw error;
    }
  }

  private claim(storeId: string, key: string, bodySha256: string, body: string): Claim {
    const now = this.options.clock().getTime();
    return this.db
      .transaction((): Claim => {
        const row = this.db
          .prepare<
            [string, string],
            Pick<InboxRow, 'id' | 'body_sha256' | 'request_state' | 'claimed_at' | 'response_status' | 'response_body'>
          >(
            `SELECT id, body_sha256, request_state, claimed_at, response_status, response_body FROM exchange_inbox
              WHERE store_id = ? AND idempotency_key = ?`,
          )
          .get(storeId, key);
        if (!row) {
          const info = this.db
            .prepare(
              `INSERT INTO exchange_inbox (store_id, idempotency_key, body_sha256, body, request_state, claimed_at)
               VALUES (?, ?, ?, ?, 'inProgress', ?)`,
            )
            .run(storeId, key, bodySha256, body, now);
          return { kind: 'claimed', inboxId: Number(info.lastInsertRowid) };
        }
        if (row.body_sha256 !== bodySha256) return { kind: 'mismatch' };
        if (row.request_state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body ?? '{}' };
        if (now - row.claimed_at < this.options.inProgressLeaseMs) return { kind: 'inProgress' };
        // The request that claimed it never finished (its process died): this one takes over.
        this.db.prepare('UPDATE exchange_inbox SET claimed_at = ? WHERE id = ?').run(now, row.id);
        return { kind: 'claimed', inboxId: row.id };
      })
      .immediate();
  }

  private release(inboxId: number): void {
    this.db.prepare("DELETE FROM exchange_inbox WHERE id = ? AND request_state = 'inProgress'").run(inboxId);
  }

  private complete(inboxId: number, store: ExchangeStore, file: PorterOrderFile): ApiAnswer {
    const receivedAt = this.options.clock().toISOString();
    const receipt: OrderReceipt = { orderId: file.order.id, supplierOrderId: String(inboxId), status: 'received', receivedAt };
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `UPDATE exchange_inbox SET request_state = 'done', response_status = 201, response_body = ?, order_number = ?,
               delivery_date = ?, line_count = ?, gross_kopecks = ?, status = 'received', received_at = ?
             WHERE id = ?`,
          )
          .run(
            JSON.stringify(receipt),
            file.order.number,
            file.order.deliveryDate ?? null,
            file.order.lines.length,
            grossOf(file.order),
            receivedAt,
            inboxId,
          );
        this.addEvent(inboxId, store.id, {
          type: 'status',
          orderId: file.order.id,
          orderNumber: file.order.number,
          status: 'received',
          at: receivedAt,
          comment: '',
        });
        this.options.onReceived?.({ inboxId, store, file, receivedAt });
      })
      .immediate();
    return { status: 201, body: receipt };
  }

  private addEvent(inboxId: number, storeId: string, event: StoredEvent): void {
    this.db
      .prepare('INSERT INTO exchange_events (store_id, inbox_id, payload, created_at) VALUES (?, ?, ?, ?)')
      .run(storeId, inboxId, JSON.stringify(event), event.at);
  }

  /** A store's events after a cursor, oldest first (limit + 1 read to tell whether more are waiting). */
  events(
    storeId: string,
    after: number,
    limit: number,
  ): { events: (StoredEvent & { cursor: string })[]; nextCursor: string; hasMore: boolean } {
    const rows = this.db
      .prepare<[string, number, number], { cursor: number; payload: string }>(
        'SELECT cursor, payload FROM exchange_events WHERE store_id = ? AND cursor > ? ORDER BY cursor LIMIT ?',
      )
      .all(storeId, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      events: page.map((r) => ({ ...(JSON.parse(r.payload) as StoredEvent), cursor: String(r.cursor) })),
      nextCursor: String(page.at(-1)?.cursor ?? after),
      hasMore: rows.length > limit,
    };
  }

  // ── The manager's side ────────────────────────────────────────────────────────────────────

  list(limit: number): InboxOrder[] {
    return this.db.prepare<[number], InboxRow>(`${SELECT_DONE} ORDER BY i.id DESC LIMIT ?`).all(limit).map(toInboxOrder);
  }

  get(inboxId: number): InboxOrder {
    return toInboxOrder(this.row(inboxId));
  }

  /**
   * The manager's answer line by line (a Porter confirmation, shared/exchange.ts): a listed line gets
   * the quantity (up to the ordered one), price or replacement given; a line not listed is confirmed as
   * ordered. The order's status follows from its lines; the store reads the answer by cursor.
   */
  confirm(inboxId: number, answers: readonly LineAnswer[], comment = ''): InboxOrder {
    const row = this.row(inboxId);
    const file = storedOrderBody(row.body);
    if (!file) throw new PorterError('INTERNAL', `The stored body of received order ${inboxId} is not readable`);
    const byNumber = new Map<number, LineAnswer>();
    for (const a of answers) {
      const line = file.order.lines.find((l) => l.lineNumber === a.lineNumber);
      if (!line) throw new PorterError('INVALID_INPUT', `Order ${row.order_number} has no line ${a.lineNumber}`, { field: 'lineNumber' });
      if (byNumber.has(a.lineNumber))
        throw new PorterError('INVALID_INPUT', `Line ${a.lineNumber} is answered twice`, { field: 'lineNumber' });
      if (!a.replacement && a.confirmedQuantity > line.quantity) {
        throw new PorterError('INVALID_INPUT', `Line ${a.lineNumber}: ${a.confirmedQuantity} is more than the ${line.quantity} ordered`, {
          field: 'confirmedQuantity',
        });
      }
      byNumber.set(a.lineNumber, a);
    }
    const lines: ConfirmationLine[] = file.order.lines.map((line) => {
      const a = byNumber.get(line.lineNumber);
      const quantity = a ? a.confirmedQuantity : line.quantity;
      return {
        lineNumber: line.lineNumber,
        itemCode: line.itemCode,
        orderedQuantity: line.quantity,
        state: a?.replacement ? 'replaced' : quantity < line.quantity ? 'cut' : 'confirmed',
        confirmedQuantity: quantity,
        priceKopecks: a?.priceKopecks ?? line.priceKopecks,
        vatRate: line.vatRate,
        replacement: a?.replacement ?? null,
        comment: a?.comment ?? '',
      };
    });
    const status: SupplierOrderStatus = lines.every((l) => l.confirmedQuantity === 0)
      ? 'rejected'
      : lines.every((l) => l.state === 'confirmed')
        ? 'accepted'
        : 'partiallyAccepted';
    const at = this.options.clock().toISOString();
    const confirmation: OrderConfirmation = orderConfirmationSchema.parse({
      orderId: row.idempotency_key,
      orderNumber: row.order_number ?? '',
      confirmationId: crypto.randomUUID(),
      confirmedAt: at,
      status,
      supplierNumber: '',
      deliveryDate: file.order.deliveryDate ?? null,
      comment,
      pricesIncludeVat: file.order.pricesIncludeVat,
      lines,
      totals: confirmationTotals(lines, file.order.pricesIncludeVat),
    } satisfies OrderConfirmation);
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE exchange_inbox SET status = ?, confirmation = ? WHERE id = ?')
        .run(status, JSON.stringify(confirmation), inboxId);
      this.addEvent(inboxId, row.store_id, { type: 'confirmation', orderId: row.idempotency_key, at, confirmation });
    })();
    return this.get(inboxId);
  }

  /** A status change the store should see (on hold, shipped, cancelled…). */
  setStatus(inboxId: number, status: SupplierOrderStatus, comment = ''): InboxOrder {
    const row = this.row(inboxId);
    const at = this.options.clock().toISOString();
    this.db.transaction(() => {
      this.db.prepare('UPDATE exchange_inbox SET status = ? WHERE id = ?').run(status, inboxId);
      this.addEvent(inboxId, row.store_id, {
        type: 'status',
        orderId: row.idempotency_key,
        orderNumber: row.order_number ?? '',
        status,
        at,
        comment,
      });
    })();
    return this.get(inboxId);
  }

  private row(inboxId: number): InboxRow {
    const row = this.db.prepare<[number], InboxRow>(`${SELECT_DONE} AND i.id = ?`).get(inboxId);
    if (!row) throw new PorterError('NOT_FOUND', `No received order ${inboxId} in the inbox`);
    return row;
  }
}

/** The manager's answer to one line of a received order. */
export interface LineAnswer {
  lineNumber: number;
  confirmedQuantity: number;
  priceKopecks?: number;
  replacement?: ConfirmationLine['replacement'];
  comment?: string;
}

const SELECT_DONE = `SELECT i.*, s.name AS store_name,
    (SELECT max(e.created_at) FROM exchange_events e WHERE e.inbox_id = i.id) AS changed_at
  FROM exchange_inbox i JOIN exchange_stores s ON s.id = i.store_id WHERE i.request_state = 'done'`;

function toInboxOrder(row: InboxRow): InboxOrder {
  const file = storedOrderBody(row.body);
  const confirmation = row.confirmation ? (JSON.parse(row.confirmation) as OrderConfirmation) : null;
  return {
    inboxId: row.id,
    storeId: row.store_id,
    storeName: row.store_name,
    orderId: row.idempotency_key,
    orderNumber: row.order_number ?? '',
    receivedAt: row.received_at ?? '',
    status: row.status,
    deliveryDate: row.delivery_date,
    lineCount: row.line_count ?? 0,
    grossKopecks: row.gross_kopecks ?? 0,
    lines: file
      ? file.order.lines.map((l) => ({
          lineNumber: l.lineNumber,
          itemCode: l.itemCode,
          name: l.name,
          quantity: l.quantity,
          priceKopecks: l.priceKopecks,
          vatRate: l.vatRate,
        }))
      : [],
    confirmation: confirmation ? supplierAnswer(row.status, row.changed_at ?? confirmation.confirmedAt, confirmation) : null,
  };
}
