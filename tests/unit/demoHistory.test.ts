import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO_HISTORY_END,
  DEMO_OVERDUE_STORE,
  demoHistoryFiles,
  ORDER_COLUMNS,
  readDemoHistory,
  readDemoOrders,
  readDemoStores,
} from '../../electron/core/insights/demoHistory';
import { PorterError } from '../../shared/errors';
import { generateDemoHistory, orderHistoryCsv, storesCsv } from '../builders/demoOrders';
import { demoItems } from '../builders/demoPriceList';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porter-demo-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The rows of the demo price list (category rows between items): code → price, VAT, category. */
function priceList(): Map<string, { priceKopecks: number; vatRate: number; category: string }> {
  const rows = fs
    .readFileSync('resources/demo/price-list.csv', 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = rows.findIndex((r) => r.startsWith('Код;'));
  const items = new Map<string, { priceKopecks: number; vatRate: number; category: string }>();
  let category = '';
  for (const row of rows.slice(header + 1)) {
    const cells = row.split(';');
    if (cells.length < 9) continue;
    if (cells.slice(1).every((c) => c === '')) {
      category = cells[0]!;
      continue;
    }
    const [rubles, kopecks] = cells[6]!.split(',');
    items.set(cells[0]!, { priceKopecks: Number(rubles) * 100 + Number(kopecks), vatRate: Number(cells[8]!.replace('%', '')), category });
  }
  return items;
}

describe('the demo order history in resources/demo', async () => {
  const history = await readDemoHistory('resources');

  it('is what `npm run demo-orders` writes (deterministic): regenerate it after changing the generator', { timeout: 120_000 }, () => {
    const generated = generateDemoHistory(demoItems(), { stores: 200, from: '2025-11-28', to: DEMO_HISTORY_END });
    const files = demoHistoryFiles('resources');
    expect(fs.readFileSync(files.stores, 'utf8') === storesCsv(generated.stores)).toBe(true);
    expect(zlib.gunzipSync(fs.readFileSync(files.orders)).toString('utf8') === orderHistoryCsv(generated.orders)).toBe(true);
    expect(fs.statSync(files.orders).size).toBeLessThan(3_000_000);
  });

  it('has about 200 stores with a name, a contact and a phone, and a year of their orders', () => {
    expect(history.stores).toHaveLength(200);
    expect(new Set(history.stores.map((s) => s.name)).size).toBe(200);
    for (const store of history.stores) {
      expect(store.contact).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
      expect(store.phone).toMatch(/^\+7 \(9\d\d\) \d{3}-\d\d-\d\d$/);
      expect(store.deliveryWeekdays.length).toBeGreaterThan(0);
    }
    expect(history.orders.length).toBeGreaterThan(8000);
    expect(history.orders[0]!.date).toBe('2025-11-28');
    expect(history.orders.at(-1)!.date).toBe(DEMO_HISTORY_END);
    // New Year week: nobody orders.
    expect(history.orders.filter((o) => o.date >= '2025-12-31' && o.date <= '2026-01-08')).toEqual([]);
    expect(history.orders.filter((o) => o.storeCode === DEMO_OVERDUE_STORE).at(-1)!.date).toBe('2026-10-23');
  });

  it('orders only items of the demo price list, at their price, category and VAT rate', () => {
    const items = priceList();
    expect(items.size).toBe(5000);
    let lines = 0;
    for (const order of history.orders) {
      for (const line of order.lines) {
        lines++;
        const item = items.get(line.itemCode);
        if (!item || item.priceKopecks !== line.priceKopecks || item.category !== line.category || item.vatRate !== line.vatRate) {
          throw new Error(`order ${order.orderId}: ${JSON.stringify(line)} is not the price list's ${JSON.stringify(item)}`);
        }
      }
    }
    expect(lines).toBeGreaterThan(150_000);
  });
});

describe('reading the demo files: errors name the file, row and field', () => {
  const header = ORDER_COLUMNS.join(';');
  const good = 'ЗК-1;ТТ-0001;2026-03-02;2026-03-03;00100001;Молочная продукция;17914;10;10';
  const writeOrders = (name: string, rows: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, zlib.gzipSync(rows.join('\n') + '\n'));
    return file;
  };
  const failure = async (read: Promise<unknown>) => {
    const error = await read.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PorterError);
    return error as PorterError;
  };

  it('reads orders with their lines together', async () => {
    const file = writeOrders('good.csv.gz', [header, good, good.replace('00100001', '00100002'), good.replaceAll('ЗК-1', 'ЗК-2')]);
    const orders = await readDemoOrders(file, new Set(['ТТ-0001']));
    expect(orders.map((o) => [o.orderId, o.lines.length])).toEqual([
      ['ЗК-1', 2],
      ['ЗК-2', 1],
    ]);
    expect(orders[0]).toMatchObject({ storeCode: 'ТТ-0001', date: '2026-03-02', deliveryDate: '2026-03-03' });
    expect(orders[0]!.lines[0]).toEqual({
      itemCode: '00100001',
      category: 'Молочная продукция',
      priceKopecks: 17914,
      vatRate: 10,
      quantity: 10,
    });
  });

  it.each([
    ['a quantity that is not a whole number', good.replace(/;10$/, ';1,5'), 'quantity'],
    ['a zero quantity', good.replace(/;10$/, ';0'), 'quantity'],
    ['a date that does not exist', good.replace('2026-03-02', '2026-02-30'), 'order_date'],
    ['a delivery before the order', good.replace('2026-03-03', '2026-03-01'), 'delivery_date'],
    ['an unknown VAT rate', good.replace(';10;10', ';18;10'), 'vat_rate'],
    ['a store not in stores.csv', good.replace('ТТ-0001', 'ТТ-9999'), 'customer_code'],
    ['an empty item code', good.replace('00100001', ''), 'item_code'],
  ])('%s', async (_what, bad, field) => {
    const file = writeOrders(`bad-${field}.csv.gz`, [header, good, bad]);
    const error = await failure(readDemoOrders(file, new Set(['ТТ-0001'])));
    expect(error.code).toBe('FILE_FORMAT');
    expect(error.details).toMatchObject({ file, row: 3, field });
    expect(error.message).toContain(`bad-${field}.csv.gz, row 3, field ${field}`);
  });

  it('an order whose rows are apart, a short row, a wrong header', async () => {
    const apart = writeOrders('apart.csv.gz', [header, good, good.replaceAll('ЗК-1', 'ЗК-2'), good]);
    expect((await failure(readDemoOrders(apart, null))).details).toMatchObject({ row: 4, field: 'order_id' });
    const short = writeOrders('short.csv.gz', [header, good, 'ЗК-1;ТТ-0001']);
    expect((await failure(readDemoOrders(short, null))).message).toContain('row 3: 2 fields, expected 9');
    const wrongHeader = writeOrders('header.csv.gz', ['order;store', good]);
    expect((await failure(readDemoOrders(wrongHeader, null))).details).toMatchObject({ row: 1 });
  });

  it('bad UTF-8 on a row is reported on that row', async () => {
    const file = path.join(dir, 'latin1.csv.gz');
    const rows = Buffer.concat([Buffer.from(`${header}\n${good}\n`), Buffer.from([0xc0, 0x3b, 0x0a])]);
    fs.writeFileSync(file, zlib.gzipSync(rows));
    const error = await failure(readDemoOrders(file, null));
    expect(error.code).toBe('FILE_ENCODING');
    expect(error.details).toMatchObject({ file, row: 3 });
  });

  it('a damaged or missing gzip file names the file', async () => {
    const damaged = path.join(dir, 'damaged.csv.gz');
    const bytes = zlib.gzipSync(`${header}\n${good}\n`.repeat(50));
    fs.writeFileSync(damaged, bytes.subarray(0, bytes.length - 20));
    const error = await failure(readDemoOrders(damaged, null));
    expect(error.code).toBe('FILE_FORMAT');
    expect(error.message).toContain('damaged.csv.gz');
    const missing = await failure(readDemoOrders(path.join(dir, 'nowhere.csv.gz'), null));
    expect(missing.code).toBe('FILE_UNREADABLE');
  });

  it('stores: a repeated customer code and an unknown weekday', async () => {
    const file = path.join(dir, 'stores.csv');
    const row = 'ТТ-0001;Магазин «Уют», ул. Мира, 1;Оптовая;пн,чт;Иванова Анна Петровна;+7 (900) 000-00-00';
    fs.writeFileSync(file, ['customer_code;name;price_type;delivery_days;contact;phone', row, row].join('\n'));
    expect((await failure(readDemoStores(file))).details).toMatchObject({ row: 3, field: 'customer_code' });
    fs.writeFileSync(file, ['customer_code;name;price_type;delivery_days;contact;phone', row.replace('пн,чт', 'пн,четверг')].join('\n'));
    expect((await failure(readDemoStores(file))).details).toMatchObject({ row: 2, field: 'delivery_days' });
    fs.writeFileSync(file, ['customer_code;name;price_type;delivery_days;contact;phone', row].join('\r\n'));
    expect(await readDemoStores(file)).toEqual([
      {
        customerCode: 'ТТ-0001',
        name: 'Магазин «Уют», ул. Мира, 1',
        priceType: 'Оптовая',
        deliveryWeekdays: [1, 4],
        contact: 'Иванова Анна Петровна',
        phone: '+7 (900) 000-00-00',
      },
    ]);
  });
});
