/**
 * Order lines typed or copied by a purchaser: "code or barcode, quantity", one a line — copied from
 * Excel (tab-separated) or a text file (`;`, `,`, tab or spaces). Used for the clipboard and, cell
 * by cell, for CSV/XLSX files without headings.
 *
 * Reading a line: the first non-empty cell is the reference (item code or barcode); the quantity is
 * the next cell when it reads as one, else the last cell (so "code, name, quantity" works too).
 * A quantity is a whole number, written "12", "12,0", "12.00", "1 200" or "12 шт". A header line
 * ("Код;Количество") is skipped when it comes first; blank lines are skipped.
 */

/** Why a line could not be read (matching against the price list adds 'unknownItem'). */
export type UnreadableReason = 'invalidQuantity' | 'unreadable';

export interface OrderLineEntry {
  /** One-based line (clipboard) or row (file, as a spreadsheet numbers it). */
  row: number;
  /** What the line said, for the report. */
  text: string;
  /** What the report shows as the reference. */
  reference: string;
  /** Tried in order, each as an item code first, then as a barcode. */
  references: string[];
  quantity: number;
}

export interface UnreadableLine {
  row: number;
  reference: string;
  reason: UnreadableReason;
  text: string;
}

export interface ParsedOrderLines {
  lines: OrderLineEntry[];
  unreadable: UnreadableLine[];
}

export type OrderLineHeading = 'code' | 'barcode' | 'quantity';

const HEADINGS: Record<OrderLineHeading, readonly string[]> = {
  code: ['код', 'код товара', 'артикул', 'sku', 'code', 'item code', 'article'],
  barcode: ['штрихкод', 'штрих-код', 'штрих код', 'шк', 'barcode', 'ean', 'ean13', 'ean-13', 'gtin'],
  quantity: ['количество', 'кол-во', 'колво', 'кол', 'заказ', 'qty', 'quantity', 'кол-во заказа', 'количество заказа'],
};

const MAX_QUANTITY = 1_000_000_000;
const MAX_REFERENCE_LENGTH = 100;
const MAX_TEXT_LENGTH = 200;

/** What a column heading names, if it is one of the order-line headings ("Кол-во, шт" is quantity). */
export function headingKind(cell: string): OrderLineHeading | null {
  const text = cell
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\(.*?\)/g, '')
    .split(',')[0]!
    .replace(/[.:№#*]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  for (const kind of Object.keys(HEADINGS) as OrderLineHeading[]) {
    if (HEADINGS[kind].includes(text)) return kind;
  }
  return null;
}

/** A whole positive quantity, or null: "12", "12,0", "12.00", "1 200", "12 шт" → 12; "12,5", "0", "-3" → null. */
export function parseOrderQuantity(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^\+?(\d+)(?:[.,](\d+))?\p{L}*\.?$/u.exec(compact);
  if (!match) return null;
  if (match[2] !== undefined && /[^0]/.test(match[2])) return null;
  const quantity = Number(match[1]);
  return Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY ? quantity : null;
}

/** Cells of one pasted line: tab, else `;`, else `,` (a decimal comma in the quantity survives), else spaces. */
export function splitPastedLine(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map(cleanCell);
  if (line.includes(';')) return line.split(';').map(cleanCell);
  const firstComma = line.indexOf(',');
  // "000123, 12" is comma-separated; "000123 Молоко 3,2% 12" is spaces with a comma inside a name.
  if (firstComma > 0 && !/\S\s+\S/.test(line.slice(0, firstComma).trim())) {
    const cells = line.split(',').map(cleanCell);
    if (cells.length === 3 && /^\d+$/.test(cells[1]!) && /^\d+$/.test(cells[2]!)) {
      return [cells[0]!, `${cells[1]!},${cells[2]!}`];
    }
    return cells;
  }
  return line.trim().split(/\s+/).map(cleanCell);
}

/** Reads one line's cells; null for a blank line. */
export function readOrderLineCells(cells: readonly string[], row: number, text: string): OrderLineEntry | UnreadableLine | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const reference = filled[0];
  if (reference === undefined) return null;
  const shown = text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
  if (reference.length > MAX_REFERENCE_LENGTH) {
    return { row, reference: reference.slice(0, MAX_REFERENCE_LENGTH), reason: 'unreadable', text: shown };
  }
  const rest = filled.slice(1);
  const quantity = rest.length === 0 ? null : (parseOrderQuantity(rest[0]!) ?? parseOrderQuantity(rest[rest.length - 1]!));
  if (quantity === null) {
    // A line of words without a single digit is not an order line at all ("Заказ на понедельник").
    const reason: UnreadableReason = filled.some((c) => /\d/.test(c)) ? 'invalidQuantity' : 'unreadable';
    return { row, reference, reason, text: shown };
  }
  return { row, text: shown, reference, references: [reference], quantity };
}

export function isOrderLineEntry(line: OrderLineEntry | UnreadableLine): line is OrderLineEntry {
  return 'quantity' in line;
}

/** True when a line's cells look like column headings rather than an order line. */
export function isHeadingRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length > 0 && filled.some((c) => headingKind(c) !== null) && !filled.some((c) => parseOrderQuantity(c) !== null);
}

/** Parses clipboard text into order lines and the lines that could not be read. */
export function parseOrderLinesText(text: string): ParsedOrderLines {
  const result: ParsedOrderLines = { lines: [], unreadable: [] };
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let seenContent = false;
  rawLines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') return;
    const cells = splitPastedLine(line);
    if (!seenContent) {
      seenContent = true;
      if (isHeadingRow(cells)) return;
    }
    const read = readOrderLineCells(cells, index + 1, line.trim());
    if (read === null) return;
    if (isOrderLineEntry(read)) result.lines.push(read);
    else result.unreadable.push(read);
  });
  return result;
}

function cleanCell(cell: string): string {
  const trimmed = cell.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/""/g, '"').trim();
  return trimmed;
}
