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

/** More rows than any order has: a file beyond this is not an order (a whole price list picked by mistake). */
const MAX_ROWS = 20_000;
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
  const rows: SourceRow[] = [];
  for await (const batch of source.rows()) {
    rows.push(...batch);
    if (rows.length > MAX_ROWS) {
      throw new PorterError('FILE_TOO_LARGE', `${fileName} has more than ${MAX_ROWS} rows: that is not an order`, { file: fileName });
    }
  }
  const header = findHeader(rows);
  const result: ParsedOrderLines = { lines: [], unreadable: [] };
  const body = header ? rows.slice(header.index + 1) : rows;
  let first = true;
  for (const { row, cells } of body) {
    const text = rowText(cells);
    if (text === '') continue;
    if (!header && first) {
      first = false;
      if (isHeadingRow(cells)) continue;
    }
    const read = header ? readByColumns(cells, header.columns, row, text) : readOrderLineCells(cells.slice(0, 2), row, text);
    if (read === null) continue;
    if (isOrderLineEntry(read)) result.lines.push(read);
    else result.unreadable.push(read);
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
