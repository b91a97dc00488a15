import { compareText, dateOfDay, indexHistory, weekdayOfDay, type HistoryIndex, type OrderedLine } from './history';

export interface SeasonalProfile {
  /** The item code, or the category name. */
  key: string;
  /** The item's category (for a category, the category itself). */
  category: string;
  /**
   * Quantity per ISO week 1–53 (index 0 is week 1), averaged over the times the history covers that
   * week (a year of history from late November covers each week once, whatever the calendar years).
   */
  weekly: number[];
  /** Each week ÷ the average week: 1 is an ordinary week, 3 is three times the usual demand. */
  index: number[];
  /** The weeks with the highest demand, highest first (up to three). */
  peakWeeks: number[];
  /** Monday of the first week of `series`. */
  seriesStartOn: string;
  /** Quantity per calendar week (Monday to Sunday) across the whole history, oldest first: the timeline. */
  series: number[];
}

export interface Seasonality {
  items: SeasonalProfile[];
  categories: SeasonalProfile[];
}

const DAY_MS = 86_400_000;
const WEEKS = 53;

/** ISO 8601 week number of a day number (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOfDay(day: number): number {
  const thursday = day - weekdayOfDay(day) + 3; // the Thursday of this week decides the year
  const yearStart = Date.UTC(new Date(thursday * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
  return Math.floor((thursday - yearStart) / 7) + 1;
}

/** ISO 8601 week number of a YYYY-MM-DD date. */
export function isoWeek(date: string): number {
  return isoWeekOfDay(Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS));
}

function profile(
  key: string,
  category: string,
  sums: Float64Array,
  coverage: Int32Array,
  seriesStartOn: string,
  series: number[],
): SeasonalProfile {
  const weekly = new Array<number>(WEEKS);
  let total = 0;
  let covered = 0;
  for (let w = 0; w < WEEKS; w++) {
    weekly[w] = coverage[w]! > 0 ? sums[w]! / coverage[w]! : 0;
    if (coverage[w]! > 0) covered++;
    total += weekly[w]!;
  }
  const mean = covered === 0 ? 0 : total / covered;
  const index = weekly.map((w) => (mean === 0 ? 0 : w / mean));
  const peakWeeks = weekly
    .map((w, i) => ({ w, week: i + 1 }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w || a.week - b.week)
    .slice(0, 3)
    .map((x) => x.week);
  return { key, category, weekly, index, peakWeeks, seriesStartOn, series };
}

/** Demand by week of the year, and by calendar week across the history, per item and per category. */
export function seasonalityOf(index: HistoryIndex): Seasonality {
  const { firstDay, lastDay } = index;
  if (Number.isNaN(firstDay)) return { items: [], categories: [] };
  // Per day of the history, once: its ISO week, and how often the history covers each ISO week.
  const span = lastDay - firstDay + 1;
  const weekOfDay = new Uint8Array(span);
  const coverage = new Int32Array(WEEKS);
  let previous = -1;
  for (let d = 0; d < span; d++) {
    const week = isoWeekOfDay(firstDay + d) - 1;
    weekOfDay[d] = week;
    if (week !== previous) coverage[week]!++;
    previous = week;
  }
  const firstMonday = firstDay - weekdayOfDay(firstDay);
  const seriesWeeks = Math.floor((lastDay - firstMonday) / 7) + 1;
  const itemCount = index.items.length;
  const weekSums = new Float64Array(itemCount * WEEKS);
  const seriesSums = new Float64Array(itemCount * seriesWeeks);
  const lines = index.day.length;
  for (let i = 0; i < lines; i++) {
    const item = index.item[i]!;
    const day = index.day[i]!;
    const quantity = index.quantity[i]!;
    weekSums[item * WEEKS + weekOfDay[day - firstDay]!]! += quantity;
    seriesSums[item * seriesWeeks + Math.floor((day - firstMonday) / 7)]! += quantity;
  }
  const categoryCount = index.categories.length;
  const categoryWeekSums = new Float64Array(categoryCount * WEEKS);
  const categorySeriesSums = new Float64Array(categoryCount * seriesWeeks);
  for (let item = 0; item < itemCount; item++) {
    const c = index.itemCategory[item]!;
    for (let w = 0; w < WEEKS; w++) categoryWeekSums[c * WEEKS + w]! += weekSums[item * WEEKS + w]!;
    for (let w = 0; w < seriesWeeks; w++) categorySeriesSums[c * seriesWeeks + w]! += seriesSums[item * seriesWeeks + w]!;
  }
  const seriesStartOn = dateOfDay(firstMonday);
  const items = index.items.map((code, item) =>
    profile(
      code,
      index.categories[index.itemCategory[item]!]!,
      weekSums.subarray(item * WEEKS, (item + 1) * WEEKS),
      coverage,
      seriesStartOn,
      Array.from(seriesSums.subarray(item * seriesWeeks, (item + 1) * seriesWeeks)),
    ),
  );
  const categories = index.categories.map((name, c) =>
    profile(
      name,
      name,
      categoryWeekSums.subarray(c * WEEKS, (c + 1) * WEEKS),
      coverage,
      seriesStartOn,
      Array.from(categorySeriesSums.subarray(c * seriesWeeks, (c + 1) * seriesWeeks)),
    ),
  );
  const byKey = (a: SeasonalProfile, b: SeasonalProfile) => compareText(a.key, b.key);
  return { items: items.sort(byKey), categories: categories.sort(byKey) };
}

/** Demand by week of the year per item (`by: 'item'`) or per category, for a season chart; `today` leaves out later lines. */
export function seasonality(lines: readonly OrderedLine[], by: 'item' | 'category', today: string | null = null): SeasonalProfile[] {
  const all = seasonalityOf(indexHistory(lines, today));
  return by === 'item' ? all.items : all.categories;
}
