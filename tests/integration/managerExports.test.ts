import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { readCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersReader';
import { readOrderTable } from '../../electron/core/formats/orderTable/orderTableReader';
import { xmlFileInput } from '../../electron/core/formats/xml/xmlStream';
import { openZip } from '../../electron/core/formats/zipEntries';
import type { ReceivedOrder } from '../../shared/exchange';
import { PorterError } from '../../shared/errors';
import { divideRounded } from '../../shared/money';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { coreWithPriceList } from '../builders/orderPriceLists';
import { receivedOrder, setLine, STORES, takeIn } from '../builders/receivedOrders';

let core: PorterCore;
let dir: { dir: string; remove: () => void };
let out: string;

beforeEach(async () => {
  dir = tempDataDir('porter-exports');
  core = await coreWithPriceList(dir.dir);
  await core.api.saveStores({ stores: STORES });
  out = path.join(dir.dir, 'out');
  fs.mkdirSync(out);
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** Three orders from two stores; the first cut and repriced by the manager. */
function threeOrders(): number[] {
  const [u, l] = STORES;
  const first = takeIn(
    core,
    receivedOrder({
      store: u!,
      number: 'P-000012',
      id: '0b4c55a4-7f52-4d34-9d1b-6a1c0f2f9e01',
      comment: 'Привезти до 10:00',
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000200', quantity: 40 },
        { itemCode: '000300', quantity: 1 },
      ],
    }),
  );
  setLine(core, first, 1, { quantity: 12 });
  setLine(core, first, 2, { priceKopecks: 10_990 });
  const second = takeIn(
    core,
    receivedOrder({
      store: l!,
      number: '142',
      pricesIncludeVat: false,
      lines: [
        { itemCode: '000124', quantity: 6 },
        { itemCode: '000201', quantity: 3 },
      ],
    }),
  );
  const third = takeIn(core, receivedOrder({ store: l!, number: '143', deliveryDate: null, lines: [{ itemCode: '000125', quantity: 6 }] }));
  return [first, second, third];
}

function save(file: { fileName: string; base64: string }): string {
  const target = path.join(out, file.fileName);
  fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return target;
}

async function readXml(file: string): Promise<ReceivedOrder[]> {
  const orders: ReceivedOrder[] = [];
  for await (const order of readCommerceMlOrders(xmlFileInput(file, path.basename(file)))) orders.push(order);
  return orders;
}

/** Every element path under Документ, namespaces dropped: what a loader walks. */
function documentPaths(xml: string): Set<string> {
  const stack: string[] = [];
  const paths = new Set<string>();
  for (const match of xml.matchAll(/<(\/?)([^\s>/?!]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClosing] = match;
    if (close) {
      stack.pop();
      continue;
    }
    stack.push(name!.replace(/^.*:/, ''));
    const at = stack.indexOf('Документ');
    if (at >= 0 && stack.length > at + 1) paths.add(stack.slice(at + 1).join('/'));
    if (selfClosing) stack.pop();
  }
  return paths;
}

describe('exporting accepted orders to the back office', () => {
  it('CommerceML for 1C, one file for the batch: read back by Porter, the orders as the manager left them', async () => {
    const ids = threeOrders();
    const grossBefore = ids.map((id) => core.manager.book.grossOf(id));
    const { file, export: record } = await core.api.exportOrders({ ids, format: 'commerceml', grouping: 'perBatch' });
    expect(file.fileName).toMatch(/^porter-orders-\d{8}-\d{6}\.xml$/);
    const orders = await readXml(save(file));

    expect(orders.map((o) => [o.id, o.number, o.customer])).toEqual([
      ['0b4c55a4-7f52-4d34-9d1b-6a1c0f2f9e01', 'P-000012', { id: '00042', code: '00042', name: 'Магазин «У дома» №7' }],
      ['00043-order-142', '142', { id: '00043', code: '00043', name: 'Продукты на Лесной' }],
      ['00043-order-143', '143', { id: '00043', code: '00043', name: 'Продукты на Лесной' }],
    ]);
    for (const [index, id] of ids.entries()) {
      const stored = core.manager.book.get(id);
      const read = orders[index]!;
      expect(read).toMatchObject({
        operation: 'Заказ товара',
        role: 'Покупатель',
        date: '2026-11-28',
        time: '09:30:00',
        comment: stored.comment,
      });
      expect(read.deliveryDate).toBe(stored.deliveryDate);
      // The lines as they stand: the current quantities and prices, the amounts and VAT of each.
      expect(read.lines.map((l) => [l.itemCode, l.name, l.unit, l.quantity, l.priceKopecks, l.amountKopecks, l.vatRate])).toEqual(
        stored.lines.map((l) => [l.itemCode, l.name, l.unit, l.quantity, l.priceKopecks, l.amountKopecks, l.vatRate]),
      );
      for (const [n, line] of read.lines.entries()) {
        const rate = stored.lines[n]!.vatRate!;
        expect(line.vatKopecks).toBe(divideRounded(line.amountKopecks * rate, stored.pricesIncludeVat ? 100 + rate : 100));
        expect(line.vatIncluded).toBe(stored.pricesIncludeVat);
      }
      // The total is the grid's, and it adds up.
      expect(read.totals.grossKopecks).toBe(grossBefore[index]);
      expect(read.totals.matchesLines).toBe(true);
      expect(read.totals.vatKopecks).toBe(read.lines.reduce((sum, l) => sum + l.vatKopecks!, 0));
    }
    expect(orders[0]!.lines.map((l) => [l.quantity, l.priceKopecks])).toEqual([
      [12, 8_990],
      [40, 10_990],
      [1, 499_000],
    ]);
    expect(orders[1]!.totals).toMatchObject({ vatIncluded: false });

    expect(record).toMatchObject({ format: 'commerceml', grouping: 'perBatch', fileName: file.fileName });
    expect(record.orders.map((o) => [o.id, o.number, o.storeCode])).toEqual(
      ids.map((id, i) => [id, ['P-000012', '142', '143'][i], i === 0 ? '00042' : '00043']),
    );
    expect((await core.api.listExports({})).exports).toEqual([record]);
    for (const id of ids) {
      const order = core.manager.book.get(id);
      expect(order.state).toBe('exported');
      expect(order.changes.at(-1)).toMatchObject({
        field: 'state',
        oldValue: 'accepted',
        newValue: 'exported',
        reason: `export ${record.id}: ${file.fileName}`,
      });
    }
  });

  it('matches the real 1C files: the same elements for number, date, counterparty, lines, sums and VAT', async () => {
    const ids = threeOrders();
    const { file } = await core.api.exportOrders({ ids, format: 'commerceml', grouping: 'perBatch' });
    const ours = documentPaths(Buffer.from(file.base64, 'base64').toString('utf8'));
    const from1c = documentPaths(fs.readFileSync(fixturePath('commerceml', 'cml209_orders_from_1c_with_1c_numbers.xml'), 'utf8'));
    const fromBitrix = documentPaths(
      iconv.decode(fs.readFileSync(fixturePath('commerceml', 'cml205_orders_bitrix_query_cp1251.xml')), 'win1251'),
    );
    // What Porter does not know or 1C assigns itself: bank details, addresses, contacts, warehouses, 1C's own numbers and versions.
    const notPorters =
      /^(НомерВерсии|ПометкаУдаления|Номер1С|Дата1С|Склады)|Контрагент\/(НомерВерсии|ПометкаУдаления|ИНН|КПП|КодПоОКПО|РасчетныеСчета|Представители|Адрес|АдресРегистрации|ПолноеНаименование)|Товар\/ИдКаталога/;
    const wanted = [...new Set([...from1c, ...fromBitrix])].filter((p) => !notPorters.test(p)).sort();
    // The elements the acceptance names are among them, in both real files' spellings.
    expect(wanted).toEqual(
      expect.arrayContaining([
        'Номер',
        'Дата',
        'Время',
        'Контрагенты/Контрагент/Ид',
        'Контрагенты/Контрагент/Наименование',
        'Контрагенты/Контрагент/Роль',
        'Сумма',
        'Налоги/Налог/УчтеноВСумме',
        'Налоги/Налог/Сумма',
        'Товары/Товар/Ид',
        'Товары/Товар/Количество',
        'Товары/Товар/Цена',
        'Товары/Товар/ЦенаЗаЕдиницу',
        'Товары/Товар/БазоваяЕдиница',
        'Товары/Товар/Единица/Код',
        'Товары/Товар/Сумма',
        'Товары/Товар/СтавкиНалогов/СтавкаНалога/Ставка',
        'Товары/Товар/Налоги/Налог/Сумма',
        'ЗначенияРеквизитов/ЗначениеРеквизита/Значение',
      ]),
    );
    expect(wanted.filter((p) => !ours.has(p))).toEqual([]);
  });

  it('an order exported before is refused, naming it and when, unless exported again on purpose', async () => {
    const ids = threeOrders();
    const first = await core.api.exportOrders({ ids: [ids[0]!], format: 'commerceml', grouping: 'perOrder' });
    expect(first.file.fileName).toBe(`order-00042-P-000012-${ids[0]}.xml`);

    const refused = await core.api.exportOrders({ ids, format: 'xlsx', grouping: 'perBatch' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PorterError);
    expect(refused).toMatchObject({
      code: 'ORDERS_ALREADY_EXPORTED',
      details: {
        orders: [
          {
            id: ids[0],
            number: 'P-000012',
            storeName: 'Магазин «У дома» №7',
            exportedAt: first.export.createdAt,
            fileName: first.file.fileName,
          },
        ],
      },
    });
    expect((refused as Error).message).toContain(`№ P-000012 (Магазин «У дома» №7) on ${first.export.createdAt} in ${first.file.fileName}`);
    // Nothing of the refused export was recorded: the other orders are still only accepted.
    expect((await core.api.listExports({})).exports).toHaveLength(1);
    expect(ids.slice(1).map((id) => core.manager.book.get(id).state)).toEqual(['accepted', 'accepted']);

    const again = await core.api.exportOrders({ ids, format: 'xlsx', grouping: 'perBatch', again: true });
    expect(again.export.orders.map((o) => o.id)).toEqual(ids);
    expect((await core.api.listExports({})).exports.map((e) => e.id)).toEqual([again.export.id, first.export.id]);
    expect(ids.map((id) => core.manager.book.get(id).state)).toEqual(['exported', 'exported', 'exported']);
  });

  it('only accepted orders go: a new or held one in the selection refuses the export whole', async () => {
    const ids = threeOrders();
    const held = takeIn(core, receivedOrder({ store: STORES[2]!, number: 'H-1', lines: [{ itemCode: '000123', quantity: 12 }] }), {
      state: 'held',
    });
    await expect(core.api.exportOrders({ ids: [...ids, held], format: 'csv', grouping: 'perBatch' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('№ H-1 (=Ларёк "Весна") is held') as unknown,
    });
    await expect(core.api.exportOrders({ ids: [ids[0]!, 999_999], format: 'csv', grouping: 'perBatch' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await core.api.listExports({})).exports).toEqual([]);
    expect(ids.map((id) => core.manager.book.get(id).state)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('one file per order comes as one .zip of CommerceML documents, each read back on its own', async () => {
    const ids = threeOrders();
    const { file, export: record } = await core.api.exportOrders({ ids, format: 'commerceml', grouping: 'perOrder' });
    expect(file.fileName).toMatch(/^porter-orders-\d{8}-\d{6}\.zip$/);
    expect(record.grouping).toBe('perOrder');
    const zip = await openZip(save(file), file.fileName, undefined, 'archive');
    const names = zip.entries().map((e) => e.fileName);
    expect(names).toEqual([`order-00042-P-000012-${ids[0]}.xml`, `order-00043-142-${ids[1]}.xml`, `order-00043-143-${ids[2]}.xml`]);
    for (const entry of zip.entries()) {
      const chunks: Buffer[] = [];
      for await (const chunk of zip.read(entry)) chunks.push(chunk);
      fs.writeFileSync(path.join(out, entry.fileName), Buffer.concat(chunks));
    }
    zip.close();
    const numbers = [];
    for (const name of names) numbers.push((await readXml(path.join(out, name))).map((o) => o.number));
    expect(numbers).toEqual([['P-000012'], ['142'], ['143']]);
  });

  it.each(['xlsx', 'csv'] as const)(
    '%s for the batch: one row per line, codes as text, formula-like names inert, read back equal',
    async (format) => {
      const ids = threeOrders();
      const trap = takeIn(
        core,
        receivedOrder({ store: STORES[2]!, number: '=1+1', comment: '@SUM(A1)', lines: [{ itemCode: '000123', quantity: 12 }] }),
      );
      const all = [...ids, trap];
      const { file } = await core.api.exportOrders({ ids: all, format, grouping: 'perBatch' });
      expect(file.fileName.endsWith(`.${format}`)).toBe(true);
      const saved = save(file);
      if (format === 'csv') {
        const text = fs.readFileSync(saved, 'utf8');
        expect(text.startsWith('\ufeffНомер заказа;Дата;Магазин;Код клиента;Код')).toBe(true);
        expect(text).toContain(`\r\n'=1+1;28.11.2026;"'=Ларёк ""Весна""";00044;000123;`);
      }
      const read = await readOrderTable(saved);
      expect(read.map((o) => [o.number, o.customer.code, o.customer.name, o.comment])).toEqual([
        ['P-000012', '00042', 'Магазин «У дома» №7', 'Привезти до 10:00'],
        ['142', '00043', 'Продукты на Лесной', ''],
        ['143', '00043', 'Продукты на Лесной', ''],
        ['=1+1', '00044', '=Ларёк "Весна"', '@SUM(A1)'],
      ]);
      for (const [index, id] of all.entries()) {
        const stored = core.manager.book.get(id);
        expect(read[index]!.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks, l.amountKopecks, l.vatRate])).toEqual(
          stored.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks, l.amountKopecks, l.vatRate]),
        );
        expect(read[index]!.deliveryDate).toBe(stored.deliveryDate);
      }
    },
  );
});
