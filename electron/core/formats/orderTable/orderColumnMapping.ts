import { PorterError } from '../../../../shared/errors';
import { normalizeSearchText } from '../../../../shared/search';
import { columnForHeading, ORDER_TABLE_HEADINGS, type OrderTableColumn } from './orderTableColumns';

/** A heading → the column it holds (null: left out). */
export type HeadingMapping = Readonly<Record<string, OrderTableColumn | null>>;

/** The remembered mapping for a row of headings (by its signature), or null. */
export type OrderColumnLookup = (signature: string) => HeadingMapping | null;

/** A heading as compared: case, ё, spaces and punctuation do not matter. */
export function headingKey(heading: string): string {
  return normalizeSearchText(heading)
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

/** The headings of a row, the empty ones at its end dropped (a spreadsheet's trailing empty cells). */
export function rowHeadings(cells: readonly string[]): string[] {
  const headings = cells.map((c) => c.trim());
  while (headings.length > 0 && headings[headings.length - 1] === '') headings.pop();
  return headings;
}

/** The source a mapping is remembered for: the headings, normalised, in their order. */
export function headingSignature(headings: readonly string[]): string {
  return rowHeadings(headings).map(headingKey).join('|');
}

/**
 * The columns a row of headings is read with under a mapping: a heading the mapping names is read as
 * its column (or left out for null), a heading it does not name by its own name. Refused when the
 * quantity or both the code and the barcode are missing, or when a column is given to two headings.
 */
export function columnsByMapping(headings: readonly string[], mapping: HeadingMapping): Map<OrderTableColumn, number> {
  const byKey = new Map<string, OrderTableColumn | null>();
  for (const [heading, column] of Object.entries(mapping)) byKey.set(headingKey(heading), column);
  const columns = new Map<OrderTableColumn, number>();
  const h = ORDER_TABLE_HEADINGS.ru;
  headings.forEach((heading, index) => {
    if (heading.trim() === '') return;
    const key = headingKey(heading);
    const column = byKey.has(key) ? byKey.get(key)! : columnForHeading(heading);
    if (!column) return;
    const taken = columns.get(column);
    if (taken !== undefined) {
      throw new PorterError(
        'INVALID_INPUT',
        `Column mapping: "${headings[taken]}" and "${heading}" are both mapped to "${h[column]}"; a column can be given to one heading only`,
        { field: heading, column },
      );
    }
    columns.set(column, index);
  });
  if (!columns.has('quantity') || !(columns.has('itemCode') || columns.has('barcode'))) {
    const missing = [
      !columns.has('quantity') ? `"${h.quantity}"` : null,
      !(columns.has('itemCode') || columns.has('barcode')) ? `"${h.itemCode}" (or "${h.barcode}")` : null,
    ]
      .filter(Boolean)
      .join(' and ');
    throw new PorterError('IMPORT_MAPPING_INCOMPLETE', `Column mapping: no heading is mapped to ${missing}`, {
      field: !columns.has('quantity') ? 'quantity' : 'itemCode',
    });
  }
  return columns;
}
