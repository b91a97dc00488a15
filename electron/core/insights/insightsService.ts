import type Database from 'better-sqlite3';
import type { Item } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { AssortmentGap } from '../../../shared/insights/gaps';
import type { OrderedLine } from '../../../shared/insights/history';
import { dayNumber } from '../../../shared/insights/history';
import { computeInsights, type Insights, type StoreInsights } from '../../../shared/insights/insights';
import { isoWeekOfDay, type SeasonalProfile } from '../../../shared/insights/seasonality';
import type { StoppedItem } from '../../../shared/insights/slipping';
import type {
  DueStore,
  GapStore,
  GapView,
  InsightsOverview,
  SeasonalView,
  SlippingStoreView,
  StoppedItemView,
  StoppedItemsStore,
  StoreCard,
} from '../../../shared/insightsView';
import type { ReceivedOrderState, StoreEntry } from '../../../shared/manager';
import { createLogger } from '../logger';
import type { OrderBook } from '../manager/orderBook';
import type { StoresDirectory } from '../manager/storesDirectory';

const log = createLogger('insights');

export interface InsightsServiceDeps {
  db: Database.Database;
  book: OrderBook;
  stores: StoresDirectory;
  /** The current price list's item by code (names, units and prices of gaps and items). */
  itemByCode: (code: string) => Item | null;
  /** Today as YYYY-MM-DD: the day every signal is "as of". */
  today: () => string;
}

/** The insights of one state of the order book, on one day. */
interface Computed {
  key: string;
  insights: Insights;
  byStore: Map<string, StoreInsights>;
  /** Each store's latest order (by order date, then id): the order book's id and number. */
  lastOrder: Map<string, LastOrder>;
  /** Item names, looked up once per computation. */
  names: NameOf;
  /** The seasonality part of the overview, made on first use (it does not depend on the stores directory). */
  seasonality: InsightsOverview['seasonality'] | null;
  readMs: number;
  computeMs: number;
}

/**
 * The orders, then every line in the table's own order (a plain scan, about twice as fast as a join by
 * store here): shared/insights lays the lines out by store and day itself, and lines come in the order
 * they arrived in, which is nearly by date.
 */
const ORDERS_SQL = `SELECT id, store_code, ordered_on, prices_include_vat, number FROM received_orders WHERE state != 'rejected'`;
const LINES_SQL = 'SELECT received_order_id, item_code, category, quantity, price_kopecks, vat_rate FROM received_order_lines';

type OrderRow = [number, string, string, number, string];

interface LastOrder {
  id: number;
  number: string;
  orderedOn: string;
}
type LineRow = [number, string, string, number, number, number | null];

interface OrderHead {
  orderId: string;
  storeCode: string;
  orderedOn: string;
  includesVat: boolean;
}

/** Slipping, stopped-item and gap lists are long in a big book: the screen shows the top of each. */
const LIST_LIMIT = 200;
const STOPPED_SHOWN = 5;
const TOP_GAPS_SHOWN = 3;
const GAPS_SUMMED = 10;
const COMING_WEEKS = 6;
const SEASONAL_ITEMS = 30;
/** An item is shown for its season only if it sells in this many weeks of the year at least. */
const SEASONAL_MIN_WEEKS = 4;
const RECENT_ORDERS = 12;

/**
 * The insights of the manager's order book (shared/insights/insights.ts): who is due and overdue, who
 * is slipping away, each store's stopped items and assortment gaps, seasonality. Computed from the lines
 * of every order but the rejected ones (value at the price as it stands, VAT included), once per state
 * of the order book and day: the book's version grows with every intake, edit and batch action.
 */
export class InsightsService {
  private computed: Computed | null = null;

  constructor(private readonly deps: InsightsServiceDeps) {}

  private current(): { computed: Computed; fresh: boolean } {
    const today = this.deps.today();
    const key = `${today}:${this.deps.book.version}`;
    if (this.computed?.key === key) return { computed: this.computed, fresh: false };
    const started = performance.now();
    const { lines, lastOrder } = this.readLines();
    const read = performance.now();
    const insights = computeInsights(lines, today);
    const done = performance.now();
    this.computed = {
      key,
      insights,
      byStore: new Map(insights.stores.map((s) => [s.storeId, s])),
      lastOrder,
      names: this.names(),
      seasonality: null,
      readMs: Math.round(read - started),
      computeMs: Math.round(done - read),
    };
    log.info('insights computed', {
      lines: lines.length,
      stores: insights.stores.length,
      readMs: this.computed.readMs,
      computeMs: this.computed.computeMs,
    });
    return { computed: this.computed, fresh: true };
  }

  /** The timings of the last computation (read the order book, compute), for the bench and the log. */
  timings(): { readMs: number; computeMs: number } | null {
    return this.computed ? { readMs: this.computed.readMs, computeMs: this.computed.computeMs } : null;
  }

  private readLines(): { lines: OrderedLine[]; lastOrder: Map<string, LastOrder> } {
    const { db } = this.deps;
    const heads = new Map<number, OrderHead>();
    const lastOrder = new Map<string, LastOrder>();
    for (const [id, storeCode, orderedOn, includesVat, number] of db.prepare<[], OrderRow>(ORDERS_SQL).raw().all()) {
      heads.set(id, { orderId: String(id), storeCode, orderedOn, includesVat: includesVat === 1 });
      const known = lastOrder.get(storeCode);
      if (!known || orderedOn > known.orderedOn || (orderedOn === known.orderedOn && id > known.id))
        lastOrder.set(storeCode, { id, number, orderedOn });
    }
    const lines: OrderedLine[] = [];
    for (const [id, itemCode, category, quantity, price, vatRate] of db.prepare<[], LineRow>(LINES_SQL).raw().iterate()) {
      const head = heads.get(id);
      // A rejected order's lines.
      if (!head) continue;
      const amount = Math.round(quantity * price);
      lines.push({
        storeId: head.storeCode,
        orderId: head.orderId,
        date: head.orderedOn,
        itemCode,
        category,
        quantity,
        // Value with VAT, whichever way the order states its prices, so stores compare alike.
        amountKopecks: head.includesVat || !vatRate ? amount : amount + Math.round((amount * vatRate) / 100),
      });
    }
    return { lines, lastOrder };
  }

  /** The insights view: due and overdue, slipping, stopped items, gaps per store, seasonality. */
  overview(): InsightsOverview {
    const { computed, fresh } = this.current();
    const { insights, byStore, lastOrder, names } = computed;
    const directory = new Map(this.deps.stores.list().map((s) => [s.customerCode, s]));
    const storeName = (code: string) => directory.get(code)?.name ?? this.bookNameOf(code);
    const phone = (code: string) => directory.get(code)?.phone ?? '';
    const today = dayNumber(insights.today);

    const due: DueStore[] = [];
    for (const r of insights.due) {
      if (r.intervalDays === null || r.lateness === null || r.nextDueOn === null || (r.status !== 'due' && r.status !== 'overdue'))
        continue;
      due.push({
        customerCode: r.storeId,
        name: storeName(r.storeId),
        phone: phone(r.storeId),
        status: r.status,
        intervalDays: r.intervalDays,
        daysSinceLast: r.daysSinceLast,
        daysLate: Math.max(0, today - dayNumber(r.nextDueOn)),
        lateness: r.lateness,
        lastOrderOn: r.lastOrderOn,
        nextDueOn: r.nextDueOn,
        lastOrderId: lastOrder.get(r.storeId)?.id ?? null,
        lastOrderNumber: lastOrder.get(r.storeId)?.number ?? null,
        averageOrderKopecks: byStore.get(r.storeId)?.averageOrderKopecks ?? 0,
      });
    }

    const slipping: SlippingStoreView[] = insights.slipping.slice(0, LIST_LIMIT).map((s) => ({
      customerCode: s.storeId,
      name: storeName(s.storeId),
      phone: phone(s.storeId),
      recent: s.recent,
      before: s.before,
      yearAgo: s.yearAgo,
      valueRatio: s.valueRatio,
      frequencyRatio: s.frequencyRatio,
      lastOrderId: lastOrder.get(s.storeId)?.id ?? null,
      lastOrderNumber: lastOrder.get(s.storeId)?.number ?? null,
    }));

    const stoppedItems: StoppedItemsStore[] = insights.stores
      .filter((s) => s.stoppedItems.length > 0)
      .sort((a, b) => b.stoppedItems.length - a.stoppedItems.length || a.storeId.localeCompare(b.storeId, 'ru'))
      .slice(0, LIST_LIMIT)
      .map((s) => ({
        customerCode: s.storeId,
        name: storeName(s.storeId),
        items: s.stoppedItems.slice(0, STOPPED_SHOWN).map((i) => stoppedView(i, names)),
      }));

    const gaps: GapStore[] = insights.stores
      .filter((s) => s.gaps.length > 0)
      .map((s) => ({
        customerCode: s.storeId,
        name: storeName(s.storeId),
        gapCount: s.gaps.length,
        expectedWeeklyKopecks: s.gaps.slice(0, GAPS_SUMMED).reduce((sum, g) => sum + g.expectedWeeklyKopecks, 0),
        topGaps: s.gaps.slice(0, TOP_GAPS_SHOWN).map((g) => this.gapView(g, names)),
      }))
      .sort((a, b) => b.expectedWeeklyKopecks - a.expectedWeeklyKopecks || a.customerCode.localeCompare(b.customerCode, 'ru'))
      .slice(0, LIST_LIMIT);

    const currentWeek = isoWeekOfDay(today);
    computed.seasonality ??= {
      categories: insights.seasonality.categories.map((p) => seasonalView(p, p.key, currentWeek)),
      items: seasonalItems(insights.seasonality.items, currentWeek, (code) => names(code).name),
    };

    let orderCount = 0;
    for (const s of insights.stores) orderCount += s.orderCount;
    const firsts = insights.stores.map((s) => s.firstOrderOn).sort();
    const lasts = insights.stores.map((s) => s.lastOrderOn).sort();
    return {
      today: insights.today,
      currentWeek,
      storeCount: insights.stores.length,
      orderCount,
      firstOrderOn: firsts[0] ?? null,
      lastOrderOn: lasts[lasts.length - 1] ?? null,
      due,
      slipping,
      stoppedItems,
      gaps,
      seasonality: computed.seasonality,
      computedMs: fresh ? computed.readMs + computed.computeMs : 0,
    };
  }

  /** One store on one screen: contact, history, rhythm, trend, top items, stopped items, gaps, latest orders. */
  storeCard(customerCode: string): StoreCard {
    const { computed } = this.current();
    const { insights } = computed;
    const directory = this.deps.stores.get(customerCode);
    const store = computed.byStore.get(customerCode);
    if (!store && !directory) {
      throw new PorterError('NOT_FOUND', `No store with customer code "${customerCode}" in the stores directory or the order book`, {
        field: 'customerCode',
      });
    }
    const { names } = computed;
    return {
      today: insights.today,
      customerCode,
      name: directory?.name ?? this.bookNameOf(customerCode),
      directory,
      orderCount: store?.orderCount ?? 0,
      firstOrderOn: store?.firstOrderOn ?? null,
      lastOrderOn: store?.lastOrderOn ?? null,
      totalKopecks: store?.totalKopecks ?? 0,
      averageOrderKopecks: store?.averageOrderKopecks ?? 0,
      rhythm: store
        ? {
            status: store.rhythm.status,
            intervalDays: store.rhythm.intervalDays,
            daysSinceLast: store.rhythm.daysSinceLast,
            lateness: store.rhythm.lateness,
            nextDueOn: store.rhythm.nextDueOn,
          }
        : null,
      trend: store ? store.trend : null,
      slipping: store?.slipping ?? false,
      weeklyKopecks: store?.weeklyKopecks ?? [],
      ordersByWeekday: store?.ordersByWeekday ?? [0, 0, 0, 0, 0, 0, 0],
      topItems: (store?.topItems ?? []).map((i) => ({ ...i, ...names(i.itemCode) })),
      stoppedItems: (store?.stoppedItems ?? []).map((i) => stoppedView(i, names)),
      gaps: (store?.gaps ?? []).map((g) => this.gapView(g, names)),
      lastOrderId: computed.lastOrder.get(customerCode)?.id ?? null,
      recentOrders: this.recentOrders(customerCode),
    };
  }

  /** A store's gaps, the most valuable first, with the directory entry: what the gap list file is written from. */
  gapList(customerCode: string): { today: string; name: string; directory: StoreEntry | null; gaps: GapView[] } {
    const card = this.storeCard(customerCode);
    return { today: card.today, name: card.name, directory: card.directory, gaps: card.gaps };
  }

  private gapView(gap: AssortmentGap, names: NameOf): GapView {
    const item = this.deps.itemByCode(gap.itemCode);
    return {
      itemCode: gap.itemCode,
      ...names(gap.itemCode),
      category: gap.category,
      priceKopecks: item?.priceKopecks ?? null,
      likelihood: gap.likelihood,
      weeklyKopecks: gap.weeklyKopecks,
      expectedWeeklyKopecks: gap.expectedWeeklyKopecks,
      peers: gap.peers,
    };
  }

  /** Item names and units: the current price list's, else as the order book's lines have them, else the code. */
  private names(): NameOf {
    const known = new Map<string, { name: string; unit: string }>();
    const fromLines = this.deps.db.prepare<[string], { name: string; unit: string }>(
      'SELECT name, unit FROM received_order_lines WHERE item_code = ? LIMIT 1',
    );
    return (code) => {
      let found = known.get(code);
      if (!found) {
        const item = this.deps.itemByCode(code);
        const line = item ? undefined : fromLines.get(code);
        found = item ? { name: item.name, unit: item.unit } : line ? { name: line.name, unit: line.unit } : { name: code, unit: '' };
        known.set(code, found);
      }
      return found;
    };
  }

  /** The name a store's latest order gave it, for stores not in the directory. */
  private bookNameOf(customerCode: string): string {
    return (
      this.deps.db
        .prepare<[string], string>('SELECT store_name FROM received_orders WHERE store_code = ? ORDER BY ordered_on DESC, id DESC LIMIT 1')
        .pluck()
        .get(customerCode) || customerCode
    );
  }

  private recentOrders(customerCode: string): StoreCard['recentOrders'] {
    return this.deps.db
      .prepare<
        [string, number],
        { id: number; number: string; ordered_on: string; state: ReceivedOrderState; line_count: number; gross: number }
      >(
        `SELECT o.id, o.number, o.ordered_on, o.state, count(*) AS line_count,
           sum(CASE WHEN o.prices_include_vat = 1 OR coalesce(l.vat_rate, 0) = 0 THEN round(l.quantity * l.price_kopecks)
             ELSE round(l.quantity * l.price_kopecks) + round(round(l.quantity * l.price_kopecks) * l.vat_rate / 100.0) END) AS gross
         FROM received_orders o JOIN received_order_lines l ON l.received_order_id = o.id
         WHERE o.store_code = ? GROUP BY o.id ORDER BY o.ordered_on DESC, o.id DESC LIMIT ?`,
      )
      .all(customerCode, RECENT_ORDERS)
      .map((r) => ({
        id: r.id,
        number: r.number,
        orderedOn: r.ordered_on,
        lineCount: r.line_count,
        grossKopecks: Math.round(r.gross),
        state: r.state,
      }));
  }
}

type NameOf = (code: string) => { name: string; unit: string };

function stoppedView(item: StoppedItem, names: NameOf): StoppedItemView {
  return { itemCode: item.itemCode, name: names(item.itemCode).name, weeksBought: item.weeksBought, lastBoughtOn: item.lastBoughtOn };
}

/** Weeks 1–53 after `week`, wrapping into the next year (a year has 52 weeks mostly: week 53 is skipped when empty). */
function comingWeeks(week: number, count: number, weekly: readonly number[]): number[] {
  const hasWeek53 = (weekly[52] ?? 0) > 0;
  const weeks: number[] = [];
  let w = week;
  while (weeks.length < count) {
    w = w >= (hasWeek53 ? 53 : 52) ? 1 : w + 1;
    weeks.push(w);
  }
  return weeks;
}

function seasonalView(profile: SeasonalProfile, name: string, currentWeek: number): SeasonalView {
  const coming = comingWeeks(currentWeek, COMING_WEEKS, profile.weekly);
  const comingIndex = coming.reduce((sum, w) => sum + (profile.index[w - 1] ?? 0), 0) / coming.length;
  return {
    key: profile.key,
    name,
    category: profile.category,
    weekly: profile.weekly.map((q) => Math.round(q * 10) / 10),
    peakWeeks: profile.peakWeeks,
    comingIndex,
    peakIndex: Math.max(0, ...profile.index),
  };
}

/** The items whose season is coming first, then the most seasonal of the rest; items sold in a few weeks only are left out. */
function seasonalItems(profiles: readonly SeasonalProfile[], currentWeek: number, nameOf: (code: string) => string): SeasonalView[] {
  const candidates = profiles.filter((p) => p.weekly.filter((q) => q > 0).length >= SEASONAL_MIN_WEEKS);
  const views = candidates.map((p) => ({ profile: p, view: seasonalView(p, '', currentWeek) }));
  const coming = views
    .filter((v) => v.view.comingIndex > 1.2)
    .sort((a, b) => b.view.comingIndex - a.view.comingIndex || a.profile.key.localeCompare(b.profile.key))
    .slice(0, SEASONAL_ITEMS);
  const taken = new Set(coming.map((v) => v.profile.key));
  const strongest = views
    .filter((v) => !taken.has(v.profile.key))
    .sort((a, b) => b.view.peakIndex - a.view.peakIndex || a.profile.key.localeCompare(b.profile.key))
    .slice(0, Math.max(0, SEASONAL_ITEMS - coming.length));
  return [...coming, ...strongest].map((v) => ({ ...v.view, name: nameOf(v.profile.key) }));
}
