import { groupBy, type OrderedLine } from './history';

export interface SeasonalProfile {
  key: string;
  /** Quantity per ISO week 1–53 (index 0 is week 1), averaged over the years the history covers. */
  weekly: number[];
  /** Each week ÷ the average week: 1 is an ordinary week, 3 is three times the usual demand. */
  index: number[];
  /** The weeks with the highest demand, highest first (up to three). */
  peakWeeks: number[];
}

/** ISO 8601 week number of a YYYY-MM-DD date (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7)); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Demand by week of the year per item (`by: 'item'`) or per category, for a season chart. */
export function seasonality(lines: readonly OrderedLine[], by: 'item' | 'category'): SeasonalProfile[] {
  const result: SeasonalProfile[] = [];
  for (const [key, group] of groupBy(lines, (l) => (by === 'item' ? l.itemCode : l.category))) {
    const years = new Set(group.map((l) => l.date.slice(0, 4))).size;
    const weekly = new Array<number>(53).fill(0);
    for (const line of group) weekly[isoWeek(line.date) - 1]! += line.quantity / years;
    const mean = weekly.reduce((a, b) => a + b, 0) / 52;
    const index = weekly.map((w) => (mean === 0 ? 0 : w / mean));
    const peakWeeks = weekly
      .map((w, i) => ({ w, week: i + 1 }))
      .filter((x) => x.w > 0)
      .sort((a, b) => b.w - a.w || a.week - b.week)
      .slice(0, 3)
      .map((x) => x.week);
    result.push({ key, weekly, index, peakWeeks });
  }
  return result.sort((a, b) => a.key.localeCompare(b.key));
}
