import type Database from 'better-sqlite3';
import type { VatRate } from '../../../shared/money';

/** What checking an order line needs from the price list about its item. */
export interface ItemRules {
  code: string;
  packMultiple: number;
  minOrderQuantity: number;
  priceKopecks: number;
  vatRate: VatRate;
  /** null: the price list does not say. */
  stock: number | null;
  /** The stock is a lower bound ("более 100"), not a count. */
  stockAtLeast: boolean;
  category: string;
}

/** One of the supplier's price types a catalog keeps (CommerceML ТипЦены, catalog schema 3). */
export interface CatalogPriceType {
  /** The catalog's own id of the type: what item_prices name it by. */
  id: number;
  /** The supplier's Ид of the type. */
  ref: string;
  name: string;
  currency: string;
  /** Whether its prices include VAT; null when the list does not say (the list's own basis then). */
  vatIncluded: boolean | null;
  /** The type whose prices are the items' own (items.price_kopecks). */
  isMain: boolean;
}

interface ItemRulesRow {
  code: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number | null;
  vat_rate: number;
  stock: number | null;
  stock_at_least: number;
  category: string | null;
}

const CHUNK = 10_000;

/**
 * The quantity and price rules of many items at once, by code — the first item of a code, as a lookup by
 * code gives it — in one statement per 10,000 codes. The price is the items' own (the main type's), or
 * with `priceTypeId` that type's from item_prices: an item without a price of the type is absent then,
 * as are codes not in the list.
 */
export function readItemRules(
  db: Database.Database,
  codes: readonly string[],
  options: { stockAtLeast: boolean; priceTypeId: number | null },
): Map<string, ItemRules> {
  const rules = new Map<string, ItemRules>();
  const typed = options.priceTypeId !== null;
  const statement = db.prepare(
    `SELECT i.code, i.pack_multiple, i.min_order_quantity, ${typed ? 'p.price_kopecks' : 'i.price_kopecks'} AS price_kopecks,
       i.vat_rate, i.stock, ${options.stockAtLeast ? 'i.stock_at_least' : '0 AS stock_at_least'}, c.name AS category
     FROM items i LEFT JOIN categories c ON c.id = i.category_id
       ${typed ? `LEFT JOIN item_prices p ON p.item_id = i.id AND p.price_type_id = ${Number(options.priceTypeId)}` : ''}
     WHERE i.code IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
  );
  const seen = new Set<string>();
  for (let start = 0; start < codes.length; start += CHUNK) {
    const rows = statement.all(JSON.stringify(codes.slice(start, start + CHUNK))) as ItemRulesRow[];
    for (const r of rows) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      if (r.price_kopecks === null) continue;
      rules.set(r.code, {
        code: r.code,
        packMultiple: r.pack_multiple,
        minOrderQuantity: r.min_order_quantity,
        priceKopecks: r.price_kopecks,
        vatRate: r.vat_rate as VatRate,
        stock: r.stock,
        stockAtLeast: r.stock_at_least === 1,
        category: r.category ?? '',
      });
    }
  }
  return rules;
}

/**
 * The catalog's price types in the order declared: none for a list with one price (CSV, XLSX, a Porter list)
 * or a catalog from before schema 3. `schema`: the catalog's, or one attached under that name.
 */
export function readPriceTypes(db: Database.Database, schema = 'main'): CatalogPriceType[] {
  if (Number(db.pragma(`${schema}.user_version`, { simple: true })) < 3) return [];
  const rows = db.prepare(`SELECT id, ref, name, currency, vat_included, is_main FROM ${schema}.price_types ORDER BY id`).all() as {
    id: number;
    ref: string;
    name: string;
    currency: string;
    vat_included: number | null;
    is_main: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    name: r.name,
    currency: r.currency,
    vatIncluded: r.vat_included === null ? null : r.vat_included === 1,
    isMain: r.is_main === 1,
  }));
}
