import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { FolderIntakeEvent, IntakeResult, OrderFolderSettings } from '../../../shared/manager';

/** Where files go once the watched folder is done with them, inside the folder itself. */
export const IMPORTED_DIR = 'imported';
export const QUARANTINE_DIR = 'quarantine';

/** The order files the folder takes: Porter JSON, CommerceML (XML, or 1C's zip of it), and order tables. */
const ORDER_FILE = /\.(json|xml|zip|csv|xlsx)$/i;

/**
 * Whether a name in the folder is an order file to take. Dot-names are files still being written
 * (Porter's `.porter-….partial`, rsync's `.name.XXXXXX`) or hidden; `~$` names are Office's lock files.
 */
export function isOrderFileName(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('~$') && !/\.partial$/i.test(name) && ORDER_FILE.test(name);
}

export async function sha256Of(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 16 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A name in `dir` nothing has yet: the file's own, else "name (2).json", "name (3).json"… */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    try {
      await fs.promises.lstat(path.join(dir, candidate));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
      throw error;
    }
  }
}

/** What the reason file next to a quarantined file says, in both languages the app speaks (the reason itself is the core's). */
export function reasonText(fileName: string, reason: string, at: string): string {
  return [
    `Porter не принял файл заказа / Porter did not take in the order file: ${fileName}`,
    '',
    reason,
    '',
    `${at}`,
    'Исправьте файл и положите его в папку обмена снова. / Fix the file and put it into the exchange folder again.',
    '',
  ].join('\n');
}

/**
 * Moves a file the folder is done with into `<folder>/imported/` or `<folder>/quarantine/` (a quarantined
 * file with `<name>.reason.txt` beside it, written first), under a free name. Returns where it went,
 * relative to the folder.
 */
export async function moveAside(folder: string, name: string, to: 'imported' | 'quarantine', reason = '', at = ''): Promise<string> {
  const dir = path.join(folder, to === 'imported' ? IMPORTED_DIR : QUARANTINE_DIR);
  await fs.promises.mkdir(dir, { recursive: true });
  const target = await freeName(dir, name);
  if (to === 'quarantine') await fs.promises.writeFile(path.join(dir, `${target}.reason.txt`), reasonText(name, reason, at), 'utf8');
  await fs.promises.rename(path.join(folder, name), path.join(dir, target));
  return `${path.basename(dir)}/${target}`;
}

const KEYS = { path: 'manager.orderFolder.path', enabled: 'manager.orderFolder.enabled' } as const;

/** The watched folder's settings in the main database's settings table. */
export class OrderFolderSetting {
  constructor(private readonly db: Database.Database) {}

  get(): OrderFolderSettings {
    const read = this.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    return { path: read.get(KEYS.path) ?? '', enabled: read.get(KEYS.enabled) === '1' };
  }

  set(settings: OrderFolderSettings): void {
    const write = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      write.run(KEYS.path, settings.path);
      write.run(KEYS.enabled, settings.enabled ? '1' : '0');
    })();
  }
}

/**
 * Checks settings before they are saved: a full path, and — to be watched — a folder Porter can read
 * and move files out of. The error names the field and says what is wrong with the folder.
 */
export async function checkOrderFolder(settings: OrderFolderSettings): Promise<OrderFolderSettings> {
  const folder = settings.path.trim();
  if (settings.enabled && folder === '') {
    throw new PorterError('INVALID_INPUT', 'Choose the exchange folder to watch', { field: 'path' });
  }
  if (folder !== '' && !path.isAbsolute(folder)) {
    throw new PorterError('INVALID_INPUT', `${folder}: give the folder's full path`, { field: 'path' });
  }
  if (settings.enabled) {
    try {
      if (!(await fs.promises.stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      await fs.promises.access(folder, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw new PorterError('EXCHANGE_FOLDER_UNAVAILABLE', `Cannot watch ${folder}: ${(error as Error).message} (${code})`, {
        field: 'path',
        errno: code,
      });
    }
  }
  return { path: folder, enabled: settings.enabled };
}

/** A row of exchange_folder_files: a file's content (by hash) the folder took in or quarantined. */
export interface FolderRecord {
  sha256: string;
  file_name: string;
  outcome: 'imported' | 'duplicate' | 'quarantined';
  reason: string;
  /** Every order the file holds, as the book has filed it (brought by it, or there before). */
  received_order_ids: string;
  at: string;
}

/** What the folder remembers of each file's content: exactly once means "once per SHA-256". */
export class FolderRecords {
  constructor(private readonly db: Database.Database) {}

  get(sha256: string): FolderRecord | undefined {
    return this.db.prepare<[string], FolderRecord>('SELECT * FROM exchange_folder_files WHERE sha256 = ?').get(sha256);
  }

  /** Records a file taken in (`result`) or quarantined (null, with the reason); in the caller's transaction. */
  insert(sha256: string, name: string, result: IntakeResult | null, reason: string, at: string): void {
    const ids = result ? [...result.orderIds, ...result.duplicates.map((d) => d.existingId)] : [];
    const outcome = result ? (result.outcome === 'imported' ? 'imported' : 'duplicate') : 'quarantined';
    this.db
      .prepare('INSERT INTO exchange_folder_files (sha256, file_name, outcome, reason, received_order_ids, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha256, name, outcome, reason, JSON.stringify(ids), at);
  }

  /**
   * A recorded file as an event. `again`: its content was found in the folder once more (dropped
   * twice, copied, or left behind by a crash before the move): nothing new is stored, its orders are
   * duplicates of those it brought the first time.
   */
  eventOf(row: FolderRecord, fileName: string, at: string, again: boolean): FolderIntakeEvent {
    const ids = JSON.parse(row.received_order_ids) as number[];
    const base = {
      fileName,
      at,
      reason: row.reason,
      movedTo: null,
      orderIds: [] as number[],
      duplicates: [] as FolderIntakeEvent['duplicates'],
    };
    if (row.outcome === 'quarantined') return { ...base, outcome: 'quarantined' };
    if (!again && row.outcome === 'imported') return { ...base, outcome: 'imported', orderIds: ids };
    const number = this.db.prepare<[number], string>('SELECT number FROM received_orders WHERE id = ?').pluck();
    return { ...base, outcome: 'duplicate', duplicates: ids.map((id) => ({ number: number.get(id) ?? '', existingId: id })) };
  }

  /** Recorded before `before`, newest first. */
  before(before: string, limit: number): FolderRecord[] {
    return this.db
      .prepare<[string, number], FolderRecord>('SELECT * FROM exchange_folder_files WHERE at < ? ORDER BY at DESC, rowid DESC LIMIT ?')
      .all(before, limit);
  }
}
