import type Database from 'better-sqlite3';
import type { Order } from '../../../shared/domain';
import { dayNumber, weekdayOfDay, type OrderedLine } from '../../../shared/insights/history';
import { stoppedItems } from '../../../shared/insights/slipping';
import type { OrderHints } from '../../../shared/insightsView';
import { localIsoDate } from '../../../shared/suggestions';
import type { PriceListLookup } from '../orders/orderRows';

/**
 * Store mode's share of the insights: hints on the order screen from the store's own sent orders —
 * "you usually order dairy on Mondays" (on a Monday, while the draft has no dairy) and "you stopped
 * ordering X — still needed?" (items bought nearly every week that the last eight weeks left out).
 * Categories come from the current price list (order lines do not keep them).
 */

const SENT = "o.status IN ('submitted', 'exported')";
/** A category is a habit of a weekday when at least this many orders had it, and this share of them fell on that weekday. */
const HABIT_MIN_ORDERS = 4;
const HABIT_SHARE = 0.6;
const SHOWN_STOPPED = 5;

interface SentLineRow {
  order_id: string;
  item_code: string;
  name: string;
  unit: string;
  quantity: number;
  price_kopecks: number;
  sent_at: string;
}

export function orderHintsFor(db: Database.Database, order: Order, catalog: PriceListLookup | null, now: Date): OrderHints {
  const today = localIsoDate(now);
  const weekday = weekdayOfDay(dayNumber(today));
  const rows = db
    .prepare<[], SentLineRow>(
      `SELECT l.order_id, l.item_code, l.name, l.unit, l.quantity, l.price_kopecks, coalesce(o.submitted_at, o.exported_at) AS sent_at
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ${SENT} ORDER BY sent_at`,
    )
    .all();
  const categoryOf = new Map<string, string>();
  const category = (code: string) => {
    let known = categoryOf.get(code);
    if (known === undefined) {
      known = catalog?.itemByCode(code)?.category ?? '';
      categoryOf.set(code, known);
    }
    return known;
  };
  // Sent on the store's own calendar: the day the purchaser sent it, in this computer's time zone.
  const dayOfSent = new Map<string, string>();
  const lines: OrderedLine[] = rows.map((r) => {
    let date = dayOfSent.get(r.sent_at);
    if (date === undefined) {
      date = localIsoDate(new Date(r.sent_at));
      dayOfSent.set(r.sent_at, date);
    }
    return {
      storeId: 'store',
      orderId: r.order_id,
      date,
      itemCode: r.item_code,
      category: category(r.item_code),
      quantity: r.quantity,
      amountKopecks: r.quantity * r.price_kopecks,
    };
  });

  // Orders per category and weekday (an order counts once per category).
  const ordersByCategory = new Map<string, Map<string, number>>();
  for (const line of lines) {
    if (line.category === '') continue;
    let orders = ordersByCategory.get(line.category);
    if (!orders) ordersByCategory.set(line.category, (orders = new Map<string, number>()));
    orders.set(line.orderId, weekdayOfDay(dayNumber(line.date)));
  }
  const inDraft = new Set(order.lines.map((l) => category(l.itemCode)));
  const habits: OrderHints['habits'] = [];
  for (const [name, orders] of ordersByCategory) {
    if (orders.size < HABIT_MIN_ORDERS) continue;
    const byWeekday = new Array<number>(7).fill(0);
    for (const day of orders.values()) byWeekday[day]!++;
    const top = byWeekday.indexOf(Math.max(...byWeekday));
    const share = byWeekday[top]! / orders.size;
    if (share < HABIT_SHARE) continue;
    habits.push({ category: name, weekday: top, orders: orders.size, share, inOrder: inDraft.has(name) });
  }
  habits.sort((a, b) => b.orders - a.orders || a.category.localeCompare(b.category, 'ru'));

  const last = new Map<string, { name: string; unit: string; quantity: number }>();
  for (const r of rows) last.set(r.item_code, { name: r.name, unit: r.unit, quantity: r.quantity });
  const ordered = new Set(order.lines.map((l) => l.itemCode));
  const stopped = stoppedItems(lines, 'store', today)
    .filter((s) => !ordered.has(s.itemCode) && (catalog === null || catalog.itemByCode(s.itemCode) !== null))
    .slice(0, SHOWN_STOPPED)
    .map((s) => {
      const item = catalog?.itemByCode(s.itemCode);
      const previous = last.get(s.itemCode);
      return {
        itemCode: s.itemCode,
        name: item?.name ?? previous?.name ?? s.itemCode,
        unit: item?.unit ?? previous?.unit ?? '',
        weeksBought: s.weeksBought,
        lastBoughtOn: s.lastBoughtOn,
        lastQuantity: previous?.quantity ?? 0,
      };
    });
  return { today, weekday, habits, stopped };
}
