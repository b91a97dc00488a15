import type { Item, LineImportReport } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import {
  headingKind,
  isHeadingRow,
  isOrderLineEntry,
  parseOrderQuantity,
  readOrderLineCells,
  type OrderLineEntry,
  type OrderLineHeading,
  type ParsedOrderLines,
} from '../../../shared/orderLinesText';
import { openTabularSource } from '../formats/openTabularSource';
import type { SourceRow } from '../formats/tabularSource';
import type { PriceListLookup } from './orderRows';

/** More lines than any order has: beyond this the file is not an order (a whole price list picked by mistake). */
const MAX_LINES = 10_000;
/** Headings are looked for in the first rows only (a letterhead may come before them). */
const HEADER_SEARCH_ROWS = 20;

export interface MatchedLines {
  additions: { item: Item; quantity: number }[];
  report: LineImportReport;
}

/** Finds each line's item in the current price list, by code first, then by barcode. */
export function matchOrderLines(parsed: ParsedOrderLines, catalog: PriceListLookup | null): MatchedLines {
  const additions: { item: Item; quantity: number }[] = [];
  const unmatched: LineImportReport['unmatched'] = parsed.unreadable.map(({ row, reference, reason, text }) => ({
    row,
    reference,
    reason,
    text,
  }));
  for (const line of parsed.lines) {
    const item = catalog ? findItem(line, catalog) : null;
    if (item) additions.push({ item, quantity: line.quantity });
    else unmatched.push({ row: line.row, reference: line.reference, reason: 'unknownItem', text: line.text });
  }
  unmatched.sort((a, b) => a.row - b.row);
  return { additions, report: { added: additions.length, unmatched } };
}

function findItem(line: OrderLineEntry, catalog: PriceListLookup): Item | null {
  for (const reference of line.references) {
    const item = catalog.itemByCode(reference);
    if (item) return item;
  }
  for (const reference of line.references) {
    const item = catalog.itemByBarcode(reference);
    if (item) return item;
  }
  return null;
}

/**
 * Order lines from a CSV or XLSX file. Columns are found by their headings (code, barcode, quantity —
 * in Russian or English); without headings the first column is the reference and the second the
 * quantity. Row numbers are the spreadsheet's.
 */
export async function readOrderLinesFile(filePath: string, fileName: string): Promise<ParsedOrderLines> {
  const source = await openTabularSource(filePath, fileName);
  const result: ParsedOrderLines = { lines: [], unreadable: [] };
  // The first rows wait until the headings are found (or known to be absent); the rest stream through.
  const firstRows: SourceRow[] = [];
  let header: HeaderColumns | null | undefined;
  let first = true;
  const take = (row: SourceRow): void => {
    const text = rowText(row.cells);
    if (text === '') return;
    if (!header && first) {
      first = false;
      if (isHeadingRow(row.cells)) return;
    }
    const read = header
      ? readByColumns(row.cells, header.columns, row.row, text)
      : readOrderLineCells(row.cells.slice(0, 2), row.row, text);
    if (read === null) return;
    if (isOrderLineEntry(read)) result.lines.push(read);
    else result.unreadable.push(read);
    if (result.lines.length + result.unreadable.length > MAX_LINES) {
      throw new PorterError('FILE_TOO_LARGE', `${fileName} has more than ${MAX_LINES} order lines: that is not an order`, {
        file: fileName,
        row: row.row,
      });
    }
  };
  for await (const batch of source.rows()) {
    for (const row of batch) {
      if (header !== undefined) {
        take(row);
        continue;
      }
      firstRows.push(row);
      if (firstRows.length === HEADER_SEARCH_ROWS) {
        header = findHeader(firstRows);
        firstRows.slice(header ? header.index + 1 : 0).forEach(take);
      }
    }
  }
  if (header === undefined) {
    header = findHeader(firstRows);
    firstRows.slice(header ? header.index + 1 : 0).forEach(take);
  }
  return result;
}

interface HeaderColumns {
  index: number;
  columns: Record<OrderLineHeading, number[]>;
}

function findHeader(rows: readonly SourceRow[]): HeaderColumns | null {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const columns: Record<OrderLineHeading, number[]> = { code: [], barcode: [], quantity: [] };
    rows[index]!.cells.forEach((cell, column) => {
      const kind = headingKind(cell);
      if (kind) columns[kind].push(column);
    });
    if (columns.quantity.length > 0 && columns.code.length + columns.barcode.length > 0) return { index, columns };
  }
  return null;
}

function readByColumns(
  cells: readonly string[],
  columns: Record<OrderLineHeading, number[]>,
  row: number,
  text: string,
): ReturnType<typeof readOrderLineCells> {
  const valueAt = (column: number) => (cells[column] ?? '').trim();
  // Codes first, then barcodes: each is tried as a code, then as a barcode.
  const references = [...columns.code, ...columns.barcode].map(valueAt).filter((v) => v !== '');
  const quantityText = valueAt(columns.quantity[0]!);
  // An order form: the supplier's list with a quantity column filled in for some rows only.
  if (/^0*(?:[.,]0*)?$/.test(quantityText)) return null;
  const reference = references[0] ?? '';
  if (reference === '') return { row, reference: '', reason: 'unreadable', text };
  const quantity = parseOrderQuantity(quantityText);
  if (quantity === null) return { row, reference, reason: 'invalidQuantity', text };
  return { row, text, reference, references, quantity };
}

function rowText(cells: readonly string[]): string {
  const filled = cells.map((c) => c.trim());
  while (filled.length > 0 && filled[filled.length - 1] === '') filled.pop();
  const text = filled.join('; ');
  return filled.every((c) => c === '') ? '' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
