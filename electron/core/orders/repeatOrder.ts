import { currentPrice, exactStock, priceInBasis, type StoredLine } from './lineChecks';
import type { DraftContent, PriceListLookup } from './orderRows';

/**
 * Where a draft came from, as `origin`: `repeat:<order number>` or `template:<template name>`
 * (empty for a draft started by hand). The UI renders it in the user's language.
 */
export function repeatOrigin(orderNumber: string): string {
  return `repeat:${orderNumber}`;
}

export function templateOrigin(templateName: string): string {
  return `template:${templateName}`;
}

/**
 * A previous order's (or a template's) lines as a new draft, re-priced against the current price list.
 * An item still in the price list takes its current price, pack, minimum and stock; when the price
 * differs from the old one the line remembers the old price, so the draft flags it until the purchaser
 * accepts it. An item gone from the price list stays, as it was, and is flagged as missing.
 */
export function repricedDraft(
  origin: string,
  source: { lines: readonly StoredLine[]; pricesIncludeVat: boolean; priceListId: string | null },
  catalog: PriceListLookup | null,
): DraftContent {
  const pricesIncludeVat = catalog ? catalog.info.pricesIncludeVat : source.pricesIncludeVat;
  const live = { orderIncludesVat: pricesIncludeVat, priceListIncludesVat: pricesIncludeVat };
  const lines = source.lines.map((old): StoredLine => {
    // The old price on the new order's footing: a VAT-exclusive order repeated into a VAT-inclusive list compares like with like.
    const oldPrice = priceInBasis(old.priceKopecks, old.vatRate, source.pricesIncludeVat, pricesIncludeVat);
    const item = catalog?.itemByCode(old.itemCode) ?? null;
    if (!item) return { ...old, priceKopecks: oldPrice, repricedFromKopecks: null };
    const price = currentPrice(item, live);
    return {
      itemCode: item.code,
      name: item.name,
      barcode: item.barcode,
      unit: item.unit,
      packMultiple: item.packMultiple,
      minOrderQuantity: item.minOrderQuantity,
      priceKopecks: price,
      vatRate: item.vatRate,
      stock: exactStock(item),
      quantity: old.quantity,
      repricedFromKopecks: price === oldPrice ? null : oldPrice,
    };
  });
  return { origin, lines, priceListId: catalog ? catalog.info.id : source.priceListId, pricesIncludeVat };
}
