import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TemplateSummary } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { VatRate } from '../../../shared/money';
import { normalizeSearchText } from '../../../shared/search';
import type { StoredLine } from './lineChecks';

interface TemplateRow {
  id: string;
  name: string;
  created_at: string;
  prices_include_vat: number;
  line_count: number;
}

interface TemplateLineRow {
  item_code: string;
  name: string;
  barcode: string;
  unit: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  vat_rate: number;
  quantity: number;
}

export interface OrderTemplate {
  id: string;
  name: string;
  pricesIncludeVat: boolean;
  lines: StoredLine[];
}

/**
 * Order templates ("weekly dairy"): an order's lines saved under a name, to start new drafts from.
 * A template keeps each item as it was (name, price, pack), so that a draft started from it can flag
 * the prices that changed since and keep the items that left the price list.
 */
export class OrderTemplates {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Saves lines under a name; saving under a name already used (in any case) replaces that template's lines. */
  save(name: string, lines: readonly StoredLine[], pricesIncludeVat: boolean): TemplateSummary {
    const trimmed = name.trim();
    if (trimmed === '') throw new PorterError('INVALID_INPUT', 'A template needs a name', { field: 'name' });
    if (lines.length === 0) throw new PorterError('ORDER_EMPTY', 'An order without lines cannot be saved as a template');
    const key = normalizeSearchText(trimmed);
    const id = this.db.transaction(() => {
      const existing = this.rows().find((t) => normalizeSearchText(t.name) === key);
      const templateId = existing?.id ?? crypto.randomUUID();
      const now = this.clock().toISOString();
      if (existing) {
        this.db.prepare('DELETE FROM order_template_lines WHERE template_id = ?').run(templateId);
        this.db
          .prepare('UPDATE order_templates SET name = ?, created_at = ?, prices_include_vat = ? WHERE id = ?')
          .run(trimmed, now, pricesIncludeVat ? 1 : 0, templateId);
      } else {
        this.db
          .prepare('INSERT INTO order_templates (id, name, created_at, prices_include_vat) VALUES (?, ?, ?, ?)')
          .run(templateId, trimmed, now, pricesIncludeVat ? 1 : 0);
      }
      const insert = this.db.prepare(
        `INSERT INTO order_template_lines (template_id, item_code, name, barcode, unit, pack_multiple, min_order_quantity, price_kopecks, vat_rate, quantity, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      lines.forEach((l, index) =>
        insert.run(
          templateId,
          l.itemCode,
          l.name,
          l.barcode,
          l.unit,
          l.packMultiple,
          l.minOrderQuantity,
          l.priceKopecks,
          l.vatRate,
          l.quantity,
          index + 1,
        ),
      );
      return templateId;
    })();
    return this.list().find((t) => t.id === id)!;
  }

  /** Templates by name. */
  list(): TemplateSummary[] {
    return this.rows()
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
      .map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lineCount: t.line_count }));
  }

  delete(templateId: string): boolean {
    return this.db.prepare('DELETE FROM order_templates WHERE id = ?').run(templateId).changes > 0;
  }

  get(templateId: string): OrderTemplate {
    const row = this.db.prepare<[string], TemplateRow>('SELECT *, 0 AS line_count FROM order_templates WHERE id = ?').get(templateId);
    if (!row) throw new PorterError('NOT_FOUND', `No template with id ${templateId}`);
    const lines = this.db
      .prepare<[string], TemplateLineRow>('SELECT * FROM order_template_lines WHERE template_id = ? ORDER BY position')
      .all(templateId)
      .map((l): StoredLine => ({
        itemCode: l.item_code,
        name: l.name,
        barcode: l.barcode,
        unit: l.unit,
        packMultiple: l.pack_multiple,
        minOrderQuantity: l.min_order_quantity,
        priceKopecks: l.price_kopecks,
        vatRate: l.vat_rate as VatRate,
        stock: null,
        quantity: l.quantity,
        repricedFromKopecks: null,
      }));
    return { id: row.id, name: row.name, pricesIncludeVat: row.prices_include_vat === 1, lines };
  }

  private rows(): TemplateRow[] {
    return this.db
      .prepare<[], TemplateRow>(
        `SELECT t.*, (SELECT count(*) FROM order_template_lines l WHERE l.template_id = t.id) AS line_count FROM order_templates t`,
      )
      .all();
  }
}
