import type Database from 'better-sqlite3';
import { vatOf, type VatRate } from '../../../shared/money';
import type { CatalogPriceType, CatalogReader } from '../catalog/catalogReader';
import { isPriceType } from '../formats/commerceml/priceTypeChoice';

/**
 * Which prices of the current price list a store's orders are checked and repriced against. The exchange
 * server's price list feed (priceListFeed.ts) serves each store by the same rule, so a store is held to the
 * prices it is served:
 *  - main: the items' own price — the store names no price type (stores.price_type ''), the list has a
 *    single price (CSV, XLSX, a catalog before schema 3), or the store's type is the list's main one;
 *  - typed: the prices of the list's type whose name (case and surrounding spaces ignored) or Ид is the
 *    store's (isPriceType), in that type's VAT basis (its own statement, else the list's);
 *  - unknown: the store names a type the list does not have. Its lines have no current price then: the
 *    checks name the missing type once for the order (unknownPriceType) instead of flagging every line
 *    against another type's prices, and repricing skips the order — the manager fixes the store's type
 *    in the directory or imports the list that has it.
 */
export type StorePricing =
  | { kind: 'main' }
  | { kind: 'typed'; priceTypeId: number; priceType: string; pricesIncludeVat: boolean }
  | { kind: 'unknown'; priceType: string; available: string[] };

export const MAIN_PRICING: StorePricing = { kind: 'main' };

/** A store's pricing by its price type setting, given the list's types and VAT basis. */
export function pricingOf(types: readonly CatalogPriceType[], priceType: string, listPricesIncludeVat: boolean): StorePricing {
  if (priceType.trim() === '' || types.length === 0) return MAIN_PRICING;
  const type = types.find((t) => isPriceType({ id: t.ref, name: t.name }, priceType));
  if (!type) return { kind: 'unknown', priceType: priceType.trim(), available: types.map((t) => t.name) };
  if (type.isMain) return MAIN_PRICING;
  return { kind: 'typed', priceTypeId: type.id, priceType: type.name, pricesIncludeVat: type.vatIncluded ?? listPricesIncludeVat };
}

/** The stores of the directory that are not priced at the main price, by customer code (every other store is). */
export function storesPricing(
  db: Database.Database,
  reader: CatalogReader,
  storeCodes: readonly string[] | null = null,
): Map<string, StorePricing> {
  const pricing = new Map<string, StorePricing>();
  const types = reader.priceTypes();
  if (types.length === 0) return pricing;
  const rows =
    storeCodes === null
      ? db.prepare<[], [string, string]>("SELECT customer_code, price_type FROM stores WHERE trim(price_type) <> ''").raw().all()
      : db
          .prepare<[string], [string, string]>(
            `SELECT customer_code, price_type FROM stores
             WHERE trim(price_type) <> '' AND customer_code IN (SELECT value FROM json_each(?))`,
          )
          .raw()
          .all(JSON.stringify(storeCodes));
  for (const [code, priceType] of rows) {
    const p = pricingOf(types, priceType, reader.info.pricesIncludeVat);
    if (p.kind !== 'main') pricing.set(code, p);
  }
  return pricing;
}

/** A price in both VAT bases, from the basis it is stated in: [gross, net]. */
export function inBothBases(priceKopecks: number, vatRate: VatRate, pricesIncludeVat: boolean): [number, number] {
  return pricesIncludeVat
    ? [priceKopecks, priceKopecks - vatOf(priceKopecks, vatRate, true)]
    : [priceKopecks + vatOf(priceKopecks, vatRate, false), priceKopecks];
}
