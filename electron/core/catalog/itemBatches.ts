import type { ImportOptions, Item, RejectedRow } from '../../../shared/domain';
import type { TabularSource } from '../formats/tabularSource';
import { parseRow } from './priceListTable';

/** Validated rows of a price list, ready to insert: what the reading side hands the writing side. */
export interface ItemBatch {
  items: Item[];
  /** The file row of each item, for reports that name rows (duplicates are found after loading). */
  sourceRows: number[];
  rejected: RejectedRow[];
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export type RowOptions = Pick<ImportOptions, 'headerRow' | 'mapping' | 'defaultVatRate'>;

/** Reads a source and turns its rows into items, category headings carried down, and rejections. */
export async function* readItemBatches(source: TabularSource, options: RowOptions, signal?: AbortSignal): AsyncGenerator<ItemBatch> {
  const rowOptions = { mapping: options.mapping, defaultVatRate: options.defaultVatRate };
  let currentCategory = '';
  let rowsRead = 0;
  for await (const rows of source.rows(signal)) {
    const batch: ItemBatch = { items: [], sourceRows: [], rejected: [], bytesRead: 0, totalBytes: source.totalBytes, rowsRead: 0 };
    for (const row of rows) {
      if (row.row <= options.headerRow) continue;
      rowsRead++;
      const parsed = parseRow(row, currentCategory, rowOptions);
      if (parsed.kind === 'category') currentCategory = parsed.name;
      else if (parsed.kind === 'rejected') batch.rejected.push(parsed.rejection);
      else if (parsed.kind === 'item') {
        batch.items.push(parsed.item);
        batch.sourceRows.push(row.row);
      }
    }
    batch.bytesRead = source.bytesRead();
    batch.rowsRead = rowsRead;
    yield batch;
  }
}
