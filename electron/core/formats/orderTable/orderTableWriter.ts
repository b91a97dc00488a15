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
export type OrderTableRow = Record<OrderTableColumn, Cell>;

/** One row per order line, the order's fields repeated on each, text cells already made inert. */
export function orderTableRows(orders: readonly Order[], options: OrderTableOptions): OrderTableRow[] {
  const customer = orderCustomer(options.store);
  const rows: OrderTableRow[] = [];
  for (const order of orders) {
    const date = localDateTime(orderMoment(order), options.offsetMinutes).date;
    for (const line of order.lines) {
      rows.push(
        orderTableRow(
          {
            number: order.number,
            date,
            store: customer.name,
            customerCode: customer.code,
            deliveryDate: order.deliveryDate,
            comment: order.comment,
            orderId: order.id,
            pricesIncludeVat: order.pricesIncludeVat,
          },
          line,
          options.locale,
        ),
      );
    }
  }
  return rows;
}

/** What an order table repeats on each of an order's rows. */
export interface OrderTableHead {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  store: string;
  customerCode: string;
  deliveryDate: string | null;
  comment: string;
  orderId: string;
  pricesIncludeVat: boolean;
}

/** A line as an order table states it; vatRate null: the order states no rate (an empty cell). */
export interface OrderTableLine {
  itemCode: string;
  barcode: string;
  name: string;
  unit: string;
  quantity: number;
  priceKopecks: number;
  vatRate: number | null;
  amountKopecks: number;
  vatKopecks: number;
}

/** One row of the table (whoever's order it is), text cells made inert. */
export function orderTableRow(head: OrderTableHead, line: OrderTableLine, locale: OrderTableOptions['locale']): OrderTableRow {
  const row: OrderTableRow = {
    number: head.number,
    date: russianDate(head.date),
    store: head.store,
    customerCode: head.customerCode,
    itemCode: line.itemCode,
    barcode: line.barcode,
    name: line.name,
    unit: line.unit,
    quantity: line.quantity,
    price: line.priceKopecks / 100,
    vatRate: line.vatRate ?? '',
    amount: line.amountKopecks / 100,
    vat: line.vatKopecks / 100,
    vatIncluded: head.pricesIncludeVat ? (locale === 'en' ? 'yes' : 'да') : locale === 'en' ? 'no' : 'нет',
    deliveryDate: head.deliveryDate === null ? '' : russianDate(head.deliveryDate),
    comment: head.comment,
    orderId: head.orderId,
  };
  for (const column of TEXT_COLUMNS) row[column] = inertText(String(row[column]));
  return row;
}

/**
 * Orders as CSV the way Excel in Russia opens it with a double click: UTF-8 with a BOM (without one
 * Excel reads windows-1251), ';' between cells, decimal commas, CRLF line ends. Cells are quoted when
 * they hold ';', quotes or line breaks; formula-like text is made inert.
 */
export function writeOrdersCsv(orders: readonly Order[], options: OrderTableOptions): string {
  return writeOrderTableCsv(orderTableRows(orders, options), options.locale);
}

/** Rows made by orderTableRow as CSV, the way writeOrdersCsv writes them. */
export function writeOrderTableCsv(rows: readonly OrderTableRow[], locale: OrderTableOptions['locale']): string {
  const headings = ORDER_TABLE_HEADINGS[locale ?? 'ru'];
  const lines = [ORDER_TABLE_COLUMNS.map((column) => csvCell(headings[column]))];
  for (const row of rows) {
    lines.push(ORDER_TABLE_COLUMNS.map((column) => csvCell(csvValue(column, row[column]))));
  }
  return `\ufeff${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
}

/**
 * Orders as an XLSX workbook: text columns are text cells (codes keep their leading zeros; formula-like
 * text is stored as a string and made inert, never as a formula), money and quantities are numbers.
 */
export async function writeOrdersXlsx(orders: readonly Order[], options: OrderTableOptions): Promise<Buffer> {
  return writeOrderTableXlsx(orderTableRows(orders, options), options.locale);
}

/** Rows made by orderTableRow as a workbook, the way writeOrdersXlsx writes them. */
export async function writeOrderTableXlsx(rows: readonly OrderTableRow[], locale: OrderTableOptions['locale']): Promise<Buffer> {
  // exceljs costs ~300 ms to load: only when a workbook is actually written.
  const { default: ExcelJS } = await import('exceljs');
  const { PassThrough } = await import('node:stream');
  // The streaming writer: a day's batch (150k lines) takes seconds, where the in-memory workbook takes minutes.
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true, useStyles: true });
  workbook.creator = 'Porter';
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Orders' : 'Заказы', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headings = ORDER_TABLE_HEADINGS[locale ?? 'ru'];
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
  for (const row of rows) {
    const added = sheet.addRow(ORDER_TABLE_COLUMNS.map((column) => row[column]));
    // Set explicitly: exceljs types a value by its JavaScript type, and these must stay strings.
    ORDER_TABLE_COLUMNS.forEach((column, index) => {
      if (TEXT_COLUMNS.has(column)) added.getCell(index + 1).value = escapeOoxml(String(row[column]));
    });
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
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
