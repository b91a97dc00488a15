import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersWriter';
import { receivedOrderFromOrder } from '../../electron/core/formats/orderDocument';
import { xmlFileInput } from '../../electron/core/formats/xml/xmlStream';
import { receivedOrderSchema } from '../../shared/exchange';
import { fixturePath } from '../builders/dataDir';
import { anyText, buildOrder, orderArbitrary, readOrders, SAMPLE_LINES, STORE, textInput } from '../builders/commerceml';

const BITRIX = fixturePath('commerceml', 'cml205_orders_bitrix_query_cp1251.xml');
const FROM_1C = fixturePath('commerceml', 'cml209_orders_from_1c_with_1c_numbers.xml');
const MOSCOW = 180;

describe('CommerceML orders from 1C-Bitrix (2.05, windows-1251 without a BOM, no namespace)', () => {
  it('two orders: №132 for 231.74 with one line, №133 for 14,380.58 with seven; status in ЗначенияРеквизитов', async () => {
    expect(fs.readFileSync(BITRIX).subarray(0, 3).toString('latin1')).toBe('<?x');
    const { orders, facts } = await readOrders(xmlFileInput(BITRIX, 'bitrix.xml'));
    expect(facts).toEqual({ schemaVersion: '2.05', encoding: 'windows-1251', documents: 2, skipped: [] });
    expect(orders.map((o) => [o.number, o.totals.grossKopecks, o.lines.length, o.totals.matchesLines])).toEqual([
      ['132', 23_174, 1, true],
      ['133', 1_438_058, 7, true],
    ]);
    for (const order of orders) {
      expect(receivedOrderSchema.parse(order)).toEqual(order);
      expect(order.status).toMatchObject({ text: '[N] Принят, ожидается оплата', code: 'N', cancelled: false, paid: false, final: false });
    }
    const [first, second] = orders;
    expect(first).toMatchObject({
      id: '132',
      date: '2021-02-11',
      time: '18:45:21',
      operation: 'Заказ товара',
      role: 'Продавец',
      currency: 'руб',
      customer: { id: '38#catalog_exchange#', name: '' },
      totals: { vatIncluded: true, vatKopecks: 0, linesKopecks: 23_174 },
    });
    expect(first!.lines[0]).toEqual({
      lineNumber: 1,
      itemId: '910e89e5-205e-4d95-872a-0a0255c42f02',
      itemCode: '910e89e5-205e-4d95-872a-0a0255c42f02',
      barcode: '',
      name: 'Hello Kitty toothbrush for 3~6 years old,2pcs',
      unit: 'шт',
      unitCode: '796',
      quantity: 1,
      priceKopecks: 23_174,
      amountKopecks: 23_174,
      vatRate: null,
      vatKopecks: null,
      vatIncluded: true,
    });
    // Cyrillic decoded from windows-1251; quotes from &quot;; names wrapped over lines by Bitrix keep their text.
    expect(second!.lines.map((l) => [l.quantity, l.priceKopecks, l.amountKopecks])).toContainEqual([2, 94_462, 188_924]);
    expect(second!.lines[5]!.name).toMatch(/^Средство для мытья посуды "Mama Lemon" с ароматом лимона/);
    expect(first!.requisites).toContainEqual({ name: 'Комментарии покупателя', value: 'Я повелитель порошочков' });
  });
});

describe('CommerceML orders coming back from 1C (2.09, UTF-8)', () => {
  it('№142: 8,186.84 = lines 6,938.00 + VAT 1,248.84 added on top (УчтеноВСумме=false); №235: 4,100 with VAT included', async () => {
    const { orders } = await readOrders(xmlFileInput(FROM_1C, 'from1c.xml'));
    const [n142, n235] = orders;
    expect(n142).toMatchObject({
      number: '142',
      number1c: 'ТДЦУ-000001',
      date1c: '2015-06-29',
      customer: { id: '4a65ecb6-8b1b-11df-be16-e0cb4ed5f70f', name: 'Kikinda (Сербия)' },
      totals: {
        grossKopecks: 818_684,
        linesKopecks: 693_800,
        vatKopecks: 124_884,
        netKopecks: 693_800,
        vatIncluded: false,
        matchesLines: true,
      },
      status: {
        posted: true,
        code: 'P',
        deleted: false,
        paymentNumber: 'ТДЦУ-000001',
        paymentDate: '2015-06-29T15:39:10',
        shipmentNumber: 'ТДЦУ-000003',
        shipmentDate: '2015-06-29T17:32:27',
      },
    });
    expect(n142!.lines.map((l) => [l.itemId, l.unit, l.unitCode, l.priceKopecks, l.vatRate, l.vatKopecks, l.vatIncluded])).toEqual([
      ['cbcf493f-55bc-11d9-848a-00112f43529a', 'шт', '796', 333_800, 18, 60_084, false],
      ['bd72d913-55bc-11d9-848a-00112f43529a#b02e2814-720f-11df-b436-0015e92f2802', 'пар', '715', 360_000, 18, 64_800, false],
    ]);
    expect(n235).toMatchObject({
      number: '235',
      number1c: 'ТДЦУ-000002',
      totals: {
        grossKopecks: 410_000,
        linesKopecks: 410_000,
        vatKopecks: 62_542,
        netKopecks: 347_458,
        vatIncluded: true,
        matchesLines: true,
      },
      status: { posted: true, paymentNumber: 'ТДЦУ-000002', shipmentNumber: null },
    });
    // The delivery is a line like any other (ВидНоменклатуры "Услуга").
    expect(n235!.lines.map((l) => l.itemId)).toEqual([
      'bd72d913-55bc-11d9-848a-00112f43529a#b02e2814-720f-11df-b436-0015e92f2802',
      'ORDER_DELIVERY',
    ]);
  });

  it('a stated total that does not match its lines is kept and flagged, never corrected', async () => {
    const text = fs.readFileSync(FROM_1C, 'utf8').replace('<Сумма>8186.84</Сумма>', '<Сумма>8186.00</Сумма>');
    const { orders } = await readOrders(textInput('edited.xml', text));
    expect(orders[0]!.totals).toMatchObject({ grossKopecks: 818_600, matchesLines: false });
  });

  it('documents that are not orders are skipped and listed', async () => {
    const text = fs
      .readFileSync(FROM_1C, 'utf8')
      .replace('<ХозОперация>Заказ товара</ХозОперация>', '<ХозОперация>Отпуск товара</ХозОперация>');
    const { orders, facts } = await readOrders(textInput('mixed.xml', text));
    expect(orders.map((o) => o.number)).toEqual(['235']);
    expect(facts.skipped).toEqual([{ line: 4, id: '142', operation: 'Отпуск товара' }]);
  });
});

describe('CommerceML orders written for 1C', () => {
  const order = buildOrder(SAMPLE_LINES, { pricesIncludeVat: false });

  it('one Документ per order, with everything 1C needs to take it in', () => {
    const xml = writeCommerceMlOrders([order], {
      store: STORE,
      generatedAt: '2026-11-29T11:00:00',
      offsetMinutes: MOSCOW,
      itemIds: new Map([['000123', 'bd8c4e15-guid']]),
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2"')).toBe(true);
    expect(xml).toContain('ВерсияСхемы="2.10" ДатаФормирования="2026-11-29T11:00:00"');
    for (const fragment of [
      `<Ид>${order.id}</Ид>`,
      '<Номер>P-000012</Номер>',
      '<Дата>2026-11-29</Дата>',
      '<Время>11:00:00</Время>',
      '<ХозОперация>Заказ товара</ХозОперация>',
      '<Роль>Покупатель</Роль>',
      '<Валюта>RUB</Валюта>',
      '<Курс>1</Курс>',
      `<Сумма>${(order.totals.grossKopecks / 100).toFixed(2)}</Сумма>`,
      '<Ид>00042</Ид>\n<Наименование>Магазин «У дома» №7</Наименование>',
      '<Ид>bd8c4e15-guid</Ид>\n<Штрихкод>4607001234562</Штрихкод><Артикул>000123</Артикул>',
      '<БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>',
      '<ЦенаЗаЕдиницу>89.90</ЦенаЗаЕдиницу>\n<Количество>24</Количество>\n<Сумма>2157.60</Сумма>',
      '<СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>10</Ставка></СтавкаНалога></СтавкиНалогов>',
      '<Налоги><Налог><Наименование>НДС</Наименование><УчтеноВСумме>false</УчтеноВСумме><Сумма>215.76</Сумма><Ставка>10</Ставка></Налог></Налоги>',
      '<Ставка>Без НДС</Ставка>',
      // A code that looks like a spreadsheet formula is just text in XML, escaped.
      '<Артикул>=HYPERLINK(&quot;http://evil&quot;)</Артикул>'.replace(/&quot;/g, '"'),
      '<Наименование>Код покупателя</Наименование><Значение>00042</Значение>',
      '<Наименование>Дата доставки</Наименование><Значение>2026-12-01</Значение>',
    ]) {
      expect(xml).toContain(fragment);
    }
  });

  it('read back, it is the order as sent: lines, VAT on top, totals, customer, delivery date', async () => {
    const xml = writeCommerceMlOrders([order], { store: STORE, generatedAt: '2026-11-29T11:00:00', offsetMinutes: MOSCOW });
    const { orders } = await readOrders(textInput('orders.xml', xml, 5));
    expect(orders).toEqual([receivedOrderFromOrder(order, STORE, { format: 'commerceml', offsetMinutes: MOSCOW })]);
    expect(orders[0]!.totals).toMatchObject({ vatIncluded: false, matchesLines: true });
  });

  it('round trip, generated orders (Cyrillic, quotes, markup, leading zeros, line breaks), read in 7-byte chunks', async () => {
    const text = anyText(25).map((s) => s.trim());
    await fc.assert(
      fc.asyncProperty(fc.array(orderArbitrary(text), { minLength: 1, maxLength: 3 }), async (orders) => {
        const unique = orders.map((o, i) => ({ ...o, id: `${o.id}-${i}` }));
        const xml = writeCommerceMlOrders(unique, { store: STORE, generatedAt: '2026-11-29T11:00:00', offsetMinutes: MOSCOW });
        const { orders: read } = await readOrders(textInput('orders.xml', xml, 7));
        expect(read).toEqual(unique.map((o) => receivedOrderFromOrder(o, STORE, { format: 'commerceml', offsetMinutes: MOSCOW })));
      }),
      { numRuns: 60, seed: 4 },
    );
  });
});
