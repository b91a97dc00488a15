import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { FolderIntakeEvent, OrderFolderSettings, OrderFolderState } from '../../../shared/manager';
import { createLogger } from '../logger';
import {
  checkOrderFolder,
  FolderRecords,
  isOrderFileName,
  moveAside,
  OrderFolderSetting,
  sha256Of,
  type FolderRecord,
} from './folderFiles';
import { intakeError, type OrderFileContent, type OrderIntake } from './orderIntake';

const log = createLogger('manager.folder');

export interface FolderWatcherOptions {
  /** How often the folder is looked through besides fs.watch's events, which network shares do not send (5 s). */
  rescanIntervalMs?: number;
  /** How long a file must keep its size and modification time before it is taken in (2 s): a file still being written is left. */
  settleMs?: number;
  /** false: no fs.watch and no timers; the folder is looked through only when scanOnce is called (tests drive it). */
  watch?: boolean;
  /** Runs after each look through the folder, with what it did. */
  onPass?: (pass: FolderPass) => void;
  /** Runs after a file's orders and record are committed and before it is moved: tests stop here, as a crash would. */
  afterCommit?: (fileName: string) => Promise<void> | void;
  /** Milliseconds for the settle time (Date.now). */
  now?: () => number;
}

/** One look through the folder. */
export interface FolderPass {
  at: string;
  /** The files taken in or quarantined in it. */
  events: FolderIntakeEvent[];
  /** Files left for a later pass: still being written, or locked. */
  waiting: string[];
  /** Why the folder (or a file in it) could not be read; null when all went well. */
  error: string | null;
}

interface Look {
  size: number;
  mtimeMs: number;
  /** When the file was first seen with this size and time. */
  since: number;
}

/** The file cannot be read now (locked, no permission yet, gone): looked at again, never quarantined for it. */
function transient(error: unknown): boolean {
  if (error instanceof PorterError) return error.code === 'FILE_UNREADABLE';
  return typeof (error as NodeJS.ErrnoException | null)?.code === 'string';
}

const KEPT_EVENTS = 500;

/**
 * The supplier's exchange folder, watched for order files (Porter JSON, CommerceML, order tables).
 * Each file is taken in exactly once, keyed by the SHA-256 of its content in exchange_folder_files:
 * read whole, then its orders and its record committed in one transaction, and only then moved into
 * `imported/`. A malformed file is recorded and moved into `quarantine/` with `<name>.reason.txt` (the
 * file, line and field). A file whose content is recorded already — dropped twice, copied under
 * another name, or left behind by a crash between the commit and the move — is only moved aside.
 * A file is taken once its size and time stayed the same for the settle time, across two looks; the
 * folder is looked through on fs.watch events and every few seconds (network shares send no events).
 */
export class FolderWatcher {
  private readonly setting: OrderFolderSetting;
  private readonly records: FolderRecords;
  private readonly seen = new Map<string, Look>();
  /** Files committed but not yet moved aside (locked): moved at a later pass, under the same event. */
  private readonly unmoved = new Map<string, { sha256: string; event: FolderIntakeEvent }>();
  private readonly events: FolderIntakeEvent[] = [];
  private readonly listeners = new Set<(pass: FolderPass) => void>();
  private readonly sessionStart: string;
  private readonly now: () => number;
  private chain: Promise<unknown> = Promise.resolve();
  private passQueued = false;
  private running = false;
  private closed = false;
  private fsWatcher: fs.FSWatcher | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private lastError: string | null = null;
  private lastPassAt: string | null = null;
  private readonly ignoredLogged = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    private readonly intake: OrderIntake,
    private readonly options: FolderWatcherOptions = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.setting = new OrderFolderSetting(db);
    this.records = new FolderRecords(db);
    this.now = options.now ?? Date.now;
    this.sessionStart = clock().toISOString();
    if (options.onPass) this.listeners.add(options.onPass);
  }

  settings(): OrderFolderSettings {
    return this.setting.get();
  }

  state(): OrderFolderState {
    const settings = this.settings();
    return {
      ...settings,
      watching: this.running && settings.enabled && settings.path !== '',
      error: this.lastError,
      lastPassAt: this.lastPassAt,
      waiting: [...this.seen.keys()].sort(),
    };
  }

  /** Saves the settings (checked first) and starts or stops watching accordingly. */
  async configure(input: OrderFolderSettings): Promise<OrderFolderState> {
    const settings = await checkOrderFolder(input);
    const before = this.settings();
    this.setting.set(settings);
    if (before.path !== settings.path) {
      this.seen.clear();
      this.unmoved.clear();
    }
    this.lastError = null;
    this.stopWatching();
    if (this.running) this.startWatching();
    return this.state();
  }

  /** Starts watching (when the settings say so) and looks through the folder once. */
  start(): void {
    if (this.closed || this.running) return;
    this.running = true;
    this.startWatching();
  }

  /** Stops for good: timers and fs.watch end, a pass in flight leaves off at its next step. */
  close(): void {
    this.closed = true;
    this.running = false;
    this.stopWatching();
  }

  /** Calls `listener` after each pass; returns the way to stop. */
  onPass(listener: (pass: FolderPass) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks through the folder once, after any pass under way; resolves with what it did. */
  scanOnce(): Promise<FolderPass> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch(() => {});
    return pass;
  }

  /** What the folder did with the latest files, newest first: this session's, then those recorded before it. */
  recent(limit: number): FolderIntakeEvent[] {
    const session = this.events.slice(0, limit);
    if (session.length >= limit) return session;
    const older = this.records
      .before(this.sessionStart, limit - session.length)
      .map((row) => this.records.eventOf(row, row.file_name, row.at, false));
    return [...session, ...older];
  }

  // ── Watching ─────────────────────────────────────────────────────────────────────────────

  private get watchesItself(): boolean {
    return this.options.watch !== false;
  }

  private startWatching(): void {
    const { path: folder, enabled } = this.settings();
    if (!enabled || folder === '' || !this.watchesItself) return;
    this.attachFsWatch(folder);
    const every = this.options.rescanIntervalMs ?? 5_000;
    if (every > 0) {
      this.rescanTimer = setInterval(() => this.requestPass(), every);
      this.rescanTimer.unref();
    }
    this.requestPass();
  }

  private stopWatching(): void {
    this.fsWatcher?.close();
    this.fsWatcher = null;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    this.rescanTimer = null;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wakeAt = Infinity;
  }

  private attachFsWatch(folder: string): void {
    if (this.fsWatcher) return;
    try {
      this.fsWatcher = fs.watch(folder, { persistent: false }, () => this.wake(100));
      this.fsWatcher.on('error', (error) => {
        log.warn('fs.watch stopped; the periodic rescan goes on', { folder, error: error.message });
        this.fsWatcher?.close();
        this.fsWatcher = null;
      });
    } catch (error) {
      // A share that is not mounted yet: the rescans keep looking, and attach the watch once it is there.
      log.warn('cannot watch the folder for changes; rescanning it periodically', { folder, error: (error as Error).message });
    }
  }

  /** A pass in `delayMs` (or sooner if one is due sooner already). */
  private wake(delayMs: number): void {
    if (!this.running || !this.watchesItself) return;
    const at = this.now() + delayMs;
    if (this.wakeTimer && at >= this.wakeAt) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wakeAt = Infinity;
      this.requestPass();
    }, delayMs);
    this.wakeTimer.unref();
  }

  /** One more pass after the current one; requests while it waits to start are one. */
  private requestPass(): void {
    if (this.passQueued || !this.running) return;
    this.passQueued = true;
    this.scanOnce().catch((error: unknown) => log.error('a pass through the folder failed', { error: String(error) }));
  }

  // ── One pass ─────────────────────────────────────────────────────────────────────────────

  private async pass(): Promise<FolderPass> {
    this.passQueued = false;
    const pass: FolderPass = { at: this.clock().toISOString(), events: [], waiting: [], error: null };
    if (this.closed) return pass;
    const { path: folder, enabled } = this.settings();
    if (!enabled || folder === '') return pass;
    let names: string[];
    try {
      names = (await fs.promises.readdir(folder)).sort();
    } catch (error) {
      pass.error = `Cannot read the exchange folder ${folder}: ${(error as Error).message}`;
      return this.finish(pass);
    }
    if (this.running && this.watchesItself) this.attachFsWatch(folder);
    for (const name of names) {
      if (this.closed) return pass;
      if (!isOrderFileName(name)) {
        this.noteIgnored(folder, name);
        continue;
      }
      try {
        const taken = await this.look(folder, name);
        if (taken === 'wait') pass.waiting.push(name);
        else if (taken) pass.events.push(taken);
      } catch (error) {
        if (this.closed) return pass;
        pass.waiting.push(name);
        pass.error = intakeError(error, name);
        log.warn('a file in the folder could not be taken in now; trying again at the next pass', { file: name, error: pass.error });
      }
    }
    for (const name of this.seen.keys()) if (!names.includes(name)) this.seen.delete(name);
    for (const name of this.unmoved.keys()) if (!names.includes(name)) this.unmoved.delete(name);
    return this.finish(pass);
  }

  private finish(pass: FolderPass): FolderPass {
    if (this.closed) return pass;
    this.lastPassAt = pass.at;
    if (pass.error !== this.lastError && pass.error) log.warn('exchange folder', { error: pass.error });
    this.lastError = pass.error;
    this.events.unshift(...[...pass.events].reverse());
    this.events.splice(KEPT_EVENTS);
    // Files settling: look again once their settle time is up, not only at the next rescan.
    const settle = this.options.settleMs ?? 2_000;
    const due = Math.min(...[...this.seen.values()].map((look) => look.since + settle));
    if (Number.isFinite(due)) this.wake(Math.max(10, due - this.now()));
    for (const listener of this.listeners) listener(pass);
    return pass;
  }

  private noteIgnored(folder: string, name: string): void {
    if (name.startsWith('.') || this.ignoredLogged.has(name)) return;
    this.ignoredLogged.add(name);
    log.info('not an order file; left where it is', { folder, file: name });
  }

  /**
   * Looks at one file: 'wait' while it is still changing (or settling), else takes it in (or moves
   * aside what was taken in before) and returns what happened; null when there is nothing to say.
   */
  private async look(folder: string, name: string): Promise<FolderIntakeEvent | 'wait' | null> {
    const filePath = path.join(folder, name);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!stat.isFile()) return null;
    const before = this.seen.get(name);
    const now = this.now();
    if (!before || before.size !== stat.size || before.mtimeMs !== stat.mtimeMs) {
      this.seen.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, since: now });
      return 'wait';
    }
    if (now - before.since < (this.options.settleMs ?? 2_000)) return 'wait';
    const taken = await this.take(folder, name, before);
    if (taken !== 'wait') this.seen.delete(name);
    return taken;
  }

  private async take(folder: string, name: string, look: Look): Promise<FolderIntakeEvent | 'wait' | null> {
    const filePath = path.join(folder, name);
    const sha256 = await sha256Of(filePath);
    if (this.closed) return null;

    const recorded = this.records.get(sha256);
    if (recorded) {
      const pending = this.unmoved.get(name);
      if (pending?.sha256 === sha256) {
        // Committed at an earlier pass, the move failed then: only the move is left.
        pending.event.movedTo = await this.moveRecorded(folder, name, recorded, pending.event.at);
        if (pending.event.movedTo) this.unmoved.delete(name);
        return null;
      }
      const at = this.clock().toISOString();
      const event = this.records.eventOf(recorded, name, at, true);
      event.movedTo = await this.moveRecorded(folder, name, recorded, at);
      log.info('a file taken in before was found again; moved aside', { file: name, outcome: recorded.outcome, first: recorded.file_name });
      return event;
    }

    let content: OrderFileContent | null = null;
    let failure: unknown = null;
    try {
      content = await this.intake.read(filePath, name);
    } catch (error) {
      failure = error;
    }
    if (this.closed) return null;
    // What was read must be what was looked at and hashed: a file that changed meanwhile is looked at again.
    const after = await fs.promises.stat(filePath).catch(() => null);
    if (!after || after.size !== look.size || after.mtimeMs !== look.mtimeMs) return 'wait';
    if (failure !== null && transient(failure)) throw failure as Error;

    const at = this.clock().toISOString();
    let event: FolderIntakeEvent;
    if (content) {
      const result = this.intake.take(content, 'folder', (taken) => this.records.insert(sha256, name, taken, '', at));
      event = {
        fileName: name,
        at,
        outcome: result.outcome === 'imported' ? 'imported' : 'duplicate',
        orderIds: result.orderIds,
        duplicates: result.duplicates,
        reason: '',
        movedTo: null,
      };
      log.info('order file taken in', { file: name, orders: result.orderIds.length, duplicates: result.duplicates.length });
    } else {
      const reason = intakeError(failure, name);
      this.db.transaction(() => this.records.insert(sha256, name, null, reason, at))();
      event = { fileName: name, at, outcome: 'quarantined', orderIds: [], duplicates: [], reason, movedTo: null };
      log.warn('order file quarantined', { file: name, reason });
    }
    await this.options.afterCommit?.(name);
    if (this.closed) return event;
    event.movedTo = await this.moveRecorded(folder, name, this.records.get(sha256)!, at);
    if (!event.movedTo) this.unmoved.set(name, { sha256, event });
    return event;
  }

  /** Moves a recorded file aside; null when it cannot be moved now (locked by its writer): the next pass tries again. */
  private async moveRecorded(folder: string, name: string, recorded: FolderRecord, at: string): Promise<string | null> {
    try {
      return recorded.outcome === 'quarantined'
        ? await moveAside(folder, name, 'quarantine', recorded.reason, at)
        : await moveAside(folder, name, 'imported');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      log.warn('cannot move the file aside yet; it is taken in and will be moved at the next pass', {
        file: name,
        error: (error as Error).message,
      });
      return null;
    }
  }
}
