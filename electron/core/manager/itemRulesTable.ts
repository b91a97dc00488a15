import type Database from 'better-sqlite3';
import type { CatalogReader, ItemRules } from '../catalog/catalogReader';
import { OPEN_STATES_SQL } from './orderChanges';
import { inBothBases, MAIN_PRICING, type StorePricing } from './storePricing';

/** A line's item as the checks and batch actions see it, its price in both VAT bases (an order states its own). */
export interface LineItemRules extends ItemRules {
  priceGrossKopecks: number;
  priceNetKopecks: number;
}

/** The price an order's line should carry, in the order's VAT basis. */
export function currentPriceFor(rules: LineItemRules, pricesIncludeVat: boolean): number {
  return pricesIncludeVat ? rules.priceGrossKopecks : rules.priceNetKopecks;
}

/** In the caller's transaction when there is one. */
export function inTransaction<T>(db: Database.Database, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work)();
}

type TypedPricing = Extract<StorePricing, { kind: 'typed' }>;

interface RulesRow {
  code: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  price_gross: number;
  price_net: number;
  vat_rate: number;
  stock: number | null;
  stock_at_least: number;
  category: string | null;
}

/**
 * The current price list's rules of the orders' items, as temporary tables of the manager's connection
 * that the checks join in SQL — read from the price list once per price list, not once per check:
 *  - manager_item_rules: per code the item's rules and main price in both VAT bases (found 0: not in the
 *    list), and the batch's demand the checks sum into it;
 *  - manager_item_rules_source: the price list they were read from, so a rolled-back transaction cannot
 *    leave another list's rules behind; a new list empties the tables;
 *  - manager_store_pricing: each store not priced at the main price (storePricing.ts), with its type's id
 *    (NULL: the list lacks its type) — a few rows, rewritten at each check so a directory edit counts;
 *  - manager_item_type_prices: per (price type, code) the type's price in both VAT bases (found 0: no
 *    price of that type, or no such item), read only for the codes ordered by stores of that type.
 */
export class ItemRulesTable {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS manager_item_rules (
        code TEXT PRIMARY KEY,
        found INTEGER NOT NULL,
        pack_multiple INTEGER, min_order_quantity INTEGER, price_kopecks INTEGER, price_gross INTEGER, price_net INTEGER,
        vat_rate INTEGER, stock INTEGER, stock_at_least INTEGER, category TEXT,
        demand REAL NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TEMP TABLE IF NOT EXISTS manager_item_rules_source (price_list_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS manager_store_pricing (
        store_code TEXT PRIMARY KEY,
        price_type_id INTEGER
      ) WITHOUT ROWID;
      CREATE TEMP TABLE IF NOT EXISTS manager_item_type_prices (
        price_type_id INTEGER NOT NULL,
        code TEXT NOT NULL,
        found INTEGER NOT NULL,
        price_kopecks INTEGER, price_gross INTEGER, price_net INTEGER,
        PRIMARY KEY (price_type_id, code)
      ) WITHOUT ROWID;`);
  }

  /**
   * The rules of these items (absent: not in the list). With a store's typed pricing, the prices are that
   * type's and an item without a price of it is absent; otherwise (main, or a type the list lacks) they
   * are the items' own.
   */
  rulesFor(reader: CatalogReader, codes: readonly string[], pricing: StorePricing = MAIN_PRICING): Map<string, LineItemRules> {
    const rules = new Map<string, LineItemRules>();
    if (codes.length === 0) return rules;
    const unique = JSON.stringify([...new Set(codes)]);
    const typeId = pricing.kind === 'typed' ? pricing.priceTypeId : null;
    inTransaction(this.db, () => {
      this.loadMain(reader, unique);
      if (pricing.kind === 'typed') this.loadTyped(reader, pricing, unique);
    });
    const rows = this.db
      .prepare<[{ type: number | null; codes: string }], RulesRow>(
        `SELECT r.code, r.pack_multiple, r.min_order_quantity, r.vat_rate, r.stock, r.stock_at_least, r.category,
           iif(@type IS NULL, r.price_kopecks, p.price_kopecks) AS price_kopecks,
           iif(@type IS NULL, r.price_gross, p.price_gross) AS price_gross,
           iif(@type IS NULL, r.price_net, p.price_net) AS price_net
         FROM temp.manager_item_rules r LEFT JOIN temp.manager_item_type_prices p ON p.price_type_id = @type AND p.code = r.code
         WHERE r.found = 1 AND (@type IS NULL OR p.found = 1) AND r.code IN (SELECT value FROM json_each(@codes))`,
      )
      .all({ type: typeId, codes: unique });
    for (const r of rows) {
      rules.set(r.code, {
        code: r.code,
        packMultiple: r.pack_multiple,
        minOrderQuantity: r.min_order_quantity,
        priceKopecks: r.price_kopecks,
        vatRate: r.vat_rate as ItemRules['vatRate'],
        stock: r.stock,
        stockAtLeast: r.stock_at_least === 1,
        category: r.category ?? '',
        priceGrossKopecks: r.price_gross,
        priceNetKopecks: r.price_net,
      });
    }
    return rules;
  }

  /** Everything the check of the open orders joins (in the caller's transaction): their items' rules, the stores' pricing, their types' prices. */
  loadOpenOrders(reader: CatalogReader, pricing: ReadonlyMap<string, StorePricing>): void {
    this.loadMain(reader, null);
    this.db.exec('DELETE FROM temp.manager_store_pricing');
    const insert = this.db.prepare('INSERT INTO temp.manager_store_pricing (store_code, price_type_id) VALUES (?, ?)');
    const types = new Map<number, TypedPricing>();
    for (const [code, p] of pricing) {
      insert.run(code, p.kind === 'typed' ? p.priceTypeId : null);
      if (p.kind === 'typed') types.set(p.priceTypeId, p);
    }
    for (const p of types.values()) this.loadTyped(reader, p, null);
  }

  /**
   * Reads the rules of the codes not yet read from this price list (and remembers the codes it
   * lacks): the codes given as a JSON list, or every code of the open orders (null).
   */
  private loadMain(reader: CatalogReader, codes: string | null): void {
    const source = this.db.prepare<[], string>('SELECT price_list_id FROM temp.manager_item_rules_source').pluck().get();
    if (source !== reader.info.id) {
      this.db.exec(`DELETE FROM temp.manager_item_rules; DELETE FROM temp.manager_item_rules_source;
                    DELETE FROM temp.manager_item_type_prices;`);
      this.db.prepare('INSERT INTO temp.manager_item_rules_source (price_list_id) VALUES (?)').run(reader.info.id);
    }
    const missing =
      codes === null
        ? this.db
            .prepare<[], string>(
              `SELECT DISTINCT l.item_code FROM received_orders o JOIN received_order_lines l ON l.received_order_id = o.id
               WHERE o.state IN ${OPEN_STATES_SQL} AND NOT EXISTS (SELECT 1 FROM temp.manager_item_rules r WHERE r.code = l.item_code)`,
            )
            .pluck()
            .all()
        : this.db
            .prepare<[string], string>(
              'SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM temp.manager_item_rules r WHERE r.code = value)',
            )
            .pluck()
            .all(codes);
    if (missing.length === 0) return;
    const found = reader.itemRulesByCodes(missing);
    const includeVat = reader.info.pricesIncludeVat;
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO temp.manager_item_rules
         (code, found, pack_multiple, min_order_quantity, price_kopecks, price_gross, price_net, vat_rate, stock, stock_at_least, category)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const code of missing) {
      const r = found.get(code);
      if (!r) {
        insert.run(code, 0, null, null, null, null, null, null, null, null, null);
        continue;
      }
      const [gross, net] = inBothBases(r.priceKopecks, r.vatRate, includeVat);
      insert.run(
        code,
        1,
        r.packMultiple,
        r.minOrderQuantity,
        r.priceKopecks,
        gross,
        net,
        r.vatRate,
        r.stock,
        r.stockAtLeast ? 1 : 0,
        r.category,
      );
    }
  }

  /**
   * Reads the type's prices of the codes not read yet: the codes given as a JSON list, or every code of
   * the open orders of the stores at that type (null). Call after loadMain, which empties them for a new list.
   */
  private loadTyped(reader: CatalogReader, pricing: TypedPricing, codes: string | null): void {
    const missing =
      codes === null
        ? this.db
            .prepare<[{ type: number }], string>(
              `SELECT DISTINCT l.item_code FROM temp.manager_store_pricing s
               JOIN received_orders o ON o.store_code = s.store_code
               JOIN received_order_lines l ON l.received_order_id = o.id
               WHERE s.price_type_id = @type AND o.state IN ${OPEN_STATES_SQL}
                 AND NOT EXISTS (SELECT 1 FROM temp.manager_item_type_prices p WHERE p.price_type_id = @type AND p.code = l.item_code)`,
            )
            .pluck()
            .all({ type: pricing.priceTypeId })
        : this.db
            .prepare<[{ type: number; codes: string }], string>(
              `SELECT value FROM json_each(@codes)
               WHERE NOT EXISTS (SELECT 1 FROM temp.manager_item_type_prices p WHERE p.price_type_id = @type AND p.code = value)`,
            )
            .pluck()
            .all({ type: pricing.priceTypeId, codes });
    if (missing.length === 0) return;
    const found = reader.itemRulesByCodes(missing, pricing.priceTypeId);
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO temp.manager_item_type_prices (price_type_id, code, found, price_kopecks, price_gross, price_net)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const code of missing) {
      const r = found.get(code);
      if (!r) {
        insert.run(pricing.priceTypeId, code, 0, null, null, null);
        continue;
      }
      const [gross, net] = inBothBases(r.priceKopecks, r.vatRate, pricing.pricesIncludeVat);
      insert.run(pricing.priceTypeId, code, 1, r.priceKopecks, gross, net);
    }
  }
}
