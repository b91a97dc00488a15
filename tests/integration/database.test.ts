import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIN_DATABASE_FILE, openMainDatabase } from '../../electron/core/db/database';
import { latestVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migration0001 } from '../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../electron/core/db/migrations/0002_order_delivery';
import { createCore } from '../../electron/core/core';
import { readPragmas } from '../../electron/core/db/pragmas';
import { orderSchema } from '../../shared/domain';
import { tempDataDir } from '../builders/dataDir';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});
function dataDir(): string {
  const t = tempDataDir('porter-db');
  cleanup.push(t.remove);
  return t.dir;
}
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('main database', () => {
  it('migrates an empty database to the latest version with the required pragmas', async () => {
    const dir = dataDir();
    const { db, migratedFrom, backupFile } = await openMainDatabase(dir);
    expect(migratedFrom).toBe(0);
    expect(backupFile).toBeNull(); // nothing to back up in a new file
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(readPragmas(db)).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'exchange_events',
      'exchange_folder_files',
      'exchange_inbox',
      'exchange_outbox',
      'exchange_stores',
      'order_confirmation_lines',
      'order_confirmations',
      'order_export_orders',
      'order_exports',
      'order_lines',
      'order_template_lines',
      'order_templates',
      'orders',
      'price_lists',
      'received_order_changes',
      'received_order_lines',
      'received_orders',
      'settings',
      'sqlite_sequence',
      'stores',
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders'").pluck().get()).toMatch(/STRICT/);
    db.close();
  });

  it('keeps the pragmas on reopen (better-sqlite3 alone would reopen WAL with synchronous=NORMAL)', async () => {
    const dir = dataDir();
    (await openMainDatabase(dir)).db.close();
    const plain = new Database(path.join(dir, MAIN_DATABASE_FILE));
    expect(plain.pragma('synchronous', { simple: true })).not.toBe(2); // what a bare open gives
    plain.close();
    const { db } = await openMainDatabase(dir);
    expect(readPragmas(db)).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 });
    db.close();
  });

  it('migrates a version-1 database with a draft order: seed → migrate → assert, backup taken first', async () => {
    const dir = dataDir();
    const file = path.join(dir, MAIN_DATABASE_FILE);
    const seed = new Database(file);
    migration0001.up(seed);
    seed.pragma('user_version = 1');
    seed.prepare("INSERT INTO orders VALUES ('o1', 'P-000001', 'draft', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', NULL, 1)").run();
    seed.prepare("INSERT INTO order_lines VALUES ('o1', '000123', 'Молоко', '4607001234562', 'шт', 12, 0, 8990, 10, 1200, 24, 1)").run();
    seed.close();

    const { db, migratedFrom, backupFile } = await openMainDatabase(dir);
    expect(migratedFrom).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(db.prepare('SELECT id, number, delivery_date, comment FROM orders').all()).toEqual([
      { id: 'o1', number: 'P-000001', delivery_date: null, comment: '' },
    ]);
    expect(db.prepare('SELECT item_code, quantity, price_kopecks FROM order_lines').all()).toEqual([
      { item_code: '000123', quantity: 24, price_kopecks: 8990 },
    ]);
    // The backup is the version-1 database, as it was.
    expect(backupFile).not.toBeNull();
    const backup = new Database(backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBe(1);
    backup.close();
    db.close();
  });

  it('refuses a database from a newer Porter with a clear error and leaves it byte for byte untouched', async () => {
    const dir = dataDir();
    const file = path.join(dir, MAIN_DATABASE_FILE);
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x TEXT) STRICT');
    newer.pragma('user_version = 99');
    newer.close();
    const before = sha256(file);
    await expect(openMainDatabase(dir)).rejects.toMatchObject({
      code: 'DB_NEWER_VERSION',
      message: expect.stringMatching(
        new RegExp(`newer Porter \\(schema 99; this version knows up to ${latestVersion(MIGRATIONS)}\\).*left untouched`),
      ) as unknown,
    });
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual([MAIN_DATABASE_FILE]);
  });

  it('rolls back every migration when one fails, leaving the old version', async () => {
    const dir = dataDir();
    const broken = [
      ...MIGRATIONS,
      {
        version: latestVersion(MIGRATIONS) + 1,
        name: 'broken',
        up: (db: Database.Database) => db.exec('ALTER TABLE nowhere ADD COLUMN x TEXT'),
      },
    ];
    const file = path.join(dir, MAIN_DATABASE_FILE);
    (await openMainDatabase(dir)).db.close();
    await expect(openMainDatabase(dir, broken)).rejects.toMatchObject({ code: 'DB_OPEN_FAILED' });
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    db.close();
  });

  it('migrates a version-2 database with drafts: seed → migrate → assert; the drafts and their lines survive and stay editable', async () => {
    const dir = dataDir();
    const file = path.join(dir, MAIN_DATABASE_FILE);
    const seed = new Database(file);
    migration0001.up(seed);
    migration0002.up(seed);
    seed.pragma('user_version = 2');
    seed.prepare("INSERT INTO settings VALUES ('nextOrderNumber', '3')").run();
    seed
      .prepare(
        "INSERT INTO orders VALUES ('o1', 'P-000001', 'draft', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', NULL, 1, '2026-11-05', 'к утру')",
      )
      .run();
    seed
      .prepare(
        "INSERT INTO orders VALUES ('o2', 'P-000002', 'draft', '2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z', NULL, 0, NULL, '')",
      )
      .run();
    seed.prepare("INSERT INTO order_lines VALUES ('o1', '000123', 'Молоко', '4607001234562', 'шт', 12, 0, 8990, 10, 1200, 24, 1)").run();
    seed.prepare("INSERT INTO order_lines VALUES ('o1', '000300', 'Ёлка', '4600000000039', 'шт', 1, 0, 499000, 20, 7, 1, 2)").run();
    seed.prepare("INSERT INTO order_lines VALUES ('o2', '000201', 'Мёд', '', 'шт', 1, 0, 45000, 22, NULL, 2, 1)").run();
    seed.close();

    const { db, migratedFrom, backupFile } = await openMainDatabase(dir);
    expect(migratedFrom).toBe(2);
    expect(backupFile).not.toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(
      db.prepare('SELECT id, status, delivery_date, comment, origin, submitted_at, exported_at, search_text FROM orders ORDER BY id').all(),
    ).toEqual([
      {
        id: 'o1',
        status: 'draft',
        delivery_date: '2026-11-05',
        comment: 'к утру',
        origin: '',
        submitted_at: null,
        exported_at: null,
        search_text: '',
      },
      { id: 'o2', status: 'draft', delivery_date: null, comment: '', origin: '', submitted_at: null, exported_at: null, search_text: '' },
    ]);
    expect(
      db
        .prepare('SELECT order_id, item_code, quantity, price_kopecks, repriced_from_kopecks FROM order_lines ORDER BY order_id, position')
        .all(),
    ).toEqual([
      { order_id: 'o1', item_code: '000123', quantity: 24, price_kopecks: 8990, repriced_from_kopecks: null },
      { order_id: 'o1', item_code: '000300', quantity: 1, price_kopecks: 499000, repriced_from_kopecks: null },
      { order_id: 'o2', item_code: '000201', quantity: 2, price_kopecks: 45000, repriced_from_kopecks: null },
    ]);
    db.close();

    // The core reads the migrated drafts (no price list yet: nothing to check them against) and goes on numbering.
    const core = await createCore({ dataDir: dir });
    try {
      const drafts = (await core.api.listDrafts({})).drafts;
      expect(drafts.map((d) => [d.number, d.lineCount, d.grossKopecks])).toEqual([
        ['P-000002', 1, 2 * 45000 + 19800], // a VAT-exclusive draft: 22 % on top
        ['P-000001', 2, 24 * 8990 + 499000],
      ]);
      const draft = orderSchema.parse(await core.api.getOrder({ orderId: 'o1' }));
      expect(draft).toMatchObject({ status: 'draft', origin: '', deliveryDate: '2026-11-05', comment: 'к утру', attentionCount: 0 });
      expect(draft.lines.map((l) => [l.itemCode, l.quantity])).toEqual([
        ['000123', 24],
        ['000300', 1],
      ]);
      const edited = await core.api.setOrderLineQuantity({ orderId: 'o1', itemCode: '000123', quantity: 36 });
      expect(edited.lines[0]!.quantity).toBe(36);
      expect((await core.api.createDraft({})).number).toBe('P-000003');
    } finally {
      core.close();
    }
  });
});
