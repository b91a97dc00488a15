import type { ReceivedOrderSummary } from '../../../../shared/manager';

/** Orders an output works on: the ticked ones, or (nothing ticked) every order it applies to. */
export interface OutputScope {
  /** The orders the output is made of. */
  orders: ReceivedOrderSummary[];
  /** Ticked orders it cannot take (an export: not accepted), with their states shown in the dialog. */
  left: ReceivedOrderSummary[];
  fromSelection: boolean;
}

function selected(orders: readonly ReceivedOrderSummary[], ids: readonly number[]): ReceivedOrderSummary[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return ids.map((id) => byId.get(id)).filter((o): o is ReceivedOrderSummary => o !== undefined);
}

/**
 * What an export takes: of the ticked orders the accepted ones (and exported ones, which the core
 * exports again only when the manager says so); with nothing ticked, every accepted order not yet exported.
 */
export function exportScope(orders: readonly ReceivedOrderSummary[], selectedIds: readonly number[]): OutputScope {
  if (selectedIds.length === 0) return { orders: orders.filter((o) => o.state === 'accepted'), left: [], fromSelection: false };
  const ticked = selected(orders, selectedIds);
  const exportable = (o: ReceivedOrderSummary) => o.state === 'accepted' || o.state === 'exported';
  return { orders: ticked.filter(exportable), left: ticked.filter((o) => !exportable(o)), fromSelection: true };
}

const answerable = (o: ReceivedOrderSummary) => o.state === 'accepted' || o.state === 'rejected' || o.state === 'exported';

/**
 * Whom to answer: of the ticked orders the decided ones (accepted, rejected, exported — answered again
 * if answered before); with nothing ticked, every decided order whose store has not been answered yet.
 */
export function answerScope(orders: readonly ReceivedOrderSummary[], selectedIds: readonly number[]): OutputScope {
  if (selectedIds.length === 0) {
    return { orders: orders.filter((o) => answerable(o) && o.supplierStatus === null), left: [], fromSelection: false };
  }
  const ticked = selected(orders, selectedIds);
  return { orders: ticked.filter(answerable), left: ticked.filter((o) => !answerable(o)), fromSelection: true };
}

export interface PickListDates {
  /** Delivery dates of the orders that are picked (accepted and exported), earliest first, with how many orders each. */
  dates: { date: string; orders: number }[];
  /** The next delivery date from today on; the latest one when all are past; null when there is none. */
  next: string | null;
  /** Accepted or exported orders without a delivery date: on no pick list. */
  undated: number;
}

/** Today's date (YYYY-MM-DD) where the manager is. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The delivery dates a pick list can be printed for, as the core picks them (accepted and exported orders). */
export function pickListDates(orders: readonly ReceivedOrderSummary[], today: string): PickListDates {
  const counts = new Map<string, number>();
  let undated = 0;
  for (const order of orders) {
    if (order.state !== 'accepted' && order.state !== 'exported') continue;
    if (order.deliveryDate === null) undated++;
    else counts.set(order.deliveryDate, (counts.get(order.deliveryDate) ?? 0) + 1);
  }
  const dates = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, n]) => ({ date, orders: n }));
  const next = dates.find((d) => d.date >= today)?.date ?? dates.at(-1)?.date ?? null;
  return { dates, next, undated };
}

/** Lines and the gross sum of a set of orders, for "48 orders · 96 lines · 123 456,00". */
export function scopeTotals(orders: readonly ReceivedOrderSummary[]): { stores: number; lines: number; grossKopecks: number } {
  return {
    stores: new Set(orders.map((o) => o.storeCode)).size,
    lines: orders.reduce((n, o) => n + o.lineCount, 0),
    grossKopecks: orders.reduce((n, o) => n + o.grossKopecks, 0),
  };
}
