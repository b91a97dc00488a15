import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { BACKUP_ID_PATTERN, BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import { createLogger } from '../logger';
import { checkDatabaseFile, isSound, runCheck } from './integrity';
import { openSqlite } from './sqlite';

const log = createLogger('db.backups');

export const BACKUP_DIR_NAME = 'backups';
export const DEFAULT_BACKUP_KEEP = 7;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** A half-written copy older than this is a leftover of a process that died while backing up. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;
/** The files SQLite keeps beside a database; they travel with it when it is moved aside. */
const ALL_PAGES = 0x7fffffff;
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

export const backupDirOf = (dataDir: string): string => path.join(dataDir, BACKUP_DIR_NAME);

/** 2026-11-29T10:15:30.123Z → 2026-11-29T10-15-30-123Z: sortable, and valid in a file name everywhere. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const NAME = /^porter-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([A-Za-z0-9-]+)\.sqlite$/;

/** The date and reason in a backup's file name; null for any other file. Names from before reasons existed count as beforeMigration. */
export function parseBackupName(name: string): { createdAt: string; reason: BackupReason } | null {
  if (!BACKUP_ID_PATTERN.test(name)) return null;
  const match = NAME.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds, millis, label] = match as unknown as [string, string, string, string, string, string, string];
  const plain = label.replace(/-\d+$/, '');
  const reason = (BACKUP_REASONS as readonly string[]).includes(plain)
    ? (plain as BackupReason)
    : /^before-migration-v\d+$/.test(label)
      ? 'beforeMigration'
      : null;
  if (!reason) return null;
  return { createdAt: `${day}T${hours}:${minutes}:${seconds}.${millis}Z`, reason };
}

/** The backups in dataDir/backups, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDirOf(dataDir));
  } catch {
    return [];
  }
  const backups: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      backups.push({ id: name, ...parsed, sizeBytes: fs.statSync(path.join(backupDirOf(dataDir), name)).size });
    } catch {
      // Removed by a prune in another process between readdir and stat.
    }
  }
  return backups.sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
}

/** The file of a backup the user chose; the id is checked against the pattern, so it can never name a path outside backups/. */
export function backupFileOf(dataDir: string, backupId: string): { file: string; info: BackupInfo } {
  const info = BACKUP_ID_PATTERN.test(backupId) ? listBackups(dataDir).find((b) => b.id === backupId) : undefined;
  if (!info) throw new PorterError('NOT_FOUND', `There is no backup ${backupId}`, { file: backupId });
  return { file: path.join(backupDirOf(dataDir), backupId), info };
}

export interface BackupOptions {
  /** How many backups to keep (all reasons together); older ones are removed after a verified backup. */
  keep?: number;
  now?: Date;
}

/**
 * Copies the database with SQLite's online backup API (other connections may go on writing),
 * turns the copy into a self-contained file (journal_mode=DELETE), checks it with
 * PRAGMA integrity_check, and only then gives it its name and prunes the oldest backups:
 * a failed or damaged copy never costs a good old one.
 */
export async function takeBackup(
  db: Database.Database,
  dataDir: string,
  reason: BackupReason,
  options: BackupOptions = {},
): Promise<BackupInfo & { file: string }> {
  const dir = backupDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  removeStalePartials(dir);
  const now = options.now ?? new Date();
  const name = uniqueName(dir, `porter-${fileStamp(now)}-${reason}`);
  const target = path.join(dir, name);
  const partial = path.join(dir, `.${name}.partial`);
  try {
    // All pages in one step: one read snapshot, so writes from other connections (which restart a
    // step-by-step backup) cannot keep it from finishing; in WAL mode the writers are not blocked meanwhile.
    await db.backup(partial, { progress: () => ALL_PAGES });
    verifyCopy(partial);
    syncFile(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    removeWithCompanions(partial);
    const message = error instanceof Error ? error.message : String(error);
    // Porter closing the database under a backup (it is shutting down) is reported by the caller, not as a failure.
    if (db.open) log.error('backup failed', { reason, message });
    if (error instanceof PorterError) throw error;
    throw new PorterError('BACKUP_FAILED', `The backup of ${db.name} failed: ${message}`, { file: db.name });
  }
  const info: BackupInfo = { id: name, createdAt: now.toISOString(), reason, sizeBytes: fs.statSync(target).size };
  log.info('database backed up', { backup: name, sizeBytes: info.sizeBytes });
  pruneBackups(dataDir, options.keep ?? DEFAULT_BACKUP_KEEP);
  return { ...info, file: target };
}

/** Removes all but the newest `keep` backups; returns the ids removed. */
export function pruneBackups(dataDir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dataDir).slice(Math.max(1, keep))) {
    fs.rmSync(path.join(backupDirOf(dataDir), old.id), { force: true });
    removed.push(old.id);
  }
  if (removed.length > 0) log.info('old backups removed', { removed });
  return removed;
}

/** The copy as written by the backup API carries the source's WAL flag: make it one self-contained file, then check all of it. */
function verifyCopy(file: string): void {
  const copy = openSqlite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const findings = runCheck(copy, 'integrity_check', 20);
    if (!isSound(findings)) {
      throw new PorterError('BACKUP_FAILED', `The backup copy failed its integrity check: ${findings.slice(0, 5).join('; ')}`, {
        file,
        sqliteMessage: findings.join('; '),
      });
    }
  } finally {
    copy.close();
  }
}

/**
 * Checks a backup before it replaces the live database: all of it (integrity_check, read-only)
 * and its schema version, so a restore can never put a damaged or too new file in place.
 */
export function verifyBackupFile(file: string, latestSchema: number): void {
  let schemaVersion: number;
  try {
    ({ schemaVersion } = checkDatabaseFile(file, 'integrity_check'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PorterError('BACKUP_FAILED', `The backup ${path.basename(file)} cannot be restored: ${message}`, { file });
  }
  if (schemaVersion > latestSchema) {
    throw new PorterError(
      'DB_NEWER_VERSION',
      `The backup ${path.basename(file)} was written by a newer Porter (schema ${schemaVersion}; this version knows up to ${latestSchema})`,
      { file, found: schemaVersion, supported: latestSchema },
    );
  }
}

/**
 * Renames the database and its -wal/-shm/-journal to <file>.<label>-<stamp>… (names SQLite still
 * pairs up, so the set can be opened as it was). Returns the new main file, or null if there was none.
 */
export function moveAside(file: string, label: 'before-restore' | 'damaged', now = new Date()): string | null {
  const aside = uniquePath(`${file}.${label}-${fileStamp(now)}`);
  const hadMain = fs.existsSync(file);
  for (const suffix of ['', ...COMPANION_SUFFIXES]) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  if (hadMain) log.warn('database moved aside', { from: path.basename(file), to: path.basename(aside) });
  return hadMain ? aside : null;
}

/** Undoes moveAside: the set goes back under its own name (after a restore that could not be opened). */
export function putBack(aside: string, file: string): void {
  for (const suffix of ['', ...COMPANION_SUFFIXES]) removeIfExists(file + suffix);
  for (const suffix of ['', ...COMPANION_SUFFIXES]) {
    if (fs.existsSync(aside + suffix)) fs.renameSync(aside + suffix, file + suffix);
  }
}

/** Copies a backup beside the database under a temporary name, synced to disk; commitStaged then puts it in place. */
export function stageCopy(source: string, target: string): string {
  const staged = `${target}.restoring`;
  removeWithCompanions(staged);
  fs.copyFileSync(source, staged);
  syncFile(staged);
  return staged;
}

/** Renames the staged copy to the database's name in one step (the old file must have been moved aside). */
export function commitStaged(staged: string, target: string): void {
  for (const suffix of COMPANION_SUFFIXES) removeIfExists(target + suffix);
  fs.renameSync(staged, target);
}

export function removeWithCompanions(file: string): void {
  for (const suffix of ['', ...COMPANION_SUFFIXES]) removeIfExists(file + suffix);
}

function removeIfExists(file: string): void {
  fs.rmSync(file, { force: true });
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function uniqueName(dir: string, base: string): string {
  let name = `${base}.sqlite`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${base}-${n}.sqlite`;
  return name;
}

function uniquePath(base: string): string {
  let candidate = base;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

function removeStalePartials(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.porter-') || !name.includes('.partial')) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
  }
}
