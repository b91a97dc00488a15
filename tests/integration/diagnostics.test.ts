import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { MAIN_DATABASE_FILE } from '../../electron/core/db/database';
import { closeLogFile, configureLogFile, createLogger, LOG_DIR_NAME, RotatingLogFile } from '../../electron/core/logger';
import { tempDataDir } from '../builders/dataDir';

let cleanup: (() => void)[] = [];
afterEach(() => {
  closeLogFile();
  cleanup.reverse().forEach((f) => f());
  cleanup = [];
});
function dataDir(): string {
  const t = tempDataDir('porter-diag');
  cleanup.push(t.remove);
  return t.dir;
}
async function startCore(dir: string): Promise<PorterCore> {
  const core = await createCore({ dataDir: dir, maintenance: { backupCheckIntervalMs: 0 } });
  cleanup.push(() => core.close());
  return core;
}

/** Every entry of a zip (as the support person would open it): name → text. */
function readZip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('logs', () => {
  it('rotates at the size limit, keeping three older files, with every line whole and in order', () => {
    const dir = dataDir();
    const file = new RotatingLogFile({ dir, process: 'core', maxBytes: 1_000, keep: 3 });
    const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(30)}\n`);
    for (const line of lines) file.write(line);
    file.close();

    expect(fs.readdirSync(dir).sort()).toEqual(['core.log', 'core.log.1', 'core.log.2', 'core.log.3']);
    const kept = ['core.log.3', 'core.log.2', 'core.log.1', 'core.log'].map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    for (const text of kept) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_000);
    // Oldest to newest, the files hold the last lines written, none split, none missing in between.
    const joined = kept.join('');
    expect(joined.endsWith(lines.at(-1)!)).toBe(true);
    expect(lines.join('').endsWith(joined)).toBe(true);
    expect(joined.split('\n').filter(Boolean).length).toBeGreaterThan(60);
  });

  it('writes one line per entry with time, level, module, message and JSON fields to dataDir/logs/<process>.log', () => {
    const dir = dataDir();
    configureLogFile({ dir: path.join(dir, LOG_DIR_NAME), process: 'browser-shell' });
    createLogger('orders.outbox').info('order sent\nto the supplier', { orderId: 'o1', attempts: 2 });
    createLogger('db').debug('not written at the info level');
    closeLogFile();
    const text = fs.readFileSync(path.join(dir, LOG_DIR_NAME, 'browser-shell.log'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z INFO \[orders\.outbox\] order sent\\nto the supplier \{"orderId":"o1","attempts":2\}$/,
      ),
    ]);
  });
});

describe('save diagnostics', () => {
  it('packs the logs, the versions, the settings without secrets and the integrity check into one zip', async () => {
    const dir = dataDir();
    configureLogFile({ dir: path.join(dir, LOG_DIR_NAME), process: 'core' });
    const core = await startCore(dir);
    await core.api.setStoreProfile({ storeName: 'Магазин у дома', customerCode: 'K-17', priceType: 'Оптовая', locale: 'ru' });
    const put = core.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('exchange.token', 'S3CRET-TOKEN');
    put.run('updates.feedUrl', 'https://user:hunter2@updates.example/feed?key=abc');
    await core.api.createBackup({});

    const { fileName, base64 } = await core.api.saveDiagnostics({});
    expect(fileName).toMatch(/^porter-diagnostics-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.zip$/);
    const entries = await readZip(Buffer.from(base64, 'base64'));
    expect([...entries.keys()].sort()).toEqual(['README.txt', 'database.json', 'logs/core.log', 'settings.json', 'versions.json']);

    const versions = JSON.parse(entries.get('versions.json')!) as Record<string, unknown>;
    expect(versions).toMatchObject({ node: process.versions.node, sqlite: expect.stringMatching(/^3\.\d+\.\d+$/) as unknown });
    expect(versions.os).toMatchObject({ platform: process.platform });

    const settings = entries.get('settings.json')!;
    expect(JSON.parse(settings)).toMatchObject({
      'store.name': 'Магазин у дома',
      'store.customerCode': 'K-17',
      'exchange.token': '[removed]',
    });
    expect(settings).not.toContain('S3CRET');
    expect(settings).not.toContain('hunter2');
    expect(settings).not.toContain('key=abc');

    const database = JSON.parse(entries.get('database.json')!) as Record<string, unknown>;
    expect(database).toMatchObject({
      startup: { state: 'ready', problem: null },
      integrity: { check: 'integrity_check', result: ['ok'] },
      pragmas: { journal_mode: 'wal', synchronous: 2 },
      backups: [expect.objectContaining({ reason: 'manual' })],
    });
    expect(entries.get('logs/core.log')).toMatch(/INFO \[db\.backups\] database backed up/);
    // No order data goes to support.
    expect(entries.get('database.json')).not.toContain('Магазин');
  });

  it('works in recovery: the problem and SQLite’s findings on the damaged file', async () => {
    const dir = dataDir();
    let core = await startCore(dir);
    await core.api.setStoreProfile({ storeName: 'Магазин', customerCode: '', priceType: '', locale: 'ru' });
    await core.api.createBackup({});
    core.close();
    const file = path.join(dir, MAIN_DATABASE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 8192));
    core = await startCore(dir);
    expect((await core.api.getStartupState({})).state).toBe('recovery');

    const entries = await readZip(Buffer.from((await core.api.saveDiagnostics({})).base64, 'base64'));
    const database = JSON.parse(entries.get('database.json')!) as Record<string, unknown>;
    expect(database).toMatchObject({ startup: { state: 'recovery', problem: { code: 'DB_CORRUPT', file } } });
    expect(JSON.stringify(database.integrity)).toMatch(/malformed|corrupt|never used|out of range/i);
    expect(database.sizeBytes).toEqual({ main: 8192, wal: null });
  });
});
