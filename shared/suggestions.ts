/**
 * Suggested quantities from the store's own ordering history — one item at a time.
 *
 * The rule:
 * - The history is this store's submitted or exported orders that contain the item: the date is the
 *   order's delivery date (else the day it was sent), the quantity what was ordered. Orders for the
 *   same day count as one order (their quantities add up).
 * - Daily rate = the quantities of every order except the last ÷ the days between the first and the
 *   last order. The last order's quantity is what the store is using up now; the earlier ones were
 *   used up over that span.
 * - Proposal = daily rate × the days from the last order to the target date (the draft's delivery
 *   date, else today), rounded UP to the pack multiple, and at least the minimum order quantity.
 * - An item ordered only once: the same quantity again, if that order is at most 60 days before the
 *   target date; otherwise nothing (one order says nothing about a rhythm).
 * - Dormant: when the target date is more than 3 average intervals and more than 28 days after the
 *   last order, nothing — the store has stopped buying it, and rate × a long gap would be absurd.
 * - Never 0: a target date on or before the last order gives nothing.
 *
 * Distances in the rule are measured to the target date; `daysSinceLast` (for the explanation
 * "last order 5 days ago") is measured to today.
 */

export interface OrderHistoryEntry {
  /** YYYY-MM-DD */
  date: string;
  quantity: number;
}

export interface SuggestionInput {
  history: readonly OrderHistoryEntry[];
  /** YYYY-MM-DD: the draft's delivery date, else today. */
  targetDate: string;
  /** YYYY-MM-DD, for daysSinceLast; the target date when absent. */
  today?: string;
  packMultiple: number;
  minOrderQuantity: number;
}

export interface SuggestedQuantity {
  /** A pack multiple, at least the minimum, never 0. */
  quantity: number;
  /** Average quantity per order (all orders), to one decimal. */
  averageQuantity: number;
  /** Average days between orders, to one decimal; null for an item ordered once. */
  averageIntervalDays: number | null;
  orderCount: number;
  lastOrderedOn: string;
  /** Days from the last order to today (negative when the last order's delivery date is still ahead). */
  daysSinceLast: number;
}

export const SINGLE_ORDER_WINDOW_DAYS = 60;
export const DORMANT_AFTER_INTERVALS = 3;
export const DORMANT_AFTER_DAYS = 28;

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** The local calendar date of a moment, YYYY-MM-DD (what "today" means to the person at the PC). */
export function localIsoDate(moment: Date): string {
  const month = String(moment.getMonth() + 1).padStart(2, '0');
  const day = String(moment.getDate()).padStart(2, '0');
  return `${moment.getFullYear()}-${month}-${day}`;
}

export function suggestQuantity(input: SuggestionInput): SuggestedQuantity | null {
  const orders = mergeSameDay(input.history);
  const last = orders[orders.length - 1];
  if (!last) return null;
  const first = orders[0]!;
  const gap = daysBetween(last.date, input.targetDate);
  if (gap <= 0) return null;
  const pack = Math.max(1, Math.floor(input.packMultiple));
  const total = orders.reduce((sum, o) => sum + o.quantity, 0);
  const explanation = {
    averageQuantity: roundTo1(total / orders.length),
    orderCount: orders.length,
    lastOrderedOn: last.date,
    daysSinceLast: daysBetween(last.date, input.today ?? input.targetDate),
  };

  let needed: number;
  let averageIntervalDays: number | null = null;
  if (orders.length === 1) {
    if (gap > SINGLE_ORDER_WINDOW_DAYS) return null;
    needed = ceilDiv(last.quantity, pack) * pack;
  } else {
    const span = daysBetween(first.date, last.date);
    const interval = span / (orders.length - 1);
    averageIntervalDays = roundTo1(interval);
    if (gap > DORMANT_AFTER_INTERVALS * interval && gap > DORMANT_AFTER_DAYS) return null;
    const usedBeforeLast = total - last.quantity;
    // rate × gap rounded up to the pack, in integers: 48/7 × 7 must give exactly 48, not 48.0000001.
    needed = ceilDiv(usedBeforeLast * gap, span * pack) * pack;
  }
  if (needed <= 0) return null;
  const smallest = Math.max(pack, ceilDiv(Math.max(1, input.minOrderQuantity), pack) * pack);
  return { quantity: Math.max(needed, smallest), averageIntervalDays, ...explanation };
}

/** Positive quantities only, one entry per date, oldest first. */
function mergeSameDay(history: readonly OrderHistoryEntry[]): OrderHistoryEntry[] {
  const byDate = new Map<string, number>();
  for (const entry of history) {
    if (!(entry.quantity > 0)) continue;
    byDate.set(entry.date, (byDate.get(entry.date) ?? 0) + entry.quantity);
  }
  return [...byDate.entries()].map(([date, quantity]) => ({ date, quantity })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}

function roundTo1(value: number): number {
  return Math.round(value * 10) / 10;
}
