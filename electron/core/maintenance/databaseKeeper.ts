import type Database from 'better-sqlite3';
import type { BackupInfo, StartupProblem, StartupState } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import {
  backupFileOf,
  DAY_MS,
  DEFAULT_BACKUP_KEEP,
  listBackups,
  moveAside,
  putBack,
  removeWithCompanions,
  stageCopy,
  commitStaged,
  takeBackup,
  verifyBackupFile,
} from '../db/backups';
import { mainDatabaseFile, openMainDatabase, type OpenedDatabase } from '../db/database';
import { latestVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { JobRegistry } from '../jobs/jobRegistry';
import { createLogger } from '../logger';
import { reconcileCatalogFiles } from './catalogFiles';
import { buildDiagnosticsArchive } from './diagnostics';

const log = createLogger('maintenance');

/** How often the running core looks whether the daily backup is due. */
const DEFAULT_CHECK_INTERVAL_MS = 60 * 60 * 1000;
const STARTUP_CODES = ['DB_CORRUPT', 'DB_OPEN_FAILED', 'DB_NEWER_VERSION'] as const;

/** The services over one open database (the core's session); closed before the database is replaced. */
export interface DatabaseSession {
  db: Database.Database;
  close(): void;
}

export interface DatabaseKeeperOptions {
  dataDir: string;
  jobs: JobRegistry;
  /** Backups kept (7). */
  backupKeep?: number;
  /** A daily backup is due when the newest backup is older than this (a day). */
  backupMaxAgeMs?: number;
  /** How often a running core checks (hourly); 0 disables the timer. */
  backupCheckIntervalMs?: number;
  now?: () => Date;
}

type SessionStarter<S extends DatabaseSession> = (db: Database.Database, opened: { afterChoice: boolean }) => Promise<S>;

/**
 * Keeps the main database: opens it at start — or, when it is damaged, unreadable or newer,
 * holds the core in "recovery" with the problem described and the file untouched — takes the
 * daily backups, restores a backup, and starts an empty database when the user chooses to.
 * Backups, restores and the recovery choice run one at a time.
 */
export class DatabaseKeeper<S extends DatabaseSession = DatabaseSession> {
  readonly dataDir: string;
  private session: S | null = null;
  private problem: StartupProblem | null = null;
  private switching: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastFailure: { at: string; message: string } | null = null;
  private closed = false;
  private readonly keep: number;
  private readonly now: () => Date;

  constructor(
    private readonly options: DatabaseKeeperOptions,
    private readonly startSession: SessionStarter<S>,
  ) {
    this.dataDir = options.dataDir;
    this.keep = options.backupKeep ?? DEFAULT_BACKUP_KEEP;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Opens the database and starts the services, or enters recovery. Errors after the database
   * opened (the services failing to start) are thrown as before: only the database's own
   * problems are recoverable by a restore.
   */
  async start(): Promise<void> {
    const opened = await this.tryOpen();
    if (opened) await this.attach(opened.db, false);
    // The first backup of a day is taken in the background: a large database must not hold up the window.
    if (opened && !opened.created) void this.backupIfDue();
    const interval = this.options.backupCheckIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => void this.backupIfDue(), interval);
      this.timer.unref();
    }
  }

  /** The running services; in recovery (or while the database is being replaced) a clear error instead. */
  current(): S {
    if (this.switching) {
      throw new PorterError('JOB_BUSY', `Porter is ${this.switching}; try again in a moment`);
    }
    if (this.session) return this.session;
    const problem = this.problem;
    if (!problem) throw new PorterError('INTERNAL', 'The Porter core is not started');
    throw new PorterError(
      problem.code,
      `${problem.message} Porter is waiting for a choice: restore a backup or start with an empty database.`,
      { file: problem.file, sqliteMessage: problem.sqliteMessage, recovery: true },
    );
  }

  get isRecovery(): boolean {
    return this.session === null && this.problem !== null;
  }

  startupState(): StartupState {
    return {
      state: this.session || !this.problem ? 'ready' : 'recovery',
      dataDir: this.dataDir,
      problem: this.session ? null : this.problem,
    };
  }

  listBackups(): { backups: BackupInfo[]; keep: number; lastFailure: { at: string; message: string } | null } {
    return { backups: listBackups(this.dataDir), keep: this.keep, lastFailure: this.lastFailure };
  }

  /** "Back up now". */
  backupNow(): Promise<BackupInfo> {
    return this.serialize(async () => {
      const made = await takeBackup(this.current().db, this.dataDir, 'manual', { keep: this.keep, now: this.now() });
      this.lastFailure = null;
      return infoOf(made);
    });
  }

  /** The daily backup, when the newest backup is a day old (or the clock is far off); failures are kept for the settings screen. */
  backupIfDue(): Promise<BackupInfo | null> {
    return this.serialize(async () => {
      if (!this.session || this.switching || this.closed) return null;
      const maxAge = this.options.backupMaxAgeMs ?? DAY_MS;
      const newest = listBackups(this.dataDir)[0];
      const age = newest ? this.now().getTime() - Date.parse(newest.createdAt) : Infinity;
      if (age < maxAge && age > -maxAge) return null;
      try {
        const made = await takeBackup(this.session.db, this.dataDir, 'daily', { keep: this.keep, now: this.now() });
        this.lastFailure = null;
        return infoOf(made);
      } catch (error) {
        // Porter closing its database in the middle is not a failure to report: the next start backs up again.
        if (this.closed || !this.session?.db.open) {
          log.info('daily backup stopped: the database was closed', { message: (error as Error).message });
          return null;
        }
        this.lastFailure = { at: this.now().toISOString(), message: (error as Error).message };
        log.error('daily backup failed', { message: this.lastFailure.message });
        return null;
      }
    });
  }

  /**
   * Replaces the database with a backup. The backup is checked in full first; the live database
   * is backed up (beforeRestore) and closed, its file kept aside (porter.sqlite.before-restore-…,
   * or .damaged-… in recovery), the copy put in place and opened as at start (quick_check,
   * migrations, pragmas). If it cannot be opened, the previous file is put back.
   */
  restore(backupId: string): Promise<{ restored: BackupInfo; keptAside: string | null }> {
    return this.serialize(async () => {
      const { file: backupFile, info } = backupFileOf(this.dataDir, backupId);
      verifyBackupFile(backupFile, latestVersion(MIGRATIONS));
      this.refuseDuringImport();
      const target = mainDatabaseFile(this.dataDir);
      // Staged before the beforeRestore backup, whose pruning may remove the oldest backup: the one being restored.
      const staged = stageCopy(backupFile, target);
      try {
        if (this.session) await takeBackup(this.session.db, this.dataDir, 'beforeRestore', { keep: this.keep, now: this.now() });
      } catch (error) {
        removeWithCompanions(staged);
        throw error;
      }
      log.warn('restoring a backup', { backup: backupId, from: this.session ? 'running' : 'recovery' });
      try {
        const keptAside = await this.replaceDatabase(
          this.session ? 'before-restore' : 'damaged',
          () => commitStaged(staged, target),
          false,
        );
        return { restored: info, keptAside };
      } finally {
        removeWithCompanions(staged);
      }
    });
  }

  /** Recovery only: the damaged file is moved aside and a new, empty database created. */
  startEmpty(): Promise<{ keptAside: string | null }> {
    return this.serialize(async () => {
      if (!this.isRecovery) {
        throw new PorterError('INVALID_INPUT', 'The database is working: there is nothing to replace with an empty one');
      }
      log.warn('starting with an empty database', { problem: this.problem?.code });
      const keptAside = await this.replaceDatabase('damaged', () => undefined, true);
      return { keptAside };
    });
  }

  /** "Save diagnostics": works in recovery too, where it matters most. */
  async diagnostics(): Promise<{ fileName: string; base64: string }> {
    const { fileName, bytes } = await buildDiagnosticsArchive({
      dataDir: this.dataDir,
      db: this.session?.db ?? null,
      startup: this.startupState(),
      backups: listBackups(this.dataDir),
      lastBackupFailure: this.lastFailure,
      now: this.now(),
    });
    return { fileName, base64: bytes.toString('base64') };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.session?.close();
    this.session = null;
  }

  /** Resolves when every queued backup or restore has finished (tests; a clean shutdown). */
  idle(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private async replaceDatabase(label: 'before-restore' | 'damaged', putInPlace: () => void, create: boolean): Promise<string | null> {
    const target = mainDatabaseFile(this.dataDir);
    this.switching = label === 'before-restore' ? 'restoring a backup' : 'replacing the damaged database';
    try {
      this.session?.close();
      this.session = null;
      let movedAside = false;
      let aside: string | null = null;
      let opened: OpenedDatabase | null = null;
      try {
        aside = moveAside(target, label, this.now());
        movedAside = true;
        putInPlace();
        opened = await openMainDatabase(this.dataDir, MIGRATIONS, { backupKeep: this.keep, create });
        reconcileCatalogFiles(opened.db, this.dataDir);
      } catch (error) {
        log.error('the replacement database could not be opened; putting the previous file back', { error: (error as Error).message });
        opened?.db.close();
        if (movedAside) {
          removeWithCompanions(target);
          if (aside) putBack(aside, target);
        }
        await this.reopen().catch((reopenError: unknown) =>
          log.error('the previous database could not be reopened either', { error: (reopenError as Error).message }),
        );
        throw error;
      }
      this.problem = null;
      try {
        await this.attach(opened.db, true);
      } catch (error) {
        // The database opened but the services did not start on it: say so, and let the user choose again.
        this.problem = toStartupProblem(error, target);
        throw error;
      }
      return aside;
    } finally {
      this.switching = null;
    }
  }

  /** After a failed replacement: the database as it was, or recovery again. */
  private async reopen(): Promise<void> {
    const opened = await this.tryOpen();
    if (opened) await this.attach(opened.db, true);
  }

  private async tryOpen(): Promise<OpenedDatabase | null> {
    try {
      const opened = await openMainDatabase(this.dataDir, MIGRATIONS, { backupKeep: this.keep });
      this.problem = null;
      return opened;
    } catch (error) {
      this.problem = toStartupProblem(error, mainDatabaseFile(this.dataDir));
      log.error('the database cannot be opened: starting in recovery', { ...this.problem });
      return null;
    }
  }

  private async attach(db: Database.Database, afterChoice: boolean): Promise<void> {
    try {
      this.session = await this.startSession(db, { afterChoice });
    } catch (error) {
      try {
        db.close();
      } catch {
        // Already closed by the failing start.
      }
      throw error;
    }
  }

  private refuseDuringImport(): void {
    if (this.options.jobs.isRunning('priceListImport')) {
      throw new PorterError('JOB_BUSY', 'A price list import is running: wait for it or cancel it before restoring a backup');
    }
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const infoOf = ({ id, createdAt, sizeBytes, reason }: BackupInfo): BackupInfo => ({ id, createdAt, sizeBytes, reason });

function toStartupProblem(error: unknown, file: string): StartupProblem {
  const data = error instanceof PorterError ? error : null;
  const code = data && (STARTUP_CODES as readonly string[]).includes(data.code) ? (data.code as StartupProblem['code']) : 'DB_OPEN_FAILED';
  const message = error instanceof Error ? error.message : String(error);
  const sqliteMessage = typeof data?.details?.sqliteMessage === 'string' ? data.details.sqliteMessage : message;
  return { code, message, file: typeof data?.details?.file === 'string' ? data.details.file : file, sqliteMessage };
}
