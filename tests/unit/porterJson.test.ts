import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmationTotals,
  porterConfirmationFile,
  readPorterConfirmation,
  serializePorterConfirmation,
} from '../../electron/core/formats/porterJson/confirmationFile';
import { porterPriceListFile, readPorterPriceList, serializePorterPriceList } from '../../electron/core/formats/porterJson/priceListFile';
import {
  porterFileCustomer,
  porterOrderDocument,
  readPorterOrderFile,
  receivedOrderFromPorterFile,
  serializePorterOrderFile,
  writePorterOrderFile,
} from '../../electron/core/orders/porterOrderFile';
import { receivedOrderFromOrder } from '../../electron/core/formats/orderDocument';
import type { Order } from '../../shared/domain';
import type { OrderConfirmation, PorterPriceList } from '../../shared/exchange';
import {
  anyText,
  barcodeText,
  buildOrder,
  codeText,
  oneLineText,
  orderArbitrary,
  SAMPLE_LINES,
  STORE,
  vatRate,
} from '../builders/commerceml';

const schema = (name: string) => {
  const json = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/schemas', name), 'utf8')) as object;
  return new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(json);
};
const orderSchema = schema('porter-order.v1.schema.json');
const priceListSchema = schema('porter-price-list.v1.schema.json');
const confirmationSchema = schema('porter-confirmation.v1.schema.json');
const EXPORTED_AT = '2026-11-29T12:00:00.000Z';

function confirmationFor(order: Order, states: ('confirmed' | 'cut' | 'replaced')[]): OrderConfirmation {
  const lines = order.lines.map((line, index) => {
    const state = states[index % states.length]!;
    return {
      lineNumber: index + 1,
      itemCode: line.itemCode,
      orderedQuantity: line.quantity,
      state,
      confirmedQuantity: state === 'cut' ? Math.floor(line.quantity / 2) : line.quantity,
      priceKopecks: line.priceKopecks,
      vatRate: line.vatRate,
      replacement:
        state === 'replaced'
          ? { itemCode: `${line.itemCode}-R`, name: `${line.name} (замена)`, barcode: line.barcode, unit: line.unit }
          : null,
      comment: state === 'cut' ? 'Остаток на складе меньше' : '',
    };
  });
  return {
    orderId: order.id,
    orderNumber: order.number,
    confirmationId: 'c-1',
    confirmedAt: '2026-11-29T13:00:00+03:00',
    status: states.includes('cut') ? 'partiallyAccepted' : 'accepted',
    supplierNumber: 'ТДЦУ-000042',
    deliveryDate: order.deliveryDate,
    comment: order.comment,
    pricesIncludeVat: order.pricesIncludeVat,
    lines,
    totals: confirmationTotals(lines, order.pricesIncludeVat),
  };
}

const priceListArbitrary: fc.Arbitrary<PorterPriceList> = fc.record({
  id: codeText,
  supplierName: anyText(30),
  priceType: anyText(10),
  currency: fc.constant('RUB' as const),
  pricesIncludeVat: fc.boolean(),
  minOrderKopecks: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  publishedAt: fc.constant('2026-11-29T10:00:00.000Z'),
  categories: fc.constant([
    { id: 'a', name: 'Напитки', parentId: null },
    { id: 'a/1', name: 'Соки "100%"', parentId: 'a' },
  ]),
  items: fc.uniqueArray(
    fc.record({
      code: codeText,
      name: anyText(30).filter((s) => s !== ''),
      barcode: barcodeText,
      unit: anyText(5),
      packMultiple: fc.integer({ min: 1, max: 1000 }),
      minOrderQuantity: fc.integer({ min: 0, max: 1000 }),
      priceKopecks: fc.integer({ min: 0, max: 2 ** 40 }),
      vatRate,
      stock: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
      stockAtLeast: fc.boolean(),
      categoryId: fc.constantFrom(null, 'a', 'a/1'),
    }),
    { maxLength: 20, selector: (i) => i.code },
  ),
});

describe('Porter order file (porter.order, version 1)', () => {
  it('the writer stays as it was: valid against the published schema; the reader gives back exactly what was written', () => {
    fc.assert(
      fc.property(orderArbitrary(anyText(30)), (order) => {
        const text = writePorterOrderFile(order, EXPORTED_AT, '0.1.0');
        const file = JSON.parse(text) as unknown;
        expect(orderSchema(file), JSON.stringify(orderSchema.errors)).toBe(true);
        const read = readPorterOrderFile(text, 'order.json');
        expect(read).toEqual(porterOrderDocument(order, EXPORTED_AT, '0.1.0'));
        expect(serializePorterOrderFile(read)).toBe(text);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('says which store it comes from: written from the profile, valid, read back exactly, absent when the profile is blank', () => {
    const profile = fc.record({
      storeName: fc.oneof(fc.constant(''), oneLineText(40)),
      customerCode: fc.oneof(fc.constant(''), codeText),
    });
    fc.assert(
      fc.property(orderArbitrary(anyText(20)), profile, (order, store) => {
        const text = writePorterOrderFile(order, EXPORTED_AT, '0.1.0', store);
        const file = JSON.parse(text) as Record<string, unknown>;
        expect(orderSchema(file), JSON.stringify(orderSchema.errors)).toBe(true);
        const blank = store.storeName === '' && store.customerCode === '';
        expect(file.store).toEqual(blank ? undefined : { name: store.storeName, customerCode: store.customerCode });
        expect(Object.keys(file)).toEqual(['format', 'version', 'generator', 'exportedAt', ...(blank ? [] : ['store']), 'order']);
        const read = readPorterOrderFile(text, 'order.json');
        expect(read).toEqual(porterOrderDocument(order, EXPORTED_AT, '0.1.0', store));
        expect(serializePorterOrderFile(read)).toBe(text);
        expect(porterFileCustomer(read)).toEqual(
          blank
            ? { id: '', code: '', name: '' }
            : { id: store.customerCode || store.storeName, code: store.customerCode, name: store.storeName },
        );
      }),
      { numRuns: 100, seed: 13 },
    );
    // A file without the field (every file written before it) still reads, and its store is unknown.
    const order = buildOrder(SAMPLE_LINES);
    const old = readPorterOrderFile(writePorterOrderFile(order, EXPORTED_AT, '0.1.0'), 'old.json');
    expect(old.store).toBeUndefined();
    expect(porterFileCustomer(old)).toEqual({ id: '', code: '', name: '' });
    // The field is as strict as the rest of the file.
    const withExtra = JSON.parse(writePorterOrderFile(order, EXPORTED_AT, '0.1.0', STORE)) as { store: Record<string, unknown> };
    withExtra.store.inn = '7701234567';
    expect(() => readPorterOrderFile(JSON.stringify(withExtra), 'o.json')).toThrow(
      expect.objectContaining({ code: 'FILE_FORMAT', details: { file: 'o.json', field: 'store.inn' } }),
    );
  });

  it('as the inbox receives it', () => {
    const order = buildOrder(SAMPLE_LINES, { pricesIncludeVat: false, createdAt: '2026-11-20T09:15:00.000Z', exportedAt: EXPORTED_AT });
    const read = readPorterOrderFile(writePorterOrderFile(order, EXPORTED_AT, '0.1.0'), 'order.json');
    const customer = { id: STORE.customerCode, code: STORE.customerCode, name: STORE.storeName };
    const expected = receivedOrderFromOrder(order, STORE, { format: 'porter-json', offsetMinutes: 180 });
    expect(receivedOrderFromPorterFile(read, customer, 180)).toEqual({
      ...expected,
      lines: expected.lines.map((l) => ({ ...l, itemId: '', unitCode: '' })),
      requisites: [],
    });
  });

  it('a file that is not one names the file and the field', () => {
    const order = buildOrder(SAMPLE_LINES);
    const text = writePorterOrderFile(order, EXPORTED_AT, '0.1.0');
    const edit = (
      fn: (file: { format: string; version: number; order: Record<string, unknown> & { lines: Record<string, unknown>[] } }) => void,
    ) => {
      const file = JSON.parse(text) as Parameters<typeof fn>[0];
      fn(file);
      return JSON.stringify(file);
    };
    expect(() => readPorterOrderFile('{\n "format": "porter.order",\n "version": }', 'o.json')).toThrow(
      /^o\.json(, line 3)?: not valid JSON/,
    );
    expect(() =>
      readPorterOrderFile(
        edit((f) => (f.format = 'porter.price-list')),
        'o.json',
      ),
    ).toThrow('o.json: not a porter.order file (it says "porter.price-list")');
    expect(() =>
      readPorterOrderFile(
        edit((f) => (f.version = 2)),
        'o.json',
      ),
    ).toThrow('o.json: written by a newer Porter (porter.order version 2)');
    expect(() =>
      readPorterOrderFile(
        edit((f) => (f.order.lines[1]!.quantity = 1.5)),
        'o.json',
      ),
    ).toThrow(expect.objectContaining({ code: 'FILE_FORMAT', details: { file: 'o.json', field: 'order.lines[1].quantity' } }));
    expect(() =>
      readPorterOrderFile(
        edit((f) => (f.order.lines[0]!.amountKopecks = 1)),
        'o.json',
      ),
    ).toThrow('o.json: field order.lines[0].amountKopecks: is not priceKopecks × quantity');
    expect(() =>
      readPorterOrderFile(
        edit((f) => (f.order.lines[0]!.lineNumber = 2)),
        'o.json',
      ),
    ).toThrow(/field order\.lines\[0\]\.lineNumber/);
  });
});

describe('Porter price list file (porter.price-list, version 1)', () => {
  it('round trip: valid against its schema, read gives the price list, written again gives the same bytes', () => {
    fc.assert(
      fc.property(priceListArbitrary, (priceList) => {
        const text = serializePorterPriceList(porterPriceListFile(priceList, EXPORTED_AT, '0.1.0'));
        expect(priceListSchema(JSON.parse(text)), JSON.stringify(priceListSchema.errors)).toBe(true);
        const read = readPorterPriceList(text, 'prices.json');
        expect(read.priceList).toEqual(priceList);
        expect(serializePorterPriceList(read)).toBe(text);
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('one item per line', () => {
    const text = serializePorterPriceList(
      porterPriceListFile(
        {
          id: 'p',
          supplierName: 'S',
          priceType: '',
          currency: 'RUB',
          pricesIncludeVat: true,
          minOrderKopecks: null,
          publishedAt: EXPORTED_AT,
          categories: [],
          items: [
            {
              code: '001',
              name: 'A',
              barcode: '',
              unit: 'шт',
              packMultiple: 1,
              minOrderQuantity: 0,
              priceKopecks: 1,
              vatRate: 22,
              stock: null,
              stockAtLeast: false,
              categoryId: null,
            },
            {
              code: '002',
              name: 'B',
              barcode: '',
              unit: 'шт',
              packMultiple: 1,
              minOrderQuantity: 0,
              priceKopecks: 2,
              vatRate: 22,
              stock: 5,
              stockAtLeast: true,
              categoryId: null,
            },
          ],
        },
        EXPORTED_AT,
        '0.1.0',
      ),
    );
    expect(text).toContain(
      '"items": [\n      {"code":"001","name":"A","barcode":"","unit":"шт","packMultiple":1,"minOrderQuantity":0,"priceKopecks":1,"vatRate":22,"stock":null,"stockAtLeast":false,"categoryId":null},\n      {"code":"002"',
    );
  });

  it('references that lead nowhere and duplicate codes are errors naming the field', () => {
    const base = {
      id: 'p',
      supplierName: '',
      priceType: '',
      currency: 'RUB' as const,
      pricesIncludeVat: true,
      minOrderKopecks: null,
      publishedAt: EXPORTED_AT,
    };
    const item = {
      code: '1',
      name: 'A',
      barcode: '',
      unit: 'шт',
      packMultiple: 1,
      minOrderQuantity: 0,
      priceKopecks: 1,
      vatRate: 22 as const,
      stock: null,
      stockAtLeast: false,
      categoryId: null,
    };
    const write = (priceList: PorterPriceList) => JSON.stringify(porterPriceListFile(priceList, EXPORTED_AT, '0.1.0'));
    expect(() => readPorterPriceList(write({ ...base, categories: [], items: [{ ...item, categoryId: 'x' }] }), 'p.json')).toThrow(
      'p.json: field priceList.items[0].categoryId: no category "x"',
    );
    expect(() => readPorterPriceList(write({ ...base, categories: [], items: [item, { ...item }] }), 'p.json')).toThrow(
      'p.json: field priceList.items[1].code: "1" appears already at items[0]',
    );
    expect(() => readPorterPriceList(write({ ...base, categories: [{ id: 'b', name: 'B', parentId: 'a' }], items: [] }), 'p.json')).toThrow(
      'p.json: field priceList.categories[0].parentId: no category "a" before this one',
    );
  });
});

describe('Porter confirmation file (porter.confirmation, version 1)', () => {
  it('round trip for confirmed, cut and replaced lines: valid against its schema, same bytes again', () => {
    fc.assert(
      fc.property(
        orderArbitrary(anyText(20)),
        fc.array(fc.constantFrom<'confirmed' | 'cut' | 'replaced'>('confirmed', 'cut', 'replaced'), { minLength: 1, maxLength: 3 }),
        (order, states) => {
          const confirmation = confirmationFor(
            { ...order, lines: order.lines.map((l) => ({ ...l, quantity: Math.max(2, l.quantity) })) },
            states,
          );
          const text = serializePorterConfirmation(porterConfirmationFile(confirmation, EXPORTED_AT, '0.1.0'));
          expect(confirmationSchema(JSON.parse(text)), JSON.stringify(confirmationSchema.errors)).toBe(true);
          const read = readPorterConfirmation(text, 'c.json');
          expect(read.confirmation).toEqual(confirmation);
          expect(serializePorterConfirmation(read)).toBe(text);
        },
      ),
      { numRuns: 100, seed: 13 },
    );
  });

  it('a line whose state contradicts its quantities is refused with its field', () => {
    const order = buildOrder(SAMPLE_LINES);
    const confirmation = confirmationFor(order, ['confirmed']);
    const broken = { ...confirmation, lines: confirmation.lines.map((l, i) => (i === 1 ? { ...l, state: 'cut' as const } : l)) };
    expect(() => readPorterConfirmation(JSON.stringify(porterConfirmationFile(broken, EXPORTED_AT, '0.1.0')), 'c.json')).toThrow(
      'c.json: field confirmation.lines[1].state: a cut line delivers less than was ordered',
    );
    const twice = { ...confirmation, lines: [confirmation.lines[0]!, confirmation.lines[0]!] };
    expect(() => readPorterConfirmation(JSON.stringify(porterConfirmationFile(twice, EXPORTED_AT, '0.1.0')), 'c.json')).toThrow(
      'c.json: field confirmation.lines[1].lineNumber: line 1 is answered twice',
    );
    // Totals: VAT per line on the confirmed quantities.
    expect(confirmationTotals(confirmation.lines, true)).toEqual({
      netKopecks: order.totals.netKopecks,
      vatKopecks: order.totals.vatKopecks,
      grossKopecks: order.totals.grossKopecks,
    });
  });
});
