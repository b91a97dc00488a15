import type { Item } from '../../../shared/domain';
import { vatOf } from '../../../shared/money';

/** Which price the grid shows: as the price list states it, or the other one (with/without VAT). */
export type PriceBasis = 'gross' | 'net';

/** An item's unit price on the asked basis; the price list's own price when the bases agree. */
export function priceOn(item: Pick<Item, 'priceKopecks' | 'vatRate'>, pricesIncludeVat: boolean, basis: PriceBasis): number {
  const listed = pricesIncludeVat ? 'gross' : 'net';
  if (basis === listed) return item.priceKopecks;
  const vat = vatOf(item.priceKopecks, item.vatRate, pricesIncludeVat);
  return pricesIncludeVat ? item.priceKopecks - vat : item.priceKopecks + vat;
}
