import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import { createLogger } from '../logger';

const log = createLogger('db.migrate');

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Checks the version before anything is written: a database from a newer Porter is
 * refused untouched, so the user can go back to that version without losing data.
 */
export function assertNotNewer(db: Database.Database, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) throw newerDatabaseError(db.name, current, latest);
}

export function newerDatabaseError(file: string, found: number, supported: number): PorterError {
  return new PorterError(
    'DB_NEWER_VERSION',
    `The database ${file} was written by a newer Porter (schema ${found}; this version knows up to ${supported}). It was left untouched; update Porter to open it.`,
    { file, found, supported, sqliteMessage: `user_version ${found}` },
  );
}

/** Runs every pending migration in one transaction: either all apply or none. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  assertNotNewer(db, migrations);
  const from = schemaVersion(db);
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };
  const apply = db.transaction(() => {
    for (const m of pending) {
      log.info('applying migration', { version: m.version, name: m.name });
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
  return { from, to: schemaVersion(db) };
}
