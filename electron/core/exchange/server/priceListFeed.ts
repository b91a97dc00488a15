import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../db/sqlite';
import { PorterError } from '../../../../shared/errors';
import { PORTER_FILE_VERSION, PORTER_PRICE_LIST_FORMAT } from '../../../../shared/exchange';
import { readPriceTypes } from '../../catalog/itemRules';
import { pricingOf, type StorePricing } from '../../manager/storePricing';
import { APP_VERSION } from '../../version';
import { sha256Hex } from '../canonicalJson';

/** A version of the published price list: its id and its catalog file. */
export interface PublishedPriceList {
  id: string;
  catalogFile: string;
}

const BATCH = 2000;

/** Which prices of a catalog a store is served: the items' own (the main type's), or those of another of its price types. */
type PriceView = Exclude<StorePricing, { kind: 'unknown' }>;

/**
 * The price list the exchange server publishes: the current catalog, read from its own file (the
 * catalog files are immutable once built, so a read-only connection per request is all it takes).
 *
 * Prices per store (see priceView): a store with a price type gets that type's prices (a CommerceML
 * list keeps every type's: the main type's as the items' own price, the others' in item_prices); a
 * store without one, or any store when the list has a single price (CSV, XLSX), gets the items' own price. A type the list does not have is
 * refused with PRICE_TYPE_UNKNOWN rather than answered with someone else's prices.
 *
 * ETag: the price list's id, and for a store with its own price type also a hash of the type — the
 * same list with other prices is another representation. A delta is served against the previous
 * price list (Porter keeps its catalog file), comparing the prices of the store's type in both; for
 * any other `since`, or a previous list that had no prices of that type, the full list is served.
 */
export class PriceListFeed {
  constructor(
    private readonly db: Database.Database,
    private readonly catalogDir: string,
  ) {}

  current(): PublishedPriceList | null {
    const row = this.db
      .prepare<[], { id: string; catalog_file: string }>('SELECT id, catalog_file FROM price_lists WHERE is_current = 1')
      .get();
    return row ? { id: row.id, catalogFile: path.join(this.catalogDir, row.catalog_file) } : null;
  }

  etag(list: PublishedPriceList, priceType: string): string {
    return priceType === '' ? `"${list.id}"` : `"${list.id}.${sha256Hex(priceType).slice(0, 12)}"`;
  }

  /** Throws PRICE_TYPE_UNKNOWN (naming the list's types) when the list has price types and none is `priceType`. */
  checkPriceType(list: PublishedPriceList, priceType: string): void {
    const catalog = openSqlite(list.catalogFile, { readonly: true, fileMustExist: true });
    try {
      storeView(catalog, priceType, this.meta(catalog).pricesIncludeVat);
    } finally {
      catalog.close();
    }
  }

  /**
   * Writes the answer as JSON in chunks (a 200k-item list never becomes one string): whether it is the
   * full list or a delta, the codes removed, and the price list itself as a Porter price list file
   * (porter.price-list, shared/exchange.ts) — all items, or for a delta the new and changed ones.
   * write() resolves when the next chunk may follow.
   */
  async write(list: PublishedPriceList, priceType: string, since: string | null, write: (chunk: string) => Promise<void>): Promise<void> {
    const catalog = openSqlite(list.catalogFile, { readonly: true, fileMustExist: true });
    try {
      const meta = this.meta(catalog);
      const view = storeView(catalog, priceType, meta.pricesIncludeVat);
      const previous = since !== null && since !== list.id ? this.attachPrevious(catalog, since, priceType) : null;
      const kind = since === list.id || previous !== null ? 'delta' : 'full';
      const removedCodes = previous ? this.removedCodes(catalog, view, previous) : [];
      const exportedAt = new Date().toISOString();
      const priceList = {
        id: list.id,
        supplierName: meta.supplierName,
        priceType,
        currency: 'RUB',
        pricesIncludeVat: view.kind === 'typed' ? view.pricesIncludeVat : meta.pricesIncludeVat,
        minOrderKopecks: meta.minOrderKopecks,
        publishedAt: meta.importedAt || exportedAt,
        categories: this.categories(catalog),
      };
      const file = { format: PORTER_PRICE_LIST_FORMAT, version: PORTER_FILE_VERSION, generator: `Porter ${APP_VERSION}`, exportedAt };
      const head = JSON.stringify({ kind, since: kind === 'delta' ? since : null, removedCodes, file: { ...file, priceList } });
      // The head ends in "}}}": the items go into priceList, before its closing brace.
      await write(`${head.slice(0, -3)},"items":[`);
      const items = kind === 'full' ? this.allItems(catalog, view) : previous ? this.changedItems(catalog, view, previous) : [];
      let batch: string[] = [];
      let first = true;
      for (const item of items) {
        batch.push(JSON.stringify(item));
        if (batch.length >= BATCH) {
          await write((first ? '' : ',') + batch.join(','));
          first = false;
          batch = [];
        }
      }
      if (batch.length > 0) await write((first ? '' : ',') + batch.join(','));
      await write(']}}}');
    } finally {
      catalog.close();
    }
  }

  private meta(catalog: Database.Database): {
    supplierName: string;
    pricesIncludeVat: boolean;
    minOrderKopecks: number | null;
    importedAt: string;
  } {
    const meta = new Map(
      (catalog.prepare('SELECT key, value FROM main.meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    const minOrder = meta.get('minOrderKopecks');
    return {
      supplierName: meta.get('supplierName') ?? '',
      pricesIncludeVat: meta.get('pricesIncludeVat') !== '0',
      minOrderKopecks: minOrder !== undefined && /^\d+$/.test(minOrder) ? Number(minOrder) : null,
      importedAt: meta.get('importedAt') ?? '',
    };
  }

  /** Every category of the current list, parents first (ids as text, as the file format has them). */
  private categories(catalog: Database.Database): { id: string; name: string; parentId: string | null }[] {
    const nested = Number(catalog.pragma('main.user_version', { simple: true })) >= 2;
    const rows = catalog.prepare(`SELECT id, name, ${nested ? 'parent_id' : 'NULL'} AS parent FROM main.categories ORDER BY id`).all() as {
      id: number;
      name: string;
      parent: number | null;
    }[];
    return rows.map((r) => ({ id: String(r.id), name: r.name, parentId: r.parent === null ? null : String(r.parent) }));
  }

  private catalogFileOf(priceListId: string): string | null {
    const file = this.db.prepare<[string], string>('SELECT catalog_file FROM price_lists WHERE id = ?').pluck().get(priceListId);
    if (!file) return null;
    const full = path.join(this.catalogDir, file);
    return fs.existsSync(full) ? full : null;
  }

  /**
   * Attaches the catalog of the version the store has as `old`, when Porter still keeps it and it had
   * prices for this store's type; null otherwise (the store then gets the full list).
   */
  private attachPrevious(catalog: Database.Database, since: string, priceType: string): PriceView | null {
    const file = this.catalogFileOf(since);
    if (!file) return null;
    catalog.prepare('ATTACH DATABASE ? AS old').run(file);
    // Only which prices are compared matters here, not their VAT basis.
    const view = pricingOf(readPriceTypes(catalog, 'old'), priceType, true);
    if (view.kind !== 'unknown') return view;
    catalog.exec('DETACH DATABASE old');
    return null;
  }

  private *allItems(catalog: Database.Database, view: PriceView): Generator<WireItem> {
    const { columns, from } = itemSource(catalog, 'main', 'i', view);
    const sql = `SELECT ${columns}, i.category_id FROM ${from} ORDER BY i.id`;
    for (const row of catalog.prepare(sql).iterate() as IterableIterator<ItemRow>) yield toWireItem(row);
  }

  /**
   * Items that are new or differ in any published field (the category by name) from the same code in the
   * old list — prices compared as the store gets them from each list (its type's, or the items' own).
   */
  private *changedItems(catalog: Database.Database, view: PriceView, previous: PriceView): Generator<WireItem> {
    const cur = itemSource(catalog, 'main', 'i', view);
    const prev = itemSource(catalog, 'old', 'o', previous);
    const sql = `
      WITH cur AS (SELECT ${cur.columns}, coalesce(c.name, '') AS category
                     FROM ${cur.from} LEFT JOIN main.categories c ON c.id = i.category_id),
           prev AS (SELECT ${prev.columns}, coalesce(oc.name, '') AS category
                     FROM ${prev.from} LEFT JOIN old.categories oc ON oc.id = o.category_id),
           changed AS (SELECT * FROM cur EXCEPT SELECT * FROM prev)
      SELECT changed.*, i.category_id FROM changed JOIN main.items i ON i.code = changed.code ORDER BY i.id`;
    for (const row of catalog.prepare(sql).iterate() as IterableIterator<ItemRow>) yield toWireItem(row);
  }

  /** Codes the store had from the old list and does not get from the new one (gone, or no longer priced in its type). */
  private removedCodes(catalog: Database.Database, view: PriceView, previous: PriceView): string[] {
    const cur = itemSource(catalog, 'main', 'i', view);
    const prev = itemSource(catalog, 'old', 'o', previous);
    return catalog
      .prepare(`SELECT DISTINCT o.code FROM ${prev.from} WHERE o.code NOT IN (SELECT i.code FROM ${cur.from}) ORDER BY o.code`)
      .pluck()
      .all() as string[];
  }
}

/**
 * The current list's prices for a store whose price type is `priceType`, by the rule its orders are checked
 * by (manager/storePricing.ts); an item without a price of the store's type is not offered to the store, as
 * an import leaves out products without a price of its type. A type the list does not have is an error that
 * names the list's types.
 */
function storeView(catalog: Database.Database, priceType: string, listPricesIncludeVat: boolean): PriceView {
  const view = pricingOf(readPriceTypes(catalog), priceType, listPricesIncludeVat);
  if (view.kind !== 'unknown') return view;
  throw new PorterError(
    'PRICE_TYPE_UNKNOWN',
    `the published price list has no price type "${priceType.trim()}"; its price types are ${view.available.map((n) => `"${n}"`).join(', ')}`,
    { field: 'priceType', priceType, available: view.available },
  );
}

/** The published columns of a catalog's items and where they come from, with the price of the store's view. */
function itemSource(catalog: Database.Database, schema: 'main' | 'old', alias: string, view: PriceView): { columns: string; from: string } {
  const version = Number(catalog.pragma(`${schema}.user_version`, { simple: true }));
  const typed = view.kind === 'typed';
  const columns = [
    `${alias}.code, ${alias}.name, ${alias}.barcode, ${alias}.unit, ${alias}.pack_multiple, ${alias}.min_order_quantity`,
    `${typed ? `${alias}p` : alias}.price_kopecks AS price_kopecks, ${alias}.vat_rate, ${alias}.stock`,
    version >= 2 ? `${alias}.stock_at_least` : '0 AS stock_at_least',
  ].join(', ');
  const from = typed
    ? `${schema}.items ${alias} JOIN ${schema}.item_prices ${alias}p ON ${alias}p.item_id = ${alias}.id AND ${alias}p.price_type_id = ${Number(view.priceTypeId)}`
    : `${schema}.items ${alias}`;
  return { columns, from };
}

interface ItemRow {
  code: string;
  name: string;
  barcode: string;
  unit: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  vat_rate: number;
  stock: number | null;
  stock_at_least: number;
  category_id: number | null;
}

interface WireItem {
  code: string;
  name: string;
  barcode: string;
  unit: string;
  packMultiple: number;
  minOrderQuantity: number;
  priceKopecks: number;
  vatRate: number;
  stock: number | null;
  stockAtLeast: boolean;
  categoryId: string | null;
}

function toWireItem(r: ItemRow): WireItem {
  return {
    code: r.code,
    name: r.name,
    barcode: r.barcode,
    unit: r.unit,
    packMultiple: r.pack_multiple,
    minOrderQuantity: r.min_order_quantity,
    priceKopecks: r.price_kopecks,
    vatRate: r.vat_rate,
    stock: r.stock,
    stockAtLeast: r.stock_at_least === 1,
    categoryId: r.category_id === null ? null : String(r.category_id),
  };
}
