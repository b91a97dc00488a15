import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'initial: settings, price lists, draft orders',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE price_lists (
        id TEXT PRIMARY KEY,
        source_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        item_count INTEGER NOT NULL,
        category_count INTEGER NOT NULL,
        prices_include_vat INTEGER NOT NULL,
        catalog_file TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        price_list_id TEXT,
        prices_include_vat INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE order_lines (
        order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        item_code TEXT NOT NULL,
        name TEXT NOT NULL,
        barcode TEXT NOT NULL,
        unit TEXT NOT NULL,
        pack_multiple INTEGER NOT NULL,
        min_order_quantity INTEGER NOT NULL,
        price_kopecks INTEGER NOT NULL,
        vat_rate INTEGER NOT NULL,
        stock INTEGER,
        quantity INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (order_id, item_code)
      ) STRICT;
    `);
  },
};
