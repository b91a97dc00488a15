import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';
import { PorterError } from '../../../shared/errors';
import { createLogger } from '../logger';
import { applyPragmas } from './pragmas';
import { assertNotNewer, latestVersion, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';

const log = createLogger('db');

export const MAIN_DATABASE_FILE = 'porter.sqlite';

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  backupFile: string | null;
}

/**
 * Opens (or creates) the main database in dataDir: checks the schema version first,
 * backs the file up before any migration, migrates in one transaction, sets and
 * verifies the pragmas. A database that fails to open is reported, never replaced.
 */
export async function openMainDatabase(dataDir: string, migrations = MIGRATIONS): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, MAIN_DATABASE_FILE);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let db: Database.Database;
  try {
    db = openSqlite(file);
  } catch (error) {
    throw new PorterError('DB_OPEN_FAILED', `Cannot open the database ${file}: ${(error as Error).message}`, { file });
  }
  try {
    // Read-only checks first: a newer or damaged database must not be written to.
    assertNotNewer(db, migrations);
    const from = schemaVersion(db);
    let backupFile: string | null = null;
    if (existed && from < latestVersion(migrations)) {
      backupFile = await backupDatabase(db, dataDir, `before-migration-v${from}`);
    }
    applyPragmas(db);
    migrate(db, migrations);
    applyPragmas(db);
    return { db, migratedFrom: from, backupFile };
  } catch (error) {
    db.close();
    if (error instanceof PorterError) throw error;
    throw new PorterError('DB_OPEN_FAILED', `Cannot open the database ${file}: ${(error as Error).message}`, { file });
  }
}

/** Copies the database with SQLite's online backup API into dataDir/backups. */
export async function backupDatabase(db: Database.Database, dataDir: string, reason: string): Promise<string> {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `porter-${stamp}-${reason}.sqlite`);
  await db.backup(target);
  log.info('database backed up', { target });
  return target;
}
