import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { CatalogReader } from '../catalog/catalogReader';
import { createLogger } from '../logger';

const log = createLogger('maintenance.catalogs');

/**
 * Catalog files are derived data kept outside the main database, so a restored (or new empty)
 * database may not list the price lists that are on disk — and the price-list service would
 * delete the files it does not know. Before the services start on such a database, every
 * finished catalog file on disk is entered in price_lists, and the newest one whose file
 * exists becomes current: the price list stays the one the store had before the restore.
 */
export function reconcileCatalogFiles(db: Database.Database, dataDir: string): { adopted: string[]; current: string | null } {
  const dir = path.join(dataDir, 'catalogs');
  const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.sqlite')) : [];
  const known = new Set(db.prepare('SELECT catalog_file FROM price_lists').pluck().all() as string[]);
  const adopted: string[] = [];
  const insert = db.prepare(
    `INSERT OR IGNORE INTO price_lists (id, source_name, imported_at, item_count, category_count, prices_include_vat, catalog_file, is_current)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const rows = db.prepare('SELECT id, catalog_file FROM price_lists ORDER BY imported_at DESC, rowid DESC').all() as {
    id: string;
    catalog_file: string;
  }[];

  const apply = db.transaction(() => {
    for (const name of onDisk) {
      if (known.has(name)) continue;
      const info = readCatalogInfo(path.join(dir, name));
      if (!info?.id) continue;
      const result = insert.run(
        info.id,
        info.sourceName,
        info.importedAt,
        info.itemCount,
        info.categoryCount,
        info.pricesIncludeVat ? 1 : 0,
        name,
      );
      if (result.changes > 0) adopted.push(name);
    }
    const ordered =
      adopted.length > 0
        ? (db.prepare('SELECT id, catalog_file FROM price_lists ORDER BY imported_at DESC, rowid DESC').all() as {
            id: string;
            catalog_file: string;
          }[])
        : rows;
    const current = ordered.find((row) => fs.existsSync(path.join(dir, row.catalog_file))) ?? null;
    db.prepare('UPDATE price_lists SET is_current = CASE WHEN id = ? THEN 1 ELSE 0 END').run(current?.id ?? '');
    return current?.catalog_file ?? null;
  });
  const current = apply.immediate();
  if (adopted.length > 0 || current) log.info('catalog files reconciled', { adopted, current });
  return { adopted, current };
}

function readCatalogInfo(file: string): CatalogReader['info'] | null {
  try {
    const reader = new CatalogReader(file);
    const info = reader.info;
    reader.close();
    return info;
  } catch (error) {
    // An unfinished or damaged catalog is left for the price-list service to clear away.
    log.warn('catalog file not adopted', { file: path.basename(file), error: (error as Error).message });
    return null;
  }
}
