import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import type { CatalogView, Category, Item, PriceListInfo } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { VatRate } from '../../../shared/money';
import { normalizeSearchText, searchWords } from '../../../shared/search';
import { createLogger } from '../logger';
import { CATALOG_SCHEMA_VERSION, OLDEST_READABLE_CATALOG_VERSION } from './catalogSchema';
import {
  FOLD_FUNCTION,
  ftsMatch,
  isPlainView,
  ViewCache,
  viewKey,
  viewSpec,
  viewSql,
  type CatalogCapabilities,
  type ViewSpec,
} from './catalogViews';
import { readItemRules, readPriceTypes, type CatalogPriceType, type ItemRules } from './itemRules';

export type { CatalogPriceType, ItemRules } from './itemRules';

const log = createLogger('catalog.reader');

/** Counting stops here: "more than 10 000 found" is all a person needs from a one-letter query. */
export const COUNT_CAP = 10_000;

interface ItemRow {
  id: number;
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
  category: string | null;
  /** The price in the previous price list; null when the item is not in it (or there is none). */
  previous_price: number | null;
}

export interface SearchResult {
  items: Item[];
  total: number;
  totalExact: boolean;
}

/**
 * Read-only access to one catalog file: paging, search, browsing views, categories,
 * lookups by code and barcode. The previous price list's catalog, when there is one, is
 * attached read-only as `prev`, so every item returned says whether it is new and what it
 * cost before — looked up by code through prev's index for the rows returned only.
 */
export class CatalogReader {
  readonly info: PriceListInfo;
  readonly hasPreviousPriceList: boolean;
  private readonly db: Database.Database;
  private readonly can: CatalogCapabilities;
  /** Schema 2 added categories.parent_id (and items.stock_at_least). */
  private readonly nestedCategories: boolean;
  private readonly pageStatement: Database.Statement;
  private readonly searchStatement: Database.Statement;
  private readonly countStatement: Database.Statement;
  private readonly byCodeStatement: Database.Statement;
  private readonly byBarcodeStatement: Database.Statement;
  private readonly byIdsStatement: Database.Statement;
  private readonly views = new ViewCache(4);
  private categoryList: Category[] | null = null;
  private priceTypeList: CatalogPriceType[] | null = null;
  /** Schema 3 added price_types and item_prices. */
  private readonly schemaVersion: number;

  /** previousFile: the catalog of the price list before this one, when it is still kept. */
  constructor(file: string, previousFile: string | null = null) {
    try {
      this.db = openSqlite(file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new PorterError('DB_OPEN_FAILED', `Cannot open the price list file ${file}: ${(error as Error).message}`, { file });
    }
    const version = Number(this.db.pragma('user_version', { simple: true }));
    if (version > CATALOG_SCHEMA_VERSION) {
      this.db.close();
      throw new PorterError('DB_NEWER_VERSION', `The price list file ${file} was written by a newer Porter (schema ${version})`, { file });
    }
    if (version < OLDEST_READABLE_CATALOG_VERSION) {
      this.db.close();
      throw new PorterError('DB_OPEN_FAILED', `The price list file ${file} is not a finished Porter catalog (schema ${version})`, { file });
    }
    this.schemaVersion = version;
    this.hasPreviousPriceList = previousFile !== null && this.attachPrevious(previousFile);
    this.can = { stockAtLeast: version >= 2, previous: this.hasPreviousPriceList };
    this.nestedCategories = version >= 2;
    this.db.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) => normalizeSearchText(String(text)));

    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    const minOrder = meta.get('minOrderKopecks');
    this.info = {
      id: meta.get('priceListId') ?? '',
      sourceName: meta.get('sourceName') ?? '',
      supplierName: meta.get('supplierName') ?? '',
      importedAt: meta.get('importedAt') ?? '',
      itemCount: Number(meta.get('itemCount') ?? 0),
      categoryCount: Number(meta.get('categoryCount') ?? 0),
      pricesIncludeVat: meta.get('pricesIncludeVat') !== '0',
      minOrderKopecks: minOrder === undefined || !/^\d+$/.test(minOrder) ? null : Number(minOrder),
    };

    const columns = [
      'i.id, i.code, i.name, i.barcode, i.unit, i.pack_multiple, i.min_order_quantity, i.price_kopecks, i.vat_rate, i.stock',
      this.can.stockAtLeast ? 'i.stock_at_least' : '0 AS stock_at_least',
      'c.name AS category',
      // A scalar subquery per returned row: an index lookup in prev, never a join over the whole list.
      this.can.previous ? '(SELECT p.price_kopecks FROM prev.items p WHERE p.code = i.code) AS previous_price' : 'NULL AS previous_price',
    ].join(', ');
    const from = 'items i LEFT JOIN categories c ON c.id = i.category_id';
    this.pageStatement = this.db.prepare(`SELECT ${columns} FROM ${from} WHERE i.id > ? ORDER BY i.id LIMIT ?`);
    this.searchStatement = this.db.prepare(
      `SELECT ${columns} FROM items_fts f JOIN items i ON i.id = f.rowid LEFT JOIN categories c ON c.id = i.category_id
        WHERE items_fts MATCH ? LIMIT ? OFFSET ?`,
    );
    this.countStatement = this.db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ${COUNT_CAP + 1})`)
      .pluck();
    this.byCodeStatement = this.db.prepare(`SELECT ${columns} FROM ${from} WHERE i.code = ?`);
    this.byBarcodeStatement = this.db.prepare(
      `SELECT ${columns} FROM ${from} WHERE i.barcode = ? AND i.barcode <> '' ORDER BY i.id LIMIT 1`,
    );
    this.byIdsStatement = this.db.prepare(`SELECT ${columns} FROM ${from} WHERE i.id IN (SELECT value FROM json_each(?))`);
  }

  private attachPrevious(previousFile: string): boolean {
    if (!fs.existsSync(previousFile)) return false;
    try {
      // A read-only connection attaches read-only.
      this.db.prepare('ATTACH DATABASE ? AS prev').run(previousFile);
      this.db.prepare('SELECT code, price_kopecks FROM prev.items LIMIT 1').all();
      return true;
    } catch (error) {
      // Comparison is a convenience: without it the list still opens, with nothing marked new.
      log.warn('previous price list not readable; items are not compared with it', {
        file: previousFile,
        error: (error as Error).message,
      });
      if ((this.db.prepare("SELECT count(*) FROM pragma_database_list WHERE name = 'prev'").pluck().get() as number) > 0) {
        this.db.exec('DETACH DATABASE prev');
      }
      return false;
    }
  }

  /**
   * Every word of the query must start a word of the item's name, code or barcode
   * (prefix match), in any order; case and ё/е do not matter. An empty query pages the
   * whole price list in file order.
   */
  search(query: string, offset: number, limit: number): SearchResult {
    const words = searchWords(query);
    if (words.length === 0) {
      // Ids are 1..N in file order: the page starts at id offset + 1, without walking the rows before it.
      const items = (this.pageStatement.all(offset, limit) as ItemRow[]).map((r) => this.toItem(r));
      return { items, total: this.info.itemCount, totalExact: true };
    }
    const match = ftsMatch(words);
    const items = (this.searchStatement.all(match, limit, offset) as ItemRow[]).map((r) => this.toItem(r));
    const counted = Number(this.countStatement.get(match));
    return { items, total: Math.min(counted, COUNT_CAP), totalExact: counted <= COUNT_CAP };
  }

  /**
   * One page of a view: search text, category (with its subcategories), filters, sort.
   * Plain views take the fast paths of search(); any other view is listed once and kept
   * (a few recent ones), so paging through it costs a slice and a lookup by id.
   */
  browse(view: CatalogView, offset: number, limit: number, orderedItemCodes: () => string[]): SearchResult {
    const categoryIds = view.categoryId === null || view.categoryId === undefined ? null : this.categoryWithDescendants(view.categoryId);
    const spec = viewSpec(view, categoryIds, orderedItemCodes);
    if (isPlainView(spec)) return this.search(view.query, offset, limit);
    const ids = this.viewIds(spec);
    return {
      items: this.itemsByIds(ids.subarray(Math.min(offset, ids.length), Math.min(offset + limit, ids.length))),
      total: ids.length,
      totalExact: true,
    };
  }

  private viewIds(spec: ViewSpec): Int32Array {
    const key = viewKey(spec);
    let ids = this.views.get(key);
    if (!ids) {
      const { sql, params } = viewSql(spec, this.can);
      ids = Int32Array.from(
        this.db
          .prepare(sql)
          .pluck()
          .all(...params) as number[],
      );
      this.views.set(key, ids);
    }
    return ids;
  }

  private itemsByIds(ids: Int32Array): Item[] {
    if (ids.length === 0) return [];
    const rows = new Map((this.byIdsStatement.all(JSON.stringify(Array.from(ids))) as ItemRow[]).map((r) => [r.id, r]));
    const items: Item[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (row) items.push(this.toItem(row));
    }
    return items;
  }

  /** Every category in the price list's order, with the items in it and in its subcategories. */
  categories(): Category[] {
    if (this.categoryList) return this.categoryList;
    const list = (
      this.db.prepare(`SELECT id, name, ${this.nestedCategories ? 'parent_id' : 'NULL'} AS parentId FROM categories ORDER BY id`).all() as {
        id: number;
        name: string;
        parentId: number | null;
      }[]
    ).map((c) => ({ ...c, itemCount: 0 }));
    const byId = new Map(list.map((c) => [c.id, c]));
    const direct = this.db
      .prepare('SELECT category_id AS id, count(*) AS n FROM items WHERE category_id IS NOT NULL GROUP BY category_id')
      .all() as { id: number; n: number }[];
    for (const { id, n } of direct) {
      // Up the chain to the root; the guard stops a malformed cycle.
      for (let c = byId.get(id), depth = 0; c && depth < 100; c = c.parentId === null ? undefined : byId.get(c.parentId), depth++) {
        c.itemCount += n;
      }
    }
    this.categoryList = list;
    return list;
  }

  private categoryWithDescendants(categoryId: number): number[] {
    const categories = this.categories();
    if (!categories.some((c) => c.id === categoryId)) return [];
    const children = new Map<number, number[]>();
    for (const c of categories) {
      if (c.parentId === null) continue;
      const siblings = children.get(c.parentId);
      if (siblings) siblings.push(c.id);
      else children.set(c.parentId, [c.id]);
    }
    const ids = new Set<number>([categoryId]);
    const queue = [categoryId];
    while (queue.length > 0) {
      for (const child of children.get(queue.pop()!) ?? []) {
        if (!ids.has(child)) {
          ids.add(child);
          queue.push(child);
        }
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** The first item with this barcode (a barcode should be unique; the file decides if not). */
  itemByBarcode(barcode: string): Item | null {
    const row = this.byBarcodeStatement.get(barcode) as ItemRow | undefined;
    return row ? this.toItem(row) : null;
  }

  itemByCode(code: string): Item | null {
    const row = this.byCodeStatement.get(code) as ItemRow | undefined;
    return row ? this.toItem(row) : null;
  }

  /**
   * The quantity and price rules of many items at once, by code (the first item of a code, as
   * itemByCode): the manager's checks look up every item of a day's orders in one statement per
   * 10,000 codes instead of one lookup each. Codes not in the price list are simply absent. The price
   * is the items' own, or with `priceTypeId` (one of priceTypes(), not the main one) that type's: an
   * item without a price of the type is absent then.
   */
  itemRulesByCodes(codes: readonly string[], priceTypeId: number | null = null): Map<string, ItemRules> {
    return readItemRules(this.db, codes, { stockAtLeast: this.can.stockAtLeast, priceTypeId });
  }

  /** The supplier's price types (CommerceML ТипыЦен) in the order declared; none for a list with one price or an older catalog. */
  priceTypes(): readonly CatalogPriceType[] {
    this.priceTypeList ??= this.schemaVersion >= 3 ? readPriceTypes(this.db) : [];
    return this.priceTypeList;
  }

  close(): void {
    this.db.close();
  }

  private toItem(r: ItemRow): Item {
    return {
      code: r.code,
      name: r.name,
      barcode: r.barcode,
      unit: r.unit,
      packMultiple: r.pack_multiple,
      minOrderQuantity: r.min_order_quantity,
      priceKopecks: r.price_kopecks,
      vatRate: r.vat_rate as VatRate,
      stock: r.stock,
      stockAtLeast: r.stock_at_least === 1,
      category: r.category ?? '',
      isNew: this.hasPreviousPriceList && r.previous_price === null,
      previousPriceKopecks: r.previous_price !== null && r.previous_price !== r.price_kopecks ? r.previous_price : null,
    };
  }
}
