import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import { DEFAULT_UPDATE_SETTINGS, feedUrlProblem, type UpdateSettings } from './updatePolicy';

const KEYS = { feed: 'update.feedUrl', quiet: 'update.quietHours' } as const;

/**
 * Where updates come from and when they may download unasked, kept in the settings table. The
 * Electron main process reads them at start; an empty feed turns updates off.
 */
export class UpdateSettingsStore {
  private readonly read: Database.Statement<[string], string>;
  private readonly write: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  settings(): UpdateSettings {
    const feed = this.read.get(KEYS.feed);
    const quiet = this.read.get(KEYS.quiet);
    return {
      feedUrl: feed === undefined ? DEFAULT_UPDATE_SETTINGS.feedUrl : feed === '' ? null : feed,
      quietHours: quiet === undefined ? DEFAULT_UPDATE_SETTINGS.quietHours : (JSON.parse(quiet) as UpdateSettings['quietHours']),
    };
  }

  setSettings(settings: UpdateSettings): UpdateSettings {
    if (settings.feedUrl !== null) {
      const problem = feedUrlProblem(settings.feedUrl);
      if (problem) throw new PorterError('INVALID_INPUT', `Update feed ${settings.feedUrl}: ${problem}`, { field: 'feedUrl' });
    }
    this.write.run(KEYS.feed, settings.feedUrl ?? '');
    this.write.run(KEYS.quiet, JSON.stringify(settings.quietHours));
    return this.settings();
  }
}
