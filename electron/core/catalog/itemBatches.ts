import type { ImportOptions, PriceListItem, RejectedRow } from '../../../shared/domain';
import type { TabularSource } from '../formats/tabularSource';
import { letterheadLine, readLetterhead, type LetterheadFacts } from './letterhead';
import { parseRow } from './priceListTable';

/** Separates the text fields of a batch; parseRow turns control characters in cells into spaces, so it never occurs inside one. */
const FIELD_SEPARATOR = '\u001f';
const TEXT_FIELDS = 5;
const NUMBER_FIELDS = 7;

/**
 * Validated rows of a price list, ready to insert: what the reading thread hands the inserting
 * thread. Columnar on purpose: one string and one typed array cross threads far faster than
 * thousands of objects.
 */
export interface ItemBatch {
  count: number;
  /** code, name, barcode, unit, category of each item, joined by FIELD_SEPARATOR. */
  text: string;
  /** packMultiple, minOrderQuantity, priceKopecks, vatRate, stock (NaN when unknown), stockAtLeast (0/1), file row — per item. */
  numbers: Float64Array;
  rejected: RejectedRow[];
  /** What the rows above the header say: on the first batch that reaches past the header. */
  letterhead?: LetterheadFacts;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface BatchItem {
  code: string;
  name: string;
  barcode: string;
  unit: string;
  category: string;
  packMultiple: number;
  minOrderQuantity: number;
  priceKopecks: number;
  vatRate: number;
  stock: number | null;
  stockAtLeast: boolean;
  sourceRow: number;
}

export function packItems(items: readonly PriceListItem[], sourceRows: readonly number[]): Pick<ItemBatch, 'count' | 'text' | 'numbers'> {
  const numbers = new Float64Array(items.length * NUMBER_FIELDS);
  // Joined by +=, not Array.join: V8 links the pieces and copies them once, when the batch is posted.
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    text +=
      (i === 0 ? '' : FIELD_SEPARATOR) +
      item.code +
      FIELD_SEPARATOR +
      item.name +
      FIELD_SEPARATOR +
      item.barcode +
      FIELD_SEPARATOR +
      item.unit +
      FIELD_SEPARATOR +
      item.category;
    const k = i * NUMBER_FIELDS;
    numbers[k] = item.packMultiple;
    numbers[k + 1] = item.minOrderQuantity;
    numbers[k + 2] = item.priceKopecks;
    numbers[k + 3] = item.vatRate;
    numbers[k + 4] = item.stock ?? NaN;
    numbers[k + 5] = item.stockAtLeast ? 1 : 0;
    numbers[k + 6] = sourceRows[i]!;
  }
  return { count: items.length, text, numbers };
}

/** Calls visit for each item of a batch; the same object is reused, so copy what you keep. */
export function forEachItem(batch: ItemBatch, visit: (item: BatchItem) => void): void {
  if (batch.count === 0) return;
  const text = batch.text.split(FIELD_SEPARATOR);
  const n = batch.numbers;
  const item = {} as BatchItem;
  for (let i = 0; i < batch.count; i++) {
    const t = i * TEXT_FIELDS;
    const k = i * NUMBER_FIELDS;
    item.code = text[t]!;
    item.name = text[t + 1]!;
    item.barcode = text[t + 2]!;
    item.unit = text[t + 3]!;
    item.category = text[t + 4]!;
    item.packMultiple = n[k]!;
    item.minOrderQuantity = n[k + 1]!;
    item.priceKopecks = n[k + 2]!;
    item.vatRate = n[k + 3]!;
    item.stock = Number.isNaN(n[k + 4]) ? null : n[k + 4]!;
    item.stockAtLeast = n[k + 5] === 1;
    item.sourceRow = n[k + 6]!;
    visit(item);
  }
}

export type RowOptions = Pick<ImportOptions, 'headerRow' | 'mapping' | 'defaultVatRate'>;

/** Reads a source and turns its rows into items, category headings carried down, and rejections. */
export async function* readItemBatches(source: TabularSource, options: RowOptions, signal?: AbortSignal): AsyncGenerator<ItemBatch> {
  const rowOptions = { mapping: options.mapping, defaultVatRate: options.defaultVatRate };
  let currentCategory = '';
  let rowsRead = 0;
  // Only the rows above the header are collected: data rows pay nothing for the letterhead.
  const letterhead: string[] = [];
  let letterheadSent = false;
  for await (const rows of source.rows(signal)) {
    const items: PriceListItem[] = [];
    const sourceRows: number[] = [];
    const rejected: RejectedRow[] = [];
    for (const row of rows) {
      if (row.row <= options.headerRow) {
        if (row.row < options.headerRow && letterhead.length < 100) {
          const line = letterheadLine(row);
          if (line !== '') letterhead.push(line);
        }
        continue;
      }
      rowsRead++;
      const parsed = parseRow(row, currentCategory, rowOptions);
      if (parsed.kind === 'category') currentCategory = parsed.name;
      else if (parsed.kind === 'rejected') rejected.push(parsed.rejection);
      else if (parsed.kind === 'item') {
        items.push(parsed.item);
        sourceRows.push(row.row);
      }
    }
    const batch: ItemBatch = {
      ...packItems(items, sourceRows),
      rejected,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
      rowsRead,
    };
    if (!letterheadSent && rowsRead > 0) {
      batch.letterhead = readLetterhead(letterhead);
      letterheadSent = true;
    }
    yield batch;
  }
}
