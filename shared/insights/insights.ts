import { GapFinder, gapProfiles, type AssortmentGap } from './gaps';
import {
  compareText,
  createScratch,
  dateOfDay,
  firstLineAfter,
  indexHistory,
  weekdayOfDay,
  type HistoryIndex,
  type OrderedLine,
  type Scratch,
} from './history';
import { compareRhythms, rhythmOfStore, type StoreRhythm } from './rhythm';
import { seasonalityOf, type Seasonality } from './seasonality';
import { compareSlipping, slippingOf, stoppedItemsOf, trendOf, type SlippingStore, type StoppedItem, type StoreTrend } from './slipping';

/**
 * Everything the insights screens show, from one pass of preparation over the history: who is due
 * and overdue, who is slipping away, each store's stopped items and assortment gaps, seasonality per
 * item and category, and a card per store. Pure: the history and `today` in, plain values out.
 */

export interface InsightsOptions {
  /** The slipping and stopped-item windows: the last N weeks against the N before (8). */
  slippingWeeks?: number;
  /** The window stores are compared over for gaps (26 weeks). */
  gapWeeks?: number;
  /** How many similar stores vote for a store's gaps (5). */
  gapPeers?: number;
  /** At most this many gaps per store, the most valuable first (100). */
  gapsPerStore?: number;
  /** Top items on a store card (10), by value over the last `topItemsWeeks` weeks (52). */
  topItems?: number;
  topItemsWeeks?: number;
  /** Weeks of the store card's value-per-week chart (52). */
  trendWeeks?: number;
}

export interface TopItem {
  itemCode: string;
  category: string;
  quantity: number;
  amountKopecks: number;
  /** Orders that had the item. */
  orders: number;
  lastOrderedOn: string;
}

export interface StoreInsights {
  storeId: string;
  orderCount: number;
  firstOrderOn: string;
  lastOrderOn: string;
  totalKopecks: number;
  averageOrderKopecks: number;
  rhythm: StoreRhythm;
  /** The last `slippingWeeks` weeks against the weeks before and a year earlier. */
  trend: StoreTrend;
  /** The store is in the slipping list. */
  slipping: boolean;
  /** Order value per week, oldest first; the last entry is the seven days ending today. */
  weeklyKopecks: number[];
  /** Orders by day of the week, Monday first ("usually orders on Mondays"). */
  ordersByWeekday: number[];
  topItems: TopItem[];
  stoppedItems: StoppedItem[];
  gaps: AssortmentGap[];
}

export interface Insights {
  today: string;
  /** The overdue (latest against their own rhythm first), then the due today. */
  due: StoreRhythm[];
  /** Worst first. */
  slipping: SlippingStore[];
  /** Every store with history, by store id. */
  stores: StoreInsights[];
  seasonality: Seasonality;
}

const DEFAULTS: Required<InsightsOptions> = {
  slippingWeeks: 8,
  gapWeeks: 26,
  gapPeers: 5,
  gapsPerStore: 100,
  topItems: 10,
  topItemsWeeks: 52,
  trendWeeks: 52,
};

const WEEK = 7;

export function computeInsights(lines: readonly OrderedLine[], today: string, options: InsightsOptions = {}): Insights {
  return insightsOf(indexHistory(lines, today), options);
}

/** The same, from a history already laid out by indexHistory. */
export function insightsOf(index: HistoryIndex, options: InsightsOptions = {}): Insights {
  const settings = { ...DEFAULTS, ...options };
  const scratch = createScratch(index);
  const finder = new GapFinder(index, gapProfiles(index, settings.gapWeeks));
  const due: StoreRhythm[] = [];
  const slipping: SlippingStore[] = [];
  const stores: StoreInsights[] = [];
  for (let s = 0; s < index.stores.length; s++) {
    const storeId = index.stores[s]!;
    const rhythm = rhythmOfStore(index, s)!;
    if (rhythm.status === 'overdue' || rhythm.status === 'due') due.push(rhythm);
    const trend = trendOf(index, s, settings.slippingWeeks, scratch);
    const slip = slippingOf(storeId, trend);
    if (slip) slipping.push(slip);
    stores.push({
      storeId,
      ...summaryOf(index, s, settings, scratch),
      rhythm,
      trend,
      slipping: slip !== null,
      topItems: topItemsOf(index, s, settings, scratch),
      stoppedItems: stoppedItemsOf(index, s, settings.slippingWeeks, scratch),
      gaps: finder.gaps(s, settings.gapPeers, settings.gapsPerStore),
    });
  }
  return {
    today: dateOfDay(index.today),
    due: due.sort(compareRhythms),
    slipping: slipping.sort(compareSlipping),
    stores,
    seasonality: seasonalityOf(index),
  };
}

type Summary = Pick<
  StoreInsights,
  'orderCount' | 'firstOrderOn' | 'lastOrderOn' | 'totalKopecks' | 'averageOrderKopecks' | 'weeklyKopecks' | 'ordersByWeekday'
>;

function summaryOf(index: HistoryIndex, s: number, settings: Required<InsightsOptions>, scratch: Scratch): Summary {
  const start = index.storeStart[s]!;
  const end = index.storeStart[s + 1]!;
  const weeks = settings.trendWeeks;
  const weeklyKopecks = new Array<number>(weeks).fill(0);
  const ordersByWeekday = new Array<number>(7).fill(0);
  const chartFrom = index.today - weeks * WEEK;
  scratch.orders.next();
  let orderCount = 0;
  let totalKopecks = 0;
  for (let i = start; i < end; i++) {
    const day = index.day[i]!;
    const amount = index.amount[i]!;
    if (scratch.orders.mark(index.order[i]!)) {
      orderCount++;
      ordersByWeekday[weekdayOfDay(day)]!++;
    }
    totalKopecks += amount;
    if (day > chartFrom) weeklyKopecks[weeks - 1 - Math.floor((index.today - day) / WEEK)]! += amount;
  }
  return {
    orderCount,
    firstOrderOn: dateOfDay(index.day[start]!),
    lastOrderOn: dateOfDay(index.day[end - 1]!),
    totalKopecks,
    averageOrderKopecks: Math.round(totalKopecks / orderCount),
    weeklyKopecks,
    ordersByWeekday,
  };
}

/** The store's biggest items by value over the last weeks (ties: item code). */
function topItemsOf(index: HistoryIndex, s: number, settings: Required<InsightsOptions>, scratch: Scratch): TopItem[] {
  const { items, itemCount: orders, itemWeek: lastOrder, itemDay: lastDay, itemSum: amount, itemSum2: quantity, touched } = scratch;
  const end = index.storeStart[s + 1]!;
  items.next();
  let touchedCount = 0;
  for (let i = firstLineAfter(index, s, index.today - settings.topItemsWeeks * WEEK); i < end; i++) {
    const item = index.item[i]!;
    const order = index.order[i]!;
    if (items.mark(item)) {
      touched[touchedCount++] = item;
      orders[item] = 0;
      lastOrder[item] = -1;
      amount[item] = 0;
      quantity[item] = 0;
    }
    if (lastOrder[item] !== order) {
      lastOrder[item] = order;
      orders[item]!++;
    }
    amount[item]! += index.amount[i]!;
    quantity[item]! += index.quantity[i]!;
    lastDay[item] = index.day[i]!;
  }
  const top = Array.from(touched.subarray(0, touchedCount))
    .sort((a, b) => amount[b]! - amount[a]! || compareText(index.items[a]!, index.items[b]!))
    .slice(0, settings.topItems);
  return top.map((item) => ({
    itemCode: index.items[item]!,
    category: index.categories[index.itemCategory[item]!]!,
    quantity: quantity[item]!,
    amountKopecks: amount[item]!,
    orders: orders[item]!,
    lastOrderedOn: dateOfDay(lastDay[item]!),
  }));
}
