import fs from 'node:fs';
import path from 'node:path';

/**
 * A module-scoped logger: one line per event, with the module's name, to stderr and — once a
 * process has called configureLogFile — to a rotating file dataDir/logs/<process>.log, which
 * "Save diagnostics" packs for support.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const threshold = LEVELS[(process.env.PORTER_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? LEVELS.info;
// The file keeps info and above even when stderr is quieted (tests, PORTER_LOG_LEVEL=warn): support needs it.
const fileThreshold = Math.min(threshold, LEVELS.info);

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_DIR_NAME = 'logs';
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 3;

export interface LogFileOptions {
  /** The folder for the log files: dataDir/logs. */
  dir: string;
  /** The process's name, the file's name: core, browser-shell, main. */
  process: string;
  /** The size at which the file is rotated (5 MB). */
  maxBytes?: number;
  /** How many rotated files are kept: <process>.log.1 (newest) … .log.<keep>. */
  keep?: number;
}

/** One log file that is renamed to .1 (and .1 to .2 …) when the next line would take it past maxBytes. */
export class RotatingLogFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number | null = null;
  private size = 0;

  constructor(options: LogFileOptions) {
    fs.mkdirSync(options.dir, { recursive: true });
    this.file = path.join(options.dir, `${options.process}.log`);
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.keep = options.keep ?? DEFAULT_LOG_KEEP;
    this.open();
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    if (this.fd === null) this.open();
    fs.writeSync(this.fd!, line);
    this.size += bytes;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = fs.openSync(this.file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    fs.rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      if (fs.existsSync(`${this.file}.${n}`)) fs.renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (this.keep > 0) fs.renameSync(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
    this.open();
  }
}

let logFile: RotatingLogFile | null = null;

/**
 * From now on this process also writes its log to dir/<process>.log. A shell calls it once at
 * start with dataDir/logs; a failure to write the file never breaks the caller (stderr still has it).
 */
export function configureLogFile(options: LogFileOptions): RotatingLogFile | null {
  logFile?.close();
  try {
    logFile = new RotatingLogFile(options);
  } catch (error) {
    process.stderr.write(`logger: cannot open a log file in ${options.dir}: ${(error as Error).message}\n`);
    logFile = null;
  }
  return logFile;
}

export function closeLogFile(): void {
  logFile?.close();
  logFile = null;
}

/** One entry as one line: time, level, module, message, then the fields as JSON. */
export function formatLogLine(time: Date, level: LogLevel, module: string, message: string, fields?: Record<string, unknown>): string {
  let extra = '';
  if (fields) {
    try {
      extra = ' ' + JSON.stringify(fields, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    } catch {
      extra = ' ' + JSON.stringify({ unserializable: Object.keys(fields) });
    }
  }
  const oneLine = message.replace(/\r?\n/g, '\\n');
  return `${time.toISOString()} ${level.toUpperCase()} [${module}] ${oneLine}${extra}\n`;
}

export function createLogger(module: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < fileThreshold) return;
    const line = formatLogLine(new Date(), level, module, message, fields);
    if (LEVELS[level] >= threshold) process.stderr.write(line);
    if (logFile) {
      try {
        logFile.write(line);
      } catch (error) {
        process.stderr.write(`logger: cannot write ${logFile.file}: ${(error as Error).message}\n`);
        logFile = null;
      }
    }
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
