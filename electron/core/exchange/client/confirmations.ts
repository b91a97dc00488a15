import type Database from 'better-sqlite3';
import type { SupplierAnswer, SupplierAnswerLine, SupplierOrderStatus } from '../../../../shared/domain';
import type { ExchangeSettingsStore } from '../exchangeSettings';
import { eventPageSchema, type StoredEvent } from '../wire';
import { exchangeRequest, ExchangeFailure, statusFailure } from './exchangeHttp';
import { takeFolderConfirmations } from './folderConfirmations';

interface ConfirmationRow {
  order_id: string;
  status: SupplierOrderStatus;
  comment: string;
  confirmation_id: string | null;
  confirmed_at: string | null;
  supplier_number: string;
  totals: string | null;
  updated_at: string;
}

interface LineRow {
  line_number: number;
  item_code: string;
  state: SupplierAnswerLine['state'];
  ordered_quantity: number;
  confirmed_quantity: number;
  price_kopecks: number;
  vat_rate: SupplierAnswerLine['vatRate'];
  replacement: string | null;
  comment: string;
}

const MAX_PAGES = 1000;

/**
 * The supplier's answers on the store's side: confirmations (line by line: ordered vs confirmed) and
 * status changes, fetched by cursor. A page's events and the cursor after them are stored in one
 * transaction, so an event is applied once even if the store stops between pages.
 */
export class StoreConfirmations {
  constructor(
    private readonly db: Database.Database,
    private readonly settings: ExchangeSettingsStore,
  ) {}

  async sync(options: { timeoutMs: number }): Promise<{ events: number; ordersUpdated: number }> {
    const connection = this.settings.connection();
    if (connection.mode === 'folder' && connection.folder !== '') {
      const taken = takeFolderConfirmations(connection.folder, (event) => this.db.transaction(() => this.apply(event))());
      return { events: taken.events, ordersUpdated: taken.ordersUpdated.size };
    }
    if (connection.mode !== 'http' || connection.url === '') {
      throw new ExchangeFailure('EXCHANGE_NOT_CONFIGURED', 'Confirmations come over a connection to the supplier: none is set', true);
    }
    let events = 0;
    const updated = new Set<string>();
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = this.settings.confirmationsCursor();
      const answer = await exchangeRequest(
        { baseUrl: connection.url, token: connection.token },
        { method: 'GET', path: '/v1/confirmations', query: cursor === '' ? {} : { cursor } },
        { timeoutMs: options.timeoutMs },
      );
      if (answer.status !== 200) throw statusFailure(answer, connection.url, Date.now());
      let json: unknown = null;
      try {
        json = JSON.parse(answer.text);
      } catch {
        // handled below
      }
      const parsed = eventPageSchema.safeParse(json);
      if (!parsed.success)
        throw new ExchangeFailure('EXCHANGE_NOT_PORTER_API', `${connection.url} did not answer with a page of events`, false);
      this.db.transaction(() => {
        for (const event of parsed.data.events) if (this.apply(event)) updated.add(event.orderId);
        this.settings.setConfirmationsCursor(parsed.data.nextCursor);
      })();
      events += parsed.data.events.length;
      if (!parsed.data.hasMore) break;
    }
    return { events, ordersUpdated: updated.size };
  }

  /** Applies one event to a local order; false for an order this store does not have (the cursor moves on). */
  apply(event: StoredEvent): boolean {
    const known = this.db.prepare<[string], number>('SELECT count(*) FROM orders WHERE id = ?').pluck().get(event.orderId);
    if (!known) return false;
    if (event.type === 'status') {
      this.db
        .prepare(
          `INSERT INTO order_confirmations (order_id, status, comment, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(order_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
             comment = CASE WHEN excluded.comment <> '' THEN excluded.comment ELSE comment END`,
        )
        .run(event.orderId, event.status, event.comment, event.at);
      return true;
    }
    const c = event.confirmation;
    // The latest confirmation wins, whatever order the answers arrive in.
    const newer = this.db
      .prepare<[string, string], number>('SELECT count(*) FROM order_confirmations WHERE order_id = ? AND confirmed_at > ?')
      .pluck()
      .get(event.orderId, c.confirmedAt);
    if (newer) return false;
    this.db
      .prepare(
        `INSERT INTO order_confirmations (order_id, status, comment, confirmation_id, confirmed_at, supplier_number, totals, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(order_id) DO UPDATE SET status = excluded.status, comment = excluded.comment, confirmation_id = excluded.confirmation_id,
           confirmed_at = excluded.confirmed_at, supplier_number = excluded.supplier_number, totals = excluded.totals,
           updated_at = excluded.updated_at`,
      )
      .run(event.orderId, c.status, c.comment, c.confirmationId, c.confirmedAt, c.supplierNumber, JSON.stringify(c.totals), event.at);
    this.db.prepare('DELETE FROM order_confirmation_lines WHERE order_id = ?').run(event.orderId);
    const insert = this.db.prepare(
      `INSERT INTO order_confirmation_lines (order_id, line_number, item_code, state, ordered_quantity, confirmed_quantity,
         price_kopecks, vat_rate, replacement, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const l of c.lines) {
      insert.run(
        event.orderId,
        l.lineNumber,
        l.itemCode,
        l.state,
        l.orderedQuantity,
        l.confirmedQuantity,
        l.priceKopecks,
        l.vatRate,
        l.replacement ? JSON.stringify(l.replacement) : null,
        l.comment,
      );
    }
    return true;
  }

  /** What the supplier has said about the order: status and, once confirmed, ordered vs confirmed per line. */
  get(orderId: string): SupplierAnswer | null {
    const row = this.db.prepare<[string], ConfirmationRow>('SELECT * FROM order_confirmations WHERE order_id = ?').get(orderId);
    if (!row) return null;
    const lines = this.db
      .prepare<[string], LineRow>('SELECT * FROM order_confirmation_lines WHERE order_id = ? ORDER BY line_number')
      .all(orderId)
      .map((l): SupplierAnswerLine => ({
        lineNumber: l.line_number,
        itemCode: l.item_code,
        orderedQuantity: l.ordered_quantity,
        state: l.state,
        confirmedQuantity: l.confirmed_quantity,
        priceKopecks: l.price_kopecks,
        vatRate: l.vat_rate,
        replacement: l.replacement ? (JSON.parse(l.replacement) as SupplierAnswerLine['replacement']) : null,
        comment: l.comment,
      }));
    return {
      status: row.status,
      updatedAt: row.updated_at,
      comment: row.comment,
      confirmationId: row.confirmation_id,
      confirmedAt: row.confirmed_at,
      supplierNumber: row.supplier_number,
      lines,
      totals: row.totals ? (JSON.parse(row.totals) as SupplierAnswer['totals']) : null,
    };
  }

  statuses(orderIds: readonly string[]): Map<string, SupplierOrderStatus> {
    if (orderIds.length === 0) return new Map();
    const rows = this.db
      .prepare<[string], { order_id: string; status: SupplierOrderStatus }>(
        'SELECT order_id, status FROM order_confirmations WHERE order_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(orderIds));
    return new Map(rows.map((r) => [r.order_id, r.status]));
  }
}
