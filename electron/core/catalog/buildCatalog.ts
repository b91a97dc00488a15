import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import type { ImportOptions, RejectedRow } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import { REQUIRED_PRICE_LIST_FIELDS } from '../../../shared/priceListFields';
import { forEachItem, type ItemBatch } from './itemBatches';
import { NO_LETTERHEAD, type LetterheadFacts } from './letterhead';
import {
  CATALOG_FTS_FINISH,
  CATALOG_FTS_REBUILD,
  CATALOG_FTS_TABLE,
  CATALOG_INDEXES,
  CATALOG_SCHEMA_VERSION,
  CATALOG_TABLES,
  INDEX_ITEMS_FOR_SEARCH,
  ITEM_COLUMNS,
  itemPricesTable,
  itemsTable,
} from './catalogSchema';

/**
 * The supplier's own id of each item, for price lists that have one (CommerceML: the offer's Ид, which
 * 1C needs to take an order back in). Readers that do not know the table simply never open it.
 */
export const ITEM_REFS_TABLE = 'CREATE TABLE item_refs (code TEXT PRIMARY KEY, ref TEXT NOT NULL) STRICT, WITHOUT ROWID;';

/**
 * The supplier's own id of each declared category (a CommerceML group's Ид, a Porter price list's category
 * id): what a delta from the exchange API names an unchanged item's category by. Optional, like item_refs.
 */
export const CATEGORY_REFS_TABLE = 'CREATE TABLE category_refs (id INTEGER PRIMARY KEY, ref TEXT NOT NULL) STRICT;';

/** How many rejected rows are listed in the report; the rest are only counted. */
export const MAX_LISTED_REJECTIONS = 1000;

export interface BuildProgress {
  phase: 'reading' | 'indexing' | 'finishing';
  done: number;
  total: number;
  rows: number;
}

/** A category a batch declares before its items name it (CommerceML groups nest; CSV categories are names and need none). */
export interface CategoryDeclaration {
  /** What items put in `category` to name it (a CommerceML group's Ид). */
  key: string;
  name: string;
  parentKey: string | null;
}

/** One of the supplier's price types (CommerceML ТипЦены), kept in the catalog's price_types. */
export interface CatalogPriceType {
  /** The supplier's id of the type (ТипЦены/Ид): what itemPrices name it by. */
  ref: string;
  name: string;
  currency: string;
  /** Налог/УчтеноВСумме; null when not stated. */
  vatIncluded: boolean | null;
  /** The type the items' own price is (the store profile's, else the first declared). */
  main: boolean;
}

/** Validated items, plus what a CommerceML price list states beyond a table's rows. */
export interface CatalogBatch extends ItemBatch {
  /** Declared before the items that use them, parents first. */
  categories?: CategoryDeclaration[];
  /** The price list's own statement (CommerceML ТипЦены/Налог/УчтеноВСумме); the import options' otherwise. */
  pricesIncludeVat?: boolean;
  /** The supplier's id of each item, in item order (CommerceML offer Ид): what an order back to 1C names. */
  itemRefs?: string[];
  /** Declared before the items that use them (a CommerceML list with price types). */
  priceTypes?: CatalogPriceType[];
  /**
   * Each item's prices of the declared types other than the main one (by the type's ref), in item order; a type
   * the item has no price of is absent. The main type's price is the item's own.
   */
  itemPrices?: { ref: string; kopecks: number }[][];
}

export interface BuildCatalogParams {
  /** Validated rows, read in this thread or by a parse worker. */
  batches: AsyncIterable<CatalogBatch>;
  /** A CommerceML exchange and a Porter price list (the exchange API's) have no columns to map. */
  format?: 'table' | 'commerceml' | 'porter';
  fileName: string;
  options: Omit<ImportOptions, 'fileId'>;
  priceListId: string;
  importedAt: string;
  /** Where the finished file goes; it is built beside it under a temporary name. */
  catalogPath: string;
  signal?: AbortSignal;
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuiltCatalog {
  items: number;
  categories: number;
  rejected: RejectedRow[];
  rejectedNotListed: number;
}

/**
 * Reads a price list into a new catalog file: rows are validated and inserted, each batch indexed for
 * search as it goes, in one pass (the inserting thread would otherwise wait for the reading one, then
 * index alone); then the indexes are built and the search index merged, then the file is synced
 * and renamed into place. On error or cancellation the temporary file is removed and nothing else changes.
 */
export async function buildCatalog(params: BuildCatalogParams): Promise<BuiltCatalog> {
  const { options, signal } = params;
  const mapped = params.format === undefined || params.format === 'table';
  const missing = mapped ? REQUIRED_PRICE_LIST_FIELDS.filter((f) => options.mapping[f] === undefined) : [];
  if (missing.length > 0) {
    throw new PorterError('IMPORT_MAPPING_INCOMPLETE', `${params.fileName}: no column is mapped to ${missing.join(', ')}`, {
      file: params.fileName,
      field: missing[0],
    });
  }
  const tmpPath = `${params.catalogPath}.building`;
  fs.rmSync(tmpPath, { force: true });
  const db = openSqlite(tmpPath);
  let ok = false;
  try {
    // Derived data, rebuilt from the file on failure: no journal, no fsync until the end.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -8192');
    db.exec(CATALOG_TABLES + CATALOG_FTS_TABLE);
    const result = await loadRows(db, params);
    if (signal?.aborted) throw cancelled(params.fileName);
    if (result.items === 0 && params.format === 'porter') {
      throw new PorterError('IMPORT_NO_ITEMS', `${params.fileName}: the price list has no items`, { file: params.fileName });
    }
    if (result.items === 0 && params.format === 'commerceml') {
      const first = result.rejected[0];
      throw new PorterError(
        'IMPORT_NO_ITEMS',
        `${params.fileName}: no product of the catalog could be read with a price` + (first ? ` (first problem: ${first.reason})` : ''),
        { file: params.fileName },
      );
    }
    if (result.items === 0) {
      throw new PorterError('IMPORT_NO_ITEMS', `${params.fileName}: no item could be read after the header row ${options.headerRow}`, {
        file: params.fileName,
        row: options.headerRow,
      });
    }
    const report = (phase: BuildProgress['phase'], done: number) =>
      params.onProgress?.({ phase, done, total: 3, rows: result.items + result.rejectedCount });
    report('indexing', 0);
    db.exec(CATALOG_INDEXES);
    const duplicates = removeDuplicateCodes(db);
    for (const d of duplicates) result.addRejection(d);
    if (signal?.aborted) throw cancelled(params.fileName);
    report('indexing', 1);
    db.exec(CATALOG_FTS_FINISH);
    if (signal?.aborted) throw cancelled(params.fileName);
    report('finishing', 2);
    const items = result.items - duplicates.length;
    const categories = Number(db.prepare('SELECT count(*) FROM categories').pluck().get());
    const meta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
    meta.run('priceListId', params.priceListId);
    meta.run('sourceName', params.fileName);
    meta.run('importedAt', params.importedAt);
    meta.run('pricesIncludeVat', (result.pricesIncludeVat ?? options.pricesIncludeVat) ? '1' : '0');
    meta.run('itemCount', String(items));
    meta.run('categoryCount', String(categories));
    meta.run('supplierName', result.letterhead.supplierName);
    if (result.letterhead.minOrderKopecks !== null) meta.run('minOrderKopecks', String(result.letterhead.minOrderKopecks));
    db.pragma(`user_version = ${CATALOG_SCHEMA_VERSION}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    syncFile(tmpPath);
    fs.renameSync(tmpPath, params.catalogPath);
    ok = true;
    report('finishing', 3);
    return {
      items,
      categories,
      rejected: result.rejected.sort((a, b) => a.row - b.row),
      rejectedNotListed: result.rejectedNotListed,
    };
  } finally {
    if (db.open) db.close();
    if (!ok) fs.rmSync(tmpPath, { force: true });
  }
}

class LoadResult {
  items = 0;
  rejectedCount = 0;
  rejected: RejectedRow[] = [];
  rejectedNotListed = 0;
  letterhead: LetterheadFacts = NO_LETTERHEAD;
  pricesIncludeVat: boolean | undefined;
  addRejection(r: RejectedRow): void {
    this.rejectedCount++;
    if (this.rejected.length < MAX_LISTED_REJECTIONS) this.rejected.push(r);
    else this.rejectedNotListed++;
  }
}

async function loadRows(db: Database.Database, params: BuildCatalogParams): Promise<LoadResult> {
  const { signal } = params;
  const insertItem = db.prepare(`INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const indexForSearch = db.prepare(INDEX_ITEMS_FOR_SEARCH);
  const insertCategory = db.prepare('INSERT INTO categories (name) VALUES (?)');
  const categoryIds = new Map<string, number>();
  const categoryId = (name: string): number | null => {
    if (name === '') return null;
    let id = categoryIds.get(name);
    if (id === undefined) {
      id = Number(insertCategory.run(name).lastInsertRowid);
      categoryIds.set(name, id);
    }
    return id;
  };
  const declareCategory = db.prepare('INSERT INTO categories (name, parent_id) VALUES (?, ?)');
  const insertPriceType = db.prepare('INSERT INTO price_types (ref, name, currency, vat_included, is_main) VALUES (?, ?, ?, ?, ?)');
  const insertItemPrice = db.prepare('INSERT INTO item_prices (item_id, price_type_id, price_kopecks) VALUES (?, ?, ?)');
  const priceTypeIds = new Map<string, number>();
  let insertRef: Database.Statement | null = null;
  let insertCategoryRef: Database.Statement | null = null;
  const result = new LoadResult();
  let lastReport = 0;

  db.exec('BEGIN');
  for await (const batch of params.batches) {
    if (signal?.aborted) break;
    if (batch.letterhead) result.letterhead = batch.letterhead;
    if (batch.pricesIncludeVat !== undefined) result.pricesIncludeVat = batch.pricesIncludeVat;
    for (const c of batch.categories ?? []) {
      if (categoryIds.has(c.key)) continue;
      const parentId = c.parentKey === null ? null : (categoryIds.get(c.parentKey) ?? null);
      const id = Number(declareCategory.run(c.name, parentId).lastInsertRowid);
      categoryIds.set(c.key, id);
      if (!insertCategoryRef) {
        db.exec(CATEGORY_REFS_TABLE);
        insertCategoryRef = db.prepare('INSERT INTO category_refs (id, ref) VALUES (?, ?)');
      }
      insertCategoryRef.run(id, c.key);
    }
    for (const t of batch.priceTypes ?? []) {
      if (priceTypeIds.has(t.ref)) continue;
      const vat = t.vatIncluded === null ? null : t.vatIncluded ? 1 : 0;
      priceTypeIds.set(t.ref, Number(insertPriceType.run(t.ref, t.name, t.currency, vat, t.main ? 1 : 0).lastInsertRowid));
    }
    const refs = batch.itemRefs;
    const prices = batch.itemPrices;
    if (refs && !insertRef) {
      // Only CommerceML price lists have them; the first row of a code wins, like the items themselves.
      db.exec(ITEM_REFS_TABLE);
      insertRef = db.prepare('INSERT OR IGNORE INTO item_refs (code, ref) VALUES (?, ?)');
    }
    let index = 0;
    forEachItem(batch, (item) => {
      const itemPrices = prices?.[index];
      if (refs) insertRef!.run(item.code, refs[index]);
      index++;
      const { lastInsertRowid } = insertItem.run(
        item.code,
        item.name,
        item.barcode,
        item.unit,
        item.packMultiple,
        item.minOrderQuantity,
        item.priceKopecks,
        item.vatRate,
        item.stock,
        item.stockAtLeast ? 1 : 0,
        categoryId(item.category),
        item.sourceRow,
      );
      for (const price of itemPrices ?? []) {
        const typeId = priceTypeIds.get(price.ref);
        if (typeId !== undefined) insertItemPrice.run(lastInsertRowid, typeId, price.kopecks);
      }
    });
    if (batch.count > 0) indexForSearch.run(result.items + 1, result.items + batch.count);
    result.items += batch.count;
    for (const r of batch.rejected) result.addRejection(r);
    const now = Date.now();
    if (now - lastReport > 100) {
      lastReport = now;
      params.onProgress?.({ phase: 'reading', done: batch.bytesRead, total: batch.totalBytes, rows: batch.rowsRead });
      // Let cancellation and other work in this thread through between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  db.exec('COMMIT');
  return result;
}

/** Keeps the first row of each code; later rows with the same code are rejected with both row numbers. */
function removeDuplicateCodes(db: Database.Database): RejectedRow[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.code, i.source_row AS row, f.source_row AS firstRow
         FROM items i
         JOIN (SELECT code, min(id) AS first_id FROM items GROUP BY code HAVING count(*) > 1) d ON d.code = i.code
         JOIN items f ON f.id = d.first_id
        WHERE i.id <> d.first_id
        ORDER BY i.id`,
    )
    .all() as { id: number; code: string; row: number; firstRow: number }[];
  if (rows.length === 0) return [];
  const remove = db.prepare('DELETE FROM items WHERE id = ?');
  db.transaction(() => rows.forEach((r) => remove.run(r.id)))();
  // Renumber 1..N so paging by id range stays exact, the prices of each item following it (a removed
  // row's prices go with it); only files with duplicates pay for this.
  db.exec(`
    CREATE TEMP TABLE renumbered AS SELECT id AS old_id, row_number() OVER (ORDER BY id) AS new_id FROM items;
    ${itemsTable('items_compact')}
    INSERT INTO items_compact (${ITEM_COLUMNS}) SELECT ${ITEM_COLUMNS} FROM items ORDER BY id;
    DROP TABLE items;
    ALTER TABLE items_compact RENAME TO items;
    ${CATALOG_INDEXES}
    ${itemPricesTable('item_prices_compact')}
    INSERT INTO item_prices_compact (item_id, price_type_id, price_kopecks)
      SELECT r.new_id, p.price_type_id, p.price_kopecks FROM item_prices p JOIN temp.renumbered r ON r.old_id = p.item_id
       ORDER BY r.new_id, p.price_type_id;
    DROP TABLE item_prices;
    ALTER TABLE item_prices_compact RENAME TO item_prices;
    DROP TABLE temp.renumbered;
    ${CATALOG_FTS_REBUILD}
  `);
  return rows.map((r) => ({
    row: r.row,
    field: 'code',
    code: 'duplicateCode' as const,
    value: r.code.slice(0, 100),
    reason: `the code "${r.code}" already appears in row ${r.firstRow}`,
  }));
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function cancelled(fileName: string): PorterError {
  return new PorterError('JOB_CANCELLED', `Import of ${fileName} was cancelled; the previous price list is unchanged`, { file: fileName });
}
