import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Order, OrderLine } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import { lineTotals, orderTotals, type VatRate } from '../../../shared/money';
import { checkQuantity } from '../../../shared/quantity';
import type { CatalogReader } from '../catalog/catalogReader';

interface OrderRow {
  id: string;
  number: string;
  status: 'draft';
  created_at: string;
  updated_at: string;
  price_list_id: string | null;
  prices_include_vat: number;
}

interface LineRow {
  item_code: string;
  name: string;
  barcode: string;
  unit: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  vat_rate: number;
  stock: number | null;
  quantity: number;
}

/**
 * Draft orders. Every change is its own committed transaction (synchronous=FULL), so what
 * the purchaser saw saved survives closing the window, a crash or a power cut. A line keeps
 * the item's price and rules as they were when it was added.
 */
export class OrderService {
  constructor(
    private readonly db: Database.Database,
    private readonly catalog: () => CatalogReader | null,
  ) {}

  currentDraft(): Order {
    const id = this.db
      .prepare("SELECT id FROM orders WHERE status = 'draft' ORDER BY updated_at DESC, rowid DESC LIMIT 1")
      .pluck()
      .get() as string | undefined;
    return this.get(id ?? this.createDraft());
  }

  createDraft(): string {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const info = this.catalog()?.info;
    this.db.transaction(() => {
      const next = Number(this.db.prepare("SELECT value FROM settings WHERE key = 'nextOrderNumber'").pluck().get() ?? 1);
      this.db
        .prepare("INSERT INTO settings (key, value) VALUES ('nextOrderNumber', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(next + 1));
      this.db
        .prepare(
          `INSERT INTO orders (id, number, status, created_at, updated_at, price_list_id, prices_include_vat)
           VALUES (?, ?, 'draft', ?, ?, ?, ?)`,
        )
        .run(id, `P-${String(next).padStart(6, '0')}`, now, now, info?.id ?? null, info?.pricesIncludeVat === false ? 0 : 1);
    })();
    return id;
  }

  get(orderId: string): Order {
    const row = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderRow | undefined;
    if (!row) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
    const lineRows = this.db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY position').all(orderId) as LineRow[];
    const pricesIncludeVat = row.prices_include_vat === 1;
    const lines = lineRows.map((l) => toOrderLine(l, pricesIncludeVat));
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      priceListId: row.price_list_id,
      pricesIncludeVat,
      lines,
      totals: orderTotals(lines, pricesIncludeVat),
    };
  }

  /** Sets a line's quantity (0 removes the line); a new line takes the item from the current price list. */
  setLineQuantity(orderId: string, itemCode: string, quantity: number): Order {
    const order = this.db.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(orderId) as string | undefined;
    if (order === undefined) throw new PorterError('NOT_FOUND', `No order with id ${orderId}`);
    if (order !== 'draft') throw new PorterError('ORDER_NOT_EDITABLE', `Order ${orderId} is no longer a draft`);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (quantity === 0) {
        this.db.prepare('DELETE FROM order_lines WHERE order_id = ? AND item_code = ?').run(orderId, itemCode);
      } else {
        const updated = this.db
          .prepare('UPDATE order_lines SET quantity = ? WHERE order_id = ? AND item_code = ?')
          .run(quantity, orderId, itemCode);
        if (updated.changes === 0) {
          const catalog = this.catalog();
          const item = catalog?.itemByCode(itemCode);
          if (!catalog || !item)
            throw new PorterError('ITEM_NOT_IN_PRICE_LIST', `Item ${itemCode} is not in the current price list`, { field: 'itemCode' });
          const position = Number(
            this.db.prepare('SELECT coalesce(max(position), 0) + 1 FROM order_lines WHERE order_id = ?').pluck().get(orderId),
          );
          if (position === 1) {
            // An empty draft belongs to the price list its first line comes from (VAT-inclusive or not).
            this.db
              .prepare('UPDATE orders SET price_list_id = ?, prices_include_vat = ? WHERE id = ?')
              .run(catalog.info.id, catalog.info.pricesIncludeVat ? 1 : 0, orderId);
          }
          this.db
            .prepare(
              `INSERT INTO order_lines (order_id, item_code, name, barcode, unit, pack_multiple, min_order_quantity, price_kopecks, vat_rate, stock, quantity, position)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              orderId,
              item.code,
              item.name,
              item.barcode,
              item.unit,
              item.packMultiple,
              item.minOrderQuantity,
              item.priceKopecks,
              item.vatRate,
              item.stock,
              quantity,
              position,
            );
        }
      }
      this.db.prepare('UPDATE orders SET updated_at = ? WHERE id = ?').run(now, orderId);
    })();
    return this.get(orderId);
  }
}

function toOrderLine(l: LineRow, pricesIncludeVat: boolean): OrderLine {
  const vatRate = l.vat_rate as VatRate;
  const totals = lineTotals({ priceKopecks: l.price_kopecks, quantity: l.quantity, vatRate }, pricesIncludeVat);
  return {
    itemCode: l.item_code,
    name: l.name,
    barcode: l.barcode,
    unit: l.unit,
    packMultiple: l.pack_multiple,
    minOrderQuantity: l.min_order_quantity,
    priceKopecks: l.price_kopecks,
    vatRate,
    quantity: l.quantity,
    amountKopecks: totals.amountKopecks,
    vatKopecks: totals.vatKopecks,
    grossKopecks: totals.grossKopecks,
    problems: checkQuantity(l.quantity, { packMultiple: l.pack_multiple, minOrderQuantity: l.min_order_quantity, stock: l.stock }),
  };
}
