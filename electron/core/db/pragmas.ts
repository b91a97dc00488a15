import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';

/**
 * Pragmas set on every open. better-sqlite3 reopens a WAL database with
 * synchronous=NORMAL whatever it was before, so FULL is set each time and read back.
 */
export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL: an acknowledged order survives a power cut
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
  verifyPragmas(db);
}

export function readPragmas(db: Database.Database): Record<keyof typeof REQUIRED_PRAGMAS, string | number> {
  return {
    journal_mode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreign_keys: Number(db.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

export function verifyPragmas(db: Database.Database): void {
  const actual = readPragmas(db);
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    if (actual[name as keyof typeof REQUIRED_PRAGMAS] !== expected) {
      throw new PorterError(
        'DB_OPEN_FAILED',
        `Database pragma ${name} is ${String(actual[name as keyof typeof REQUIRED_PRAGMAS])}, expected ${expected}`,
        {
          file: db.name,
          field: name,
        },
      );
    }
  }
}
