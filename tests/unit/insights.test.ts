import { describe, expect, it } from 'vitest';
import { assortmentGaps } from '../../shared/insights/gaps';
import { dateOfDay, dayNumber, type OrderedLine } from '../../shared/insights/history';
import { rhythms, storeRhythm } from '../../shared/insights/rhythm';
import { isoWeek, seasonality } from '../../shared/insights/seasonality';
import { slippingStores, stoppedItems } from '../../shared/insights/slipping';

const TODAY = '2026-11-29';
const daysAgo = (n: number) => dateOfDay(dayNumber(TODAY) - n);
let orderSeq = 0;

/** One order of a store, n days before today, with the given items (quantity 10, 100 ₽ a unit unless said). */
function order(
  storeId: string,
  ago: number,
  items: { code: string; category?: string; quantity?: number; price?: number }[],
): OrderedLine[] {
  const orderId = `o${++orderSeq}`;
  return items.map((item) => ({
    storeId,
    orderId,
    date: daysAgo(ago),
    itemCode: item.code,
    category: item.category ?? 'Бакалея',
    quantity: item.quantity ?? 10,
    amountKopecks: (item.quantity ?? 10) * (item.price ?? 10_000),
  }));
}

/** Orders every `every` days, from `from` days ago down to `to` days ago, except those listed in `skip`. */
function regular(storeId: string, every: number, from: number, to: number, items: Parameters<typeof order>[2], skip: number[] = []) {
  const lines: OrderedLine[] = [];
  for (let ago = from; ago >= to; ago -= every) if (!skip.includes(ago)) lines.push(...order(storeId, ago, items));
  return lines;
}

const bread = [{ code: 'хлеб' }];

describe('rhythm: due and overdue by the store’s own interval', () => {
  it('a weekly store that skipped one week is overdue', () => {
    // Weekly for half a year; the last order was 14 days ago (last week's did not come).
    const lines = regular('weekly', 7, 182, 14, bread);
    const rhythm = storeRhythm('weekly', lines, TODAY)!;
    expect(rhythm.intervalDays).toBe(7);
    expect(rhythm.daysSinceLast).toBe(14);
    expect(rhythm.status).toBe('overdue');
    expect(rhythm.lateness).toBe(2);
  });

  it('a monthly store on day 20 is not overdue, and is due around day 30', () => {
    const lines = regular('monthly', 30, 380, 20, bread);
    expect(storeRhythm('monthly', lines, TODAY)).toMatchObject({ intervalDays: 30, daysSinceLast: 20, status: 'ok' });
    const later = regular('monthly', 30, 390, 30, bread);
    expect(storeRhythm('monthly', later, TODAY)?.status).toBe('due');
  });

  it('a holiday gap and a next-day top-up do not change a weekly rhythm', () => {
    const lines = [...regular('weekly', 7, 175, 7, bread, [35, 42, 49]), ...order('weekly', 6, bread)];
    expect(storeRhythm('weekly', lines, TODAY)).toMatchObject({ intervalDays: 7, daysSinceLast: 6, status: 'ok' });
  });

  it('too little history is unknown, not overdue', () => {
    expect(storeRhythm('new', [...order('new', 40, bread), ...order('new', 20, bread)], TODAY)?.status).toBe('unknown');
  });

  it('lists the overdue first, the latest against their own rhythm first', () => {
    const lines = [
      ...regular('weekly-late', 7, 182, 14, bread), // 2 intervals late
      ...regular('monthly-late', 30, 400, 70, bread), // 70 / 30 ≈ 2.3 intervals late
      ...regular('on-time', 7, 180, 5, bread), // last order 5 days ago
    ];
    expect(rhythms(lines, TODAY).map((r) => [r.storeId, r.status])).toEqual([
      ['monthly-late', 'overdue'],
      ['weekly-late', 'overdue'],
      ['on-time', 'ok'],
    ]);
  });
});

describe('slipping away', () => {
  it('a store whose orders halve over two months is slipping; a steady one is not', () => {
    const lines = [
      ...regular('halving', 7, 112, 57, [{ code: 'молоко', quantity: 20 }]),
      ...regular('halving', 14, 56, 0, [{ code: 'молоко', quantity: 20 }]),
      ...regular('steady', 7, 112, 0, [{ code: 'молоко', quantity: 20 }]),
    ];
    const slipping = slippingStores(lines, TODAY);
    expect(slipping.map((s) => s.storeId)).toEqual(['halving']);
    expect(slipping[0]!.frequencyRatio).toBeCloseTo(0.5, 1);
  });

  it('a December dip that happened last year too is not slipping', () => {
    // Two years of weekly orders, lighter in the same eight weeks of each year.
    const lines: OrderedLine[] = [];
    for (let ago = 730; ago >= 0; ago -= 7) {
      const inDip = ago < 56 || (ago >= 365 && ago < 365 + 56);
      lines.push(...order('seasonal', ago, [{ code: 'мороженое', quantity: inDip ? 5 : 20 }]));
    }
    expect(slippingStores(lines, TODAY)).toEqual([]);
  });

  it('finds an item the store bought every week and stopped buying', () => {
    const lines = [...regular('shop', 7, 112, 57, [{ code: 'кефир' }, { code: 'хлеб' }]), ...regular('shop', 7, 56, 0, [{ code: 'хлеб' }])];
    // Seven of the eight earlier weeks (the order 112 days ago is just outside them).
    expect(stoppedItems(lines, 'shop', TODAY)).toEqual([{ storeId: 'shop', itemCode: 'кефир', weeksBought: 7, lastBoughtOn: daysAgo(63) }]);
  });
});

describe('assortment gaps', () => {
  it('a category the three nearest peers buy weekly and the store never bought is found and ranked first', () => {
    const groceries = [{ code: 'крупа' }, { code: 'макароны' }, { code: 'сахар' }];
    const dairy = [
      { code: 'молоко', category: 'Молочная продукция', price: 9_000 },
      { code: 'кефир', category: 'Молочная продукция', price: 7_000 },
    ];
    const lines = [
      ...regular('store', 7, 175, 0, groceries),
      ...regular('peer-1', 7, 175, 0, [...groceries, ...dairy]),
      ...regular('peer-2', 7, 176, 1, [...groceries, ...dairy]),
      ...regular('peer-3', 7, 177, 2, [...groceries.slice(0, 2), ...dairy]),
      // Unlike stores: they buy other things, including an expensive item, but share nothing with the store.
      ...regular('other-1', 7, 175, 0, [{ code: 'шампунь', category: 'Бытовая химия', price: 50_000 }]),
      ...regular('other-2', 7, 175, 0, [
        { code: 'шампунь', category: 'Бытовая химия', price: 50_000 },
        { code: 'мыло', price: 40_000 },
      ]),
    ];
    const gaps = assortmentGaps(lines, 'store', TODAY, { peers: 3 });
    expect(gaps.slice(0, 2).map((g) => g.itemCode)).toEqual(['молоко', 'кефир']);
    expect(gaps[0]).toMatchObject({ category: 'Молочная продукция', peers: ['peer-1', 'peer-2', 'peer-3'] });
    expect(gaps[0]!.likelihood).toBeCloseTo(1, 5);
    expect(gaps.map((g) => g.itemCode)).not.toContain('шампунь');
  });

  it('an item the store has ever bought is not a gap', () => {
    const lines = [
      ...order('store', 300, [{ code: 'молоко' }]),
      ...regular('store', 7, 70, 0, bread),
      ...regular('peer', 7, 70, 0, [...bread, { code: 'молоко' }]),
    ];
    expect(assortmentGaps(lines, 'store', TODAY)).toEqual([]);
  });
});

describe('seasonality', () => {
  it('ISO weeks: 29 Dec 2025 is week 1 of 2026, 31 Dec 2026 is week 53', () => {
    expect(isoWeek('2025-12-29')).toBe(1);
    expect(isoWeek('2026-01-01')).toBe(1);
    expect(isoWeek('2026-11-29')).toBe(48);
    expect(isoWeek('2026-12-31')).toBe(53);
  });

  it('an item with a December peak shows it, per item and per category', () => {
    const lines: OrderedLine[] = [];
    for (let ago = 700; ago >= 0; ago -= 7) {
      const date = daysAgo(ago);
      const december = date.slice(5, 7) === '12';
      lines.push(
        ...order('shop', ago, [
          { code: 'ёлка', category: 'Новогодние товары', quantity: december ? 40 : 1 },
          { code: 'хлеб', quantity: 10 },
        ]),
      );
    }
    const [tree] = seasonality(lines, 'item').filter((p) => p.key === 'ёлка');
    expect(tree!.peakWeeks.every((week) => week >= 48 && week <= 53)).toBe(true);
    expect(Math.max(...tree!.index)).toBeGreaterThan(5);
    const [bread] = seasonality(lines, 'item').filter((p) => p.key === 'хлеб');
    expect(Math.max(...bread!.index)).toBeLessThan(1.6);
    const [category] = seasonality(lines, 'category').filter((p) => p.key === 'Новогодние товары');
    expect(category!.peakWeeks[0]).toBeGreaterThanOrEqual(48);
  });
});
