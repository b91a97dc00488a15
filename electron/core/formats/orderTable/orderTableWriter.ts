import type { Order, StoreProfile } from '../../../../shared/domain';
import { cmlAmount } from '../commerceml/values';
import { localDateTime, orderCustomer, orderMoment } from '../orderDocument';
import { inertText, ORDER_TABLE_COLUMNS, ORDER_TABLE_HEADINGS, TEXT_COLUMNS, type OrderTableColumn } from './orderTableColumns';

export interface OrderTableOptions {
  store: StoreProfile;
  /** Headings and yes/no in this language; Russian by default (the suppliers' Excel is Russian). */
  locale?: 'ru' | 'en';
  /** Minutes east of UTC for the order's date; the machine's zone by default. */
  offsetMinutes?: number;
}

type Cell = string | number;

/** One row per order line, the order's fields repeated on each, text cells already made inert. */
export function orderTableRows(orders: readonly Order[], options: OrderTableOptions): Record<OrderTableColumn, Cell>[] {
  const yes = options.locale === 'en' ? 'yes' : 'да';
  const no = options.locale === 'en' ? 'no' : 'нет';
  const customer = orderCustomer(options.store);
  const rows: Record<OrderTableColumn, Cell>[] = [];
  for (const order of orders) {
    const date = russianDate(localDateTime(orderMoment(order), options.offsetMinutes).date);
    for (const line of order.lines) {
      const row: Record<OrderTableColumn, Cell> = {
        number: order.number,
        date,
        store: customer.name,
        customerCode: customer.code,
        itemCode: line.itemCode,
        barcode: line.barcode,
        name: line.name,
        unit: line.unit,
        quantity: line.quantity,
        price: line.priceKopecks / 100,
        vatRate: line.vatRate,
        amount: line.amountKopecks / 100,
        vat: line.vatKopecks / 100,
        vatIncluded: order.pricesIncludeVat ? yes : no,
        deliveryDate: order.deliveryDate === null ? '' : russianDate(order.deliveryDate),
        comment: order.comment,
        orderId: order.id,
      };
      for (const column of TEXT_COLUMNS) row[column] = inertText(String(row[column]));
      rows.push(row);
    }
  }
  return rows;
}

/**
 * Orders as CSV the way Excel in Russia opens it with a double click: UTF-8 with a BOM (without one
 * Excel reads windows-1251), ';' between cells, decimal commas, CRLF line ends. Cells are quoted when
 * they hold ';', quotes or line breaks; formula-like text is made inert.
 */
export function writeOrdersCsv(orders: readonly Order[], options: OrderTableOptions): string {
  const headings = ORDER_TABLE_HEADINGS[options.locale ?? 'ru'];
  const lines = [ORDER_TABLE_COLUMNS.map((column) => csvCell(headings[column]))];
  for (const row of orderTableRows(orders, options)) {
    lines.push(ORDER_TABLE_COLUMNS.map((column) => csvCell(csvValue(column, row[column]))));
  }
  return `\ufeff${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
}

/**
 * Orders as an XLSX workbook: text columns are text cells (codes keep their leading zeros; formula-like
 * text is stored as a string and made inert, never as a formula), money and quantities are numbers.
 */
export async function writeOrdersXlsx(orders: readonly Order[], options: OrderTableOptions): Promise<Buffer> {
  // exceljs costs ~300 ms to load: only when a workbook is actually written.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Porter';
  const sheet = workbook.addWorksheet(options.locale === 'en' ? 'Orders' : 'Заказы');
  const headings = ORDER_TABLE_HEADINGS[options.locale ?? 'ru'];
  sheet.columns = ORDER_TABLE_COLUMNS.map((column) => ({
    header: headings[column],
    key: column,
    width: column === 'name' ? 48 : column === 'orderId' ? 38 : 14,
    style: TEXT_COLUMNS.has(column)
      ? { numFmt: '@' }
      : column === 'price' || column === 'amount' || column === 'vat'
        ? { numFmt: '#,##0.00' }
        : {},
  }));
  for (const row of orderTableRows(orders, options)) {
    const added = sheet.addRow(ORDER_TABLE_COLUMNS.map((column) => row[column]));
    // Set explicitly: exceljs types a value by its JavaScript type, and these must stay strings.
    ORDER_TABLE_COLUMNS.forEach((column, index) => {
      if (TEXT_COLUMNS.has(column)) added.getCell(index + 1).value = escapeOoxml(String(row[column]));
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * What XML cannot carry in a cell (a carriage return, control characters) as OOXML's _xHHHH_, the way
 * Excel writes it; a literal "_xHHHH_" in the text is protected as _x005F_xHHHH_. exceljs writes text as given.
 */
function escapeOoxml(text: string): string {
  return text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(NOT_IN_XML_TEXT, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

// eslint-disable-next-line no-control-regex -- these are the characters to escape
const NOT_IN_XML_TEXT = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f]/g;

function csvValue(column: OrderTableColumn, value: Cell): string {
  if (typeof value === 'string') return value;
  if (column === 'price' || column === 'amount' || column === 'vat') return cmlAmount(Math.round(value * 100)).replace('.', ',');
  return String(value);
}

function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** YYYY-MM-DD → DD.MM.YYYY */
function russianDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
