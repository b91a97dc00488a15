import type Database from 'better-sqlite3';
import type { ExchangeServerSettings, ExchangeSettings } from '../../../shared/domain';

/** The store's connection as the sender uses it (the token included). */
export interface Connection {
  mode: ExchangeSettings['mode'];
  url: string;
  token: string;
  folder: string;
}

const KEYS = {
  mode: 'exchange.mode',
  url: 'exchange.url',
  /** A secret: the store's bearer token (diagnostics leaves out keys that say "token"). */
  token: 'exchange.token',
  folder: 'exchange.folder',
  confirmationsCursor: 'exchange.confirmationsCursor',
  serverEnabled: 'exchangeServer.enabled',
  serverPort: 'exchangeServer.port',
  serverBindAddress: 'exchangeServer.bindAddress',
} as const;

export const DEFAULT_SERVER_SETTINGS: ExchangeServerSettings = { enabled: false, port: 8765, bindAddress: '127.0.0.1' };

/** Exchange settings in the main database's settings table. */
export class ExchangeSettingsStore {
  private readonly read: Database.Statement<[string], string>;
  private readonly write: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  connection(): Connection {
    const mode = this.read.get(KEYS.mode);
    return {
      mode: mode === 'http' || mode === 'folder' ? mode : 'none',
      url: this.read.get(KEYS.url) ?? '',
      token: this.read.get(KEYS.token) ?? '',
      folder: this.read.get(KEYS.folder) ?? '',
    };
  }

  /** What the UI may see: never the token itself. */
  visible(): ExchangeSettings {
    const { mode, url, token, folder } = this.connection();
    return { mode, url, tokenSet: token !== '', folder };
  }

  setConnection(input: { mode: Connection['mode']; url: string; token?: string; folder: string }): void {
    this.db.transaction(() => {
      this.write.run(KEYS.mode, input.mode);
      this.write.run(KEYS.url, input.url);
      this.write.run(KEYS.folder, input.folder);
      if (input.token !== undefined) this.write.run(KEYS.token, input.token);
    })();
  }

  confirmationsCursor(): string {
    return this.read.get(KEYS.confirmationsCursor) ?? '';
  }

  setConfirmationsCursor(cursor: string): void {
    this.write.run(KEYS.confirmationsCursor, cursor);
  }

  server(): ExchangeServerSettings {
    const port = Number(this.read.get(KEYS.serverPort));
    return {
      enabled: this.read.get(KEYS.serverEnabled) === '1',
      port:
        Number.isInteger(port) && port >= 0 && port <= 65535 && this.read.get(KEYS.serverPort) !== undefined
          ? port
          : DEFAULT_SERVER_SETTINGS.port,
      bindAddress: this.read.get(KEYS.serverBindAddress) ?? DEFAULT_SERVER_SETTINGS.bindAddress,
    };
  }

  setServer(settings: ExchangeServerSettings): void {
    this.db.transaction(() => {
      this.write.run(KEYS.serverEnabled, settings.enabled ? '1' : '0');
      this.write.run(KEYS.serverPort, String(settings.port));
      this.write.run(KEYS.serverBindAddress, settings.bindAddress);
    })();
  }
}
