import type { Migration } from '../migrate';

/**
 * Exchange with the supplier over the network. New tables only; nothing existing changes.
 *
 * Store side: `exchange_outbox` holds one entry per order submitted while a connection was configured,
 * written in the same transaction as the order's status change, with the exact body to send (retries
 * must send the same bytes: the supplier compares the body's hash per Idempotency-Key). The supplier's
 * answers are kept per order (`order_confirmations`: status, latest confirmation) and per ordered line
 * (`order_confirmation_lines`: ordered vs confirmed; `replacement` is JSON).
 *
 * Supplier side (manager mode serving the API): `exchange_stores` are the stores allowed to connect, by a
 * SHA-256 hash of their token (the token itself is shown once and never stored). `exchange_inbox` holds
 * each received order under (store, Idempotency-Key) with its body's hash and the response given, so a
 * retry gets the same answer; `request_state` is 'inProgress' while a request is being processed.
 * `exchange_events` is the log stores read by cursor (the autoincrement id never reuses a value).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'exchange: outbox, confirmations, stores, inbox, events',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_outbox (
        order_id TEXT PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'needsAttention')),
        transport TEXT NOT NULL CHECK (transport IN ('http', 'folder')),
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error_code TEXT,
        last_error TEXT,
        supplier_status TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX exchange_outbox_due ON exchange_outbox (state, next_attempt_at);

      CREATE TABLE order_confirmations (
        order_id TEXT PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        confirmation_id TEXT,
        confirmed_at TEXT,
        supplier_number TEXT NOT NULL DEFAULT '',
        totals TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE order_confirmation_lines (
        order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        line_number INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        state TEXT NOT NULL,
        ordered_quantity INTEGER NOT NULL,
        confirmed_quantity INTEGER NOT NULL,
        price_kopecks INTEGER NOT NULL,
        vat_rate INTEGER NOT NULL,
        replacement TEXT,
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (order_id, line_number)
      ) STRICT;

      CREATE TABLE exchange_stores (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        customer_code TEXT NOT NULL,
        price_type TEXT NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE exchange_inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        store_id TEXT NOT NULL REFERENCES exchange_stores(id),
        idempotency_key TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        body TEXT NOT NULL,
        request_state TEXT NOT NULL CHECK (request_state IN ('inProgress', 'done')),
        claimed_at INTEGER NOT NULL,
        response_status INTEGER,
        response_body TEXT,
        order_number TEXT,
        delivery_date TEXT,
        line_count INTEGER,
        gross_kopecks INTEGER,
        status TEXT NOT NULL DEFAULT 'received',
        received_at TEXT,
        confirmation TEXT,
        UNIQUE (store_id, idempotency_key)
      ) STRICT;
      CREATE INDEX exchange_inbox_received ON exchange_inbox (request_state, received_at);

      CREATE TABLE exchange_events (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        store_id TEXT NOT NULL REFERENCES exchange_stores(id),
        inbox_id INTEGER NOT NULL REFERENCES exchange_inbox(id),
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX exchange_events_by_store ON exchange_events (store_id, cursor);
      CREATE INDEX exchange_events_by_inbox ON exchange_events (inbox_id);
    `);
  },
};
