/** What insights are computed from: one line of one sent order. Dates are YYYY-MM-DD. */
export interface OrderedLine {
  storeId: string;
  orderId: string;
  date: string;
  itemCode: string;
  category: string;
  quantity: number;
  amountKopecks: number;
}

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function groupBy<T, K>(values: readonly T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

/** The distinct order days of a set of lines, ascending (two orders on one day count as one visit). */
export function orderDays(lines: readonly OrderedLine[]): number[] {
  return [...new Set(lines.map((l) => dayNumber(l.date)))].sort((a, b) => a - b);
}
