import type { PriceListDiff } from '../../../shared/manager';
import { openSqlite } from '../db/sqlite';

/** How many items of each kind the diff lists by name (the counts are always whole). */
export const DIFF_LIST_LIMIT = 500;

/**
 * What a new price list changes against the published one, item codes compared: items added, items
 * removed, and items whose price changed (old → new). Counted in SQL over the two catalog files (the
 * staged one opened read-only, the published one attached), so a 200k-item list is compared in one pass
 * of each index; the lists are capped at `limit` items each, by code.
 */
export function diffCatalogs(stagedFile: string, publishedFile: string | null, limit = DIFF_LIST_LIMIT): PriceListDiff {
  const db = openSqlite(stagedFile, { readonly: true, fileMustExist: true });
  try {
    if (publishedFile === null) {
      const added = db.prepare<[number], DiffRow>('SELECT code, name, price_kopecks AS price FROM items ORDER BY code LIMIT ?').all(limit);
      const count = (db.prepare('SELECT count(*) FROM items').pluck().get() as number) ?? 0;
      return { added: count, removed: 0, priceChanged: 0, addedItems: added.map(toItem), removedItems: [], changedItems: [] };
    }
    db.prepare('ATTACH DATABASE ? AS published').run(publishedFile);
    const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
    const ADDED = 'FROM main.items n WHERE NOT EXISTS (SELECT 1 FROM published.items p WHERE p.code = n.code)';
    const REMOVED = 'FROM published.items p WHERE NOT EXISTS (SELECT 1 FROM main.items n WHERE n.code = p.code)';
    const CHANGED = 'FROM main.items n JOIN published.items p ON p.code = n.code WHERE p.price_kopecks <> n.price_kopecks';
    const diff: PriceListDiff = {
      added: count(`SELECT count(*) ${ADDED}`),
      removed: count(`SELECT count(*) ${REMOVED}`),
      priceChanged: count(`SELECT count(*) ${CHANGED}`),
      addedItems: db
        .prepare<[number], DiffRow>(`SELECT n.code, n.name, n.price_kopecks AS price ${ADDED} ORDER BY n.code LIMIT ?`)
        .all(limit)
        .map(toItem),
      removedItems: db
        .prepare<[number], DiffRow>(`SELECT p.code, p.name, p.price_kopecks AS price ${REMOVED} ORDER BY p.code LIMIT ?`)
        .all(limit)
        .map(toItem),
      changedItems: db
        .prepare<[number], DiffRow & { old_price: number }>(
          `SELECT n.code, n.name, p.price_kopecks AS old_price, n.price_kopecks AS price ${CHANGED} ORDER BY n.code LIMIT ?`,
        )
        .all(limit)
        .map((r) => ({ code: r.code, name: r.name, oldPriceKopecks: r.old_price, priceKopecks: r.price })),
    };
    return diff;
  } finally {
    db.close();
  }
}

interface DiffRow {
  code: string;
  name: string;
  price: number;
}

function toItem(row: DiffRow): { code: string; name: string; priceKopecks: number } {
  return { code: row.code, name: row.name, priceKopecks: row.price };
}
