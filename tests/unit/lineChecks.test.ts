import { describe, expect, it } from 'vitest';
import { lineProblems, priceInBasis, toOrderLine, type StoredLine } from '../../electron/core/orders/lineChecks';
import type { Item } from '../../shared/domain';

const line = (patch: Partial<StoredLine> = {}): StoredLine => ({
  itemCode: '000123',
  name: 'Молоко «Простоквашино» 3,2% 930 мл',
  barcode: '4607001234562',
  unit: 'шт',
  packMultiple: 12,
  minOrderQuantity: 0,
  priceKopecks: 8990,
  vatRate: 10,
  stock: 1200,
  quantity: 24,
  repricedFromKopecks: null,
  ...patch,
});

const item = (patch: Partial<Item> = {}): Item => ({
  code: '000123',
  name: 'Молоко «Простоквашино» 3,2% 930 мл',
  barcode: '4607001234562',
  unit: 'шт',
  packMultiple: 12,
  minOrderQuantity: 0,
  priceKopecks: 8990,
  vatRate: 10,
  stock: 1200,
  stockAtLeast: false,
  category: 'Молочная продукция',
  isNew: false,
  previousPriceKopecks: null,
  ...patch,
});

const inclusive = { orderIncludesVat: true, priceListIncludesVat: true };

describe('line checks', () => {
  it('a line that matches the price list has no problems', () => {
    expect(lineProblems(line(), item(), inclusive)).toEqual([]);
  });

  it('not a pack multiple: offers the nearest valid quantity', () => {
    expect(lineProblems(line({ quantity: 30 }), item(), inclusive)).toEqual([{ kind: 'notPackMultiple', packMultiple: 12, suggested: 36 }]);
    expect(lineProblems(line({ quantity: 29 }), item(), inclusive)).toEqual([{ kind: 'notPackMultiple', packMultiple: 12, suggested: 24 }]);
  });

  it('below the minimum: offers the smallest valid quantity', () => {
    expect(lineProblems(line({ quantity: 12 }), item({ minOrderQuantity: 24 }), inclusive)).toEqual([
      { kind: 'belowMinimum', minimum: 24, suggested: 24 },
    ]);
  });

  it('checks a draft against the current pack and stock, not the ones stored with the line', () => {
    // The line was added with packs of 12; the supplier now sells packs of 10 and has 20 left.
    expect(lineProblems(line({ quantity: 24 }), item({ packMultiple: 10, stock: 20 }), inclusive)).toEqual([
      { kind: 'notPackMultiple', packMultiple: 10, suggested: 20 },
      { kind: 'overStock', stock: 20 },
    ]);
    // "More than 20" is no limit to check against.
    expect(lineProblems(line({ quantity: 24 }), item({ stock: 20, stockAtLeast: true }), inclusive)).toEqual([]);
  });

  it('an item gone from the price list is flagged; its own pack rule still applies', () => {
    expect(lineProblems(line({ quantity: 30 }), null, inclusive)).toEqual([
      { kind: 'notPackMultiple', packMultiple: 12, suggested: 36 },
      { kind: 'notInPriceList' },
    ]);
  });

  it('a price that differs from the current price list is flagged, from the line price to the current one', () => {
    expect(lineProblems(line(), item({ priceKopecks: 9490 }), inclusive)).toEqual([
      { kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9490 },
    ]);
  });

  it('a line re-priced by a repeat stays flagged until accepted (repricedFrom cleared)', () => {
    const repriced = line({ priceKopecks: 9490, repricedFromKopecks: 8990 });
    expect(lineProblems(repriced, item({ priceKopecks: 9490 }), inclusive)).toEqual([
      { kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9490 },
    ]);
    expect(lineProblems({ ...repriced, repricedFromKopecks: null }, item({ priceKopecks: 9490 }), inclusive)).toEqual([]);
  });

  it('compares prices on the order’s VAT footing when the price list states them the other way', () => {
    // 100,00 without VAT at 20 % is 120,00 with VAT.
    expect(priceInBasis(10000, 20, false, true)).toBe(12000);
    expect(priceInBasis(12000, 20, true, false)).toBe(10000);
    expect(priceInBasis(10000, 0, false, true)).toBe(10000);
    const vatInclusiveLine = line({ priceKopecks: 12000, vatRate: 20, quantity: 12 });
    const netItem = item({ priceKopecks: 10000, vatRate: 20 });
    expect(lineProblems(vatInclusiveLine, netItem, { orderIncludesVat: true, priceListIncludesVat: false })).toEqual([]);
  });

  it('a sent order is not checked against the price list: only its own rules', () => {
    expect(lineProblems(line({ quantity: 30 }), null, null)).toEqual([{ kind: 'notPackMultiple', packMultiple: 12, suggested: 36 }]);
  });

  it('the order line shows the current pack and minimum and the line’s own price and sums', () => {
    const shown = toOrderLine(
      line({ quantity: 20 }),
      item({ packMultiple: 10, minOrderQuantity: 20, priceKopecks: 9000 }),
      inclusive,
      true,
    );
    expect(shown).toMatchObject({ packMultiple: 10, minOrderQuantity: 20, priceKopecks: 8990, amountKopecks: 179800 });
    // 179 800 × 10 / 110 = 16 345,45… → 16 345
    expect(shown.vatKopecks).toBe(16345);
    expect(shown.problems).toEqual([{ kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9000 }]);
  });
});
