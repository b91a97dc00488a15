import { describe, expect, it } from 'vitest';
import type { Item, PriceListInfo } from '../../shared/domain';
import type { StoredLine } from '../../electron/core/orders/lineChecks';
import type { PriceListLookup } from '../../electron/core/orders/orderRows';
import { repeatOrigin, repricedDraft } from '../../electron/core/orders/repeatOrder';

const line = (code: string, priceKopecks: number, quantity: number): StoredLine => ({
  itemCode: code,
  name: `Товар ${code}`,
  barcode: '',
  unit: 'шт',
  packMultiple: 6,
  minOrderQuantity: 0,
  priceKopecks,
  vatRate: 10,
  stock: 100,
  quantity,
  repricedFromKopecks: null,
});

function priceList(items: Partial<Item>[], pricesIncludeVat = true): PriceListLookup {
  const byCode = new Map(
    items.map((partial) => {
      const item: Item = {
        code: '',
        name: 'x',
        barcode: '',
        unit: 'шт',
        packMultiple: 6,
        minOrderQuantity: 0,
        priceKopecks: 0,
        vatRate: 10,
        stock: 500,
        stockAtLeast: false,
        category: '',
        isNew: false,
        previousPriceKopecks: null,
        ...partial,
      };
      return [item.code, item];
    }),
  );
  const info: PriceListInfo = {
    id: 'pl-2',
    sourceName: 'next.csv',
    supplierName: '',
    importedAt: '2026-11-29T00:00:00Z',
    itemCount: byCode.size,
    categoryCount: 0,
    pricesIncludeVat,
    minOrderKopecks: null,
  };
  return { info, itemByCode: (code) => byCode.get(code) ?? null, itemByBarcode: () => null };
}

describe('repeating an order against the current price list', () => {
  const previous = {
    lines: [line('001', 8990, 24), line('002', 11500, 40), line('003', 45000, 3)],
    pricesIncludeVat: true,
    priceListId: 'pl-1',
  };

  it('takes current prices, remembers the old price where it changed, keeps vanished items as they were', () => {
    const current = priceList([
      { code: '001', priceKopecks: 9990, packMultiple: 12, stock: 50 },
      { code: '002', priceKopecks: 11500 },
    ]);
    const draft = repricedDraft(repeatOrigin('P-000012'), previous, current);
    expect(draft.origin).toBe('repeat:P-000012');
    expect(draft.priceListId).toBe('pl-2');
    const [milk, chocolate, honey] = draft.lines;
    expect(milk).toMatchObject({ priceKopecks: 9990, repricedFromKopecks: 8990, packMultiple: 12, stock: 50, quantity: 24 });
    expect(chocolate).toMatchObject({ priceKopecks: 11500, repricedFromKopecks: null, quantity: 40 });
    // Gone from the price list: the line stays with its old snapshot (the live check flags it as missing).
    expect(honey).toEqual(previous.lines[2]);
  });

  it('compares on the same VAT footing when the new price list states prices without VAT', () => {
    // 89,90 with 10 % VAT is 81,73 without: the same price, so no flag.
    const current = priceList([{ code: '001', priceKopecks: 8173 }], false);
    const draft = repricedDraft(repeatOrigin('P-000012'), { ...previous, lines: [previous.lines[0]!] }, current);
    expect(draft.pricesIncludeVat).toBe(false);
    expect(draft.lines[0]).toMatchObject({ priceKopecks: 8173, repricedFromKopecks: null });
  });

  it('without a current price list, keeps every line as it was', () => {
    const draft = repricedDraft(repeatOrigin('P-000012'), previous, null);
    expect(draft.lines).toEqual(previous.lines);
    expect(draft.priceListId).toBe('pl-1');
  });
});
