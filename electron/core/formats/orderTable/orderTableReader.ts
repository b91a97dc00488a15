import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PorterError } from '../../../../shared/errors';
import { divideRounded, parseDecimal, parseMoney } from '../../../../shared/money';
import { NO_RECEIVED_ORDER_STATUS, type ReceivedOrder, type ReceivedOrderLine } from '../../../../shared/exchange';
import { cmlBoolean, isoDate, vatPercent } from '../commerceml/values';
import { openTabularSource } from '../openTabularSource';
import type { SourceRow } from '../tabularSource';
import { columnsByMapping, headingSignature, rowHeadings, type OrderColumnLookup } from './orderColumnMapping';
import { columnForHeading, fromInertText, ORDER_TABLE_HEADINGS, type OrderTableColumn } from './orderTableColumns';

/** More order lines than a supplier receives in one file: beyond this it is not a file of orders. */
export const MAX_ORDER_TABLE_LINES = 100_000;
const HEADER_SEARCH_ROWS = 20;
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Orders from a CSV or XLSX file with one row per order line (Porter's own order tables, or a
 * supplier's hand-made ones): the header is found by its headings in Russian or English (among the
 * first 20 rows), rows are grouped into orders by order id, else by order number (a table with
 * neither column: by store, the orders known again by the file's content hash). Formula guards
 * written by Porter (a leading apostrophe) are removed. A bad cell stops the file with its row and
 * column: half an order is worse than none. Files past MAX_ORDER_TABLE_LINES lines are refused
 * while streaming, so a huge file never fills memory.
 *
 * A row whose headings have a remembered column mapping (`options.mappings`, by the headings' signature)
 * is the header, read with that mapping. A file with no header found fails with ORDER_COLUMNS_UNKNOWN
 * and its headings (details.headings: the first row of two or more cells), for the manager to map.
 */
export async function readOrderTable(
  filePath: string,
  fileName = path.basename(filePath),
  options: { mappings?: OrderColumnLookup } = {},
): Promise<ReceivedOrder[]> {
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
    // A table with no order number at all (a sender's own): one order per store, its id given at the end.
    const id = numbered(header!.columns)
      ? read.text('orderId') || read.text('number')
      : `store:${read.text('customerCode') || read.text('store')}`;
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
      header = findHeader(row, options.mappings);
      if (!header && firstRows.length >= HEADER_SEARCH_ROWS) throw noHeader(fileName, firstRows);
    }
  }
  if (!header) throw noHeader(fileName, firstRows);
  if (!numbered(header.columns)) {
    // Known again by the file's content: the same file taken in twice is a duplicate, another file is new orders.
    const digest = await sha256Of(filePath);
    let n = 0;
    for (const order of orders.values()) order.id = `table-${digest.slice(0, 32)}-${++n}`;
  }
  for (const order of orders.values()) order.totals = totalsOf(order.lines);
  return [...orders.values()];
}

function findHeader(
  row: SourceRow,
  mappings: OrderColumnLookup | undefined,
): { row: number; columns: Map<OrderTableColumn, number> } | null {
  if (mappings && row.cells.some((c) => c.trim() !== '')) {
    const headings = rowHeadings(row.cells);
    const mapping = mappings(headingSignature(headings));
    if (mapping) return { row: row.row, columns: columnsByMapping(headings, mapping) };
  }
  const columns = new Map<OrderTableColumn, number>();
  row.cells.forEach((cell, index) => {
    const column = columnForHeading(cell);
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const found = columns.has('quantity') && (columns.has('itemCode') || columns.has('barcode'));
  return found ? { row: row.row, columns } : null;
}

function numbered(columns: ReadonlyMap<OrderTableColumn, number>): boolean {
  return columns.has('orderId') || columns.has('number');
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 16 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** No header found: the headings the file likely has (its first row of two or more cells, else its first row) go with the error. */
function noHeader(fileName: string, firstRows: readonly SourceRow[]): PorterError {
  const h = ORDER_TABLE_HEADINGS.ru;
  const filled = (row: SourceRow) => row.cells.filter((c) => c.trim() !== '').length;
  const candidate = firstRows.find((row) => filled(row) >= 2) ?? firstRows.find((row) => filled(row) >= 1);
  const message = `${fileName}: no header row with the columns "${h.itemCode}" (or "${h.barcode}") and "${h.quantity}" in the first ${HEADER_SEARCH_ROWS} rows`;
  if (!candidate) return new PorterError('FILE_FORMAT', message, { file: fileName, field: 'quantity' });
  const headings = rowHeadings(candidate.cells);
  return new PorterError(
    'ORDER_COLUMNS_UNKNOWN',
    `${message}; row ${candidate.row} has the headings ${headings
      .slice(0, 40)
      .map((x) => `"${x.slice(0, 60)}"`)
      .join(', ')}: map them to order columns`,
    { file: fileName, row: candidate.row, field: 'quantity', headings, headingColumns: headings.map(columnForHeading) },
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
