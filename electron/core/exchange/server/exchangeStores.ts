import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { sha256Hex } from '../canonicalJson';

export interface ExchangeStore {
  id: string;
  name: string;
  customerCode: string;
  priceType: string;
  createdAt: string;
}

interface StoreRow {
  id: string;
  name: string;
  customer_code: string;
  price_type: string;
  created_at: string;
}

const toStore = (r: StoreRow): ExchangeStore => ({
  id: r.id,
  name: r.name,
  customerCode: r.customer_code,
  priceType: r.price_type,
  createdAt: r.created_at,
});

/**
 * A store's columns, its price type the directory's (manager/storesDirectory.ts) when the directory has the
 * store: the price type the manager edits there is the one its orders are checked against, so it is the one
 * the store is served too, not the one copied when access was given.
 */
const STORE_COLUMNS = `e.id, e.name, e.customer_code, coalesce(d.price_type, e.price_type) AS price_type, e.created_at
  FROM exchange_stores e LEFT JOIN stores d ON d.customer_code = e.customer_code`;

/**
 * The stores allowed to use the exchange API, each with its own bearer token. Only the token's SHA-256
 * is stored: a copied database does not let anyone submit orders as a store. A token is 256 random
 * bits, so an unsalted fast hash is enough (there is nothing to guess from the hash).
 */
export class ExchangeStores {
  constructor(private readonly db: Database.Database) {}

  add(name: string, customerCode: string, priceType: string, now: Date = new Date()): { storeId: string; token: string } {
    const storeId = crypto.randomUUID();
    const token = `pt_${crypto.randomBytes(32).toString('base64url')}`;
    this.db
      .prepare('INSERT INTO exchange_stores (id, name, customer_code, price_type, token_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(storeId, name, customerCode, priceType, sha256Hex(token), now.toISOString());
    return { storeId, token };
  }

  revoke(storeId: string, now: Date = new Date()): boolean {
    return (
      this.db.prepare('UPDATE exchange_stores SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), storeId)
        .changes > 0
    );
  }

  /** The store a bearer token belongs to; null for an unknown or revoked token. */
  byToken(token: string): ExchangeStore | null {
    const row = this.db
      .prepare<[string], StoreRow>(`SELECT ${STORE_COLUMNS} WHERE e.token_sha256 = ? AND e.revoked_at IS NULL`)
      .get(sha256Hex(token));
    return row ? toStore(row) : null;
  }

  list(): ExchangeStore[] {
    return this.db
      .prepare<[], StoreRow>(`SELECT ${STORE_COLUMNS} WHERE e.revoked_at IS NULL ORDER BY e.created_at, e.rowid`)
      .all()
      .map(toStore);
  }
}
