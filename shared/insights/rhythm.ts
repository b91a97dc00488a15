import { dateOfDay, dayNumber, median, orderDays, type OrderedLine } from './history';

export type RhythmStatus = 'ok' | 'due' | 'overdue' | 'unknown';

export interface StoreRhythm {
  storeId: string;
  /** The store's typical days between orders, learned from its own history; null with too little history. */
  intervalDays: number | null;
  lastOrderOn: string;
  /** When the next order is expected from the rhythm. */
  nextDueOn: string | null;
  daysSinceLast: number;
  /** Days since the last order ÷ the typical interval: 1 is on time, 2 is one whole order missed. */
  lateness: number | null;
  status: RhythmStatus;
}

/** Intervals seen at least this many times make a rhythm. */
const MIN_INTERVALS = 3;
/** Late by more than half an interval (and at least two days) is overdue. */
const OVERDUE_FACTOR = 1.5;
const OVERDUE_MIN_DAYS = 2;

/**
 * A store's rhythm from its own order days: the median interval between orders, after dropping
 * intervals that are gaps (more than 2.5× the first median: a holiday, a closure) and intervals of
 * a day or less (a forgotten item ordered the next morning). Medians, not means, so one-off orders
 * and holidays do not move the rhythm. Status, relative to the store's own rhythm:
 * due — a whole interval has passed (the order is expected today) but not by half an interval more;
 * overdue — later than that; ok — not yet due; unknown — fewer than three intervals of history.
 */
export function storeRhythm(storeId: string, lines: readonly OrderedLine[], today: string): StoreRhythm | null {
  const days = orderDays(lines.filter((l) => l.storeId === storeId && dayNumber(l.date) <= dayNumber(today)));
  if (days.length === 0) return null;
  const last = days[days.length - 1]!;
  const daysSinceLast = dayNumber(today) - last;
  const raw = days.slice(1).map((day, i) => day - days[i]!);
  const first = median(raw);
  const intervals = raw.filter((d) => d > 1 && d <= first * 2.5);
  const base = { storeId, lastOrderOn: dateOfDay(last), daysSinceLast };
  if (intervals.length < MIN_INTERVALS) return { ...base, intervalDays: null, nextDueOn: null, lateness: null, status: 'unknown' };
  const intervalDays = median(intervals);
  const lateness = daysSinceLast / intervalDays;
  const overdue = daysSinceLast > Math.max(intervalDays * OVERDUE_FACTOR, intervalDays + OVERDUE_MIN_DAYS);
  const due = daysSinceLast >= Math.round(intervalDays);
  return {
    ...base,
    intervalDays,
    nextDueOn: dateOfDay(last + Math.round(intervalDays)),
    lateness,
    status: overdue ? 'overdue' : due ? 'due' : 'ok',
  };
}

/** Every store's rhythm; the overdue first (the latest relative to their rhythm first), then the due. */
export function rhythms(lines: readonly OrderedLine[], today: string): StoreRhythm[] {
  const rank: Record<RhythmStatus, number> = { overdue: 0, due: 1, ok: 2, unknown: 3 };
  return [...new Set(lines.map((l) => l.storeId))]
    .map((store) => storeRhythm(store, lines, today))
    .filter((r): r is StoreRhythm => r !== null)
    .sort((a, b) => rank[a.status] - rank[b.status] || (b.lateness ?? 0) - (a.lateness ?? 0) || a.storeId.localeCompare(b.storeId));
}
