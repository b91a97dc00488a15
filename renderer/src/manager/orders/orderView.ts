import type { ProblemKind, ReceivedOrderState, ReceivedOrderSummary } from '../../../../shared/manager';

/** What the manager narrows the order book to. */
export interface OrderFilters {
  /** 'open': new and held — what still needs a decision. */
  state: ReceivedOrderState | 'all' | 'open';
  problems: 'all' | 'clean' | 'problems';
  /** Orders with any of these problem kinds (none chosen: any). */
  kinds: readonly ProblemKind[];
  storeCode: string | null;
  deliveryDate: string | null;
}

export const NO_FILTERS: OrderFilters = { state: 'all', problems: 'all', kinds: [], storeCode: null, deliveryDate: null };

export type OrderSortColumn = 'store' | 'number' | 'receivedAt' | 'deliveryDate' | 'lineCount' | 'grossKopecks' | 'state' | 'problemCount';
export interface OrderSort {
  column: OrderSortColumn;
  direction: 'asc' | 'desc';
}

export function filtersActive(filters: OrderFilters): boolean {
  return (
    filters.state !== 'all' ||
    filters.problems !== 'all' ||
    filters.kinds.length > 0 ||
    filters.storeCode !== null ||
    filters.deliveryDate !== null
  );
}

function matches(order: ReceivedOrderSummary, f: OrderFilters): boolean {
  if (f.state === 'open' ? order.state !== 'new' && order.state !== 'held' : f.state !== 'all' && order.state !== f.state) return false;
  if (f.problems === 'clean' && order.problemCount > 0) return false;
  if (f.problems === 'problems' && order.problemCount === 0) return false;
  if (f.kinds.length > 0 && !order.problemKinds.some((kind) => f.kinds.includes(kind))) return false;
  if (f.storeCode !== null && order.storeCode !== f.storeCode) return false;
  if (f.deliveryDate !== null && order.deliveryDate !== f.deliveryDate) return false;
  return true;
}

const STATE_ORDER: Record<ReceivedOrderState, number> = { new: 0, held: 1, accepted: 2, rejected: 3, exported: 4 };
const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

function compare(a: ReceivedOrderSummary, b: ReceivedOrderSummary, column: OrderSortColumn): number {
  switch (column) {
    case 'store':
      return collator.compare(a.storeName, b.storeName) || collator.compare(a.storeCode, b.storeCode);
    case 'number':
      return collator.compare(a.number, b.number);
    case 'receivedAt':
      return a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0;
    case 'deliveryDate':
      // Orders without a date go last either way round: they are not "earliest".
      if (a.deliveryDate === b.deliveryDate) return 0;
      if (a.deliveryDate === null) return 1;
      if (b.deliveryDate === null) return -1;
      return a.deliveryDate < b.deliveryDate ? -1 : 1;
    case 'lineCount':
      return a.lineCount - b.lineCount;
    case 'grossKopecks':
      return a.grossKopecks - b.grossKopecks;
    case 'state':
      return STATE_ORDER[a.state] - STATE_ORDER[b.state];
    case 'problemCount':
      return a.problemCount - b.problemCount;
  }
}

/**
 * The orders the grid shows: the book (in the order it arrived) narrowed by the filters and, when a
 * search is typed, to the ids the core found for it; then sorted (ties keep arrival order).
 */
export function visibleOrders(
  all: readonly ReceivedOrderSummary[],
  filters: OrderFilters,
  searchIds: ReadonlySet<number> | null,
  sort: OrderSort | null,
): ReceivedOrderSummary[] {
  const kept = all.filter((order) => (searchIds === null || searchIds.has(order.id)) && matches(order, filters));
  if (!sort) return kept;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const arrival = new Map(kept.map((order, index) => [order.id, index]));
  return kept.sort((a, b) => {
    const byColumn = compare(a, b, sort.column);
    if (byColumn !== 0)
      return sort.column === 'deliveryDate' && (a.deliveryDate === null || b.deliveryDate === null) ? byColumn : sign * byColumn;
    return arrival.get(a.id)! - arrival.get(b.id)!;
  });
}

/** What the filters offer, counted over the whole book: stores, delivery dates, problem kinds. */
export interface OrderFacets {
  stores: { code: string; name: string; count: number }[];
  deliveryDates: { date: string; count: number }[];
  kinds: Map<ProblemKind, number>;
  withProblems: number;
  clean: number;
  byState: Map<ReceivedOrderState, number>;
}

export function orderFacets(all: readonly ReceivedOrderSummary[]): OrderFacets {
  const stores = new Map<string, { code: string; name: string; count: number }>();
  const dates = new Map<string, number>();
  const kinds = new Map<ProblemKind, number>();
  const byState = new Map<ReceivedOrderState, number>();
  let withProblems = 0;
  for (const order of all) {
    const store = stores.get(order.storeCode);
    if (store) store.count += 1;
    else stores.set(order.storeCode, { code: order.storeCode, name: order.storeName, count: 1 });
    if (order.deliveryDate) dates.set(order.deliveryDate, (dates.get(order.deliveryDate) ?? 0) + 1);
    for (const kind of order.problemKinds) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (order.problemCount > 0) withProblems += 1;
    byState.set(order.state, (byState.get(order.state) ?? 0) + 1);
  }
  return {
    stores: [...stores.values()].sort((a, b) => collator.compare(a.name, b.name)),
    deliveryDates: [...dates.entries()].map(([date, count]) => ({ date, count })).sort((a, b) => (a.date < b.date ? -1 : 1)),
    kinds,
    withProblems,
    clean: all.length - withProblems,
    byState,
  };
}
