import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commerceMlItemId } from '../../electron/core/formats/commerceml/priceListWriter';
import { oneLine } from '../../electron/core/formats/commerceml/values';
import type { PorterPriceList, PorterPriceListItem } from '../../shared/exchange';
import { tempDataDir } from '../builders/dataDir';
import { anyText, barcodeText, codeText, readCommerceMlPriceList, vatRate, writeCommerceMlPair } from '../builders/commerceml';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDataDir('porter-cml-rt')));
afterEach(() => remove());

const categories = fc.constantFrom<PorterPriceList['categories']>(
  [],
  [{ id: 'g1', name: 'Молочная "продукция" & сыры', parentId: null }],
  [
    { id: '00', name: 'Продукты', parentId: null },
    { id: '00-1', name: 'Молоко', parentId: '00' },
    { id: '00-1-a', name: 'Молоко <козье>', parentId: '00-1' },
    { id: 'x#1', name: 'Разное', parentId: null },
  ],
);

const item = (categoryIds: string[]): fc.Arbitrary<PorterPriceListItem> =>
  fc.record({
    code: codeText,
    name: anyText(40).filter((s) => oneLine(s) !== ''),
    barcode: barcodeText,
    unit: fc.constantFrom('шт', 'кг', 'упак', 'пар', 'бут', 'коробка'),
    packMultiple: fc.integer({ min: 1, max: 48 }),
    minOrderQuantity: fc.integer({ min: 0, max: 100 }),
    priceKopecks: fc.integer({ min: 0, max: 99_999_999_99 }),
    vatRate,
    stock: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    stockAtLeast: fc.constant(false),
    categoryId: categoryIds.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...categoryIds), { nil: null }),
  });

const priceList: fc.Arbitrary<PorterPriceList> = categories.chain((cats) =>
  fc.record({
    id: fc.constant('pl-2026-11'),
    supplierName: anyText(20).map((s) => oneLine(s)),
    priceType: fc.constantFrom('', 'Оптовая', 'Мелкий опт "А"'),
    currency: fc.constant('RUB' as const),
    pricesIncludeVat: fc.boolean(),
    minOrderKopecks: fc.constant(null),
    publishedAt: fc.constant('2026-11-29T10:00:00.000Z'),
    categories: fc.constant(cats),
    items: fc.uniqueArray(item(cats.map((c) => c.id)), { minLength: 1, maxLength: 12, selector: (i) => i.code }),
  }),
);

/** What the catalog keeps of an item written as CommerceML: names as one line, the stated stock, the Ид as ref. */
function expected(list: PorterPriceList) {
  return list.items.map(({ categoryId, ...i }) => ({ ...i, name: oneLine(i.name), category: categoryId ?? '', ref: commerceMlItemId(i) }));
}

describe('CommerceML price list: Porter writer → reader', () => {
  it('round trip through import.xml + offers.xml, in UTF-8 and windows-1251, with and without a namespace', async () => {
    await fc.assert(
      fc.asyncProperty(
        priceList,
        fc.constantFrom<'utf-8' | 'windows-1251'>('utf-8', 'windows-1251'),
        fc.constantFrom<string | null>('urn:1C.ru:commerceml_2', 'urn:1C.ru:commerceml_208', null),
        fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        async (list, encoding, namespace, lineEnding) => {
          // windows-1251 has no letters beyond Cyrillic and Latin: keep the generated text within it.
          const { importPath, offersPath } = await writeCommerceMlPair(dir, list, { encoding, namespace, lineEnding });
          const read = await readCommerceMlPriceList([
            { path: importPath, name: 'import.xml' },
            { path: offersPath, name: 'offers.xml' },
          ]);
          expect(read.rejected).toEqual([]);
          expect(read.items.map(({ row: _row, ...i }) => i)).toEqual(expected(list));
          expect(read.categories).toEqual(list.categories.map((c) => ({ key: c.id, name: c.name, parentKey: c.parentId })));
          expect(read.pricesIncludeVat).toBe(list.pricesIncludeVat);
          expect(read.supplierName).toBe(list.supplierName);
          expect(read.facts.priceType?.name).toBe(list.priceType || 'Оптовая');
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('with several price types, each store gets its own prices', async () => {
    await fc.assert(
      fc.asyncProperty(priceList, async (list) => {
        const { importPath, offersPath } = await writeCommerceMlPair(dir, list, {
          otherPriceTypes: [{ id: 'small', name: 'Мелкий опт', priceOf: (i) => i.priceKopecks + 1 }],
        });
        const files = [
          { path: importPath, name: 'import.xml' },
          { path: offersPath, name: 'offers.xml' },
        ];
        const small = await readCommerceMlPriceList(files, 'мелкий опт');
        expect(small.items.map((i) => i.priceKopecks)).toEqual(list.items.map((i) => i.priceKopecks + 1));
        const main = await readCommerceMlPriceList(files);
        expect(main.items.map((i) => i.priceKopecks)).toEqual(list.items.map((i) => i.priceKopecks));
      }),
      { numRuns: 10, seed: 8 },
    );
  });
});
