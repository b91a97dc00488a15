import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { writeOrdersCsv, writeOrdersXlsx } from '../../electron/core/formats/orderTable/orderTableWriter';
import { writePorterOrderFile } from '../../electron/core/orders/porterOrderFile';
import { buildOrder, SAMPLE_LINES, STORE, zipArchive } from '../builders/commerceml';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { DAIRY_AND_MORE, importListedPriceList } from '../builders/orderPriceLists';

/** Order files the manager opens (several at once, in mixed formats): each taken in whole or not at all, each on its own. */
let core: PorterCore;
const work = tempDataDir('porter-order-files');
const files = path.join(work.dir, 'files');
const EXPORTED_AT = '2026-11-29T08:00:00.000Z';

beforeAll(async () => {
  core = await createCore({ dataDir: path.join(work.dir, 'data'), manager: { folder: { watch: false } } });
  await importListedPriceList(core, 'supplier-prices', DAIRY_AND_MORE);
  await core.api.setAppMode({ mode: 'manager' });
  fs.mkdirSync(files);
});
afterAll(() => {
  core.close();
  work.remove();
});

const uuid = (n: number) => `7f8a1c2e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const order = (n: number) => buildOrder(SAMPLE_LINES.slice(0, 2), { id: uuid(n), number: `P-${String(n).padStart(6, '0')}` });

function register(name: string, content: string | Buffer): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, content);
  return core.files.register(file, name).fileId;
}

describe('importOrderFiles', () => {
  it('takes in Porter JSON, CommerceML (XML and zip), CSV and XLSX files; a malformed one fails alone, naming the file, row and field', async () => {
    const porter = register('porter-order-1.json', writePorterOrderFile(order(1), EXPORTED_AT, '0.1.0', STORE));
    const anonymous = register('porter-order-2.json', writePorterOrderFile(order(2), EXPORTED_AT, '0.1.0'));
    const bitrix = register('bitrix.xml', fs.readFileSync(fixturePath('commerceml', 'cml205_orders_bitrix_query_cp1251.xml')));
    const zipped = register(
      'from-1c.zip',
      zipArchive([{ name: 'orders.xml', data: fs.readFileSync(fixturePath('commerceml', 'cml209_orders_from_1c_with_1c_numbers.xml')) }]),
    );
    const csv = register('orders.csv', writeOrdersCsv([order(3), order(4)], { store: STORE, offsetMinutes: 180 }));
    const xlsx = register('orders.xlsx', await writeOrdersXlsx([order(5)], { store: STORE, offsetMinutes: 180 }));

    // Two orders in a CSV, the second with a quantity that is not one: neither is taken.
    const rows = writeOrdersCsv([order(6), order(7)], { store: STORE, offsetMinutes: 180 }).split('\r\n');
    const badRow = rows.findIndex((r) => r.includes(uuid(7))) + 1;
    const cells = rows[badRow - 1]!.split(';');
    const quantityColumn = rows[0]!
      .replace(/^\uFEFF/, '')
      .split(';')
      .indexOf('Количество');
    cells[quantityColumn] = 'два';
    rows[badRow - 1] = cells.join(';');
    const badCsv = register('bad-orders.csv', rows.join('\r\n'));
    // A Porter file missing a required field.
    const missing = JSON.parse(writePorterOrderFile(order(8), EXPORTED_AT, '0.1.0', STORE)) as { order: Record<string, unknown> };
    delete missing.order.currency;
    const badJson = register('missing-field.json', JSON.stringify(missing, null, 2));
    const catalog = register('import.xml', fs.readFileSync(fixturePath('commerceml', 'cml207_import0_1_ut11_utf8bom.xml')));
    const again = register('porter-order-1 (copy).json', writePorterOrderFile(order(1), '2026-11-30T08:00:00.000Z', '0.1.0', STORE));

    const { results } = await core.api.importOrderFiles({
      fileIds: [porter, anonymous, bitrix, zipped, csv, xlsx, badCsv, badJson, catalog, 'no-such-file', again],
    });
    expect(results.map((r) => [r.fileName, r.outcome, r.orderIds.length])).toEqual([
      ['porter-order-1.json', 'imported', 1],
      ['porter-order-2.json', 'imported', 1],
      ['bitrix.xml', 'imported', 2],
      ['from-1c.zip', 'imported', 2],
      ['orders.csv', 'imported', 2],
      ['orders.xlsx', 'imported', 1],
      ['bad-orders.csv', 'failed', 0],
      ['missing-field.json', 'failed', 0],
      ['import.xml', 'failed', 0],
      ['no-such-file', 'failed', 0],
      ['porter-order-1 (copy).json', 'duplicate', 0],
    ]);
    const byName = new Map(results.map((r) => [r.fileName, r]));
    expect(byName.get('bad-orders.csv')!.error).toBe(`bad-orders.csv, row ${badRow}, column "Количество": not a quantity: "два"`);
    expect(byName.get('missing-field.json')!.error).toMatch(/^missing-field\.json, line \d+: field order\.currency: /);
    expect(byName.get('import.xml')!.error).toMatch(/^import\.xml: the CommerceML file holds no documents/);
    expect(byName.get('no-such-file')!.error).toContain('no-such-file');
    expect(byName.get('porter-order-1 (copy).json')!.duplicates).toEqual([
      { number: 'P-000001', existingId: byName.get('porter-order-1.json')!.orderIds[0] },
    ]);
    for (const r of results) expect(r.error === null).toBe(r.outcome !== 'failed');

    const { orders } = await core.api.listReceivedOrders({});
    expect(orders).toHaveLength(9);
    const summary = (orderId: string) => orders.find((o) => o.orderId === orderId)!;
    expect(summary(uuid(1))).toMatchObject({
      storeCode: '00042',
      source: 'file',
      sourceName: 'porter-order-1.json',
      format: 'porter-json',
    });
    // A file that names no store is filed under none; the checks flag it.
    expect(summary(uuid(2))).toMatchObject({ storeCode: '', format: 'porter-json' });
    expect(summary(uuid(3))).toMatchObject({ storeCode: '00042', format: 'csv', number: 'P-000003', lineCount: 2 });
    expect(summary(uuid(5))).toMatchObject({ storeCode: '00042', format: 'xlsx', lineCount: 2 });
    expect(orders.filter((o) => o.orderId === uuid(6) || o.orderId === uuid(7))).toEqual([]);
    expect(
      orders
        .filter((o) => o.format === 'commerceml')
        .map((o) => o.number)
        .sort(),
    ).toEqual(['132', '133', '142', '235']);
    // Every format carries the same lines for the same order.
    for (const n of [1, 3, 5]) {
      const detail = await core.api.getReceivedOrder({ id: summary(uuid(n)).id });
      expect(detail.lines.map((l) => [l.itemCode, l.name, l.quantity, l.priceKopecks, l.vatRate])).toEqual(
        order(n).lines.map((l) => [l.itemCode, l.name, l.quantity, l.priceKopecks, l.vatRate]),
      );
    }
  });

  it('a zip that holds a price list is refused as one, not read as no orders', async () => {
    const zip = register(
      'prices.zip',
      zipArchive([{ name: 'offers0_1.xml', data: fs.readFileSync(fixturePath('commerceml', 'cml207_offers0_1_ut11_utf8bom.xml')) }]),
    );
    const [result] = (await core.api.importOrderFiles({ fileIds: [zip] })).results;
    expect(result).toMatchObject({
      outcome: 'failed',
      error: 'prices.zip: offers0_1.xml: holds a CommerceML offers, not orders (Документ)',
    });
  });
});
