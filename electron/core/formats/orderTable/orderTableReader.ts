import path from 'node:path';
import { PorterError } from '../../../../shared/errors';
import { divideRounded, parseDecimal, parseMoney } from '../../../../shared/money';
import { NO_RECEIVED_ORDER_STATUS, type ReceivedOrder, type ReceivedOrderLine } from '../../../../shared/exchange';
import { cmlBoolean, isoDate, vatPercent } from '../commerceml/values';
import { openTabularSource } from '../openTabularSource';
import type { SourceRow } from '../tabularSource';
import { columnForHeading, fromInertText, ORDER_TABLE_HEADINGS, type OrderTableColumn } from './orderTableColumns';

/** More order lines than a supplier receives in one file: beyond this it is not a file of orders. */
export const MAX_ORDER_TABLE_LINES = 100_000;
const HEADER_SEARCH_ROWS = 20;
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Orders from a CSV or XLSX file with one row per order line (Porter's own order tables, or a
 * supplier's hand-made ones): the header is found by its headings in Russian or English (among the
 * first 20 rows), rows are grouped into orders by order id, else by order number. Formula guards
 * written by Porter (a leading apostrophe) are removed. A bad cell stops the file with its row and
 * column: half an order is worse than none. Files past MAX_ORDER_TABLE_LINES lines are refused
 * while streaming, so a huge file never fills memory.
 */
export async function readOrderTable(filePath: string, fileName = path.basename(filePath)): Promise<ReceivedOrder[]> {
  const source = await openTabularSource(filePath, fileName);
  const format = source.format;
  const orders = new Map<string, ReceivedOrder>();
  const firstRows: SourceRow[] = [];
  let header: { row: number; columns: Map<OrderTableColumn, number> } | null = null;
  let lines = 0;

  const take = (row: SourceRow): void => {
    if (row.cells.every((c) => c.trim() === '')) return;
    if (++lines > MAX_ORDER_TABLE_LINES) {
      throw new PorterError(
        'FILE_TOO_LARGE',
        `${fileName}, row ${row.row}: more than ${MAX_ORDER_TABLE_LINES.toLocaleString('en')} order lines; that is not a file of orders`,
        {
          file: fileName,
          row: row.row,
        },
      );
    }
    const read = rowReader(row, header!.columns, fileName);
    const id = read.text('orderId') || read.text('number');
    let order = orders.get(id);
    if (!order) {
      const customerCode = read.text('customerCode');
      const store = read.text('store');
      order = {
        format,
        id,
        number: read.text('number'),
        date: read.date('date'),
        time: null,
        number1c: null,
        date1c: null,
        operation: 'Заказ товара',
        role: 'Покупатель',
        currency: 'RUB',
        customer: { id: customerCode || store, code: customerCode, name: store },
        comment: read.text('comment'),
        deliveryDate: read.date('deliveryDate'),
        lines: [],
        totals: { grossKopecks: 0, vatKopecks: 0, netKopecks: 0, linesKopecks: 0, vatIncluded: true, matchesLines: true },
        status: NO_RECEIVED_ORDER_STATUS,
        requisites: [],
      };
      orders.set(id, order);
    }
    order.lines.push(read.line(order.lines.length + 1));
  };

  for await (const batch of source.rows()) {
    for (const row of batch) {
      if (header) {
        take(row);
        continue;
      }
      firstRows.push(row);
      header = findHeader(row);
      if (!header && firstRows.length >= HEADER_SEARCH_ROWS) throw noHeader(fileName);
    }
  }
  if (!header) throw noHeader(fileName);
  for (const order of orders.values()) order.totals = totalsOf(order.lines);
  return [...orders.values()];
}

function findHeader(row: SourceRow): { row: number; columns: Map<OrderTableColumn, number> } | null {
  const columns = new Map<OrderTableColumn, number>();
  row.cells.forEach((cell, index) => {
    const column = columnForHeading(cell);
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const found = columns.has('quantity') && (columns.has('itemCode') || columns.has('barcode'));
  return found ? { row: row.row, columns } : null;
}

function noHeader(fileName: string): PorterError {
  const h = ORDER_TABLE_HEADINGS.ru;
  return new PorterError(
    'FILE_FORMAT',
    `${fileName}: no header row with the columns "${h.itemCode}" (or "${h.barcode}") and "${h.quantity}" in the first ${HEADER_SEARCH_ROWS} rows`,
    { file: fileName, field: 'quantity' },
  );
}

function rowReader(row: SourceRow, columns: ReadonlyMap<OrderTableColumn, number>, file: string) {
  const raw = (column: OrderTableColumn): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '');
  };
  const fail = (column: OrderTableColumn, what: string): never => {
    const heading = ORDER_TABLE_HEADINGS.ru[column];
    throw new PorterError('FILE_FORMAT', `${file}, row ${row.row}, column "${heading}": ${what}: "${raw(column).trim().slice(0, 60)}"`, {
      file,
      row: row.row,
      field: column,
    });
  };
  const text = (column: OrderTableColumn): string => fromInertText(raw(column)).trim();
  const money = (column: OrderTableColumn): number | null => {
    const t = raw(column).trim();
    if (t === '') return null;
    return parseMoney(t) ?? fail(column, 'not an amount');
  };
  const date = (column: OrderTableColumn): string | null => {
    const t = raw(column).trim();
    if (t === '') return null;
    if (/^\d{5}(\.0+)?$/.test(t)) return new Date(EXCEL_EPOCH + Number.parseInt(t, 10) * 86_400_000).toISOString().slice(0, 10);
    return isoDate(t) ?? fail(column, 'not a date');
  };
  const line = (lineNumber: number): ReceivedOrderLine => {
    const itemCode = text('itemCode');
    const barcode = text('barcode');
    if (itemCode === '' && barcode === '') fail('itemCode', 'the line has neither a code nor a barcode');
    const quantityText = raw('quantity').trim();
    const d = parseDecimal(quantityText);
    const quantity = d && !d.negative ? Number(`${d.integer || '0'}.${d.fraction || '0'}`) : fail('quantity', 'not a quantity');
    const priceKopecks = money('price') ?? 0;
    const amountKopecks = money('amount') ?? Math.round(priceKopecks * quantity);
    const rateText = raw('vatRate').trim();
    const vatRate = rateText === '' ? null : (vatPercent(rateText) ?? fail('vatRate', 'not a VAT rate'));
    const includedText = raw('vatIncluded').trim();
    const vatIncluded = includedText === '' ? true : (yesNo(includedText) ?? fail('vatIncluded', 'not yes or no'));
    const vatKopecks =
      money('vat') ??
      (vatRate === null
        ? null
        : vatIncluded
          ? divideRounded(amountKopecks * vatRate, 100 + vatRate)
          : divideRounded(amountKopecks * vatRate, 100));
    return {
      lineNumber,
      itemId: '',
      itemCode: itemCode || barcode,
      barcode,
      name: text('name'),
      unit: text('unit'),
      unitCode: '',
      quantity,
      priceKopecks,
      amountKopecks,
      vatRate,
      vatKopecks,
      vatIncluded,
    };
  };
  return { text, date, line };
}

function yesNo(text: string): boolean | null {
  const t = text.toLowerCase();
  if (t === 'yes' || t === 'y') return true;
  if (t === 'no' || t === 'n') return false;
  return cmlBoolean(t);
}

function totalsOf(lines: readonly ReceivedOrderLine[]): ReceivedOrder['totals'] {
  const linesKopecks = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
  const vatKopecks = lines.reduce((sum, l) => sum + (l.vatKopecks ?? 0), 0);
  const vatIncluded = lines.every((l) => l.vatIncluded);
  const vatOnTop = lines.reduce((sum, l) => sum + (l.vatIncluded ? 0 : (l.vatKopecks ?? 0)), 0);
  const grossKopecks = linesKopecks + vatOnTop;
  return { grossKopecks, vatKopecks, netKopecks: grossKopecks - vatKopecks, linesKopecks, vatIncluded, matchesLines: true };
}
