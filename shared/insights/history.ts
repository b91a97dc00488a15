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

/** Day of the week of a day number, Monday 0 … Sunday 6 (day 0, 1 Jan 1970, was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
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

const collator = new Intl.Collator('ru');
/** The one order for store ids, item codes and category names in every insight list (fixed, not the machine's locale). */
export const compareText: (a: string, b: string) => number = collator.compare;

/**
 * A history laid out once for every signal: ids interned to small integers, dates turned into day
 * numbers once per distinct date (not per line), and the lines in columns (typed arrays) grouped by
 * store — stores in `compareText` order — and by day within a store. A store's lines are
 * `storeStart[s] … storeStart[s + 1] - 1`; a window of days is a binary search away.
 * Lines dated after `today` are left out: every signal is "as of today".
 */
export interface HistoryIndex {
  /** Day number of `today`. */
  today: number;
  stores: string[];
  items: string[];
  categories: string[];
  /** Item → its category (the category of the first line that names the item). */
  itemCategory: Int32Array;
  /** Number of distinct orders (an order id is an order within its store). */
  orderCount: number;
  storeStart: Int32Array;
  day: Int32Array;
  item: Int32Array;
  order: Int32Array;
  quantity: Float64Array;
  amount: Float64Array;
  /** First and last day of any line (both NaN when there are none). */
  firstDay: number;
  lastDay: number;
}

/** Lays out `lines` for the signals; `today` null keeps every line (and makes `today` the last day). */
export function indexHistory(lines: readonly OrderedLine[], today: string | null): HistoryIndex {
  const todayDay = today === null ? Infinity : dayNumber(today);
  if (Number.isNaN(todayDay)) throw new RangeError(`today "${today}" is not a YYYY-MM-DD date`);
  const n = lines.length;
  const storeIds = new Map<string, number>();
  const storeList: string[] = [];
  const storeLines: number[] = [];
  const itemIds = new Map<string, number>();
  const itemList: string[] = [];
  const itemCategoryList: number[] = [];
  const categoryIds = new Map<string, number>();
  const categoryList: string[] = [];
  const dayOfDate = new Map<string, number>();
  const dayOf = (line: OrderedLine, i: number) => {
    let known = dayOfDate.get(line.date);
    if (known === undefined) {
      known = dayNumber(line.date);
      if (Number.isNaN(known) || !/^\d{4}-\d{2}-\d{2}$/.test(line.date)) {
        throw new RangeError(`order line ${i + 1} (order ${line.orderId}): date "${line.date}" is not a YYYY-MM-DD date`);
      }
      dayOfDate.set(line.date, known);
    }
    return known;
  };

  // Two passes over the lines, writing only the final columns: a history of a million lines sits
  // in a big heap, and every large temporary allocation there can cost a full garbage collection.
  // Lines usually come order by order: the previous line's date, store and order are checked first.
  // Pass 1: the stores and how many lines each has up to today.
  let previousDate: string | null = null;
  let previousStoreId: string | null = null;
  let day = 0;
  let store = -1;
  let kept = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.date !== previousDate) {
      day = dayOf(line, i);
      previousDate = line.date;
    }
    if (day > todayDay) continue;
    if (line.storeId !== previousStoreId) {
      let known = storeIds.get(line.storeId);
      if (known === undefined) {
        known = storeList.length;
        storeIds.set(line.storeId, known);
        storeList.push(line.storeId);
        storeLines.push(0);
      }
      store = known;
      previousStoreId = line.storeId;
    }
    storeLines[store]!++;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    kept++;
  }

  // Stores in a fixed order, so every list's tie-break by store id is a comparison of indexes.
  const sortedStores = storeList.map((id, index) => ({ id, index })).sort((a, b) => compareText(a.id, b.id));
  const rank = new Int32Array(storeList.length);
  sortedStores.forEach((s, position) => (rank[s.index] = position));
  const storeStart = new Int32Array(storeList.length + 1);
  for (let s = 0; s < storeList.length; s++) storeStart[rank[s]! + 1] = storeLines[s]!;
  for (let s = 0; s < storeList.length; s++) storeStart[s + 1]! += storeStart[s]!;

  // Pass 2: each line into its store's place (a stable counting sort: one write stream per store, no
  // random reads). Input in date order — as histories usually come — ends up in store, day order;
  // a store whose lines were not is sorted on its own below, in a small segment.
  const cursor = storeStart.slice(0, storeList.length);
  const days = new Int32Array(kept);
  const items = new Int32Array(kept);
  const orders = new Int32Array(kept);
  const quantities = new Float64Array(kept);
  const amounts = new Float64Array(kept);
  previousDate = null;
  previousStoreId = null;
  let previousOrderId: string | null = null;
  let order = -1;
  let orderCount = 0;
  const ordersOfStore = new Array<Map<string, number> | undefined>(storeList.length);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.date !== previousDate) {
      day = dayOfDate.get(line.date)!;
      previousDate = line.date;
    }
    if (day > todayDay) continue;
    if (line.storeId !== previousStoreId) {
      store = rank[storeIds.get(line.storeId)!]!;
      previousStoreId = line.storeId;
      previousOrderId = null;
    }
    if (line.orderId !== previousOrderId) {
      // An order id is an order within its store: one map per store, no composite keys to build.
      const ids = (ordersOfStore[store] ??= new Map<string, number>());
      let known = ids.get(line.orderId);
      if (known === undefined) {
        known = orderCount++;
        ids.set(line.orderId, known);
      }
      order = known;
      previousOrderId = line.orderId;
    }
    let item = itemIds.get(line.itemCode);
    if (item === undefined) {
      item = itemList.length;
      itemIds.set(line.itemCode, item);
      itemList.push(line.itemCode);
      let category = categoryIds.get(line.category);
      if (category === undefined) {
        category = categoryList.length;
        categoryIds.set(line.category, category);
        categoryList.push(line.category);
      }
      itemCategoryList.push(category);
    }
    const k = cursor[store]!++;
    days[k] = day;
    items[k] = item;
    orders[k] = order;
    quantities[k] = line.quantity;
    amounts[k] = line.amountKopecks;
  }
  for (let s = 0; s < storeList.length; s++) {
    const from = storeStart[s]!;
    const to = storeStart[s + 1]!;
    for (let k = from + 1; k < to; k++) {
      if (days[k]! < days[k - 1]!) {
        sortSegmentByDay(from, to, days, [items, orders], [quantities, amounts]);
        break;
      }
    }
  }

  return {
    today: today === null ? (kept > 0 ? lastDay : 0) : todayDay,
    stores: sortedStores.map((s) => s.id),
    items: itemList,
    categories: categoryList,
    itemCategory: Int32Array.from(itemCategoryList),
    orderCount,
    storeStart,
    day: days,
    item: items,
    order: orders,
    quantity: quantities,
    amount: amounts,
    firstDay: kept > 0 ? firstDay : NaN,
    lastDay: kept > 0 ? lastDay : NaN,
  };
}

/** Sorts lines from … to - 1 by day, keeping the order of lines of one day; the other columns follow. */
function sortSegmentByDay(from: number, to: number, day: Int32Array, ints: Int32Array[], floats: Float64Array[]): void {
  const positions = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => day[a]! - day[b]! || a - b);
  for (const column of [day, ...ints]) {
    const copy = column.slice(from, to);
    positions.forEach((p, k) => (column[from + k] = copy[p - from]!));
  }
  for (const column of floats) {
    const copy = column.slice(from, to);
    positions.forEach((p, k) => (column[from + k] = copy[p - from]!));
  }
}

/** Position of store `s` in the index, or -1. */
export function storeOf(index: HistoryIndex, storeId: string): number {
  // Stores are sorted by compareText: a binary search, no map to keep.
  let low = 0;
  let high = index.stores.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const c = compareText(index.stores[middle]!, storeId);
    if (c === 0) return index.stores[middle] === storeId ? middle : index.stores.indexOf(storeId);
    if (c < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The first line of store `s` dated after `day` (lines of a store are sorted by day). */
export function firstLineAfter(index: HistoryIndex, s: number, day: number): number {
  let low = index.storeStart[s]!;
  let high = index.storeStart[s + 1]!;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (index.day[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Scratch marks over a set of ids (orders, items), reused across stores without clearing: an id is
 * marked in the current round when its mark equals the round number.
 */
export class Marks {
  private readonly marks: Int32Array;
  /** Starts at 1: the zero-filled marks are unmarked. */
  private round = 1;

  constructor(size: number) {
    this.marks = new Int32Array(size);
  }

  /** Starts a new round: nothing is marked. */
  next(): void {
    this.round++;
  }

  /** Marks `id`; true if it was not marked in this round yet. */
  mark(id: number): boolean {
    if (this.marks[id] === this.round) return false;
    this.marks[id] = this.round;
    return true;
  }

  has(id: number): boolean {
    return this.marks[id] === this.round;
  }
}

/** Scratch space over the orders and items of an index, made once and reused for every store. */
export interface Scratch {
  orders: Marks;
  items: Marks;
  /** Per item: a count, a week, a day, a sum — meaning what the signal using them says. */
  itemCount: Int32Array;
  itemWeek: Int32Array;
  itemDay: Int32Array;
  itemSum: Float64Array;
  itemSum2: Float64Array;
  /** The items touched in this round, in the order they were first marked. */
  touched: Int32Array;
}

export function createScratch(index: HistoryIndex): Scratch {
  const items = index.items.length;
  return {
    orders: new Marks(index.orderCount),
    items: new Marks(items),
    itemCount: new Int32Array(items),
    itemWeek: new Int32Array(items),
    itemDay: new Int32Array(items),
    itemSum: new Float64Array(items),
    itemSum2: new Float64Array(items),
    touched: new Int32Array(items),
  };
}
