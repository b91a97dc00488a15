import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import yazl from 'yazl';
import type { BackupInfo, StartupState } from '../../../shared/domain';
import { fileStamp } from '../db/backups';
import { mainDatabaseFile } from '../db/database';
import { fileSize, runCheck, withReadOnlyDatabase } from '../db/integrity';
import { readPragmas } from '../db/pragmas';
import { openSqlite } from '../db/sqlite';
import { LOG_DIR_NAME } from '../logger';
import { APP_VERSION } from '../version';

/** What goes into the archive, gathered by the caller (the database keeper). */
export interface DiagnosticsInput {
  dataDir: string;
  /** The open main database; null in recovery (the damaged file is then checked read-only). */
  db: Database.Database | null;
  startup: StartupState;
  backups: BackupInfo[];
  lastBackupFailure: { at: string; message: string } | null;
  now?: Date;
}

export const DIAGNOSTICS_ENTRIES = ['README.txt', 'versions.json', 'settings.json', 'database.json'] as const;

/** Setting names whose values are never written into the archive. */
const SECRET_KEY = /secret|token|password|passwd|credential|private|key/i;

/**
 * "Save diagnostics": one .zip for support with the logs (dataDir/logs), the versions, the
 * settings without secrets, and the database's integrity check. Built in memory: the logs are
 * capped by rotation (a few 5 MB files per process) and compress well.
 */
export async function buildDiagnosticsArchive(input: DiagnosticsInput): Promise<{ fileName: string; bytes: Buffer }> {
  const now = input.now ?? new Date();
  const zip = new yazl.ZipFile();
  const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
  const mtime = now;

  zip.addBuffer(Buffer.from(readme(now), 'utf8'), 'README.txt', { mtime });
  zip.addBuffer(json(versions()), 'versions.json', { mtime });
  zip.addBuffer(json(settingsWithoutSecrets(input)), 'settings.json', { mtime });
  zip.addBuffer(json(databaseReport(input)), 'database.json', { mtime });
  for (const log of logFiles(input.dataDir)) {
    try {
      zip.addBuffer(fs.readFileSync(log.file), `logs/${log.name}`, { mtime: log.mtime });
    } catch {
      // Rotated away while we listed the folder.
    }
  }
  zip.end();
  const bytes = await collect(zip.outputStream);
  return { fileName: `porter-diagnostics-${fileStamp(now).slice(0, 19)}.zip`, bytes };
}

function readme(now: Date): string {
  return [
    'Porter diagnostics',
    `Made ${now.toISOString()}.`,
    '',
    'versions.json  - Porter, Node, Electron, SQLite and the operating system',
    'settings.json  - the settings, with secrets (tokens, passwords, keys) removed',
    'database.json  - the startup state, the integrity check of the database, pragmas, backups, file sizes',
    'logs/          - the log file of each process (the newest is <process>.log, older ones .1 .2 .3)',
    '',
    'No orders, order lines or price lists are included.',
    '',
  ].join('\n');
}

function versions(): Record<string, unknown> {
  let sqlite: string;
  try {
    const memory = openSqlite(':memory:');
    sqlite = String(memory.prepare('SELECT sqlite_version()').pluck().get());
    memory.close();
  } catch (error) {
    sqlite = `unknown (${(error as Error).message})`;
  }
  return {
    porter: APP_VERSION,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    v8: process.versions.v8,
    sqlite,
    os: {
      platform: process.platform,
      arch: process.arch,
      release: os.release(),
      version: os.version(),
      cpus: os.cpus().length,
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
      freeMemoryMb: Math.round(os.freemem() / 2 ** 20),
    },
    processUptimeSeconds: Math.round(process.uptime()),
  };
}

/** The settings table, secrets replaced; in recovery read (if at all possible) from the damaged file, read-only. */
function settingsWithoutSecrets(input: DiagnosticsInput): unknown {
  const read = (db: Database.Database) =>
    Object.fromEntries(
      (db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]).map(({ key, value }) => [
        key,
        redact(key, value),
      ]),
    );
  try {
    return input.db ? read(input.db) : withReadOnlyFile(input.dataDir, read);
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

export function redact(key: string, value: string): string {
  if (SECRET_KEY.test(key)) return value === '' ? '' : '[removed]';
  // A URL may carry a user and password or a token in its query: keep only where it points.
  return value.replace(/\b(https?:\/\/)[^\s/@]+@/gi, '$1[removed]@').replace(/(\bhttps?:\/\/[^\s?#]+)\?[^\s#]*/gi, '$1?[removed]');
}

function databaseReport(input: DiagnosticsInput): Record<string, unknown> {
  const file = mainDatabaseFile(input.dataDir);
  const sizeBytes = { main: fileSize(file), wal: fileSize(`${file}-wal`) };
  let integrity: unknown;
  let schemaVersion: unknown = null;
  let pragmas: unknown = null;
  try {
    const check = (db: Database.Database) => {
      schemaVersion = Number(db.pragma('user_version', { simple: true }));
      return runCheck(db, 'integrity_check', 100);
    };
    integrity = { check: 'integrity_check', result: input.db ? check(input.db) : withReadOnlyFile(input.dataDir, check) };
    if (input.db) pragmas = readPragmas(input.db);
  } catch (error) {
    integrity = { check: 'integrity_check', error: (error as Error).message, code: (error as { code?: unknown }).code ?? null };
  }
  return {
    startup: input.startup,
    file,
    sizeBytes,
    schemaVersion,
    integrity,
    pragmas,
    backups: input.backups,
    lastBackupFailure: input.lastBackupFailure,
    dataDir: listFolder(input.dataDir),
  };
}

function withReadOnlyFile<T>(dataDir: string, use: (db: Database.Database) => T): T {
  return withReadOnlyDatabase(mainDatabaseFile(dataDir), use);
}

/** Names and sizes in the data folder and its first-level subfolders (no contents). */
function listFolder(dataDir: string): { name: string; sizeBytes: number | null }[] {
  const entries: { name: string; sizeBytes: number | null }[] = [];
  const walk = (dir: string, prefix: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        entries.push({ name: `${relative}/`, sizeBytes: null });
        if (depth > 0) walk(path.join(dir, entry.name), `${relative}/`, depth - 1);
      } else entries.push({ name: relative, sizeBytes: fileSize(path.join(dir, entry.name)) });
    }
  };
  walk(dataDir, '', 1);
  return entries.slice(0, 500);
}

function logFiles(dataDir: string): { name: string; file: string; mtime: Date }[] {
  const dir = path.join(dataDir, LOG_DIR_NAME);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => /\.log(\.\d+)?$/.test(name))
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      try {
        return [{ name, file, mtime: fs.statSync(file).mtime }];
      } catch {
        return [];
      }
    });
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
