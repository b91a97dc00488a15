import { describe, expect, it } from 'vitest';
import {
  DEMO_GAP_CATEGORY,
  DEMO_GAP_STORE,
  DEMO_LAPSING_STORE,
  DEMO_OVERDUE_STORE,
  DEMO_STOPPED_ITEMS_STORE,
  DEMO_TODAY,
  demoOrderedLines,
  readDemoHistory,
} from '../../electron/core/insights/demoHistory';
import { dateOfDay, dayNumber, weekdayOfDay, type OrderedLine } from '../../shared/insights/history';
import { computeInsights, type Insights, type StoreInsights } from '../../shared/insights/insights';
import { generateDemoHistory } from '../builders/demoOrders';
import { demoItems } from '../builders/demoPriceList';
import { seededRandom } from '../builders/random';
import { referenceGaps, referenceRhythms, referenceSlipping, referenceStoppedItems, referenceWeekly } from '../builders/insightsReference';

const TODAY = '2026-11-29';
const daysAgo = (n: number) => dateOfDay(dayNumber(TODAY) - n);
let orderSeq = 0;

interface ItemSpec {
  code: string;
  category?: string;
  quantity?: number;
  price?: number;
}

/** One order of a store, n days before today (quantity 10, 100 ₽ a unit unless said). */
function order(storeId: string, ago: number, items: ItemSpec[]): OrderedLine[] {
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

/** Orders every `every` days, from `from` days ago down to `to` days ago. */
function regular(storeId: string, every: number, from: number, to: number, items: ItemSpec[]): OrderedLine[] {
  const lines: OrderedLine[] = [];
  for (let ago = from; ago >= to; ago -= every) lines.push(...order(storeId, ago, items));
  return lines;
}

const card = (insights: Insights, storeId: string): StoreInsights => {
  const found = insights.stores.find((s) => s.storeId === storeId);
  if (!found) throw new Error(`no card for ${storeId}`);
  return found;
};

const bread = [{ code: 'хлеб' }];
const groceries = [{ code: 'крупа' }, { code: 'макароны' }, { code: 'сахар' }];
const dairy = [
  { code: 'молоко', category: 'Молочная продукция', price: 9_000 },
  { code: 'кефир', category: 'Молочная продукция', price: 7_000 },
];

describe('computeInsights on small histories with known answers', () => {
  const lines = [
    ...regular('weekly-late', 7, 182, 14, bread), // last order two weeks ago: lateness 2
    ...regular('monthly-late', 30, 400, 70, bread), // 70 / 30 ≈ 2.33
    ...regular('monthly-20', 30, 380, 20, bread), // day 20 of a 30-day rhythm: fine
    ...regular('due-today', 7, 182, 7, bread), // exactly one week: due
    ...regular('halving', 7, 112, 57, [{ code: 'молоко', quantity: 20 }]),
    ...regular('halving', 14, 56, 0, [{ code: 'молоко', quantity: 20 }]),
    ...regular('steady', 7, 112, 0, [{ code: 'молоко', quantity: 20 }]),
    ...regular('kefir-stopper', 7, 112, 57, [{ code: 'кефир' }, { code: 'хлеб' }]),
    ...regular('kefir-stopper', 7, 56, 0, [{ code: 'хлеб' }]),
  ];
  const insights = computeInsights(lines, TODAY);

  it('lists the overdue by lateness against their own rhythm, then the due; stores on time are not listed', () => {
    expect(insights.due.map((r) => [r.storeId, r.status])).toEqual([
      ['monthly-late', 'overdue'],
      ['weekly-late', 'overdue'],
      ['due-today', 'due'],
    ]);
    expect(insights.due[1]).toMatchObject({ intervalDays: 7, daysSinceLast: 14, lateness: 2 });
    expect(card(insights, 'monthly-20').rhythm).toMatchObject({ intervalDays: 30, daysSinceLast: 20, status: 'ok' });
  });

  it('finds the store whose orders halved, with its figures against the eight weeks before', () => {
    // Worst first: the monthly store that stopped (nothing since), the halving one, and the store
    // that dropped kefir (bread only in the last eight weeks: 8 × 1,000 ₽ against 7 × 2,000 + 1,000 ₽).
    expect(insights.slipping.map((s) => [s.storeId, s.valueRatio])).toEqual([
      ['monthly-late', 0],
      ['halving', 0.5],
      ['kefir-stopper', 8 / 15],
    ]);
    // 112…57 days ago weekly: 8 orders in the eight weeks before; 56…0 every 14 days: 4 in the last eight.
    expect(insights.slipping[1]).toMatchObject({
      recent: { orders: 4, amountKopecks: 4 * 20 * 10_000 },
      before: { orders: 8, amountKopecks: 8 * 20 * 10_000 },
      yearAgo: null,
      frequencyRatio: 0.5,
      valueRatio: 0.5,
    });
    expect(card(insights, 'halving').slipping).toBe(true);
    expect(card(insights, 'steady')).toMatchObject({ slipping: false, trend: { valueRatio: 1, frequencyRatio: 1 } });
  });

  it('puts the item a store stopped buying on its card', () => {
    expect(card(insights, 'kefir-stopper').stoppedItems).toEqual([
      { storeId: 'kefir-stopper', itemCode: 'кефир', weeksBought: 7, lastBoughtOn: daysAgo(63) },
    ]);
    expect(card(insights, 'steady').stoppedItems).toEqual([]);
  });

  it('summarises a store for its card: orders, values, weekdays, the value per week, top items', () => {
    const shop = card(insights, 'kefir-stopper');
    expect(shop).toMatchObject({
      orderCount: 17,
      firstOrderOn: daysAgo(112),
      lastOrderOn: TODAY,
      totalKopecks: 17 * 100_000 + 8 * 100_000,
      averageOrderKopecks: Math.round((25 * 100_000) / 17),
    });
    // Every order was on the weekday of `today`.
    const weekday = weekdayOfDay(dayNumber(TODAY));
    expect(shop.ordersByWeekday[weekday]).toBe(17);
    expect(shop.ordersByWeekday.reduce((a, b) => a + b, 0)).toBe(17);
    expect(shop.weeklyKopecks).toHaveLength(52);
    expect(shop.weeklyKopecks.at(-1)).toBe(100_000); // today's order: bread only
    expect(shop.weeklyKopecks.at(-10)).toBe(200_000); // 63 days ago: kefir and bread
    expect(shop.topItems.map((t) => [t.itemCode, t.orders, t.quantity])).toEqual([
      ['хлеб', 17, 170],
      ['кефир', 8, 80],
    ]);
  });

  it('leaves out lines dated after today', () => {
    const later = computeInsights([...lines, ...order('weekly-late', -3, bread), ...order('new-next-week', -7, bread)], TODAY);
    expect(later).toEqual(insights);
  });
});

describe('computeInsights: gaps and a year-ago comparison', () => {
  it('a category the three nearest peers buy weekly and the store never bought ranks first', () => {
    const lines = [
      ...regular('store', 7, 175, 0, groceries),
      ...regular('peer-1', 7, 175, 0, [...groceries, ...dairy]),
      ...regular('peer-2', 7, 176, 1, [...groceries, ...dairy]),
      ...regular('peer-3', 7, 177, 2, [...groceries.slice(0, 2), ...dairy]),
      ...regular('other-1', 7, 175, 0, [{ code: 'шампунь', category: 'Бытовая химия', price: 50_000 }]),
      ...regular('other-2', 7, 175, 0, [
        { code: 'шампунь', category: 'Бытовая химия', price: 50_000 },
        { code: 'мыло', price: 40_000 },
      ]),
    ];
    const gaps = card(computeInsights(lines, TODAY, { gapPeers: 3 }), 'store').gaps;
    expect(gaps.map((g) => g.itemCode)).toEqual(['молоко', 'кефир']);
    expect(gaps[0]).toMatchObject({ category: 'Молочная продукция', peers: ['peer-1', 'peer-2', 'peer-3'], weeklyKopecks: 90_000 });
    expect(gaps[0]!.likelihood).toBeCloseTo(1, 5);
    expect(card(computeInsights(lines, TODAY, { gapPeers: 3, gapsPerStore: 1 }), 'store').gaps.map((g) => g.itemCode)).toEqual(['молоко']);
  });

  it('with two years of history, a dip that happened last year too is not slipping, and the year-ago figures are shown', () => {
    const lines: OrderedLine[] = [];
    for (let ago = 730; ago >= 0; ago -= 7) {
      const inDip = ago < 56 || (ago >= 365 && ago < 365 + 56);
      lines.push(...order('seasonal', ago, [{ code: 'мороженое', quantity: inDip ? 5 : 20 }]));
    }
    const insights = computeInsights(lines, TODAY);
    expect(insights.slipping).toEqual([]);
    expect(card(insights, 'seasonal').trend.yearAgo).toEqual({ orders: 8, amountKopecks: 8 * 5 * 10_000 });
  });
});

describe('seasonality', () => {
  it('an item with a December peak shows it, per item and per category, on the timeline too', () => {
    const lines: OrderedLine[] = [];
    for (let ago = 700; ago >= 0; ago -= 7) {
      const december = daysAgo(ago).slice(5, 7) === '12';
      lines.push(
        ...order('shop', ago, [
          { code: 'ёлка', category: 'Новогодние товары', quantity: december ? 40 : 1 },
          { code: 'хлеб', quantity: 10 },
        ]),
      );
    }
    const { items, categories } = computeInsights(lines, TODAY).seasonality;
    const tree = items.find((p) => p.key === 'ёлка')!;
    expect(tree.category).toBe('Новогодние товары');
    expect(tree.peakWeeks.every((week) => week >= 48 && week <= 53)).toBe(true);
    expect(Math.max(...tree.index)).toBeGreaterThan(5);
    expect(Math.max(...items.find((p) => p.key === 'хлеб')!.index)).toBeLessThan(1.3);
    expect(categories.find((p) => p.key === 'Новогодние товары')!.peakWeeks[0]).toBeGreaterThanOrEqual(48);
    // The timeline: Monday-started weeks from the first order; every unit is in it once.
    expect(weekdayOfDay(dayNumber(tree.seriesStartOn))).toBe(0);
    const units = lines.filter((l) => l.itemCode === 'ёлка').reduce((sum, l) => sum + l.quantity, 0);
    expect(tree.series.reduce((a, b) => a + b, 0)).toBe(units);
    const decemberWeek = Math.floor((dayNumber('2025-12-15') - dayNumber(tree.seriesStartOn)) / 7);
    expect(tree.series[decemberWeek]).toBe(40);
  });

  it('a year of history across two calendar years is one year of weeks, not half of two', () => {
    // Every Sunday from 30 Nov 2025 to 22 Nov 2026: each ISO week 1–52 once.
    const lines: OrderedLine[] = [];
    for (let day = dayNumber('2025-11-30'); day <= dayNumber('2026-11-22'); day += 7) {
      lines.push(...order('shop', dayNumber(TODAY) - day, [{ code: 'хлеб', quantity: 10 }]));
    }
    const [bread] = computeInsights(lines, TODAY).seasonality.items;
    expect(bread!.weekly.slice(0, 52)).toEqual(new Array(52).fill(10));
    expect(bread!.index.slice(0, 52)).toEqual(new Array(52).fill(1));
  });
});

describe('computeInsights agrees with the plain definitions on generated histories', () => {
  const items = demoItems();
  it.each([1, 2, 3])('seed %i: due, slipping, stopped items, gaps, seasonality', { timeout: 60_000 }, (seed) => {
    const history = generateDemoHistory(items, { stores: 24, from: '2025-09-01', to: '2026-12-10', seed });
    const lines = demoOrderedLines(history.orders); // some after today: both sides leave them out
    const today = '2026-11-29';
    const insights = computeInsights(lines, today, { gapsPerStore: Infinity });

    expect(insights.due).toEqual(referenceRhythms(lines, today).filter((r) => r.status === 'overdue' || r.status === 'due'));
    expect(insights.stores.map((s) => s.rhythm)).toEqual(referenceRhythms(lines, today).sort((a, b) => (a.storeId < b.storeId ? -1 : 1)));
    expect(insights.slipping).toEqual(referenceSlipping(lines, today));
    let gapsSeen = 0;
    for (const store of insights.stores) {
      expect(store.stoppedItems).toEqual(referenceStoppedItems(lines, store.storeId, today));
      expect(store.gaps).toEqual(referenceGaps(lines, store.storeId, today));
      gapsSeen += store.gaps.length;
    }
    expect(gapsSeen).toBeGreaterThan(24);
    // The order the lines come in does not matter.
    const random = seededRandom(seed);
    const shuffled = lines.map((line) => ({ line, key: random() })).sort((a, b) => a.key - b.key);
    expect(
      computeInsights(
        shuffled.map((s) => s.line),
        today,
        { gapsPerStore: Infinity },
      ),
    ).toEqual(insights);
    const weekly = referenceWeekly(lines, today, (l) => l.category);
    expect(insights.seasonality.categories.map((c) => c.key).sort()).toEqual([...weekly.keys()].sort());
    for (const category of insights.seasonality.categories) {
      category.weekly.forEach((value, w) => expect(value).toBeCloseTo(weekly.get(category.key)![w]!, 6));
    }
  });
});

describe('on the demo history, as of 29 November 2026', async () => {
  const history = await readDemoHistory('resources');
  const insights = computeInsights(demoOrderedLines(history.orders), DEMO_TODAY);

  it('the known overdue store is first in the overdue list', () => {
    expect(insights.due[0]).toMatchObject({ storeId: DEMO_OVERDUE_STORE, status: 'overdue', intervalDays: 7, lastOrderOn: '2026-10-23' });
    expect(insights.due[0]!.lateness).toBeGreaterThan(5);
  });

  it('the known lapsing store is first among the slipping', () => {
    expect(insights.slipping[0]).toMatchObject({ storeId: DEMO_LAPSING_STORE, frequencyRatio: 0.5 });
    expect(insights.slipping[0]!.valueRatio).toBeLessThan(0.35);
    expect(insights.slipping.map((s) => s.storeId)).toContain(DEMO_OVERDUE_STORE);
  });

  it('the gap store’s list starts with the category its peers buy and it never does', () => {
    const gaps = card(insights, DEMO_GAP_STORE).gaps;
    expect(gaps.slice(0, 5).map((g) => g.category)).toEqual(new Array(5).fill(DEMO_GAP_CATEGORY));
  });

  it('the stopped-items store shows the two items it stopped buying', () => {
    expect(card(insights, DEMO_STOPPED_ITEMS_STORE).stoppedItems).toHaveLength(2);
  });

  it('New Year goods peak in December, drinks in summer', () => {
    const peak = (key: string) => insights.seasonality.categories.find((c) => c.key === key)!.peakWeeks[0]!;
    expect(peak('Новогодние товары')).toBeGreaterThanOrEqual(48);
    expect(peak('Напитки')).toBeGreaterThanOrEqual(24);
    expect(peak('Напитки')).toBeLessThanOrEqual(34);
  });
});
