import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { tempDataDir } from '../builders/dataDir';

/** An order table whose headings Porter does not know: mapped once by the manager, read with it from then on. */
let core: PorterCore;
const work = tempDataDir('porter-order-columns');
const files = path.join(work.dir, 'files');
const HEADINGS = ['Артикул поставщика', 'Кол-во шт', 'Цена опт', 'Покупатель'];

beforeAll(async () => {
  core = await createCore({ dataDir: path.join(work.dir, 'data'), manager: { folder: { watch: false } } });
  await core.api.setAppMode({ mode: 'manager' });
  fs.mkdirSync(files);
});
afterAll(() => {
  core.close();
  work.remove();
});

function register(name: string, rows: string[][]): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, rows.map((r) => r.join(';')).join('\r\n'));
  return core.files.register(file, name).fileId;
}

async function linesOf(orderIds: number[]) {
  const details = await Promise.all(orderIds.map((id) => core.api.getReceivedOrder({ id })));
  return details.flatMap((d) => d.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks]));
}

describe('order tables with headings Porter does not know', () => {
  it('fails with ORDER_COLUMNS_UNKNOWN and the headings; after the mapping is saved, that file and the next from the sender are taken in', async () => {
    const first = register('sender-1.csv', [HEADINGS, ['A-100', '3', '125,50', 'Ромашка'], ['B-7', '12', '10', 'Ромашка']]);
    const [failed] = (await core.api.importOrderFiles({ fileIds: [first] })).results;
    expect(failed).toMatchObject({ fileName: 'sender-1.csv', outcome: 'failed', errorCode: 'ORDER_COLUMNS_UNKNOWN', headings: HEADINGS });
    // What each heading names by itself, to start the mapping from.
    expect(failed!.headingColumns).toEqual([null, null, null, 'store']);
    expect(failed!.error).toContain('sender-1.csv');
    expect(failed!.error).toContain('"Кол-во шт"');

    // Without a quantity the mapping is refused, and nothing is remembered.
    await expect(
      core.api.saveOrderColumnMapping({
        headings: HEADINGS,
        mapping: { 'Артикул поставщика': 'itemCode', 'Кол-во шт': null, 'Цена опт': 'price' },
      }),
    ).rejects.toMatchObject({ code: 'IMPORT_MAPPING_INCOMPLETE', message: expect.stringContaining('"Количество"') as unknown });
    // A column given to two headings is refused, naming both.
    await expect(
      core.api.saveOrderColumnMapping({
        headings: HEADINGS,
        mapping: { 'Артикул поставщика': 'itemCode', 'Кол-во шт': 'quantity', 'Цена опт': 'quantity' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"Кол-во шт" and "Цена опт"/) as unknown });
    // A heading the file does not have is refused.
    await expect(
      core.api.saveOrderColumnMapping({
        headings: HEADINGS,
        mapping: { 'Артикул поставщика': 'itemCode', 'Кол-во шт': 'quantity', Склад: 'store' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'Склад' } });
    expect((await core.api.listOrderColumnMappings({})).mappings).toEqual([]);
    expect((await core.api.importOrderFiles({ fileIds: [first] })).results[0]).toMatchObject({ outcome: 'failed' });

    // "Покупатель" is left out of the mapping: it is read by its own name, as the store.
    const saved = await core.api.saveOrderColumnMapping({
      headings: HEADINGS,
      mapping: { 'Артикул поставщика': 'itemCode', 'Кол-во шт': 'quantity', 'Цена опт': 'price' },
    });
    expect(saved.mapping).toEqual({ 'Артикул поставщика': 'itemCode', 'Кол-во шт': 'quantity', 'Цена опт': 'price', Покупатель: 'store' });

    const [again] = (await core.api.importOrderFiles({ fileIds: [first] })).results;
    expect(again).toMatchObject({ outcome: 'imported', error: null });
    expect(await linesOf(again!.orderIds)).toEqual([
      ['A-100', 3, 12_550],
      ['B-7', 12, 1_000],
    ]);
    expect((await core.api.getReceivedOrder({ id: again!.orderIds[0]! })).storeName).toBe('Ромашка');
    // Known again by its content: the same file a second time is a duplicate, not new orders.
    expect((await core.api.importOrderFiles({ fileIds: [first] })).results[0]).toMatchObject({ outcome: 'duplicate', orderIds: [] });

    // The next file from the same sender: same headings (written otherwise: case and spaces do not matter).
    const second = register('sender-2.csv', [
      ['артикул  поставщика', 'КОЛ-ВО ШТ', 'Цена опт', 'Покупатель'],
      ['C-1', '5', '2,00', 'Лютик'],
    ]);
    const [next] = (await core.api.importOrderFiles({ fileIds: [second] })).results;
    expect(next).toMatchObject({ outcome: 'imported' });
    expect(await linesOf(next!.orderIds)).toEqual([['C-1', 5, 200]]);

    // Other headings are not read with it.
    const other = register('other.csv', [
      ['Артикул поставщика', 'Штук'],
      ['D-1', '1'],
    ]);
    expect((await core.api.importOrderFiles({ fileIds: [other] })).results[0]).toMatchObject({
      outcome: 'failed',
      errorCode: 'ORDER_COLUMNS_UNKNOWN',
      headings: ['Артикул поставщика', 'Штук'],
    });

    const { mappings } = await core.api.listOrderColumnMappings({});
    expect(mappings).toEqual([saved]);
    expect(await core.api.deleteOrderColumnMapping({ signature: saved.signature })).toEqual({ deleted: true });
    expect(await core.api.deleteOrderColumnMapping({ signature: saved.signature })).toEqual({ deleted: false });
    const third = register('sender-3.csv', [HEADINGS, ['E-1', '1', '1', 'Ромашка']]);
    expect((await core.api.importOrderFiles({ fileIds: [third] })).results[0]).toMatchObject({ errorCode: 'ORDER_COLUMNS_UNKNOWN' });
  });

  it('a file in the watched folder with remembered headings is taken in with their mapping', async () => {
    const folder = path.join(work.dir, 'exchange');
    fs.mkdirSync(folder);
    const watcher = await createCore({ dataDir: path.join(work.dir, 'folder-data'), manager: { folder: { watch: false, settleMs: 0 } } });
    try {
      await watcher.api.setAppMode({ mode: 'manager' });
      await watcher.api.setOrderFolder({ path: folder, enabled: true });
      await watcher.api.saveOrderColumnMapping({
        headings: HEADINGS,
        mapping: { 'Артикул поставщика': 'itemCode', 'Кол-во шт': 'quantity', 'Цена опт': 'price' },
      });
      fs.writeFileSync(path.join(folder, 'from-sender.csv'), [HEADINGS, ['F-1', '4', '3', 'Ромашка']].map((r) => r.join(';')).join('\r\n'));
      await watcher.manager.folder.scanOnce();
      const { events } = await watcher.manager.folder.scanOnce();
      expect(events).toMatchObject([{ fileName: 'from-sender.csv', outcome: 'imported' }]);
      const [id] = events[0]!.orderIds;
      expect((await watcher.api.getReceivedOrder({ id: id! })).lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual([
        ['F-1', 4, 300],
      ]);
    } finally {
      watcher.close();
    }
  });
});
