import type { Migration } from '../migrate';

/**
 * Store-mode ordering: orders leave the draft state (submitted or exported, then read-only and in the
 * history), remember where they came from, and lines remember the price a repeat or template re-priced
 * them from. Templates are new tables. Existing drafts and their lines are kept as they are: the new
 * columns are empty for them, which is what a draft that was typed by hand has.
 *
 * Sent orders keep a frozen summary (line count, total, minimum order sum, normalised search text):
 * they never change again, and the history lists and searches thousands of them without reading lines.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'store ordering: sent orders, origin, re-priced lines, templates',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN origin TEXT NOT NULL DEFAULT '';
      ALTER TABLE orders ADD COLUMN submitted_at TEXT;
      ALTER TABLE orders ADD COLUMN exported_at TEXT;
      ALTER TABLE orders ADD COLUMN min_order_kopecks INTEGER;
      ALTER TABLE orders ADD COLUMN line_count INTEGER;
      ALTER TABLE orders ADD COLUMN gross_kopecks INTEGER;
      ALTER TABLE orders ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      CREATE INDEX orders_by_status ON orders (status, updated_at);

      ALTER TABLE order_lines ADD COLUMN repriced_from_kopecks INTEGER;

      CREATE TABLE order_templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        prices_include_vat INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE order_template_lines (
        template_id TEXT NOT NULL REFERENCES order_templates(id) ON DELETE CASCADE,
        item_code TEXT NOT NULL,
        name TEXT NOT NULL,
        barcode TEXT NOT NULL,
        unit TEXT NOT NULL,
        pack_multiple INTEGER NOT NULL,
        min_order_quantity INTEGER NOT NULL,
        price_kopecks INTEGER NOT NULL,
        vat_rate INTEGER NOT NULL,
        quantity INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (template_id, item_code)
      ) STRICT;
    `);
  },
};
