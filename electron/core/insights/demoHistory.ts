/**
 * The demo order history manager mode loads on first run, so the insights screens show something
 * real at once: about 200 stores and a year of their orders (resources/demo/order-history.csv.gz and
 * resources/demo/stores.csv, written by `npm run demo-orders`, scripts/generate-demo-orders.ts), every
 * line an item of the demo price list (resources/demo/price-list.csv) at its price.
 *
 * The history ends on DEMO_HISTORY_END (Friday 27 November 2026) and is meant to be looked at on
 * DEMO_TODAY (Sunday 29 November 2026). Stores built to be found, by customer code:
 * - DEMO_OVERDUE_STORE ordered every Friday and stopped five weeks ago (last order 23 October): about
 *   five times its own interval since, the first store of the overdue list.
 * - DEMO_LAPSING_STORE ordered every week; over the last two months it orders every other week and
 *   about half as much each time: the first store of the slipping list (value down to about a
 *   quarter). A few more stores halve more gently; the overdue store is slipping too, behind it.
 * - DEMO_GAP_STORE buys its peers' whole range except one category, DEMO_GAP_CATEGORY, which its
 *   peers buy every week: its gap list starts with that category's items.
 * - DEMO_STOPPED_ITEMS_STORE stopped buying two of its every-week items eight weeks ago.
 *
 * Files (UTF-8, ';'-separated, a header row, no quoting — no field holds ';' or '"'):
 * - stores.csv: customer_code;name;price_type;delivery_days;contact;phone — delivery days as Russian
 *   weekday abbreviations separated by commas ("пн,чт").
 * - order-history.csv.gz (gzip): order_id;customer_code;order_date;delivery_date;item_code;category;
 *   price_kopecks;vat_rate;quantity — one row per order line, an order's rows together. Item names
 *   are not repeated here: they are the price list's, by item code.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PorterError } from '../../../shared/errors';
import type { OrderedLine } from '../../../shared/insights/history';
import { isVatRate, type VatRate } from '../../../shared/money';

export const DEMO_TODAY = '2026-11-29';
export const DEMO_HISTORY_END = '2026-11-27';
export const DEMO_OVERDUE_STORE = 'ТТ-0004';
export const DEMO_LAPSING_STORE = 'ТТ-0008';
export const DEMO_GAP_STORE = 'ТТ-0012';
export const DEMO_GAP_CATEGORY = 'Молочная продукция';
export const DEMO_STOPPED_ITEMS_STORE = 'ТТ-0016';

export interface DemoStore {
  customerCode: string;
  name: string;
  /** The supplier's price type for the store (CommerceML ТипЦены). */
  priceType: string;
  /** ISO weekdays the supplier delivers to the store on: 1 Monday … 7 Sunday. */
  deliveryWeekdays: number[];
  /** Who to call: the store's purchaser. */
  contact: string;
  phone: string;
}

export interface DemoOrderLine {
  itemCode: string;
  category: string;
  quantity: number;
  priceKopecks: number;
  vatRate: VatRate;
}

export interface DemoOrder {
  orderId: string;
  storeCode: string;
  /** YYYY-MM-DD */
  date: string;
  deliveryDate: string;
  lines: DemoOrderLine[];
}

export interface DemoHistory {
  stores: DemoStore[];
  orders: DemoOrder[];
}

export const STORE_COLUMNS = ['customer_code', 'name', 'price_type', 'delivery_days', 'contact', 'phone'] as const;
export const ORDER_COLUMNS = [
  'order_id',
  'customer_code',
  'order_date',
  'delivery_date',
  'item_code',
  'category',
  'price_kopecks',
  'vat_rate',
  'quantity',
] as const;
/** Russian weekday abbreviations, Monday first: index + 1 is the ISO weekday. */
export const WEEKDAY_NAMES = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'] as const;

export function demoHistoryFiles(resourcesDir: string): { orders: string; stores: string } {
  return {
    orders: path.join(resourcesDir, 'demo', 'order-history.csv.gz'),
    stores: path.join(resourcesDir, 'demo', 'stores.csv'),
  };
}

/** Reads and checks both demo files; any problem is a PorterError naming the file, row and field. */
export async function readDemoHistory(resourcesDir: string): Promise<DemoHistory> {
  const files = demoHistoryFiles(resourcesDir);
  const stores = await readDemoStores(files.stores);
  const orders = await readDemoOrders(files.orders, new Set(stores.map((s) => s.customerCode)));
  return { stores, orders };
}

export async function readDemoStores(file: string): Promise<DemoStore[]> {
  const stores: DemoStore[] = [];
  const seen = new Map<string, number>();
  await eachRow(file, fs.createReadStream(file), STORE_COLUMNS, (cells, row) => {
    const at = (field: (typeof STORE_COLUMNS)[number]) => cells[STORE_COLUMNS.indexOf(field)]!;
    const customerCode = required(file, row, 'customer_code', at('customer_code'));
    const earlier = seen.get(customerCode);
    if (earlier !== undefined) {
      throw formatError(file, row, 'customer_code', `customer code "${customerCode}" is already the store of row ${earlier}`);
    }
    seen.set(customerCode, row);
    const days = at('delivery_days');
    const deliveryWeekdays = days === '' ? [] : days.split(',').map((day) => weekday(file, row, day.trim()));
    stores.push({
      customerCode,
      name: required(file, row, 'name', at('name')),
      priceType: at('price_type'),
      deliveryWeekdays,
      contact: required(file, row, 'contact', at('contact')),
      phone: required(file, row, 'phone', at('phone')),
    });
  });
  return stores;
}

/** The orders of the history file; `stores`, when given, are the customer codes an order may name. */
export async function readDemoOrders(file: string, stores: ReadonlySet<string> | null): Promise<DemoOrder[]> {
  const orders: DemoOrder[] = [];
  const firstRowOf = new Map<string, number>();
  let current: DemoOrder | null = null;
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  const knownDates = new Set<string>();
  const date = (row: number, field: string, value: string) => {
    if (!knownDates.has(value)) knownDates.add(isoDate(file, row, field, value));
    return value;
  };
  await eachRow(file, input.pipe(gunzip), ORDER_COLUMNS, (cells, row) => {
    // The columns of ORDER_COLUMNS, in order.
    const [orderCell, storeCell, dateCell, deliveryCell, itemCell, categoryCell, priceCell, vatCell, quantityCell] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const orderId = required(file, row, 'order_id', orderCell);
    const storeCode = required(file, row, 'customer_code', storeCell);
    if (stores && !stores.has(storeCode))
      throw formatError(file, row, 'customer_code', `no store with customer code "${storeCode}" in stores.csv`);
    const orderDate = date(row, 'order_date', dateCell);
    const deliveryDate = date(row, 'delivery_date', deliveryCell);
    if (deliveryDate < orderDate) {
      throw formatError(file, row, 'delivery_date', `delivery date ${deliveryDate} is before the order date ${orderDate}`);
    }
    const vat = wholeNumber(file, row, 'vat_rate', vatCell, 0);
    if (!isVatRate(vat)) throw formatError(file, row, 'vat_rate', `VAT rate ${vat} % is not one Porter knows`);
    const line: DemoOrderLine = {
      itemCode: required(file, row, 'item_code', itemCell),
      category: required(file, row, 'category', categoryCell),
      priceKopecks: wholeNumber(file, row, 'price_kopecks', priceCell, 0),
      vatRate: vat,
      quantity: wholeNumber(file, row, 'quantity', quantityCell, 1),
    };
    if (current && current.orderId === orderId) {
      if (current.storeCode !== storeCode || current.date !== orderDate || current.deliveryDate !== deliveryDate) {
        throw formatError(file, row, 'order_id', `order ${orderId} has another store or date than on row ${firstRowOf.get(orderId)}`);
      }
      current.lines.push(line);
      return;
    }
    const earlier = firstRowOf.get(orderId);
    if (earlier !== undefined)
      throw formatError(file, row, 'order_id', `order ${orderId} started on row ${earlier}; its rows must be together`);
    firstRowOf.set(orderId, row);
    current = { orderId, storeCode, date: orderDate, deliveryDate, lines: [line] };
    orders.push(current);
  });
  return orders;
}

/** The lines insights are computed from: the order date, the value at the line's price. */
export function demoOrderedLines(orders: readonly DemoOrder[]): OrderedLine[] {
  const lines: OrderedLine[] = [];
  for (const order of orders) {
    for (const line of order.lines) {
      lines.push({
        storeId: order.storeCode,
        orderId: order.orderId,
        date: order.date,
        itemCode: line.itemCode,
        category: line.category,
        quantity: line.quantity,
        amountKopecks: line.quantity * line.priceKopecks,
      });
    }
  }
  return lines;
}

function formatError(file: string, row: number, field: string, problem: string): PorterError {
  return new PorterError('FILE_FORMAT', `${path.basename(file)}, row ${row}, field ${field}: ${problem}`, { file, row, field });
}

function required(file: string, row: number, field: string, value: string): string {
  if (value.trim() === '') throw formatError(file, row, field, 'is empty');
  return value;
}

function isoDate(file: string, row: number, field: string, value: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw formatError(file, row, field, `"${value}" is not a date (YYYY-MM-DD)`);
  return value;
}

function wholeNumber(file: string, row: number, field: string, value: string, min: number): number {
  const number = /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  if (!(number >= min)) throw formatError(file, row, field, `"${value}" is not a whole number of at least ${min}`);
  return number;
}

function weekday(file: string, row: number, name: string): number {
  const at = (WEEKDAY_NAMES as readonly string[]).indexOf(name);
  if (at < 0) throw formatError(file, row, 'delivery_days', `"${name}" is not a weekday (${WEEKDAY_NAMES.join(', ')})`);
  return at + 1;
}

/**
 * Streams a ';'-separated UTF-8 file row by row: checks the header, then hands each row's cells to
 * `onRow` with its 1-based row number in the file. Rows are split on the bytes and decoded one by
 * one, so bad UTF-8 is reported on its own row; a broken gzip stream is a PorterError naming the file.
 */
async function eachRow(
  file: string,
  source: NodeJS.ReadableStream,
  columns: readonly string[],
  onRow: (cells: string[], row: number) => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const name = path.basename(file);
  let row = 0;
  const take = (bytes: Uint8Array) => {
    row++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new PorterError('FILE_ENCODING', `${name}, row ${row}: not UTF-8 text`, { file, row });
    }
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (row === 1) {
      if (line.replace(/^\uFEFF/, '') !== columns.join(';')) {
        throw new PorterError('FILE_FORMAT', `${name}, row 1: the header must be "${columns.join(';')}"`, { file, row: 1 });
      }
      return;
    }
    if (line === '') return;
    const cells = line.split(';');
    if (cells.length !== columns.length) {
      throw new PorterError('FILE_FORMAT', `${name}, row ${row}: ${cells.length} fields, expected ${columns.length}`, { file, row });
    }
    onRow(cells, row);
  };
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of source) {
      const bytes = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      let start = 0;
      for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
        take(bytes.subarray(start, end));
        start = end + 1;
      }
      pending = bytes.subarray(start);
    }
  } catch (error) {
    if (error instanceof PorterError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code === 'ENOENT' ? 'FILE_UNREADABLE' : 'FILE_FORMAT';
    throw new PorterError(code, `${name}: cannot be read (${reason})`, { file, row: row + 1 });
  }
  if (pending.length > 0) take(pending);
  if (row === 0) throw new PorterError('FILE_FORMAT', `${name}: the file is empty`, { file });
}
