import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import type { FolderWatcherOptions } from '../../electron/core/manager/folderWatcher';
import { writePorterOrderFile } from '../../electron/core/orders/porterOrderFile';
import type { FolderIntakeEvent } from '../../shared/manager';
import { buildOrder, SAMPLE_LINES, STORE } from '../builders/commerceml';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { fastExchange, pending, startStore, submitNewOrder, until } from '../builders/exchangePair';
import { DAIRY_AND_MORE, importListedPriceList } from '../builders/orderPriceLists';

/**
 * Issue 4, acceptance 5: the supplier's exchange folder. Each test drives the watcher's passes itself
 * (scanOnce) — no fs.watch, no timers, no sleeping — except the one that checks the watcher finds a
 * file on its own, which waits for the pass that took it.
 */
const open: PorterCore[] = [];
const dirs: (() => void)[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
  for (const remove of dirs.splice(0)) remove();
});

const ORDER_ID = '7f8a1c2e-0000-4000-8000-000000000001';
const ORDER = buildOrder(SAMPLE_LINES, { id: ORDER_ID, number: 'P-000012' });
const ORDER_TEXT = writePorterOrderFile(ORDER, '2026-11-29T08:00:00.000Z', '0.1.0', STORE);
const ORDER_FILE = `porter-order-P-000012-${ORDER_ID}.json`;

function tempDir(label: string): string {
  const { dir, remove } = tempDataDir(label);
  dirs.push(remove);
  return dir;
}

async function startManager(dataDir: string, folder: string, options: FolderWatcherOptions = {}): Promise<PorterCore> {
  const core = await createCore({ dataDir, manager: { folder: { watch: false, settleMs: 0, ...options } } });
  open.push(core);
  if (!core.priceLists.current) await importListedPriceList(core, 'supplier-prices', DAIRY_AND_MORE);
  await core.api.setAppMode({ mode: 'manager' });
  await core.api.setOrderFolder({ path: folder, enabled: true });
  return core;
}

const pass = (core: PorterCore) => core.manager.folder.scanOnce();

/** Two looks: the first sees the file, the second (it did not change) takes it. */
async function settleAndTake(core: PorterCore): Promise<FolderIntakeEvent[]> {
  await pass(core);
  return (await pass(core)).events;
}

function records(core: PorterCore): { file_name: string; outcome: string }[] {
  return core.db.prepare('SELECT file_name, outcome FROM exchange_folder_files ORDER BY rowid').all() as {
    file_name: string;
    outcome: string;
  }[];
}

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('the watched exchange folder takes each order file exactly once', () => {
  it('the same order file dropped twice, a copy under another name, the order exported again: one order', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder);

    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    expect((await pass(core)).waiting).toEqual([ORDER_FILE]);
    const [first] = (await pass(core)).events;
    expect(first).toMatchObject({ fileName: ORDER_FILE, outcome: 'imported', movedTo: `imported/${ORDER_FILE}`, reason: '' });
    expect(first!.orderIds).toHaveLength(1);
    expect(filesIn(folder)).toEqual(['imported']);
    expect(fs.readFileSync(path.join(folder, 'imported', ORDER_FILE), 'utf8')).toBe(ORDER_TEXT);

    const { orders } = await core.api.listReceivedOrders({});
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      id: first!.orderIds[0],
      storeCode: STORE.customerCode,
      orderId: ORDER_ID,
      number: 'P-000012',
      source: 'folder',
      sourceName: ORDER_FILE,
      lineCount: SAMPLE_LINES.length,
      grossKopecks: ORDER.totals.grossKopecks,
      deliveryDate: ORDER.deliveryDate,
    });
    const duplicateOfFirst = [{ number: 'P-000012', existingId: first!.orderIds[0]! }];

    // Dropped again under the same name: recognised by its content, moved aside beside the first.
    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    const [again] = await settleAndTake(core);
    expect(again).toMatchObject({
      outcome: 'duplicate',
      orderIds: [],
      duplicates: duplicateOfFirst,
      movedTo: `imported/porter-order-P-000012-${ORDER_ID} (2).json`,
    });

    // A copy under another name.
    fs.writeFileSync(path.join(folder, 'Копия заказа.json'), ORDER_TEXT);
    const [copy] = await settleAndTake(core);
    expect(copy).toMatchObject({ outcome: 'duplicate', duplicates: duplicateOfFirst, movedTo: 'imported/Копия заказа.json' });

    // Exported again by the store: other bytes (another export time), the same order by (store, order id).
    const reexported = writePorterOrderFile(ORDER, '2026-11-30T10:00:00.000Z', '0.1.0', STORE);
    fs.writeFileSync(path.join(folder, ORDER_FILE), reexported);
    const [again2] = await settleAndTake(core);
    expect(again2).toMatchObject({ outcome: 'duplicate', duplicates: duplicateOfFirst });

    expect(core.manager.book.count()).toBe(1);
    expect(records(core)).toEqual([
      { file_name: ORDER_FILE, outcome: 'imported' },
      { file_name: ORDER_FILE, outcome: 'duplicate' },
    ]);
    expect(filesIn(folder)).toEqual(['imported']);
    expect(filesIn(path.join(folder, 'imported'))).toHaveLength(4);
    const { events } = await core.api.listFolderIntake({ limit: 10 });
    expect(events.map((e) => [e.fileName, e.outcome])).toEqual([
      [ORDER_FILE, 'duplicate'],
      ['Копия заказа.json', 'duplicate'],
      [ORDER_FILE, 'duplicate'],
      [ORDER_FILE, 'imported'],
    ]);
  });

  it('a file still being written is left until it stops changing, then taken in whole, once', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder);
    const file = path.join(folder, ORDER_FILE);
    const half = Math.floor(ORDER_TEXT.length / 2);

    fs.writeFileSync(file, ORDER_TEXT.slice(0, half));
    const seen = await pass(core);
    expect(seen).toMatchObject({ events: [], waiting: [ORDER_FILE] });
    expect((await core.api.getOrderFolder({})).waiting).toEqual([ORDER_FILE]);

    fs.appendFileSync(file, ORDER_TEXT.slice(half));
    // It changed since the last look: looked at again, not read.
    expect(await pass(core)).toMatchObject({ events: [], waiting: [ORDER_FILE] });
    expect(core.manager.book.count()).toBe(0);
    expect(filesIn(folder)).toEqual([ORDER_FILE]);

    const [taken] = (await pass(core)).events;
    expect(taken).toMatchObject({ outcome: 'imported', movedTo: `imported/${ORDER_FILE}` });
    expect((await core.api.getReceivedOrder({ id: taken!.orderIds[0]! })).lines.map((l) => [l.itemCode, l.quantity])).toEqual(
      SAMPLE_LINES.map((l) => [l.itemCode, l.quantity]),
    );
    expect(await pass(core)).toMatchObject({ events: [], waiting: [] });
    expect(core.manager.book.count()).toBe(1);
    expect((await core.api.getOrderFolder({})).waiting).toEqual([]);
  });

  it('a file is taken only once it kept its size and time for the settle time', async () => {
    const folder = tempDir('porter-folder');
    let now = 1_000_000;
    const core = await startManager(tempDir('porter-manager'), folder, { settleMs: 60_000, now: () => now });
    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    expect((await pass(core)).waiting).toEqual([ORDER_FILE]);
    now += 59_000;
    expect((await pass(core)).waiting).toEqual([ORDER_FILE]);
    now += 1_000;
    expect((await pass(core)).events.map((e) => e.outcome)).toEqual(['imported']);
  });

  it('skips dot-files, .partial files and files that are not order files', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder);
    fs.writeFileSync(path.join(folder, '.porter-1234.partial'), ORDER_TEXT.slice(0, 100));
    fs.writeFileSync(path.join(folder, 'order.json.partial'), ORDER_TEXT);
    fs.writeFileSync(path.join(folder, '.hidden.json'), ORDER_TEXT);
    fs.writeFileSync(path.join(folder, 'readme.txt'), 'Папка обмена');
    fs.writeFileSync(path.join(folder, '~$заказы.xlsx'), 'lock');
    expect(await pass(core)).toMatchObject({ events: [], waiting: [] });
    expect(await pass(core)).toMatchObject({ events: [], waiting: [] });
    expect(filesIn(folder)).toEqual(['.hidden.json', '.porter-1234.partial', 'order.json.partial', 'readme.txt', '~$заказы.xlsx']);
    expect(core.manager.book.count()).toBe(0);
  });

  it('a malformed file is quarantined with a reason naming the file, line and field; nothing of it reaches the book', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder);

    // A Porter file with a fractional quantity on its second line.
    const bad = JSON.parse(ORDER_TEXT) as { order: { lines: { quantity: number }[] } };
    bad.order.lines[1]!.quantity = 1.5;
    const badText = JSON.stringify(bad, null, 2);
    const badLine = badText.split('\n').findIndex((l) => l.includes('"quantity": 1.5')) + 1;
    fs.writeFileSync(path.join(folder, 'bad.json'), badText);

    // A 1C file whose second document has an amount that is not one: its first document is not taken either.
    const cml = fs.readFileSync(fixturePath('commerceml', 'cml209_orders_from_1c_with_1c_numbers.xml'), 'utf8');
    const brokenCml = cml.replace('<Сумма>4100</Сумма>', '<Сумма>4 1OO</Сумма>');
    expect(brokenCml).not.toBe(cml);
    const brokenLine = brokenCml.split('\n').findIndex((l) => l.includes('4 1OO')) + 1;
    fs.writeFileSync(path.join(folder, 'orders-1c.xml'), brokenCml);

    const events = await settleAndTake(core);
    expect(events.map((e) => [e.fileName, e.outcome, e.movedTo])).toEqual([
      ['bad.json', 'quarantined', 'quarantine/bad.json'],
      ['orders-1c.xml', 'quarantined', 'quarantine/orders-1c.xml'],
    ]);
    const [json, xml] = events;
    expect(json!.reason).toMatch(new RegExp(`^bad\\.json, line ${badLine}: field order\\.lines\\[1\\]\\.quantity: `));
    expect(xml!.reason).toContain('orders-1c.xml');
    expect(xml!.reason).toContain('Сумма is not an amount: "4 1OO"');
    expect(xml!.reason).toMatch(/document 235 \(line \d+\)/);
    expect(brokenLine).toBeGreaterThan(0);

    const quarantine = path.join(folder, 'quarantine');
    expect(filesIn(quarantine)).toEqual(['bad.json', 'bad.json.reason.txt', 'orders-1c.xml', 'orders-1c.xml.reason.txt']);
    const reasonFile = fs.readFileSync(path.join(quarantine, 'bad.json.reason.txt'), 'utf8');
    expect(reasonFile).toContain('bad.json');
    expect(reasonFile).toContain(`line ${badLine}`);
    expect(reasonFile).toContain('order.lines[1].quantity');
    expect(fs.readFileSync(path.join(quarantine, 'bad.json'), 'utf8')).toBe(badText);
    expect(core.manager.book.count()).toBe(0);
    expect(records(core)).toEqual([
      { file_name: 'bad.json', outcome: 'quarantined' },
      { file_name: 'orders-1c.xml', outcome: 'quarantined' },
    ]);

    // The same broken file dropped again: quarantined again with the same reason, still nothing taken in.
    fs.writeFileSync(path.join(folder, 'bad.json'), badText);
    const [again] = await settleAndTake(core);
    expect(again).toMatchObject({ outcome: 'quarantined', reason: json!.reason, movedTo: 'quarantine/bad (2).json' });
    expect(fs.readFileSync(path.join(quarantine, 'bad (2).json.reason.txt'), 'utf8')).toContain(json!.reason);

    // Fixed, it is a new file and is taken in.
    fs.writeFileSync(path.join(folder, 'bad.json'), ORDER_TEXT);
    expect((await settleAndTake(core)).map((e) => e.outcome)).toEqual(['imported']);
    expect(core.manager.book.count()).toBe(1);
  });

  it('real 1C and Bitrix CommerceML order files are taken in with their lines', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder);
    for (const name of ['cml209_orders_from_1c_with_1c_numbers.xml', 'cml205_orders_bitrix_query_cp1251.xml']) {
      fs.copyFileSync(fixturePath('commerceml', name), path.join(folder, name));
    }
    const events = await settleAndTake(core);
    expect(events.map((e) => [e.fileName, e.outcome, e.orderIds.length])).toEqual([
      ['cml205_orders_bitrix_query_cp1251.xml', 'imported', 2],
      ['cml209_orders_from_1c_with_1c_numbers.xml', 'imported', 2],
    ]);
    const { orders } = await core.api.listReceivedOrders({});
    const byNumber = new Map(orders.map((o) => [o.number, o]));
    expect([...byNumber.keys()].sort()).toEqual(['132', '133', '142', '235']);
    // SOURCES.md: №132 231.74 with 1 line, №133 14380.58 with 7 lines; №142 8186.84 = 6938.00 + VAT 1248.84 on top; №235 4100.
    expect([...byNumber.values()].map((o) => [o.number, o.lineCount, o.grossKopecks, o.format, o.source]).sort()).toEqual([
      ['132', 1, 23174, 'commerceml', 'folder'],
      ['133', 7, 1438058, 'commerceml', 'folder'],
      ['142', 2, 818684, 'commerceml', 'folder'],
      ['235', 2, 410000, 'commerceml', 'folder'],
    ]);
    const order142 = await core.api.getReceivedOrder({ id: byNumber.get('142')!.id });
    expect(order142.pricesIncludeVat).toBe(false);
    expect(order142.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks, l.vatRate, l.unit])).toEqual([
      ['cbcf493f-55bc-11d9-848a-00112f43529a', 1, 333800, 18, 'шт'],
      ['bd72d913-55bc-11d9-848a-00112f43529a#b02e2814-720f-11df-b436-0015e92f2802', 1, 360000, 18, 'пар'],
    ]);
    expect(order142.storeName).toBe('Kikinda (Сербия)');
    const order235 = await core.api.getReceivedOrder({ id: byNumber.get('235')!.id });
    expect(order235.lines.map((l) => [l.itemCode, l.priceKopecks])).toEqual([
      ['bd72d913-55bc-11d9-848a-00112f43529a#b02e2814-720f-11df-b436-0015e92f2802', 360000],
      ['ORDER_DELIVERY', 50000],
    ]);
    const order133 = await core.api.getReceivedOrder({ id: byNumber.get('133')!.id });
    expect(order133.lines.map((l) => l.quantity)).toEqual([1, 2, 1, 1, 1, 2, 1]);
    expect(filesIn(path.join(folder, 'imported'))).toEqual([
      'cml205_orders_bitrix_query_cp1251.xml',
      'cml209_orders_from_1c_with_1c_numbers.xml',
    ]);
  });

  it('a restart after the commit but before the move: the file is only moved aside, no order twice', async () => {
    const folder = tempDir('porter-folder');
    const dataDir = tempDir('porter-manager');
    let committed!: () => void;
    const atCommit = new Promise<void>((resolve) => (committed = resolve));
    // The first run stops for good between the commit and the move, as a crash there would.
    const first = await startManager(dataDir, folder, {
      afterCommit: () => {
        committed();
        return new Promise<void>(() => {});
      },
    });
    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    await pass(first);
    void pass(first);
    await atCommit;
    first.close();
    open.splice(open.indexOf(first), 1);
    expect(filesIn(folder)).toEqual([ORDER_FILE]);

    const second = await startManager(dataDir, folder);
    expect(second.manager.book.count()).toBe(1);
    expect(records(second)).toEqual([{ file_name: ORDER_FILE, outcome: 'imported' }]);
    const [moved] = await settleAndTake(second);
    expect(moved).toMatchObject({ fileName: ORDER_FILE, outcome: 'duplicate', orderIds: [], movedTo: `imported/${ORDER_FILE}` });
    expect(second.manager.book.count()).toBe(1);
    expect(records(second)).toHaveLength(1);
    expect(filesIn(folder)).toEqual(['imported']);
    // What the first run took in is in the list after the restart, older than what this run did.
    const { events } = await second.api.listFolderIntake({ limit: 10 });
    expect(events.map((e) => e.outcome)).toEqual(['duplicate', 'imported']);
  });

  it('the watcher finds a file dropped into the folder by itself, and stops when the core closes', async () => {
    const folder = tempDir('porter-folder');
    const core = await startManager(tempDir('porter-manager'), folder, { watch: true, rescanIntervalMs: 200, settleMs: 50 });
    expect(await core.api.getOrderFolder({})).toMatchObject({ path: folder, enabled: true, watching: true, error: null });
    const taken = new Promise<FolderIntakeEvent>((resolve) => {
      const stop = core.manager.folder.onPass((p) => {
        const event = p.events.find((e) => e.fileName === ORDER_FILE);
        if (event) {
          stop();
          resolve(event);
        }
      });
    });
    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    expect(await taken).toMatchObject({ outcome: 'imported', movedTo: `imported/${ORDER_FILE}` });
    expect(core.manager.book.count()).toBe(1);
    const watcher = core.manager.folder;
    core.close();
    open.splice(open.indexOf(core), 1);
    await expect(watcher.scanOnce()).resolves.toMatchObject({ events: [], waiting: [] });
  });

  it('a store in folder mode submits; the manager takes its order in under the store it names', async () => {
    const folder = tempDir('porter-folder');
    const manager = await startManager(tempDir('porter-manager'), folder);
    const store = await startStore(tempDir('porter-store'), fastExchange(7));
    open.push(store);
    await store.api.setStoreProfile({ ...STORE, storeName: 'Магазин у дома', customerCode: '00077' });
    await store.api.setExchangeSettings({ mode: 'folder', url: '', folder });
    const sent = await submitNewOrder(store, 1);
    await until('the store wrote its order into the folder', async () => (await pending(store)) === 0);

    const [taken] = await settleAndTake(manager);
    expect(taken).toMatchObject({ fileName: `porter-order-${sent.number}-${sent.id}.json`, outcome: 'imported' });
    const order = await manager.api.getReceivedOrder({ id: taken!.orderIds[0]! });
    expect(order).toMatchObject({ storeCode: '00077', orderId: sent.id, number: sent.number, source: 'folder' });
    expect(order.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual(
      sent.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks]),
    );

    // The manager cuts the first line, accepts and answers: the answer goes into outgoing/, the store takes it from there.
    const cutTo = order.lines[0]!.quantity - 1;
    await manager.api.editReceivedLine({ id: order.id, lineNumber: 1, quantity: cutTo, reason: 'stock' });
    await manager.api.applyBatchAction({ kind: 'accept', orderIds: [order.id] });
    const answered = await manager.api.answerStore({ id: order.id });
    expect(answered.answerFile?.savedTo).toMatch(/outgoing/);
    expect(await store.api.syncConfirmations({})).toEqual({ events: 1, ordersUpdated: 1 });
    const seen = await store.api.getOrder({ orderId: sent.id });
    expect(seen.confirmation).toMatchObject({ status: 'partiallyAccepted' });
    expect(seen.confirmation!.lines[0]).toMatchObject({ state: 'cut', orderedQuantity: sent.lines[0]!.quantity, confirmedQuantity: cutTo });
    expect(seen.confirmation!.lines.slice(1).every((l) => l.state === 'confirmed')).toBe(true);
    // Taken once: moved aside, so the next look finds nothing new.
    expect(fs.readdirSync(path.join(folder, 'outgoing', 'taken'))).toHaveLength(1);
    expect(await store.api.syncConfirmations({})).toEqual({ events: 0, ordersUpdated: 0 });
  });

  it('folder settings: checked, saved, kept over a restart', async () => {
    const folder = tempDir('porter-folder');
    const dataDir = tempDir('porter-manager');
    const core = await startManager(dataDir, folder);
    await expect(core.api.setOrderFolder({ path: '', enabled: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'path' },
    });
    await expect(core.api.setOrderFolder({ path: 'relative/folder', enabled: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const missing = path.join(folder, 'no-such-folder');
    const refused = core.api.setOrderFolder({ path: missing, enabled: true });
    await expect(refused).rejects.toMatchObject({ code: 'EXCHANGE_FOLDER_UNAVAILABLE' });
    await expect(refused).rejects.toThrow(`Cannot watch ${missing}: `);
    expect(await core.api.getOrderFolder({})).toMatchObject({ path: folder, enabled: true });

    await core.api.setOrderFolder({ path: folder, enabled: false });
    fs.writeFileSync(path.join(folder, ORDER_FILE), ORDER_TEXT);
    await settleAndTake(core);
    expect(core.manager.book.count()).toBe(0);
    core.close();
    open.splice(open.indexOf(core), 1);

    const again = await createCore({ dataDir, manager: { folder: { watch: false, settleMs: 0 } } });
    open.push(again);
    expect(await again.api.getOrderFolder({})).toMatchObject({ path: folder, enabled: false, watching: false });
  });
});
