import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/porter';
import { createCore, type PorterCore } from '../../electron/core/core';
import { BACKUP_DIR_NAME } from '../../electron/core/db/backups';
import { MAIN_DATABASE_FILE } from '../../electron/core/db/database';
import { dispatch } from '../../electron/core/dispatch';
import { tempDataDir } from '../builders/dataDir';
import { importListedPriceList } from '../builders/orderPriceLists';
import { seededRandom } from '../builders/random';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.reverse().forEach((f) => f());
  cleanup = [];
});
function dataDir(): string {
  const t = tempDataDir('porter-recovery');
  cleanup.push(t.remove);
  return t.dir;
}
async function startCore(dir: string): Promise<PorterCore> {
  const core = await createCore({ dataDir: dir, maintenance: { backupCheckIntervalMs: 0 } });
  cleanup.push(() => core.close());
  return core;
}
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const databaseFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(MAIN_DATABASE_FILE))
    .sort();

const MILK = { code: '000123', name: 'Молоко 3,2%', packMultiple: 12, priceKopecks: 8990, stock: 100, vatRate: 10 } as const;

/**
 * A store's data folder as Porter leaves it after a day's work: a price list, a draft with a line,
 * a backup taken after the line was entered, then one more line (not in the backup). Closed cleanly.
 */
async function usedDataFolder(): Promise<{ dir: string; file: string; backupId: string; draftId: string }> {
  const dir = dataDir();
  const core = await createCore({ dataDir: dir, maintenance: { backupCheckIntervalMs: 0 } });
  await importListedPriceList(core, 'prices', [
    MILK,
    { code: '000200', name: 'Шоколад', packMultiple: 20, priceKopecks: 11500, stock: 540, vatRate: 22 },
  ]);
  const draft = await core.api.getCurrentDraft({});
  await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 24 });
  const backup = await core.api.createBackup({});
  await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000200', quantity: 40 });
  core.close();
  return { dir, file: path.join(dir, MAIN_DATABASE_FILE), backupId: backup.id, draftId: draft.id };
}

/** The damaged file's bytes stay exactly as they were, and nothing takes its name, until the user chooses. */
async function expectRecoveryState(core: PorterCore, file: string, code: string, sqliteMessage: RegExp) {
  const startup = await core.api.getStartupState({});
  expect(startup).toEqual({
    state: 'recovery',
    dataDir: path.dirname(file),
    problem: {
      code,
      file,
      message: expect.stringContaining(file) as unknown,
      sqliteMessage: expect.stringMatching(sqliteMessage) as unknown,
    },
  });
  // Every other method answers with the same clear error, as data (the way the shells pass it on) …
  for (const method of ['getAppInfo', 'getCurrentDraft', 'searchItems', 'getStoreProfile', 'listOrderHistory'] as const) {
    const result = await dispatch(
      core.api,
      method,
      method === 'searchItems' ? { query: '', offset: 0, limit: 1 } : method === 'listOrderHistory' ? { query: '', limit: 5 } : {},
    );
    expect(result).toMatchObject({ ok: false, error: { code, details: { file, recovery: true } } });
  }
  // … while the backups are offered.
  const { backups } = await core.api.listBackups({});
  expect(backups.length).toBeGreaterThan(0);
  return backups;
}

describe('a damaged database is never silently replaced', () => {
  it('a truncated file: recovery state with the backups offered; restoring brings the data back and keeps the damaged file', async () => {
    const { dir, file, backupId, draftId } = await usedDataFolder();
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, original.subarray(0, Math.floor(original.length / 2)));
    const damaged = sha256(file);
    const filesBefore = databaseFiles(dir);

    const core = await startCore(dir);
    const backups = await expectRecoveryState(core, file, 'DB_CORRUPT', /malformed/);
    expect(backups.map((b) => b.id)).toContain(backupId);
    // Nothing written, renamed or created: the same bytes under the same name, no new database beside it.
    expect(sha256(file)).toBe(damaged);
    expect(databaseFiles(dir)).toEqual(filesBefore);
    await expect(core.api.createBackup({})).rejects.toMatchObject({ code: 'DB_CORRUPT' });

    const { keptAside } = await core.api.restoreBackup({ backupId });
    expect(keptAside).toMatch(/porter\.sqlite\.damaged-\d{4}-.*Z$/);
    expect(sha256(keptAside!)).toBe(damaged);
    expect(await core.api.getStartupState({})).toMatchObject({ state: 'ready', problem: null });
    const draft = await core.api.getOrder({ orderId: draftId });
    expect(draft.lines.map((l) => [l.itemCode, l.quantity])).toEqual([['000123', 24]]);
    expect((await core.api.getAppInfo({})).priceList?.itemCount).toBe(2);
    expect(core.db.pragma('quick_check', { simple: true })).toBe('ok');

    // And it stays restored after a restart.
    core.close();
    const again = await startCore(dir);
    expect((await again.api.getStartupState({})).state).toBe('ready');
    expect((await again.api.getOrder({ orderId: draftId })).lines).toHaveLength(1);
  });

  it('a file of random bytes: recovery state; starting empty keeps the damaged file aside and the price list', async () => {
    const { dir, file } = await usedDataFolder();
    const random = seededRandom(7);
    const size = fs.statSync(file).size;
    fs.writeFileSync(file, Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256))));
    const damaged = sha256(file);

    const core = await startCore(dir);
    await expectRecoveryState(core, file, 'DB_CORRUPT', /not a database/);
    expect(sha256(file)).toBe(damaged);
    expect(databaseFiles(dir)).toEqual([MAIN_DATABASE_FILE]);

    const { keptAside } = await core.api.startWithEmptyDatabase({});
    expect(path.dirname(keptAside!)).toBe(dir);
    expect(path.basename(keptAside!)).toMatch(/^porter\.sqlite\.damaged-/);
    expect(sha256(keptAside!)).toBe(damaged);
    expect((await core.api.getStartupState({})).state).toBe('ready');
    // Empty: no orders …
    expect((await core.api.listOrderHistory({ query: '', limit: 10 })).orders).toEqual([]);
    expect((await core.api.listDrafts({})).drafts.every((d) => d.lineCount === 0)).toBe(true);
    // … but the price list (derived data, kept in its own file) is still there to order from.
    expect((await core.api.getAppInfo({})).priceList?.itemCount).toBe(2);
    expect((await core.api.searchItems({ query: 'молоко', offset: 0, limit: 5 })).items.map((i) => i.code)).toEqual(['000123']);
    await expect(core.api.startWithEmptyDatabase({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('an empty (0-byte) or missing file in a folder that has backups is reported, not taken for a first run', async () => {
    const { dir, file } = await usedDataFolder();
    fs.writeFileSync(file, '');
    let core = await startCore(dir);
    await expectRecoveryState(core, file, 'DB_CORRUPT', /empty/);
    expect(fs.statSync(file).size).toBe(0);
    core.close();

    fs.rmSync(file);
    core = await startCore(dir);
    await expectRecoveryState(core, file, 'DB_OPEN_FAILED', /missing/);
    expect(fs.existsSync(file)).toBe(false);
    const { keptAside } = await core.api.startWithEmptyDatabase({});
    expect(keptAside).toBeNull();
    expect((await core.api.getStartupState({})).state).toBe('ready');
  });

  it('a database from a newer Porter waits in recovery, untouched', async () => {
    const { dir, file } = await usedDataFolder();
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    const before = sha256(file);
    const core = await startCore(dir);
    await expectRecoveryState(core, file, 'DB_NEWER_VERSION', /user_version 99/);
    expect(sha256(file)).toBe(before);
  });

  it('a database left with its write-ahead log by a crash opens normally, with every committed change', async () => {
    const dir = dataDir();
    const core = await startCore(dir);
    await core.api.setStoreProfile({ storeName: 'До сбоя', customerCode: '', priceType: '', locale: 'ru' });
    // Copy the files while the database is open (as a power cut would leave them): the change is only in the WAL.
    const copy = dataDir();
    for (const name of databaseFiles(dir)) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
    expect(fs.statSync(path.join(copy, `${MAIN_DATABASE_FILE}-wal`)).size).toBeGreaterThan(0);
    const reopened = await startCore(copy);
    expect((await reopened.api.getStartupState({})).state).toBe('ready');
    expect((await reopened.api.getStoreProfile({})).storeName).toBe('До сбоя');
  });

  it('the command line says what is wrong and exits non-zero, leaving the file for the app to recover', async () => {
    const { dir, file } = await usedDataFolder();
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 4096));
    const damaged = sha256(file);
    const errors: string[] = [];
    const code = await runCli(
      ['history', '--data-dir', dir],
      () => undefined,
      (text) => errors.push(text),
    );
    expect(code).toBe(1);
    expect(errors.join('')).toMatch(/damaged.*restore a backup or start with an empty database/);
    expect(sha256(file)).toBe(damaged);
    expect(fs.readdirSync(path.join(dir, BACKUP_DIR_NAME)).length).toBeGreaterThan(0);
  });
});
