import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ReceivedOrder } from '../../../shared/exchange';
import { NO_RECEIVED_ORDER_STATUS } from '../../../shared/exchange';
import { dateOfDay, dayNumber } from '../../../shared/insights/history';
import type { StoreEntry } from '../../../shared/manager';
import type { Item } from '../../../shared/domain';
import { createLogger } from '../logger';
import type { OrderBook } from '../manager/orderBook';
import type { StoresDirectory } from '../manager/storesDirectory';
import { lineAmount, vatOf } from '../../../shared/money';
import { DEMO_TODAY, readDemoOrders, readDemoStores, type DemoHistory, type DemoOrder } from './demoHistory';

const log = createLogger('insights.demo');

export interface DemoLoadDeps {
  db: Database.Database;
  book: OrderBook;
  stores: StoresDirectory;
  /** The current price list's item by code: names and units of the demo lines (the history file carries codes only). */
  itemByCode: (code: string) => Item | null;
  /** Today as YYYY-MM-DD: the day the history is anchored to (see demoShiftDays). */
  today: () => string;
}

export interface DemoLoadResult {
  stores: number;
  orders: number;
  lines: number;
  /** Days every date of the history was moved by (a whole number of weeks). */
  shiftDays: number;
  readMs: number;
  writeMs: number;
}

/**
 * How far the demo history is moved so that it looks current on `today`: the history ends two days
 * before DEMO_TODAY and is meant to be looked at then. Moved by whole weeks only, so every store keeps
 * its weekdays ("orders on Fridays") and every rhythm its phase; so on a day 0–6 days after the
 * moved anchor the due list is what it would be that many days after DEMO_TODAY. Seasons move with it
 * (by less than a year when Porter is installed within a year of the anchor).
 */
export function demoShiftDays(today: string): number {
  return 7 * Math.floor((dayNumber(today) - dayNumber(DEMO_TODAY)) / 7);
}

/** The folder with the demo's stores.csv and order-history.csv.gz (resources/demo). */
export function demoOrderHistoryDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'demo');
}

/**
 * Loads the demo history (resources/demo: about 200 stores, a year of their orders) into an empty order
 * book, so a first look at manager mode — the insights above all — shows something real. Only on a
 * first run: a book with any order, or a stores directory with any store (the manager's own), is left
 * alone — demo stores are never mixed into a real directory. All or nothing,
 * in one transaction with prepared statements. Orders delivered before today are history ('exported');
 * any still to be delivered are 'new', waiting in the inbox like any received order.
 */
export class DemoHistoryLoader {
  private loading: Promise<DemoLoadResult | null> | null = null;

  constructor(
    private readonly dir: string,
    private readonly deps: DemoLoadDeps,
  ) {}

  /** Loads the demo when the order book and the stores directory are empty; null otherwise (nothing is read or written). */
  loadIfEmpty(): Promise<DemoLoadResult | null> {
    // A second call while the first reads the files (a mode switch during start) waits for the same load.
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<DemoLoadResult | null> {
    if (!this.firstRun()) return null;
    const started = performance.now();
    const stores = await readDemoStores(path.join(this.dir, 'stores.csv'));
    const orders = await readDemoOrders(path.join(this.dir, 'order-history.csv.gz'), new Set(stores.map((s) => s.customerCode)));
    const read = performance.now();
    const today = this.deps.today();
    const shiftDays = demoShiftDays(today);
    const lines = this.write({ stores, orders }, today, shiftDays);
    const result: DemoLoadResult = {
      stores: stores.length,
      orders: orders.length,
      lines,
      shiftDays,
      readMs: Math.round(read - started),
      writeMs: Math.round(performance.now() - read),
    };
    if (lines > 0) log.info('demo order history loaded', { ...result });
    return result;
  }

  private firstRun(): boolean {
    return this.deps.book.count() === 0 && this.deps.stores.list().length === 0;
  }

  /** Writes the stores and orders; 0 lines when the book was filled meanwhile (nothing written then). */
  private write(history: DemoHistory, today: string, shiftDays: number): number {
    const { db, book } = this.deps;
    const shift = (date: string) => (shiftDays === 0 ? date : dateOfDay(dayNumber(date) + shiftDays));
    const names = new Map<string, { name: string; unit: string }>();
    const itemOf = (code: string) => {
      let known = names.get(code);
      if (!known) {
        const item = this.deps.itemByCode(code);
        known = { name: item?.name ?? code, unit: item?.unit ?? '' };
        names.set(code, known);
      }
      return known;
    };
    const storeNames = new Map(history.stores.map((s) => [s.customerCode, s.name]));
    const insertOrder = db.prepare(
      `INSERT INTO received_orders (store_code, store_name, order_id, number, format, source, source_name, ordered_on,
         received_at, delivery_date, comment, price_list_id, prices_include_vat, state, document)
       VALUES (?, ?, ?, ?, 'csv', 'demo', 'order-history.csv.gz', ?, ?, ?, '', NULL, 1, ?, ?)`,
    );
    const insertLine = db.prepare(
      `INSERT INTO received_order_lines (received_order_id, line_number, item_code, name, unit, category, ordered_quantity, quantity,
         ordered_price_kopecks, price_kopecks, vat_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let lines = 0;
    db.transaction(() => {
      // Checked again inside the transaction: an order may have arrived while the files were read.
      if (!this.firstRun()) return;
      this.deps.stores.save(history.stores.map(toStoreEntry));
      // The book is empty: its secondary indexes are built once after the load rather than row by row
      // (about 1.7× faster here, FIELD_NOTES "SQLite"); the same statements, so the schema is unchanged.
      const indexes = db
        .prepare<[], { name: string; sql: string }>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('received_orders', 'received_order_lines')`,
        )
        .all();
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      for (const order of history.orders) {
        const orderedOn = shift(order.date);
        const deliveryDate = shift(order.deliveryDate);
        const storeName = storeNames.get(order.storeCode) ?? order.storeCode;
        const id = Number(
          insertOrder.run(
            order.storeCode,
            storeName,
            order.orderId,
            order.orderId,
            orderedOn,
            `${orderedOn}T09:00:00.000Z`,
            deliveryDate,
            deliveryDate < today ? 'exported' : 'new',
            documentOf(order, storeName, orderedOn, deliveryDate),
          ).lastInsertRowid,
        );
        order.lines.forEach((line, index) => {
          const item = itemOf(line.itemCode);
          insertLine.run(
            id,
            index + 1,
            line.itemCode,
            item.name,
            item.unit,
            line.category,
            line.quantity,
            line.quantity,
            line.priceKopecks,
            line.priceKopecks,
            line.vatRate,
          );
        });
        lines += order.lines.length;
      }
      for (const index of indexes) db.exec(index.sql);
    })();
    if (lines > 0) book.touch();
    return lines;
  }
}

function toStoreEntry(store: DemoHistory['stores'][number]): StoreEntry {
  return {
    customerCode: store.customerCode,
    name: store.name,
    priceType: store.priceType,
    deliveryDays: store.deliveryWeekdays,
    contact: store.contact,
    phone: store.phone,
    email: '',
  };
}

/**
 * The order's document as the book keeps it for every received order: the header only. Its lines are
 * the book's lines (received_order_lines); repeating them as JSON would add ~70 MB for the demo's year.
 */
function documentOf(order: DemoOrder, storeName: string, date: string, deliveryDate: string): string {
  let gross = 0;
  let vat = 0;
  for (const line of order.lines) {
    const amount = lineAmount(line.priceKopecks, line.quantity);
    gross += amount;
    vat += vatOf(amount, line.vatRate, true);
  }
  const document: ReceivedOrder = {
    format: 'csv',
    id: order.orderId,
    number: order.orderId,
    date,
    time: '09:00:00',
    number1c: null,
    date1c: null,
    operation: 'Заказ товара',
    role: 'Покупатель',
    currency: 'RUB',
    customer: { id: order.storeCode, code: order.storeCode, name: storeName },
    comment: '',
    deliveryDate,
    lines: [],
    totals: { grossKopecks: gross, vatKopecks: vat, netKopecks: gross - vat, linesKopecks: gross, vatIncluded: true, matchesLines: true },
    status: NO_RECEIVED_ORDER_STATUS,
    requisites: [{ name: 'Демонстрационные данные', value: 'resources/demo/order-history.csv.gz' }],
  };
  return JSON.stringify(document);
}
