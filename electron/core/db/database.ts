import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';
import { PorterError } from '../../../shared/errors';
import { applyPragmas } from './pragmas';
import { assertNotNewer, latestVersion, migrate, newerDatabaseError, schemaVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { backupDirOf, listBackups, takeBackup } from './backups';
import { checkDatabaseFile, databaseProblem, fileSize } from './integrity';

export const MAIN_DATABASE_FILE = 'porter.sqlite';

export const mainDatabaseFile = (dataDir: string): string => path.join(dataDir, MAIN_DATABASE_FILE);

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  backupFile: string | null;
  /** True when the file was created by this call (nothing to back up yet). */
  created: boolean;
}

export interface OpenDatabaseOptions {
  /** How many backups to keep when one is taken before a migration. */
  backupKeep?: number;
  /** The user chose to start with an empty database: a missing file is then created even in a folder used before. */
  create?: boolean;
}

/**
 * Opens (or creates) the main database in dataDir. An existing file is first checked
 * read-only (PRAGMA quick_check, schema version): a damaged, unreadable or newer database
 * is reported (DB_CORRUPT, DB_OPEN_FAILED, DB_NEWER_VERSION, SQLite's message in
 * details.sqliteMessage) and never written to, replaced or recreated. Then: a backup before
 * any migration, the migrations in one transaction, the pragmas set and verified.
 */
export async function openMainDatabase(
  dataDir: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = mainDatabaseFile(dataDir);
  const existed = checkBeforeOpening(dataDir, file, migrations, options.create === true);
  let db: Database.Database;
  try {
    db = openSqlite(file);
  } catch (error) {
    throw databaseProblem(file, error);
  }
  try {
    // Read-only checks first: a newer or damaged database must not be written to.
    assertNotNewer(db, migrations);
    const from = schemaVersion(db);
    let backupFile: string | null = null;
    if (existed && from < latestVersion(migrations)) {
      backupFile = (await takeBackup(db, dataDir, 'beforeMigration', { keep: options.backupKeep })).file;
    }
    applyPragmas(db);
    migrate(db, migrations);
    applyPragmas(db);
    return { db, migratedFrom: from, backupFile, created: !existed };
  } catch (error) {
    db.close();
    throw databaseProblem(file, error);
  }
}

/**
 * True when there is a database to open, false when a new one is to be created. A missing
 * or empty file counts as new only in a folder Porter has not used before: beside backups
 * or a write-ahead log it means the data is gone, and that is reported, not papered over.
 */
function checkBeforeOpening(dataDir: string, file: string, migrations: readonly Migration[], create: boolean): boolean {
  const size = fileSize(file);
  if (size === null || size === 0) {
    const traces = create && size === null ? null : tracesOfUse(dataDir, file);
    if (traces === null) return false;
    const what = size === null ? 'is missing' : 'is empty (0 bytes)';
    throw new PorterError(
      size === null ? 'DB_OPEN_FAILED' : 'DB_CORRUPT',
      `The database ${file} ${what}, though Porter has used this folder before (${traces}). Restore a backup or start with an empty database.`,
      { file, sqliteMessage: `file ${what}` },
    );
  }
  const { schemaVersion: found } = checkDatabaseFile(file);
  const latest = latestVersion(migrations);
  if (found > latest) throw newerDatabaseError(file, found, latest);
  return true;
}

function tracesOfUse(dataDir: string, file: string): string | null {
  const backups = listBackups(dataDir).length;
  if (backups > 0) return `${backups} backup(s) in ${backupDirOf(dataDir)}`;
  if ((fileSize(`${file}-wal`) ?? 0) > 0) return `a write-ahead log ${path.basename(file)}-wal`;
  return null;
}
