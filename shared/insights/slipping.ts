import {
  compareText,
  createScratch,
  dateOfDay,
  firstLineAfter,
  indexHistory,
  storeOf,
  type HistoryIndex,
  type OrderedLine,
  type Scratch,
} from './history';

export interface PeriodFigures {
  orders: number;
  amountKopecks: number;
}

/** A store's recent ordering against the weeks before and a year earlier: the store card's trend. */
export interface StoreTrend {
  recent: PeriodFigures;
  before: PeriodFigures;
  /** The same weeks a year earlier, when the history reaches back that far. */
  yearAgo: PeriodFigures | null;
  /** Recent value ÷ the value before (1 = unchanged, 0.5 = halved); null when there were no orders before. */
  valueRatio: number | null;
  frequencyRatio: number | null;
}

export interface SlippingStore {
  storeId: string;
  recent: PeriodFigures;
  before: PeriodFigures;
  /** The same weeks a year earlier, when the history reaches back that far. */
  yearAgo: PeriodFigures | null;
  /** Recent value ÷ the value before (1 = unchanged, 0.5 = halved). */
  valueRatio: number;
  frequencyRatio: number;
}

export interface StoppedItem {
  storeId: string;
  itemCode: string;
  /** Weeks with an order of the item in the earlier window. */
  weeksBought: number;
  lastBoughtOn: string;
}

const WEEK = 7;
/** A fall to this share or below, in value or in orders, is slipping. */
const SLIPPING_RATIO = 0.7;

/** Orders and value of store `s` in the days (from, to]. */
export function figuresOf(index: HistoryIndex, s: number, from: number, to: number, scratch: Scratch): PeriodFigures {
  const end = firstLineAfter(index, s, to);
  scratch.orders.next();
  let orders = 0;
  let amountKopecks = 0;
  for (let i = firstLineAfter(index, s, from); i < end; i++) {
    if (scratch.orders.mark(index.order[i]!)) orders++;
    amountKopecks += index.amount[i]!;
  }
  return { orders, amountKopecks };
}

/** The last `weeks` weeks of store `s` against the `weeks` before, and against the same weeks a year earlier. */
export function trendOf(index: HistoryIndex, s: number, weeks: number, scratch: Scratch): StoreTrend {
  const end = index.today;
  const span = weeks * WEEK;
  const recent = figuresOf(index, s, end - span, end, scratch);
  const before = figuresOf(index, s, end - 2 * span, end - span, scratch);
  const start = index.storeStart[s]!;
  const first = start < index.storeStart[s + 1]! ? index.day[start]! : Infinity;
  const yearAgo = first <= end - 365 - span ? figuresOf(index, s, end - 365 - span, end - 365, scratch) : null;
  if (before.orders === 0) return { recent, before, yearAgo, valueRatio: null, frequencyRatio: null };
  return {
    recent,
    before,
    yearAgo,
    valueRatio: recent.amountKopecks / Math.max(1, before.amountKopecks),
    frequencyRatio: recent.orders / before.orders,
  };
}

/**
 * Slipping: value or number of orders down to 70 % or less against the weeks before — and, when a
 * year of history exists, below last year's level too, so a seasonal dip is not mistaken for a lapse.
 */
export function slippingOf(storeId: string, trend: StoreTrend): SlippingStore | null {
  const { recent, before, yearAgo, valueRatio, frequencyRatio } = trend;
  if (valueRatio === null || frequencyRatio === null) return null;
  const fell = valueRatio <= SLIPPING_RATIO || frequencyRatio <= SLIPPING_RATIO;
  const belowLastYear = yearAgo === null || yearAgo.orders === 0 || recent.amountKopecks <= yearAgo.amountKopecks * SLIPPING_RATIO;
  return fell && belowLastYear ? { storeId, recent, before, yearAgo, valueRatio, frequencyRatio } : null;
}

/** Worst first: the lowest share of the earlier value. */
export function compareSlipping(a: SlippingStore, b: SlippingStore): number {
  return a.valueRatio - b.valueRatio || compareText(a.storeId, b.storeId);
}

/**
 * Stores whose ordering has fallen: the last `weeks` weeks against the `weeks` before (and, when a
 * year of history exists, against the same weeks a year earlier, so a seasonal dip is not mistaken
 * for a lapse: a store is slipping only if it is also below last year's level). Slipping means
 * value or number of orders down to 70 % or less. Worst first.
 */
export function slippingStores(lines: readonly OrderedLine[], today: string, weeks = 8): SlippingStore[] {
  const index = indexHistory(lines, today);
  const scratch = createScratch(index);
  const result: SlippingStore[] = [];
  for (let s = 0; s < index.stores.length; s++) {
    const slipping = slippingOf(index.stores[s]!, trendOf(index, s, weeks, scratch));
    if (slipping) result.push(slipping);
  }
  return result.sort(compareSlipping);
}

/** Items store `s` bought regularly in the earlier window and not at all in the recent one (see stoppedItems). */
export function stoppedItemsOf(index: HistoryIndex, s: number, weeks: number, scratch: Scratch): StoppedItem[] {
  const end = index.today;
  const span = weeks * WEEK;
  const storeEnd = index.storeStart[s + 1]!;
  const lastLine = storeEnd - 1;
  if (lastLine < index.storeStart[s]! || index.day[lastLine]! <= end - span) return [];
  const { items, itemCount, itemWeek, itemDay, touched } = scratch;
  items.next();
  let touchedCount = 0;
  const recentFrom = end - span;
  // Lines are by day: the earlier window's weeks come in order, and an item bought in the recent
  // window is marked with week -1 so it never qualifies.
  for (let i = firstLineAfter(index, s, end - 2 * span); i < storeEnd; i++) {
    const item = index.item[i]!;
    const day = index.day[i]!;
    if (items.mark(item)) {
      touched[touchedCount++] = item;
      itemCount[item] = 0;
      itemWeek[item] = Number.MIN_SAFE_INTEGER;
    }
    if (day > recentFrom) {
      itemWeek[item] = -1;
      continue;
    }
    if (itemWeek[item] === -1) continue;
    const week = Math.floor((end - day) / WEEK);
    if (itemWeek[item] !== week) {
      itemWeek[item] = week;
      itemCount[item]!++;
    }
    itemDay[item] = day;
  }
  const result: StoppedItem[] = [];
  const storeId = index.stores[s]!;
  const needed = Math.max(4, weeks / 2);
  for (let k = 0; k < touchedCount; k++) {
    const item = touched[k]!;
    if (itemWeek[item] === -1 || itemCount[item]! < needed) continue;
    result.push({ storeId, itemCode: index.items[item]!, weeksBought: itemCount[item]!, lastBoughtOn: dateOfDay(itemDay[item]!) });
  }
  return result.sort((a, b) => b.weeksBought - a.weeksBought || compareText(a.itemCode, b.itemCode));
}

/**
 * Items a store bought regularly (in at least half of the weeks of the earlier window, and at least
 * four) and has not bought in the recent window at all, while still ordering other things.
 */
export function stoppedItems(lines: readonly OrderedLine[], storeId: string, today: string, weeks = 8): StoppedItem[] {
  const index = indexHistory(
    lines.filter((l) => l.storeId === storeId),
    today,
  );
  const s = storeOf(index, storeId);
  return s < 0 ? [] : stoppedItemsOf(index, s, weeks, createScratch(index));
}
