import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import { openSqlite } from './sqlite';

/** SQLite's codes for a file whose content is damaged, as opposed to one that cannot be reached (locked, no permission). */
const DAMAGE_CODES = /^SQLITE_(NOTADB|CORRUPT|IOERR_SHORT_READ)/;

function sqliteCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** A failure to read the main database as error data the UI can show: DB_CORRUPT for damage, DB_OPEN_FAILED otherwise. */
export function databaseProblem(file: string, error: unknown): PorterError {
  if (error instanceof PorterError) return error;
  const sqliteMessage = error instanceof Error ? error.message : String(error);
  const sqliteCode = sqliteCodeOf(error);
  if (DAMAGE_CODES.test(sqliteCode)) {
    return new PorterError('DB_CORRUPT', `The database ${file} is damaged: ${sqliteMessage}`, { file, sqliteMessage, sqliteCode });
  }
  return new PorterError('DB_OPEN_FAILED', `Cannot open the database ${file}: ${sqliteMessage}`, { file, sqliteMessage, sqliteCode });
}

/** The rows of PRAGMA quick_check / integrity_check: ['ok'] for a sound database, else SQLite's findings. */
export function runCheck(db: Database.Database, kind: 'quick_check' | 'integrity_check', maxErrors = 100): string[] {
  const rows = db.pragma(`${kind}(${maxErrors})`) as Record<string, unknown>[];
  return rows.map((row) => String(Object.values(row)[0]));
}

export const isSound = (findings: readonly string[]): boolean => findings.length === 1 && findings[0] === 'ok';

/**
 * Opens a database file read-only for `use`. A read-only connection to a WAL database still
 * creates -wal/-shm files; unless `keepCompanions` says the file proved sound, the ones it
 * created are removed afterwards, so a damaged file is left exactly as it was found.
 */
export function withReadOnlyDatabase<T>(file: string, use: (db: Database.Database) => T, keepCompanions?: (result: T) => boolean): T {
  const created = [`${file}-wal`, `${file}-shm`].filter((companion) => !fs.existsSync(companion));
  let keep = false;
  try {
    const db = openSqlite(file, { readonly: true, fileMustExist: true });
    try {
      const result = use(db);
      keep = keepCompanions?.(result) ?? false;
      return result;
    } finally {
      db.close();
    }
  } finally {
    if (!keep) removeEmptyCompanions(created);
  }
}

/**
 * Opens the file read-only and runs PRAGMA quick_check: nothing is written to a file that
 * may be damaged. Returns its schema version; throws DB_CORRUPT or DB_OPEN_FAILED with
 * SQLite's own message in details.sqliteMessage.
 */
export function checkDatabaseFile(file: string, kind: 'quick_check' | 'integrity_check' = 'quick_check'): { schemaVersion: number } {
  try {
    return withReadOnlyDatabase(
      file,
      (db) => {
        const findings = runCheck(db, kind, 20);
        if (!isSound(findings)) {
          const sqliteMessage = findings.slice(0, 5).join('; ');
          throw new PorterError('DB_CORRUPT', `The database ${file} is damaged: ${sqliteMessage}`, {
            file,
            sqliteMessage,
            sqliteCode: kind,
          });
        }
        return { schemaVersion: Number(db.pragma('user_version', { simple: true })) };
      },
      () => true,
    );
  } catch (error) {
    throw databaseProblem(file, error);
  }
}

/** Removes the -shm and an empty -wal this check created (a -wal with content is never ours to remove). */
function removeEmptyCompanions(created: readonly string[]): void {
  for (const companion of created) {
    if (companion.endsWith('-shm') || fileSize(companion) === 0) fs.rmSync(companion, { force: true });
  }
}

export function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}
