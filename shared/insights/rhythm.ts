import { compareText, dateOfDay, indexHistory, median, storeOf, type HistoryIndex, type OrderedLine } from './history';

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

const STATUS_RANK: Record<RhythmStatus, number> = { overdue: 0, due: 1, ok: 2, unknown: 3 };

/**
 * A store's rhythm from its own order days: the median interval between orders, after dropping
 * intervals that are gaps (more than 2.5× the first median: a holiday, a closure) and intervals of
 * a day or less (a forgotten item ordered the next morning). Medians, not means, so one-off orders
 * and holidays do not move the rhythm. Status, relative to the store's own rhythm:
 * due — a whole interval has passed (the order is expected today) but not by half an interval more;
 * overdue — later than that; ok — not yet due; unknown — fewer than three intervals of history.
 */
export function rhythmFromDays(storeId: string, days: ArrayLike<number>, today: number): StoreRhythm | null {
  if (days.length === 0) return null;
  const last = days[days.length - 1]!;
  const daysSinceLast = today - last;
  const raw = new Float64Array(days.length - 1);
  for (let i = 1; i < days.length; i++) raw[i - 1] = days[i]! - days[i - 1]!;
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

/** The rhythm of store `s` of an index (its distinct order days, up to the index's today). */
export function rhythmOfStore(index: HistoryIndex, s: number): StoreRhythm | null {
  const start = index.storeStart[s]!;
  const end = index.storeStart[s + 1]!;
  const days: number[] = [];
  for (let i = start; i < end; i++) {
    const day = index.day[i]!;
    if (days.length === 0 || days[days.length - 1] !== day) days.push(day);
  }
  return rhythmFromDays(index.stores[s]!, days, index.today);
}

/** Overdue first (the latest relative to their own rhythm first), then due, ok and unknown. */
export function compareRhythms(a: StoreRhythm, b: StoreRhythm): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || (b.lateness ?? 0) - (a.lateness ?? 0) || compareText(a.storeId, b.storeId);
}

export function storeRhythm(storeId: string, lines: readonly OrderedLine[], today: string): StoreRhythm | null {
  const index = indexHistory(
    lines.filter((l) => l.storeId === storeId),
    today,
  );
  const s = storeOf(index, storeId);
  return s < 0 ? null : rhythmOfStore(index, s);
}

/** Every store's rhythm; the overdue first (the latest relative to their rhythm first), then the due. */
export function rhythms(lines: readonly OrderedLine[], today: string): StoreRhythm[] {
  const index = indexHistory(lines, today);
  const result: StoreRhythm[] = [];
  for (let s = 0; s < index.stores.length; s++) {
    const rhythm = rhythmOfStore(index, s);
    if (rhythm) result.push(rhythm);
  }
  return result.sort(compareRhythms);
}
