import { openSqlite } from '../../db/sqlite';

/**
 * The supplier's ids of items (the offer Ид of a CommerceML price list, kept in the catalog file's
 * item_refs table) by Porter item code: what a CommerceML order names so 1C finds its goods. A
 * catalog built from CSV or XLSX has no such table and gives an empty map.
 */
export function readItemRefs(catalogFile: string, codes: readonly string[]): Map<string, string> {
  const refs = new Map<string, string>();
  const db = openSqlite(catalogFile, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'item_refs'").get() !== undefined;
    if (!hasTable) return refs;
    const byCode = db.prepare<[string], string>('SELECT ref FROM item_refs WHERE code = ?').pluck();
    for (const code of codes) {
      const ref = byCode.get(code);
      if (ref !== undefined) refs.set(code, ref);
    }
    return refs;
  } finally {
    db.close();
  }
}
