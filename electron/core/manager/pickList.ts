import type Database from 'better-sqlite3';
import type { Locale } from '../../../shared/domain';
import type { PickListItem } from '../../../shared/manager';
import { inertText } from '../formats/orderTable/orderTableColumns';

/** Orders whose goods are picked: accepted, and those already handed to the back office. */
const PICKED_STATES = ['accepted', 'exported'] as const;

export interface PickList {
  deliveryDate: string;
  /** How many orders it sums. */
  orderCount: number;
  items: PickListItem[];
}

interface PickRow {
  id: number;
  number: string;
  store_code: string;
  store_name: string;
  item_code: string;
  name: string;
  unit: string;
  category: string;
  quantity: number;
}

/**
 * The consolidated pick list for a delivery date: every item of the accepted orders for that date,
 * summed, with the orders (store and number) it came from and how many each ordered — by category,
 * then name, the way a warehouse walks its shelves. Lines cut to nothing are left out.
 */
export function pickListFor(db: Database.Database, deliveryDate: string): PickList {
  const rows = db
    .prepare<[string, ...string[]], PickRow>(
      `SELECT o.id, o.number, o.store_code, coalesce(s.name, o.store_name) AS store_name,
              l.item_code, l.name, l.unit, l.category, l.quantity
         FROM received_orders o
         JOIN received_order_lines l ON l.received_order_id = o.id
         LEFT JOIN stores s ON s.customer_code = o.store_code
        WHERE o.delivery_date = ? AND o.state IN (${PICKED_STATES.map(() => '?').join(', ')}) AND l.quantity > 0
        ORDER BY o.received_at, o.id, l.line_number`,
    )
    .all(deliveryDate, ...PICKED_STATES);
  const items = new Map<string, PickListItem>();
  const orders = new Set<number>();
  for (const row of rows) {
    orders.add(row.id);
    // One item in two units (a pack and a piece) is two things to pick.
    const key = `${row.item_code}\u0000${row.unit}`;
    let item = items.get(key);
    if (!item) {
      item = { itemCode: row.item_code, name: row.name, unit: row.unit, category: row.category, quantity: 0, orders: [] };
      items.set(key, item);
    }
    item.quantity = roundQuantity(item.quantity + row.quantity);
    const from = item.orders.find((o) => o.id === row.id);
    if (from) from.quantity = roundQuantity(from.quantity + row.quantity);
    else item.orders.push({ id: row.id, storeCode: row.store_code, storeName: row.store_name, number: row.number, quantity: row.quantity });
  }
  const sorted = [...items.values()].sort(
    (a, b) =>
      a.category.localeCompare(b.category, 'ru') || a.name.localeCompare(b.name, 'ru') || a.itemCode.localeCompare(b.itemCode, 'ru'),
  );
  return { deliveryDate, orderCount: orders.size, items: sorted };
}

/** Weighed goods sum as floats: 0.1 + 0.2 shows as 0.3, not 0.30000000000000004. */
function roundQuantity(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const WORDS: Record<
  Locale,
  { sheet: string; linesSheet: string; title: (date: string) => string; columns: string[]; lineColumns: string[] }
> = {
  ru: {
    sheet: 'Лист подбора',
    linesSheet: 'По заказам',
    title: (date) => `Лист подбора на ${date}`,
    columns: ['№', 'Код', 'Наименование', 'Ед.', 'Категория', 'Количество', 'Заказы'],
    lineColumns: ['Код', 'Наименование', 'Ед.', 'Код клиента', 'Магазин', 'Номер заказа', 'Количество'],
  },
  en: {
    sheet: 'Pick list',
    linesSheet: 'By order',
    title: (date) => `Pick list for ${date}`,
    columns: ['No.', 'Code', 'Name', 'Unit', 'Category', 'Quantity', 'Orders'],
    lineColumns: ['Code', 'Name', 'Unit', 'Customer code', 'Store', 'Order number', 'Quantity'],
  },
};

/** "Магазин «У дома» №7 № P-000012: 24" — who ordered how much, as one cell or one table cell says it. */
export function pickOrdersText(item: PickListItem, locale: Locale): string {
  const no = locale === 'ru' ? '№' : 'No.';
  return item.orders.map((o) => `${o.storeName} (${o.storeCode}) ${no} ${o.number}: ${formatQuantity(o.quantity, locale)}`).join('; ');
}

export function formatQuantity(value: number, locale: Locale): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ru' ? '\u00a0' : ',');
  return fraction ? `${grouped}${locale === 'ru' ? ',' : '.'}${fraction}` : grouped;
}

/** YYYY-MM-DD as the locale writes a date. */
export function localDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-');
  return locale === 'ru' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`;
}

/**
 * The pick list as a workbook: one sheet of items (summed, with the orders in one cell) to print or
 * filter, and one of item × order rows to sort by store. Codes stay text; formula-like text is inert.
 */
export async function writePickListXlsx(list: PickList, locale: Locale): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const words = WORDS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Porter';
  const sheet = workbook.addWorksheet(words.sheet);
  sheet.addRow([words.title(localDate(list.deliveryDate, locale))]).font = { bold: true, size: 13 };
  const header = sheet.addRow(words.columns);
  header.font = { bold: true };
  [8, 16, 48, 8, 24, 12, 80].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.getColumn(6).numFmt = '#,##0.###';
  list.items.forEach((item, index) => {
    const row = sheet.addRow([index + 1, '', '', '', '', item.quantity, '']);
    // Text set explicitly: exceljs types a value by its JavaScript type, and codes must stay strings.
    row.getCell(2).value = inertText(item.itemCode);
    row.getCell(3).value = inertText(item.name);
    row.getCell(4).value = inertText(item.unit);
    row.getCell(5).value = inertText(item.category);
    row.getCell(7).value = inertText(pickOrdersText(item, locale));
    row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };

  const lines = workbook.addWorksheet(words.linesSheet);
  lines.addRow(words.lineColumns).font = { bold: true };
  [16, 48, 8, 16, 36, 18, 12].forEach((width, index) => (lines.getColumn(index + 1).width = width));
  for (const item of list.items) {
    for (const order of item.orders) {
      const row = lines.addRow(['', '', '', '', '', '', order.quantity]);
      [item.itemCode, item.name, item.unit, order.storeCode, order.storeName, order.number].forEach((text, index) => {
        row.getCell(index + 1).value = inertText(text);
      });
    }
  }
  lines.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
