import type { Migration } from '../migrate';

/**
 * Manager mode: the supplier's side. New tables only; nothing existing changes.
 *
 * `stores` is the stores directory (by customer code, the key 1C knows a counterparty by).
 * `received_orders` is the manager's order book: every order that arrived — through the exchange API
 * (`inbox_id` links the network request log), the watched folder, a file the manager opened, or the
 * demo history — once per (store, order id). Its lines keep what the store ordered next to what the
 * manager made of it; every change is logged in `received_order_changes` (who, when, old → new, why;
 * `batch_id` groups one batch action so it can be undone as a whole until exported).
 * `order_exports` record what was handed to the back office, so nothing is exported twice by accident.
 * `exchange_folder_files` remember each file taken from the watched folder by its content hash, so a
 * file dropped twice is imported once, and a quarantined one keeps its reason.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'manager mode: stores directory, order book, changes, exports, folder intake',
  up(db) {
    db.exec(`
      CREATE TABLE stores (
        customer_code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        price_type TEXT NOT NULL DEFAULT '',
        delivery_days TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE received_orders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        store_code TEXT NOT NULL,
        store_name TEXT NOT NULL,
        order_id TEXT NOT NULL,
        number TEXT NOT NULL,
        format TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('api', 'folder', 'file', 'demo')),
        source_name TEXT NOT NULL,
        inbox_id INTEGER UNIQUE REFERENCES exchange_inbox(id),
        ordered_on TEXT NOT NULL,
        received_at TEXT NOT NULL,
        delivery_date TEXT,
        comment TEXT NOT NULL DEFAULT '',
        price_list_id TEXT,
        prices_include_vat INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'accepted', 'rejected', 'held', 'exported')),
        state_reason TEXT NOT NULL DEFAULT '',
        document TEXT NOT NULL,
        UNIQUE (store_code, order_id)
      ) STRICT;
      CREATE INDEX received_orders_by_store ON received_orders (store_code, ordered_on);
      CREATE INDEX received_orders_by_state ON received_orders (state, received_at);

      CREATE TABLE received_order_lines (
        received_order_id INTEGER NOT NULL REFERENCES received_orders(id) ON DELETE CASCADE,
        line_number INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        ordered_quantity REAL NOT NULL,
        quantity REAL NOT NULL,
        ordered_price_kopecks INTEGER NOT NULL,
        price_kopecks INTEGER NOT NULL,
        vat_rate INTEGER,
        PRIMARY KEY (received_order_id, line_number)
      ) STRICT;
      CREATE INDEX received_order_lines_by_item ON received_order_lines (item_code);

      CREATE TABLE received_order_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        received_order_id INTEGER NOT NULL REFERENCES received_orders(id) ON DELETE CASCADE,
        line_number INTEGER,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        reason TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        batch_id TEXT
      ) STRICT;
      CREATE INDEX received_order_changes_by_order ON received_order_changes (received_order_id, id);
      CREATE INDEX received_order_changes_by_batch ON received_order_changes (batch_id);

      CREATE TABLE order_exports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE order_export_orders (
        export_id INTEGER NOT NULL REFERENCES order_exports(id) ON DELETE CASCADE,
        received_order_id INTEGER NOT NULL REFERENCES received_orders(id) ON DELETE CASCADE,
        PRIMARY KEY (export_id, received_order_id)
      ) STRICT;
      CREATE INDEX order_export_orders_by_order ON order_export_orders (received_order_id);

      CREATE TABLE exchange_folder_files (
        sha256 TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'quarantined')),
        reason TEXT NOT NULL DEFAULT '',
        received_order_ids TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
