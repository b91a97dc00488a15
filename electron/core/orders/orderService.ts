import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Item, Order, OrderStatus, OrderSummary } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import { isCalendarDate } from '../../../shared/suggestions';
import { currentPrice, exactStock, type LiveCheck, type StoredLine } from './lineChecks';
import { freezeSummary, OrderHistory } from './orderHistory';
import { draftSummaries, readOrder } from './orderReader';
import { OrderTemplates } from './orderTemplates';
import {
  itemByCode,
  LINE_COLUMNS,
  lineValues,
  orderNumber,
  toStoredLine,
  type DraftContent,
  type LineRow,
  type OrderRow,
  type PriceListLookup,
} from './orderRows';

const MAX_QUANTITY = 1_000_000_000;

/**
 * Orders: drafts the purchaser edits, and the orders they sent (submitted or exported), which are
 * read-only. Every change is its own committed transaction (synchronous=FULL), so what the purchaser
 * saw saved survives closing the window, a crash or a power cut. A line keeps the item as it was when
 * it was added; a draft is checked against the current price list each time it is read.
 */
export class OrderService {
  readonly history: OrderHistory;
  readonly templates: OrderTemplates;
  private lastStamp = 0;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: () => PriceListLookup | null,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.history = new OrderHistory(db);
    this.templates = new OrderTemplates(db, clock);
    this.statements = prepareStatements(db);
  }

  // ── Reading ──────────────────────────────────────────────────────────────────────────────

  /** The order with every line checked: a draft against the current price list, a sent order as sent. */
  get(orderId: string): Order {
    const row = this.statements.order.get(orderId);
    if (!row) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
    const catalog = row.status === 'draft' ? this.catalog() : null;
    return readOrder(row, this.statements.lines.all(orderId).map(toStoredLine), catalog);
  }

  /** A draft (read and checked); ORDER_NOT_EDITABLE for an order that was sent. */
  draft(orderId: string): Order {
    this.draftRow(orderId);
    return this.get(orderId);
  }

  /** The name of the file a price list was imported from, if Porter still knows it. */
  priceListName(priceListId: string | null): string | null {
    if (priceListId === null) return null;
    return this.db.prepare<[string], string>('SELECT source_name FROM price_lists WHERE id = ?').pluck().get(priceListId) ?? null;
  }

  now(): Date {
    return this.clock();
  }

  /** The lines as stored, without checks (for repeats, templates and files). */
  storedLines(orderId: string): StoredLine[] {
    if (!this.statements.status.get(orderId)) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
    return this.statements.lines.all(orderId).map(toStoredLine);
  }

  /** The draft worked on last; a new one when there is none. */
  currentDraft(): Order {
    return this.get(this.statements.lastDraft.get() ?? this.createDraft());
  }

  /** Drafts, the one changed last first. */
  listDrafts(): OrderSummary[] {
    const rows = this.db.prepare<[], OrderRow>("SELECT * FROM orders WHERE status = 'draft' ORDER BY updated_at DESC, rowid DESC").all();
    const lines = this.db
      .prepare<[], LineRow & { order_id: string }>(
        `SELECT order_id, ${LINE_COLUMNS} FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE status = 'draft')`,
      )
      .all();
    return draftSummaries(rows, lines);
  }

  orderedItemCodes(): string[] {
    return this.history.orderedItemCodes();
  }

  // ── Drafts ───────────────────────────────────────────────────────────────────────────────

  /** A new draft, empty or with the lines of a repeat or template; returns its id. */
  createDraft(content?: DraftContent): string {
    const id = crypto.randomUUID();
    const now = this.stamp();
    const info = this.catalog()?.info;
    this.db.transaction(() => {
      const next = Number(this.db.prepare("SELECT value FROM settings WHERE key = 'nextOrderNumber'").pluck().get() ?? 1);
      this.db
        .prepare("INSERT INTO settings (key, value) VALUES ('nextOrderNumber', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(next + 1));
      this.db
        .prepare(
          `INSERT INTO orders (id, number, status, created_at, updated_at, price_list_id, prices_include_vat, origin)
           VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          orderNumber(next),
          now,
          now,
          content ? content.priceListId : (info?.id ?? null),
          (content ? content.pricesIncludeVat : info?.pricesIncludeVat !== false) ? 1 : 0,
          content?.origin ?? '',
        );
      content?.lines.forEach((line, index) => this.statements.insertLine.run(id, index + 1, ...lineValues(line)));
    })();
    return id;
  }

  /** Deletes a draft; false when there is no such order. Sent orders stay in the history. */
  deleteDraft(orderId: string): boolean {
    return this.db.transaction(() => {
      const status = this.statements.status.get(orderId);
      if (status === undefined) return false;
      if (status !== 'draft') throw new PorterError('ORDER_NOT_EDITABLE', `Order ${orderId} was sent: only drafts can be deleted`);
      this.db.prepare('DELETE FROM orders WHERE id = ?').run(orderId);
      return true;
    })();
  }

  setDetails(orderId: string, deliveryDate: string | null, comment: string): Order {
    if (deliveryDate !== null && !isCalendarDate(deliveryDate)) {
      throw new PorterError('INVALID_INPUT', `${deliveryDate} is not a date`, { field: 'deliveryDate' });
    }
    this.edit(orderId, () => {
      this.db.prepare('UPDATE orders SET delivery_date = ?, comment = ? WHERE id = ?').run(deliveryDate, comment, orderId);
    });
    return this.get(orderId);
  }

  /** Sets a line's quantity (0 removes the line); a new line takes the item from the current price list. */
  setLineQuantity(orderId: string, itemCode: string, quantity: number): Order {
    return this.setLineQuantities(orderId, [{ itemCode, quantity }]);
  }

  /** Several quantities in one transaction: all are saved or none. */
  setLineQuantities(orderId: string, lines: readonly { itemCode: string; quantity: number }[]): Order {
    this.edit(orderId, () => {
      for (const { itemCode, quantity } of lines) {
        if (quantity === 0) {
          this.statements.deleteLine.run(orderId, itemCode);
          continue;
        }
        const catalog = this.catalog();
        const item = catalog ? itemByCode(catalog, itemCode) : null;
        if (this.statements.line.get(orderId, itemCode)) {
          this.statements.setQuantity.run(quantity, orderId, itemCode);
          if (item) this.refreshRules(orderId, item);
        } else {
          if (!item) {
            throw new PorterError('ITEM_NOT_IN_PRICE_LIST', `Item ${itemCode} is not in the current price list`, { field: 'itemCode' });
          }
          this.insertFromPriceList(orderId, item, quantity);
        }
      }
    });
    return this.get(orderId);
  }

  /** Adds quantities to the order (to a line's quantity when the item is already there), in one transaction. */
  addQuantities(orderId: string, additions: readonly { item: Item; quantity: number }[]): void {
    this.edit(orderId, () => {
      for (const { item, quantity } of additions) {
        const existing = this.statements.line.get(orderId, item.code);
        if (existing) {
          this.statements.setQuantity.run(Math.min(MAX_QUANTITY, existing.quantity + quantity), orderId, item.code);
          this.refreshRules(orderId, item);
        } else {
          this.insertFromPriceList(orderId, item, Math.min(MAX_QUANTITY, quantity));
        }
      }
    });
  }

  /** Takes the current price list's price (and VAT rate) for a line and clears its price-changed flag. */
  acceptLinePrice(orderId: string, itemCode: string): Order {
    this.edit(orderId, (order) => {
      if (!this.statements.line.get(orderId, itemCode)) {
        throw new PorterError('NOT_FOUND', `Order ${order.number} has no line for item ${itemCode}`, { field: 'itemCode' });
      }
      const catalog = this.catalog();
      const item = catalog?.itemByCode(itemCode);
      if (!catalog || !item) {
        throw new PorterError('ITEM_NOT_IN_PRICE_LIST', `Item ${itemCode} is not in the current price list`, { field: 'itemCode' });
      }
      const price = currentPrice(item, this.liveCheck(order, catalog));
      this.db
        .prepare(
          'UPDATE order_lines SET price_kopecks = ?, vat_rate = ?, repriced_from_kopecks = NULL WHERE order_id = ? AND item_code = ?',
        )
        .run(price, item.vatRate, orderId, itemCode);
      this.refreshRules(orderId, item);
    });
    return this.get(orderId);
  }

  // ── Sending ──────────────────────────────────────────────────────────────────────────────

  /** The draft is sent: read-only from now on, and in the history. */
  submit(orderId: string): Order {
    this.db.transaction(() => {
      const row = this.draftRow(orderId);
      this.freeze(row, 'submitted');
    })();
    return this.get(orderId);
  }

  /** Records an export: a draft becomes 'exported' (read-only, in the history); a sent order notes the time. */
  markExported(orderId: string): Order {
    this.db.transaction(() => {
      const row = this.statements.order.get(orderId);
      if (!row) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
      if (row.status === 'draft') this.freeze(row, 'exported');
      else this.db.prepare('UPDATE orders SET exported_at = ? WHERE id = ?').run(this.stamp(), orderId);
    })();
    return this.get(orderId);
  }

  private freeze(row: OrderRow, status: 'submitted' | 'exported'): void {
    if (this.statements.lineCount.get(row.id) === 0) {
      throw new PorterError('ORDER_EMPTY', `Order ${row.number} has no lines`);
    }
    const catalog = this.catalog();
    // What was sent is recorded with the item as the price list stated it at that moment.
    if (catalog) {
      for (const line of this.statements.lines.all(row.id)) {
        const item = itemByCode(catalog, line.item_code);
        if (item) this.refreshRules(row.id, item);
      }
    }
    const now = this.stamp();
    const minimum = catalog?.info.minOrderKopecks ?? null;
    this.db
      .prepare(
        `UPDATE orders SET status = ?, updated_at = ?, submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END,
           exported_at = CASE WHEN ? = 'exported' THEN ? ELSE exported_at END, min_order_kopecks = ? WHERE id = ?`,
      )
      .run(status, now, status, now, status, now, minimum, row.id);
    const sent = this.get(row.id);
    const summary = freezeSummary(sent);
    this.db
      .prepare('UPDATE orders SET line_count = ?, gross_kopecks = ?, search_text = ? WHERE id = ?')
      .run(summary.lineCount, summary.grossKopecks, summary.searchText, row.id);
    this.history.forgetOrderedItems();
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────

  /** Runs a change to a draft in one transaction and marks the draft as changed. */
  private edit(orderId: string, change: (order: OrderRow) => void): void {
    this.db.transaction(() => {
      const row = this.draftRow(orderId);
      change(row);
      this.statements.touch.run(this.stamp(), orderId);
    })();
  }

  private draftRow(orderId: string): OrderRow {
    const row = this.statements.order.get(orderId);
    if (!row) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
    if (row.status !== 'draft') throw new PorterError('ORDER_NOT_EDITABLE', `Order ${row.number} was sent and can no longer be changed`);
    return row;
  }

  private liveCheck(order: OrderRow, catalog: PriceListLookup): LiveCheck {
    return { orderIncludesVat: order.prices_include_vat === 1, priceListIncludesVat: catalog.info.pricesIncludeVat };
  }

  private insertFromPriceList(orderId: string, item: Item, quantity: number): void {
    const catalog = this.catalog()!;
    if (this.statements.lineCount.get(orderId) === 0) {
      // An empty draft belongs to the price list its first line comes from (VAT-inclusive or not).
      this.db
        .prepare('UPDATE orders SET price_list_id = ?, prices_include_vat = ? WHERE id = ?')
        .run(catalog.info.id, catalog.info.pricesIncludeVat ? 1 : 0, orderId);
    }
    const order = this.statements.order.get(orderId)!;
    const line: StoredLine = {
      itemCode: item.code,
      name: item.name,
      barcode: item.barcode,
      unit: item.unit,
      packMultiple: item.packMultiple,
      minOrderQuantity: item.minOrderQuantity,
      priceKopecks: currentPrice(item, this.liveCheck(order, catalog)),
      vatRate: item.vatRate,
      stock: exactStock(item),
      quantity,
      repricedFromKopecks: null,
    };
    this.statements.insertLine.run(orderId, this.statements.nextPosition.get(orderId), ...lineValues(line));
  }

  /** A line's item details follow the price list; its price changes only when the purchaser accepts it. */
  private refreshRules(orderId: string, item: Item): void {
    this.statements.refreshLine.run(
      item.name,
      item.barcode,
      item.unit,
      item.packMultiple,
      item.minOrderQuantity,
      exactStock(item),
      orderId,
      item.code,
    );
  }

  /** Strictly increasing timestamps: "changed last" stays well defined for changes within a millisecond. */
  private stamp(): string {
    this.lastStamp = Math.max(this.clock().getTime(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    order: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?'),
    status: db.prepare<[string], OrderStatus>('SELECT status FROM orders WHERE id = ?').pluck(),
    lines: db.prepare<[string], LineRow>(`SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = ? ORDER BY position`),
    line: db.prepare<[string, string], LineRow>(`SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = ? AND item_code = ?`),
    lineCount: db.prepare<[string], number>('SELECT count(*) FROM order_lines WHERE order_id = ?').pluck(),
    nextPosition: db.prepare<[string], number>('SELECT coalesce(max(position), 0) + 1 FROM order_lines WHERE order_id = ?').pluck(),
    insertLine: db.prepare(`INSERT INTO order_lines (order_id, position, ${LINE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    setQuantity: db.prepare('UPDATE order_lines SET quantity = ? WHERE order_id = ? AND item_code = ?'),
    refreshLine: db.prepare(
      `UPDATE order_lines SET name = ?, barcode = ?, unit = ?, pack_multiple = ?, min_order_quantity = ?, stock = ?
        WHERE order_id = ? AND item_code = ?`,
    ),
    deleteLine: db.prepare('DELETE FROM order_lines WHERE order_id = ? AND item_code = ?'),
    touch: db.prepare('UPDATE orders SET updated_at = ? WHERE id = ?'),
    lastDraft: db.prepare<[], string>("SELECT id FROM orders WHERE status = 'draft' ORDER BY updated_at DESC, rowid DESC LIMIT 1").pluck(),
  };
}
