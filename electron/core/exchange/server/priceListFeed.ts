import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../db/sqlite';
import { PORTER_FILE_VERSION, PORTER_PRICE_LIST_FORMAT } from '../../../../shared/exchange';
import { APP_VERSION } from '../../version';
import { sha256Hex } from '../canonicalJson';

/** A version of the published price list: its id and its catalog file. */
export interface PublishedPriceList {
  id: string;
  catalogFile: string;
}

const BATCH = 2000;

/**
 * The price list the exchange server publishes: the current catalog, read from its own file (the
 * catalog files are immutable once built, so a read-only connection per request is all it takes).
 *
 * ETag: the price list's id, and for a store with its own price type also a hash of the type — the
 * same list with other prices is another representation. A delta is served against the previous
 * price list (Porter keeps its catalog file); for any other `since` the full list is served.
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

  /**
   * Writes the answer as JSON in chunks (a 200k-item list never becomes one string): whether it is the
   * full list or a delta, the codes removed, and the price list itself as a Porter price list file
   * (porter.price-list, shared/exchange.ts) — all items, or for a delta the new and changed ones.
   * write() resolves when the next chunk may follow.
   */
  async write(list: PublishedPriceList, priceType: string, since: string | null, write: (chunk: string) => Promise<void>): Promise<void> {
    const catalog = openSqlite(list.catalogFile, { readonly: true, fileMustExist: true });
    try {
      const previousFile = since !== null && since !== list.id ? this.catalogFileOf(since) : null;
      const kind = since === list.id || previousFile !== null ? 'delta' : 'full';
      if (previousFile) catalog.prepare('ATTACH DATABASE ? AS old').run(previousFile);
      const removedCodes = previousFile ? this.removedCodes(catalog) : [];
      const exportedAt = new Date().toISOString();
      const meta = this.meta(catalog);
      const priceList = {
        id: list.id,
        supplierName: meta.supplierName,
        priceType,
        currency: 'RUB',
        pricesIncludeVat: meta.pricesIncludeVat,
        minOrderKopecks: meta.minOrderKopecks,
        publishedAt: meta.importedAt || exportedAt,
        categories: this.categories(catalog),
      };
      const file = { format: PORTER_PRICE_LIST_FORMAT, version: PORTER_FILE_VERSION, generator: `Porter ${APP_VERSION}`, exportedAt };
      const head = JSON.stringify({ kind, since: kind === 'delta' ? since : null, removedCodes, file: { ...file, priceList } });
      // The head ends in "}}}": the items go into priceList, before its closing brace.
      await write(`${head.slice(0, -3)},"items":[`);
      const items = kind === 'full' ? this.allItems(catalog) : since === list.id ? [] : this.changedItems(catalog);
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

  private columns(catalog: Database.Database, schema: 'main' | 'old', alias: string): string {
    const version = Number(catalog.pragma(`${schema}.user_version`, { simple: true }));
    return [
      `${alias}.code, ${alias}.name, ${alias}.barcode, ${alias}.unit, ${alias}.pack_multiple, ${alias}.min_order_quantity`,
      `${alias}.price_kopecks, ${alias}.vat_rate, ${alias}.stock`,
      version >= 2 ? `${alias}.stock_at_least` : '0 AS stock_at_least',
    ].join(', ');
  }

  private *allItems(catalog: Database.Database): Generator<WireItem> {
    const sql = `SELECT ${this.columns(catalog, 'main', 'i')}, i.category_id FROM main.items i ORDER BY i.id`;
    for (const row of catalog.prepare(sql).iterate() as IterableIterator<ItemRow>) yield toWireItem(row);
  }

  /** Items that are new or differ in any published field (the category by name) from the same code in the old list. */
  private *changedItems(catalog: Database.Database): Generator<WireItem> {
    const sql = `
      WITH cur AS (SELECT ${this.columns(catalog, 'main', 'i')}, coalesce(c.name, '') AS category
                     FROM main.items i LEFT JOIN main.categories c ON c.id = i.category_id),
           prev AS (SELECT ${this.columns(catalog, 'old', 'o')}, coalesce(oc.name, '') AS category
                     FROM old.items o LEFT JOIN old.categories oc ON oc.id = o.category_id),
           changed AS (SELECT * FROM cur EXCEPT SELECT * FROM prev)
      SELECT changed.*, i.category_id FROM changed JOIN main.items i ON i.code = changed.code ORDER BY i.id`;
    for (const row of catalog.prepare(sql).iterate() as IterableIterator<ItemRow>) yield toWireItem(row);
  }

  private removedCodes(catalog: Database.Database): string[] {
    return catalog
      .prepare('SELECT DISTINCT code FROM old.items WHERE code NOT IN (SELECT code FROM main.items) ORDER BY code')
      .pluck()
      .all() as string[];
  }
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
