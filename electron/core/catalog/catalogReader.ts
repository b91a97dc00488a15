import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import type { Item, PriceListInfo } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { VatRate } from '../../../shared/money';
import { searchWords } from '../../../shared/search';
import { CATALOG_SCHEMA_VERSION } from './catalogSchema';

/** Counting stops here: "more than 10 000 found" is all a person needs from a one-letter query. */
export const COUNT_CAP = 10_000;

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
  category: string | null;
}

const SELECTED_COLUMNS = `i.code, i.name, i.barcode, i.unit, i.pack_multiple, i.min_order_quantity, i.price_kopecks, i.vat_rate, i.stock, c.name AS category`;

export interface SearchResult {
  items: Item[];
  total: number;
  totalExact: boolean;
}

/** Read-only access to one catalog file: search, paging, lookups by code. */
export class CatalogReader {
  readonly info: PriceListInfo;
  private readonly db: Database.Database;
  private readonly pageStatement: Database.Statement;
  private readonly searchStatement: Database.Statement;
  private readonly countStatement: Database.Statement;
  private readonly byCodeStatement: Database.Statement;
  private readonly byBarcodeStatement: Database.Statement;

  constructor(file: string) {
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
    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    this.info = {
      id: meta.get('priceListId') ?? '',
      sourceName: meta.get('sourceName') ?? '',
      importedAt: meta.get('importedAt') ?? '',
      itemCount: Number(meta.get('itemCount') ?? 0),
      categoryCount: Number(meta.get('categoryCount') ?? 0),
      pricesIncludeVat: meta.get('pricesIncludeVat') !== '0',
    };
    this.pageStatement = this.db.prepare(
      `SELECT ${SELECTED_COLUMNS} FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.id > ? ORDER BY i.id LIMIT ?`,
    );
    this.searchStatement = this.db.prepare(
      `SELECT ${SELECTED_COLUMNS} FROM items_fts f JOIN items i ON i.id = f.rowid LEFT JOIN categories c ON c.id = i.category_id
        WHERE items_fts MATCH ? LIMIT ? OFFSET ?`,
    );
    this.countStatement = this.db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ${COUNT_CAP + 1})`)
      .pluck();
    this.byCodeStatement = this.db.prepare(
      `SELECT ${SELECTED_COLUMNS} FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.code = ?`,
    );
    this.byBarcodeStatement = this.db.prepare(
      `SELECT ${SELECTED_COLUMNS} FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.barcode = ? AND i.barcode <> '' ORDER BY i.id LIMIT 1`,
    );
  }

  /**
   * Every word of the query must start a word of the item's name, code or barcode
   * (prefix match), in any order; case and ё/е do not matter. An empty query pages the
   * whole price list in file order.
   */
  search(query: string, offset: number, limit: number): SearchResult {
    const words = searchWords(query);
    if (words.length === 0) {
      const items = (this.pageStatement.all(offset, limit) as ItemRow[]).map(toItem);
      return { items, total: this.info.itemCount, totalExact: true };
    }
    const match = words.map((w) => `"${w}"*`).join(' ');
    const items = (this.searchStatement.all(match, limit, offset) as ItemRow[]).map(toItem);
    const counted = Number(this.countStatement.get(match));
    return { items, total: Math.min(counted, COUNT_CAP), totalExact: counted <= COUNT_CAP };
  }

  /** The first item with this barcode (a barcode should be unique; the file decides if not). */
  itemByBarcode(barcode: string): Item | null {
    const row = this.byBarcodeStatement.get(barcode) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  itemByCode(code: string): Item | null {
    const row = this.byCodeStatement.get(code) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  close(): void {
    this.db.close();
  }
}

function toItem(r: ItemRow): Item {
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
    category: r.category ?? '',
  };
}
