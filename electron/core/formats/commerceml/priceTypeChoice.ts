import { PorterError } from '../../../../shared/errors';
import type { OfferPrice, PriceType } from './offersReader';

const MAX_LISTED = 10;

/**
 * Which of the supplier's price types is this store's. The rule:
 *  - the store profile names one (Settings → price type): the ТипЦены whose name equals it
 *    (case and surrounding spaces ignored) or whose Ид equals it; when the offers declare price
 *    types and none matches, the import stops and names the types the file has — importing
 *    someone else's prices silently would be worse than not importing;
 *  - the profile names none: the first ТипЦены declared (1C lists the exchange's main type first);
 *  - the offers declare no types at all (some site exports): each offer's price whose ИдТипаЦены
 *    equals the profile's value, or, without one, each offer's first price.
 */
export class PriceTypeChoice {
  chosen: PriceType | null = null;
  private readonly wanted: string;
  private readonly asWritten: string;
  private readonly declared: PriceType[] = [];
  private readonly seenTypeIds = new Set<string>();
  private matchedPrices = 0;

  constructor(wanted: string) {
    this.asWritten = wanted.trim();
    this.wanted = normalize(wanted);
  }

  /** Every price type the offers declared, in their order (the catalog keeps the prices of each). */
  get declaredTypes(): readonly PriceType[] {
    return this.declared;
  }

  declare(types: readonly PriceType[]): void {
    for (const type of types) if (!this.declared.some((t) => t.id === type.id && t.name === type.name)) this.declared.push(type);
    if (this.chosen) return;
    if (this.wanted === '') this.chosen = this.declared[0] ?? null;
    else this.chosen = this.declared.find((t) => isPriceType(t, this.wanted)) ?? null;
  }

  /** The offer's price of the chosen type; undefined when it has none. */
  pick(prices: readonly OfferPrice[]): OfferPrice | undefined {
    let price: OfferPrice | undefined;
    if (this.chosen) price = prices.find((p) => p.priceTypeId === this.chosen!.id);
    else if (this.declared.length > 0) price = undefined;
    else if (this.wanted !== '') price = prices.find((p) => normalize(p.priceTypeId) === this.wanted);
    else price = prices[0];
    if (price) this.matchedPrices++;
    else if (this.seenTypeIds.size < MAX_LISTED) for (const p of prices) this.seenTypeIds.add(p.priceTypeId);
    return price;
  }

  /** After the offers: a named price type that is nowhere in the file is an error, not an empty price list. */
  confirmFound(file: string): void {
    if (this.wanted === '' || this.chosen || this.matchedPrices > 0) return;
    const available =
      this.declared.length > 0
        ? this.declared.map((t) => `"${t.name}"`)
        : [...this.seenTypeIds].filter((id) => id !== '').map((id) => `"${id}"`);
    throw new PorterError(
      'NOT_FOUND',
      `${file}: the store's price type "${this.asWritten}" (Settings) is not in this price list` +
        (available.length > 0 ? `; its price types are ${available.slice(0, MAX_LISTED).join(', ')}` : '; it declares no price types'),
      { file, field: 'priceType' },
    );
  }
}

function normalize(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Whether a price type is the one a store's setting names: by its name (case and surrounding spaces
 * ignored) or by its Ид. The same rule picks the store profile's type on import and a store's type in
 * the exchange server's price list feed.
 */
export function isPriceType(type: { id: string; name: string }, wanted: string): boolean {
  const w = normalize(wanted);
  return w !== '' && (normalize(type.name) === w || normalize(type.id) === w);
}
