import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import { orderColumnMappingSchema, type OrderColumnMapping, type OrderColumnMappingInput } from '../../../shared/manager';
import {
  columnsByMapping,
  headingKey,
  headingSignature,
  rowHeadings,
  type HeadingMapping,
  type OrderColumnLookup,
} from '../formats/orderTable/orderColumnMapping';
import { columnForHeading, type OrderTableColumn } from '../formats/orderTable/orderTableColumns';

/** Settings keys of remembered mappings: this prefix, then the headings' signature. */
const PREFIX = 'orderTable.columns:';

/**
 * Column mappings of order tables (CSV, XLSX) whose headings Porter does not know, remembered per
 * source — the file's headings, normalised — in the settings table, so the next file from the same
 * sender is read with its mapping without asking.
 */
export class OrderColumnMappings {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Checks and stores a mapping for files with these headings (replacing the one they had). */
  save(input: OrderColumnMappingInput): OrderColumnMapping {
    const headings = rowHeadings(input.headings);
    if (headings.every((h) => h === '')) {
      throw new PorterError('INVALID_INPUT', 'Column mapping: the file has no headings', { field: 'headings' });
    }
    const keys = new Set(headings.map(headingKey));
    for (const heading of Object.keys(input.mapping)) {
      if (!keys.has(headingKey(heading))) {
        throw new PorterError('INVALID_INPUT', `Column mapping: "${heading}" is not one of the file's headings`, { field: heading });
      }
    }
    const given = new Map<string, OrderTableColumn | null>();
    for (const [heading, column] of Object.entries(input.mapping)) given.set(headingKey(heading), column);
    // Every heading is stored with the column it is read as, so the mapping does not change with Porter's own names.
    const mapping: Record<string, OrderTableColumn | null> = {};
    for (const heading of headings) {
      if (heading === '' || Object.hasOwn(mapping, heading)) continue;
      const key = headingKey(heading);
      mapping[heading] = given.has(key) ? given.get(key)! : columnForHeading(heading);
    }
    columnsByMapping(headings, mapping);
    const saved: OrderColumnMapping = { signature: headingSignature(headings), headings, mapping, savedAt: this.clock().toISOString() };
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(PREFIX + saved.signature, JSON.stringify(saved));
    return saved;
  }

  list(): OrderColumnMapping[] {
    const rows = this.db
      .prepare<[number, string], { value: string }>('SELECT value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key')
      .all(PREFIX.length, PREFIX);
    return rows.flatMap((row) => {
      const parsed = orderColumnMappingSchema.safeParse(safeJson(row.value));
      return parsed.success ? [parsed.data] : [];
    });
  }

  delete(signature: string): boolean {
    return this.db.prepare('DELETE FROM settings WHERE key = ?').run(PREFIX + signature).changes > 0;
  }

  /** For the order table reader: the mapping remembered for a row of headings. */
  readonly lookup: OrderColumnLookup = (signature: string): HeadingMapping | null => {
    const value = this.db
      .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(PREFIX + signature);
    if (value === undefined) return null;
    const parsed = orderColumnMappingSchema.safeParse(safeJson(value));
    return parsed.success ? parsed.data.mapping : null;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
