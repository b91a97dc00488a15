import Database from 'better-sqlite3';

/**
 * better-sqlite3 is a native module: the build in node_modules serves Node (tests, the
 * browser shell, the command line). Inside Electron the app points PORTER_SQLITE_BINDING
 * at a build for Electron's ABI (see scripts/electron-native.mjs) so neither breaks the other.
 */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = process.env.PORTER_SQLITE_BINDING;
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}
