import type Database from 'better-sqlite3';
import { appModeSchema, type AppMode } from '../../../shared/manager';

const KEY = 'app.mode';

/** Whether this Porter composes a store's orders or processes a supplier's; a store until the user says otherwise. */
export class AppModeSetting {
  constructor(private readonly db: Database.Database) {}

  get(): AppMode {
    const parsed = appModeSchema.safeParse(this.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(KEY));
    return parsed.success ? parsed.data : 'store';
  }

  set(mode: AppMode): AppMode {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, mode);
    return mode;
  }
}
