/**
 * A price list lives in a catalog file of its own (dataDir/catalogs/<id>.sqlite), built
 * from scratch by each import and switched to in one step once complete. Why not tables
 * in the main database: an import of a million rows must neither hold the main database's
 * write lock for seconds (drafts are saved on every keystroke) nor pay for WAL and
 * synchronous=FULL on derived data; and a failed or cancelled import simply leaves an
 * unused file behind, so the previous price list cannot be touched by it.
 */
export const CATALOG_SCHEMA_VERSION = 3;

/**
 * Versions a reader still opens. 1: no items.stock_at_least (read as false), no
 * categories.parent_id (flat), no supplier facts in meta. 2: no price_types and item_prices
 * (one price per item, for every store).
 */
export const OLDEST_READABLE_CATALOG_VERSION = 1;

/**
 * Items are numbered 1..N in file order with no gaps, so the grid pages the whole list by
 * id range instead of OFFSET (which walks every row before the page).
 */
export function itemsTable(name: string): string {
  return `CREATE TABLE ${name} (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    barcode TEXT NOT NULL,
    unit TEXT NOT NULL,
    pack_multiple INTEGER NOT NULL,
    min_order_quantity INTEGER NOT NULL,
    price_kopecks INTEGER NOT NULL,
    vat_rate INTEGER NOT NULL,
    stock INTEGER,
    stock_at_least INTEGER NOT NULL,
    category_id INTEGER,
    source_row INTEGER NOT NULL
  ) STRICT;`;
}

/**
 * The prices an item has of the price types other than the main one (whose price is items.price_kopecks:
 * a list with one type stores nothing here); an item without a price of a type has no row. Filled in item
 * order, so the primary key's b-tree is appended to, never split in the middle.
 */
export function itemPricesTable(name: string): string {
  return `CREATE TABLE ${name} (
    item_id INTEGER NOT NULL,
    price_type_id INTEGER NOT NULL,
    price_kopecks INTEGER NOT NULL,
    PRIMARY KEY (item_id, price_type_id)
  ) STRICT, WITHOUT ROWID;`;
}

export const ITEM_COLUMNS =
  'code, name, barcode, unit, pack_multiple, min_order_quantity, price_kopecks, vat_rate, stock, stock_at_least, category_id, source_row';

export const CATALOG_TABLES = `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  -- In the price list's order. parent_id: CommerceML groups nest; CSV and XLSX categories are flat (null).
  CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES categories(id)
  ) STRICT;
  ${itemsTable('items')}
  -- The supplier's price types (CommerceML ТипыЦен) in the order declared; empty for a list with one price
  -- (CSV, XLSX, a Porter list). is_main: the type items.price_kopecks holds. vat_included: null when not stated.
  CREATE TABLE price_types (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    vat_included INTEGER,
    is_main INTEGER NOT NULL
  ) STRICT;
  ${itemPricesTable('item_prices')}
`;

/** Built after loading: creating indexes on unsorted input first is about twice as slow. */
export const CATALOG_INDEXES = `
  CREATE INDEX items_code ON items(code);
  CREATE INDEX items_barcode ON items(barcode) WHERE barcode <> '';
`;

/**
 * Search index over name, code and barcode, filled batch by batch as the items are inserted. Contentless:
 * the text lives in items only. unicode61 folds Cyrillic and Latin case but not ё, so ё→е is folded
 * here and in the query (shared/search.ts). Prefix indexes keep 1–3 letter prefixes fast.
 * While loading, automerge is off: FTS5 then merges its segments 16 at a time (crisismerge) instead of
 * 4, writing the growing index over less often, and CATALOG_FTS_FINISH merges them into one anyway. Its
 * term hash holds 8 MB instead of 1 MB before it is written out as a segment: fewer segments to merge
 * (about 7% less indexing time at 200,000 rows in the sqlite3 shell).
 */
export const CATALOG_FTS_TABLE = `
  CREATE VIRTUAL TABLE items_fts USING fts5(
    search_text,
    content='',
    tokenize="unicode61 remove_diacritics 2",
    prefix='1 2 3'
  );
  INSERT INTO items_fts(items_fts, rank) VALUES('automerge', 0);
  INSERT INTO items_fts(items_fts, rank) VALUES('hashsize', 8388608);
`;

/** What items_fts indexes of an item, given its name, code and barcode as SQL values. */
const searchText = (name: string, code: string, barcode: string) =>
  `replace(replace(${name} || ' ' || ${code} || ' ' || ${barcode}, 'ё', 'е'), 'Ё', 'Е')`;

/** Indexes the items with ids from ? to ? (the ones just inserted, still in the page cache). */
export const INDEX_ITEMS_FOR_SEARCH = `INSERT INTO items_fts(rowid, search_text) SELECT id, ${searchText('name', 'code', 'barcode')} FROM items WHERE id BETWEEN ? AND ?`;

/** The index built again from items, after they are renumbered. */
export const CATALOG_FTS_REBUILD = `
  DROP TABLE items_fts;
  ${CATALOG_FTS_TABLE}
  ${INDEX_ITEMS_FOR_SEARCH.replace('WHERE id BETWEEN ? AND ?', '')};
`;

/** After loading: automerge back to FTS5's default, and the index merged into one segment. */
export const CATALOG_FTS_FINISH = `
  INSERT INTO items_fts(items_fts, rank) VALUES('automerge', 4);
  INSERT INTO items_fts(items_fts) VALUES('optimize');
`;
