import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { BACKUP_DIR_NAME, listBackups, takeBackup } from '../../electron/core/db/backups';
import { MAIN_DATABASE_FILE, openMainDatabase } from '../../electron/core/db/database';
import { dispatch } from '../../electron/core/dispatch';
import { migration0001 } from '../../electron/core/db/migrations/0001_initial';
import { tempDataDir } from '../builders/dataDir';
import { importListedPriceList } from '../builders/orderPriceLists';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.reverse().forEach((f) => f());
  cleanup = [];
});
function dataDir(): string {
  const t = tempDataDir('porter-backups');
  cleanup.push(t.remove);
  return t.dir;
}
async function startCore(dir: string, maintenance: NonNullable<Parameters<typeof createCore>[0]['maintenance']> = {}): Promise<PorterCore> {
  const core = await createCore({ dataDir: dir, maintenance: { backupCheckIntervalMs: 0, ...maintenance } });
  cleanup.push(() => core.close());
  return core;
}
const integrityOf = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
};
const settingCount = (db: Database.Database, prefix: string): number =>
  Number(db.prepare('SELECT count(*) FROM settings WHERE key LIKE ?').pluck().get(`${prefix}%`));

/**
 * A second connection in another thread, committing one row per transaction into the settings
 * table ('w.1', 'w.2', …) until told to stop; `committed` is readable at any moment.
 */
function startWriter(file: string): { committed: () => number; stop: () => Promise<number>; started: Promise<void> } {
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [0]: stop flag, [1]: rows committed
  const source = `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.file, { timeout: 10000 });
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
    const state = workerData.shared;
    let n = 0;
    while (Atomics.load(state, 0) === 0) {
      n += 1;
      insert.run('w.' + n, 'x'.repeat(200));
      Atomics.store(state, 1, n);
      if (n === 1) parentPort.postMessage('started');
    }
    db.close();
    parentPort.postMessage('stopped');
  `;
  const worker = new Worker(source, { eval: true, workerData: { file, shared } });
  const started = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    started,
    committed: () => Atomics.load(shared, 1),
    stop: async () => {
      Atomics.store(shared, 0, 1);
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      return Atomics.load(shared, 1);
    },
  };
}

describe('backups of the main database', () => {
  it('takes a backup while another connection writes: the copy passes integrity_check, holds a consistent snapshot, and restores', async () => {
    const dir = dataDir();
    const core = await startCore(dir);
    // Enough data that the copy takes a while: 20,000 rows of 500 bytes (~10 MB).
    const seed = core.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    core.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) seed.run(`seed.${i}`, 's'.repeat(500));
    })();

    const writer = startWriter(path.join(dir, MAIN_DATABASE_FILE));
    cleanup.push(() => void writer.stop());
    await writer.started;
    const before = writer.committed();
    const backup = await core.api.createBackup({});
    const after = writer.committed();
    // Wait until the writer has committed more after the backup, then stop it.
    await vi.waitFor(() => expect(writer.committed()).toBeGreaterThan(after + 10));
    const total = await writer.stop();
    expect(after).toBeGreaterThan(before); // the writer really was writing while the backup ran

    expect(backup.reason).toBe('manual');
    const file = path.join(dir, BACKUP_DIR_NAME, backup.id);
    expect(integrityOf(file)).toEqual(['ok']);
    const copy = new Database(file, { readonly: true });
    const inCopy = settingCount(copy, 'w.');
    // A snapshot: 'w.1' … 'w.k' with no gap, and k within what had been committed around the backup.
    const highest = Number(copy.prepare("SELECT max(CAST(substr(key, 3) AS INTEGER)) FROM settings WHERE key LIKE 'w.%'").pluck().get());
    expect(highest).toBe(inCopy);
    expect(inCopy).toBeGreaterThanOrEqual(before);
    expect(inCopy).toBeLessThanOrEqual(after);
    expect(settingCount(copy, 'seed.')).toBe(20_000);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
    copy.close();
    expect(settingCount(core.db, 'w.')).toBe(total);

    const { restored, keptAside } = await core.api.restoreBackup({ backupId: backup.id });
    expect(restored.id).toBe(backup.id);
    // The restored database is the snapshot: the rows written after the backup are not in it …
    expect(settingCount(core.db, 'w.')).toBe(inCopy);
    expect(settingCount(core.db, 'seed.')).toBe(20_000);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
    // … and the database it replaced is kept twice: beside it, and as a beforeRestore backup.
    expect(keptAside).toMatch(/porter\.sqlite\.before-restore-\d{4}-.*Z$/);
    const aside = new Database(keptAside!, { readonly: true });
    expect(settingCount(aside, 'w.')).toBe(total);
    aside.close();
    const beforeRestore = (await core.api.listBackups({})).backups.find((b) => b.reason === 'beforeRestore');
    expect(beforeRestore).toBeDefined();
    const saved = new Database(path.join(dir, BACKUP_DIR_NAME, beforeRestore!.id), { readonly: true });
    expect(settingCount(saved, 'w.')).toBe(total);
    saved.close();
  });

  it('restores orders, drafts and settings as they were, and keeps the price list the store has now', async () => {
    const dir = dataDir();
    const core = await startCore(dir);
    await importListedPriceList(core, 'prices', [
      { code: '000123', name: 'Молоко 3,2%', packMultiple: 12, priceKopecks: 8990, stock: 100, vatRate: 10 },
      { code: '000200', name: 'Шоколад', packMultiple: 20, priceKopecks: 11500, stock: 540, vatRate: 22 },
    ]);
    await core.api.setStoreProfile({ storeName: 'Магазин у дома', customerCode: 'K-17', priceType: '', locale: 'ru' });
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 24 });
    await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-12-01', comment: 'к утру' });
    const backup = await core.api.createBackup({});

    // After the backup: the line changes, a new draft appears, the profile changes, a new price list comes.
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 0 });
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000200', quantity: 40 });
    await core.api.createDraft({});
    await core.api.setStoreProfile({ storeName: 'Другое имя', customerCode: 'K-17', priceType: '', locale: 'en' });
    await importListedPriceList(core, 'newer', [
      { code: '000123', name: 'Молоко 3,2%', packMultiple: 12, priceKopecks: 9290, stock: 80, vatRate: 10 },
      { code: '000300', name: 'Ёлка', packMultiple: 1, priceKopecks: 499000, stock: 7, vatRate: 22 },
    ]);
    const newerList = (await core.api.getAppInfo({})).priceList;

    await core.api.restoreBackup({ backupId: backup.id });

    const restoredDraft = await core.api.getOrder({ orderId: draft.id });
    expect(restoredDraft.lines.map((l) => [l.itemCode, l.quantity])).toEqual([['000123', 24]]);
    expect(restoredDraft).toMatchObject({ deliveryDate: '2026-12-01', comment: 'к утру' });
    expect((await core.api.listDrafts({})).drafts).toHaveLength(1);
    expect(await core.api.getStoreProfile({})).toMatchObject({ storeName: 'Магазин у дома', locale: 'ru' });
    // Price lists are not in backups: the newest one on disk stays current, and search works on it.
    expect((await core.api.getAppInfo({})).priceList).toEqual(newerList);
    const found = await core.api.searchItems({ query: 'ёлка', offset: 0, limit: 10 });
    expect(found.items.map((i) => i.code)).toEqual(['000300']);
    // The restored draft is checked against it: the milk's price changed.
    expect(restoredDraft.lines[0]!.problems.map((p) => p.kind)).toContain('priceChanged');
  });

  it('keeps the newest N backups, pruning only after a new one is verified', async () => {
    const dir = dataDir();
    let clock = Date.parse('2026-11-01T09:00:00.000Z');
    const core = await startCore(dir, { backupKeep: 3, now: () => new Date(clock) });
    const made: string[] = [];
    for (let day = 0; day < 5; day++) {
      clock += 24 * 60 * 60 * 1000;
      made.push((await core.api.createBackup({})).id);
    }
    const { backups, keep } = await core.api.listBackups({});
    expect(keep).toBe(3);
    expect(backups.map((b) => b.id)).toEqual(made.slice(2).reverse());
    expect(backups.map((b) => b.createdAt)).toEqual(['2026-11-06T09:00:00.000Z', '2026-11-05T09:00:00.000Z', '2026-11-04T09:00:00.000Z']);
    expect(fs.readdirSync(path.join(dir, BACKUP_DIR_NAME)).sort()).toEqual([...made.slice(2)].sort());
    for (const b of backups) expect(b.sizeBytes).toBe(fs.statSync(path.join(dir, BACKUP_DIR_NAME, b.id)).size);

    // A backup that fails its check leaves every old one in place.
    const broken = { backup: () => Promise.reject(new Error('disk full')), name: path.join(dir, MAIN_DATABASE_FILE) };
    await expect(takeBackup(broken as unknown as Database.Database, dir, 'daily', { keep: 1 })).rejects.toMatchObject({
      code: 'BACKUP_FAILED',
    });
    expect(listBackups(dir).map((b) => b.id)).toEqual(made.slice(2).reverse());
    expect(fs.readdirSync(path.join(dir, BACKUP_DIR_NAME)).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('restores the oldest backup kept, although the backup taken before the restore prunes it from the list', async () => {
    const dir = dataDir();
    let clock = Date.parse('2026-11-01T09:00:00.000Z');
    const core = await startCore(dir, { backupKeep: 2, now: () => new Date(clock) });
    await core.api.setStoreProfile({ storeName: 'Первая', customerCode: '', priceType: '', locale: 'ru' });
    const oldest = await core.api.createBackup({});
    clock += 60_000;
    await core.api.setStoreProfile({ storeName: 'Вторая', customerCode: '', priceType: '', locale: 'ru' });
    await core.api.createBackup({});
    clock += 60_000;
    await core.api.setStoreProfile({ storeName: 'Третья', customerCode: '', priceType: '', locale: 'ru' });

    await core.api.restoreBackup({ backupId: oldest.id });
    expect((await core.api.getStoreProfile({})).storeName).toBe('Первая');
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['beforeRestore', 'manual']);
  });

  it('takes the daily backup on start when the newest is a day old, and from the running timer', async () => {
    const dir = dataDir();
    let clock = Date.parse('2026-11-01T09:00:00.000Z');
    const now = () => new Date(clock);
    // A new database is not backed up (there is nothing in it yet).
    let core = await startCore(dir, { now });
    await core.maintenance.idle();
    expect(listBackups(dir)).toEqual([]);
    core.close();

    core = await startCore(dir, { now });
    await core.maintenance.idle();
    expect(listBackups(dir).map((b) => [b.reason, b.createdAt])).toEqual([['daily', '2026-11-01T09:00:00.000Z']]);
    core.close();

    clock += 23 * 60 * 60 * 1000; // not yet a day
    core = await startCore(dir, { now });
    await core.maintenance.idle();
    expect(listBackups(dir)).toHaveLength(1);
    core.close();

    clock += 2 * 60 * 60 * 1000;
    core = await startCore(dir, { now });
    await core.maintenance.idle();
    expect(listBackups(dir).map((b) => b.createdAt)).toEqual(['2026-11-02T10:00:00.000Z', '2026-11-01T09:00:00.000Z']);

    // While running: the timer looks every interval (here 20 ms) and backs up once the newest is a day old.
    core.close();
    core = await startCore(dir, { now, backupCheckIntervalMs: 20 });
    await core.maintenance.idle();
    expect(listBackups(dir)).toHaveLength(2);
    clock += 25 * 60 * 60 * 1000;
    await vi.waitFor(() => expect(listBackups(dir)).toHaveLength(3), { timeout: 5_000 });
    expect(listBackups(dir)[0]).toMatchObject({ reason: 'daily', createdAt: '2026-11-03T11:00:00.000Z' });
  });

  it('backs up before a migration with the same module: a verified, listed beforeMigration backup', async () => {
    const dir = dataDir();
    const seed = new Database(path.join(dir, MAIN_DATABASE_FILE));
    migration0001.up(seed);
    seed.pragma('user_version = 1');
    seed.prepare("INSERT INTO settings VALUES ('store.name', 'Старая версия')").run();
    seed.close();
    const { db, backupFile } = await openMainDatabase(dir);
    db.close();
    expect(path.basename(backupFile!)).toMatch(/^porter-\d{4}-.*Z-beforeMigration\.sqlite$/);
    expect(listBackups(dir)).toEqual([expect.objectContaining({ id: path.basename(backupFile!), reason: 'beforeMigration' })]);
    expect(integrityOf(backupFile!)).toEqual(['ok']);
    const copy = new Database(backupFile!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'store.name'").pluck().get()).toBe('Старая версия');
    copy.close();
  });

  it('refuses a backup id that is not a backup, and a damaged backup, leaving the database as it was', async () => {
    const dir = dataDir();
    const core = await startCore(dir);
    await core.api.setStoreProfile({ storeName: 'Магазин', customerCode: '', priceType: '', locale: 'ru' });
    const backup = await core.api.createBackup({});
    // Through the contract as the shells call it, and straight at the core: neither reaches a file outside backups/.
    expect(await dispatch(core.api, 'restoreBackup', { backupId: '../porter.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(core.api.restoreBackup({ backupId: '../porter.sqlite' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(core.api.restoreBackup({ backupId: 'porter-2026-01-01T00-00-00-000Z-manual.sqlite' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const file = path.join(dir, BACKUP_DIR_NAME, backup.id);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 8192); // a page of garbage
    fs.writeFileSync(file, bytes);
    await expect(core.api.restoreBackup({ backupId: backup.id })).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
    expect((await core.api.getStoreProfile({})).storeName).toBe('Магазин');
    expect(fs.readdirSync(dir).filter((n) => n.startsWith(MAIN_DATABASE_FILE))).not.toContainEqual(
      expect.stringMatching(/before-restore|restoring/),
    );
  });
});
