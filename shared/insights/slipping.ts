import { dayNumber, groupBy, orderDays, type OrderedLine } from './history';

export interface PeriodFigures {
  orders: number;
  amountKopecks: number;
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

function figures(lines: readonly OrderedLine[], from: number, to: number): PeriodFigures {
  const inside = lines.filter((l) => {
    const day = dayNumber(l.date);
    return day > from && day <= to;
  });
  return { orders: new Set(inside.map((l) => l.orderId)).size, amountKopecks: inside.reduce((sum, l) => sum + l.amountKopecks, 0) };
}

/**
 * Stores whose ordering has fallen: the last `weeks` weeks against the `weeks` before (and, when a
 * year of history exists, against the same weeks a year earlier, so a seasonal dip is not mistaken
 * for a lapse: a store is slipping only if it is also below last year's level). Slipping means
 * value or number of orders down to 70 % or less. Worst first.
 */
export function slippingStores(lines: readonly OrderedLine[], today: string, weeks = 8): SlippingStore[] {
  const end = dayNumber(today);
  const span = weeks * WEEK;
  const result: SlippingStore[] = [];
  for (const [storeId, storeLines] of groupBy(lines, (l) => l.storeId)) {
    const recent = figures(storeLines, end - span, end);
    const before = figures(storeLines, end - 2 * span, end - span);
    if (before.orders === 0) continue;
    const first = orderDays(storeLines)[0]!;
    const yearAgo = first <= end - 365 - span ? figures(storeLines, end - 365 - span, end - 365) : null;
    const valueRatio = recent.amountKopecks / Math.max(1, before.amountKopecks);
    const frequencyRatio = recent.orders / before.orders;
    const fell = valueRatio <= SLIPPING_RATIO || frequencyRatio <= SLIPPING_RATIO;
    const belowLastYear = yearAgo === null || yearAgo.orders === 0 || recent.amountKopecks <= yearAgo.amountKopecks * SLIPPING_RATIO;
    if (fell && belowLastYear) result.push({ storeId, recent, before, yearAgo, valueRatio, frequencyRatio });
  }
  return result.sort((a, b) => a.valueRatio - b.valueRatio || a.storeId.localeCompare(b.storeId));
}

/**
 * Items a store bought regularly (in at least half of the weeks of the earlier window, and at least
 * four) and has not bought in the recent window at all, while still ordering other things.
 */
export function stoppedItems(lines: readonly OrderedLine[], storeId: string, today: string, weeks = 8): StoppedItem[] {
  const end = dayNumber(today);
  const span = weeks * WEEK;
  const store = lines.filter((l) => l.storeId === storeId);
  const stillOrdering = store.some((l) => dayNumber(l.date) > end - span);
  if (!stillOrdering) return [];
  const result: StoppedItem[] = [];
  for (const [itemCode, itemLines] of groupBy(store, (l) => l.itemCode)) {
    const days = itemLines.map((l) => dayNumber(l.date));
    if (days.some((d) => d > end - span && d <= end)) continue;
    const earlierWeeks = new Set(days.filter((d) => d > end - 2 * span && d <= end - span).map((d) => Math.floor((end - d) / WEEK)));
    if (earlierWeeks.size >= Math.max(4, weeks / 2)) {
      const last = itemLines.reduce((latest, l) => (l.date > latest ? l.date : latest), '');
      result.push({ storeId, itemCode, weeksBought: earlierWeeks.size, lastBoughtOn: last });
    }
  }
  return result.sort((a, b) => b.weeksBought - a.weeksBought || a.itemCode.localeCompare(b.itemCode));
}
