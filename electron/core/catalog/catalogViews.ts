import crypto from 'node:crypto';
import type { CatalogView } from '../../../shared/domain';
import { searchWords } from '../../../shared/search';

/**
 * A catalog view other than the two fast paths (the whole list in file order, a plain
 * search): its matching item ids are found and ordered once, kept as an Int32Array, and
 * each page of the grid is then a slice of it. Sorting 200,000 rows again for every page
 * scrolled would cost far more than the page itself.
 */

/** What a view asks for, normalised: equal views have equal keys. */
export interface ViewSpec {
  words: string[];
  /** The category and its subcategories, or null for all items. */
  categoryIds: number[] | null;
  inStock: boolean;
  /** Codes of items in this store's submitted or exported orders, or null for no such filter. */
  orderedCodes: string[] | null;
  newItems: boolean;
  priceChanged: boolean;
  sort: NonNullable<CatalogView['sort']> | null;
}

/** What the catalog file (and its previous price list) can answer. */
export interface CatalogCapabilities {
  /** items.stock_at_least exists (catalog schema 2 and later). */
  stockAtLeast: boolean;
  /** The previous price list is attached as `prev`. */
  previous: boolean;
}

/** The fast paths answer these directly; everything else is materialised. */
export function isPlainView(spec: ViewSpec): boolean {
  return spec.categoryIds === null && !spec.inStock && spec.orderedCodes === null && !spec.newItems && !spec.priceChanged && !spec.sort;
}

export function viewSpec(view: CatalogView, categoryIds: number[] | null, orderedCodes: () => string[]): ViewSpec {
  const filters = view.filters ?? {};
  return {
    words: searchWords(view.query),
    categoryIds,
    inStock: filters.inStock === true,
    orderedCodes: filters.orderedBefore === true ? orderedCodes() : null,
    newItems: filters.newItems === true,
    priceChanged: filters.priceChanged === true,
    sort: view.sort ?? null,
  };
}

export function viewKey(spec: ViewSpec): string {
  const ordered =
    spec.orderedCodes === null
      ? null
      : `${spec.orderedCodes.length}:${crypto.createHash('sha1').update(spec.orderedCodes.join('\n')).digest('base64')}`;
  return JSON.stringify([spec.words, spec.categoryIds, spec.inStock, ordered, spec.newItems, spec.priceChanged, spec.sort]);
}

export function ftsMatch(words: readonly string[]): string {
  return words.map((w) => `"${w}"*`).join(' ');
}

/** Name and unit sort as people read them: case and ё/е do not matter (SQLite folds ASCII only). */
export const FOLD_FUNCTION = 'porter_fold';

const SORT_EXPRESSIONS: Record<NonNullable<ViewSpec['sort']>['column'], string> = {
  code: 'i.code',
  name: `${FOLD_FUNCTION}(i.name)`,
  unit: `${FOLD_FUNCTION}(i.unit)`,
  packMultiple: 'i.pack_multiple',
  price: 'i.price_kopecks',
  stock: 'i.stock',
  vatRate: 'i.vat_rate',
};

/** The SQL that lists a view's item ids in order, and its parameters. */
export function viewSql(spec: ViewSpec, can: CatalogCapabilities): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (spec.words.length > 0) {
    where.push('i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
    params.push(ftsMatch(spec.words));
  }
  if (spec.categoryIds !== null) {
    // Integers from the catalog's own categories table, never user text.
    where.push(spec.categoryIds.length === 0 ? '0' : `i.category_id IN (${spec.categoryIds.join(',')})`);
  }
  // In stock: a positive quantity or "more than N". Unknown stock (the list does not say) is not "in stock".
  if (spec.inStock) where.push(can.stockAtLeast ? '(i.stock > 0 OR i.stock_at_least = 1)' : 'i.stock > 0');
  if (spec.orderedCodes !== null) {
    where.push('i.code IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(spec.orderedCodes));
  }
  // Without a previous price list nothing is new and no price has changed.
  if (spec.newItems) where.push(can.previous ? 'NOT EXISTS (SELECT 1 FROM prev.items p WHERE p.code = i.code)' : '0');
  if (spec.priceChanged) {
    where.push(can.previous ? 'EXISTS (SELECT 1 FROM prev.items p WHERE p.code = i.code AND p.price_kopecks <> i.price_kopecks)' : '0');
  }
  let orderBy = 'i.id';
  if (spec.sort) {
    const direction = spec.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const expression = SORT_EXPRESSIONS[spec.sort.column];
    // Unknown stock goes last either way; "more than 100" after a plain 100 when ascending.
    orderBy =
      spec.sort.column === 'stock'
        ? `${expression} ${direction} NULLS LAST${can.stockAtLeast ? `, i.stock_at_least ${direction}` : ''}, i.id`
        : `${expression} ${direction}, i.id`;
  }
  const sql = `SELECT i.id FROM items i${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy}`;
  return { sql, params };
}

/** The few views a person moves between (a filter on and off, a sort flipped), most recent last. */
export class ViewCache {
  private readonly entries = new Map<string, Int32Array>();

  constructor(private readonly capacity = 4) {}

  get(key: string): Int32Array | undefined {
    const ids = this.entries.get(key);
    if (ids) {
      this.entries.delete(key);
      this.entries.set(key, ids);
    }
    return ids;
  }

  set(key: string, ids: Int32Array): void {
    this.entries.delete(key);
    this.entries.set(key, ids);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
