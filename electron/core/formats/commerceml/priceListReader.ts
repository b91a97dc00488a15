import type { PriceListItem, RejectedRow } from '../../../../shared/domain';
import type { CatalogPriceType } from '../../catalog/buildCatalog';
import { PorterError } from '../../../../shared/errors';
import type { VatRate } from '../../../../shared/money';
import { parseXml, type XmlListener } from '../xml/xmlStream';
import type { XmlEncoding } from '../xml/xmlEncoding';
import { CatalogListener, type CatalogGroup, type CatalogProduct } from './catalogReader';
import type { CommerceMlPackage, CommerceMlPart } from './exchangeFiles';
import { OfferIndex } from './offerIndex';
import { OffersListener } from './offersReader';
import { PriceTypeChoice } from './priceTypeChoice';
import { catalogItem } from './catalogItem';
import { oneLine } from './values';
import { ownCopy } from './ownCopy';

/** A category as CommerceML declares it: keyed by the group's Ид, so equal names in different branches stay apart. */
export interface CommerceMlCategory {
  key: string;
  name: string;
  parentKey: string | null;
}

/** Items of a CommerceML price list, validated and joined with their offers, in catalog order. */
export interface CommerceMlBatch {
  items: PriceListItem[];
  /** The line each item's product starts on in its catalog file. */
  sourceRows: number[];
  /** The offer's Ид of each item: what an order sent back to 1C names. */
  itemRefs: string[];
  /** Each item's prices of the declared price types other than the chosen one (whose price is the item's own), by the type's Ид. */
  itemPrices: { ref: string; kopecks: number }[][];
  /** The declared price types, once, on a batch before the first item (the catalog keeps every type's prices). */
  priceTypes: CatalogPriceType[];
  rejected: RejectedRow[];
  /** Declared since the previous batch, parents first; items name them by key in `category`. */
  categories: CommerceMlCategory[];
  supplierName: string;
  pricesIncludeVat: boolean;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface CommerceMlPriceListOptions {
  /** The store's price type from its profile: a ТипЦены's name or Ид; '' for the default (see PriceTypeChoice). */
  priceType: string;
  /** For products that state no VAT rate. */
  defaultVatRate: VatRate;
  signal?: AbortSignal;
  /** Where the offers wait while the catalog is read (see OfferIndex); the system's temp folder by default. */
  scratchDir?: string;
}

/** What was read, for the import report and tests. */
export interface CommerceMlFacts {
  schemaVersions: string[];
  encodings: Record<string, XmlEncoding['encoding']>;
  priceType: { id: string; name: string } | null;
  /** Every price type the offers declare (ТипыЦен), in their order; each one's prices are kept. */
  priceTypes: { id: string; name: string }[];
  pricesIncludeVat: boolean;
  groups: number;
  products: number;
  deletedProducts: number;
  offers: number;
  warehouses: number;
  /** Offers whose product is not in the catalog (reported as rejected rows, not fatal). */
  unmatchedOffers: number;
  /** Products without an offer priced in the chosen type (reported as rejected rows). */
  productsWithoutPrice: number;
}

const BATCH_SIZE = 2000;

/**
 * Reads a CommerceML exchange (import.xml + offers.xml, one file with both, or 1C's zip) into
 * price list items, streaming:
 *  1. the offers are read first and only what a row needs is kept per offer (price of the chosen
 *     type and of every other type, total stock, article; name and barcode only for characteristics),
 *     in a scratch SQLite file rather than the heap — see OfferIndex;
 *  2. the catalog is then streamed, each product joined with its offers as it closes, and items
 *     handed out in batches of 2,000 — a 100 MB import.xml is never held in memory.
 * Offers for products the catalog lacks and products without a price are reported as rejected
 * rows, not fatal. A delta (СодержитТолькоИзменения="true") is refused: a price list import
 * rebuilds the whole list, and a delta would drop every item it does not mention.
 */
export class CommerceMlPriceListReader {
  readonly facts: CommerceMlFacts = {
    schemaVersions: [],
    encodings: {},
    priceType: null,
    priceTypes: [],
    pricesIncludeVat: true,
    groups: 0,
    products: 0,
    deletedProducts: 0,
    offers: 0,
    warehouses: 0,
    unmatchedOffers: 0,
    productsWithoutPrice: 0,
  };

  constructor(
    private readonly pkg: CommerceMlPackage,
    private readonly options: CommerceMlPriceListOptions,
  ) {}

  async *batches(): AsyncGenerator<CommerceMlBatch> {
    const { pkg, options, facts } = this;
    const signal = options.signal;
    const catalogParts = pkg.parts.filter((p) => p.content === 'catalog' || p.content === 'classifier');
    let offerParts = pkg.parts.filter((p) => p.content === 'offers');
    if (pkg.parts.some((p) => p.content === 'orders') && catalogParts.length === 0 && offerParts.length === 0) {
      const part = pkg.parts.find((p) => p.content === 'orders')!;
      throw new PorterError('FILE_FORMAT', `${part.input.name}: this CommerceML file holds orders (Документ), not a price list`, {
        file: part.input.name,
      });
    }
    if (!catalogParts.some((p) => p.content === 'catalog')) {
      const name = offerParts[0]?.input.name ?? pkg.parts[0]?.input.name ?? '';
      throw new PorterError(
        'FILE_FORMAT',
        `${name}: there is no catalog (Каталог, import.xml) to go with the offers; import import.xml together with offers.xml, or the zip 1C made`,
        { file: name },
      );
    }
    // One file with both: its offers come after its catalog, so it is read twice.
    if (offerParts.length === 0) offerParts = catalogParts.filter((p) => p.content === 'catalog');
    const totalBytes = [...offerParts, ...catalogParts].reduce((sum, p) => sum + p.input.size, 0);
    let bytesBefore = 0;
    let rowsRead = 0;
    const choice = new PriceTypeChoice(options.priceType);
    const offers = new OfferIndex(choice, options.scratchDir);
    try {
      let pricesIncludeVat = true;
      let supplierName = '';
      const empty = (bytesRead: number): CommerceMlBatch => ({
        items: [],
        sourceRows: [],
        itemRefs: [],
        itemPrices: [],
        priceTypes: [],
        rejected: [],
        categories: [],
        supplierName,
        pricesIncludeVat,
        bytesRead,
        totalBytes,
        rowsRead,
      });

      // 1. Offers.
      let offersSeen = 0;
      let pending = empty(0);
      for (const part of offerParts) {
        const listener = new OffersListener({
          priceTypes: (types) => choice.declare(types),
          offer: (offer) => {
            offersSeen++;
            rowsRead++;
            const rejection = offers.add(offer, part.input.name);
            if (rejection) pending.rejected.push(rejection);
          },
        });
        for await (const bytes of parseXml(part.input, this.noteEncoding(listener, part), signal)) {
          if (signal?.aborted) return;
          if (listener.facts.onlyChanges) throw onlyChanges(part, 'offers');
          if (!due(pending, bytesBefore + bytes, bytes >= part.input.size)) continue;
          const batch = pending;
          pending = empty(bytesBefore + bytes);
          yield { ...batch, bytesRead: bytesBefore + bytes, rowsRead };
        }
        bytesBefore += part.input.size;
        this.noteVersion(listener.facts.schemaVersion);
        facts.warehouses += listener.facts.warehouses.length;
      }
      if (offersSeen === 0) {
        const name = offerParts[0]!.input.name;
        throw new PorterError(
          'FILE_FORMAT',
          `${name}: no offers (ПакетПредложений/Предложения) with prices were found; import offers.xml together with import.xml`,
          { file: name },
        );
      }
      choice.confirmFound(offerParts[0]!.input.name);
      offers.finishLoading();
      facts.offers = offers.size;
      facts.priceType = choice.chosen ? { id: choice.chosen.id, name: choice.chosen.name } : null;
      pricesIncludeVat = facts.pricesIncludeVat = choice.chosen?.vatIncluded ?? true;
      // Without declared types the offers' price type ids name nothing a store could be given: only the chosen price is kept.
      const declaredTypes = choice.declaredTypes;
      facts.priceTypes = declaredTypes.map((t) => ({ id: t.id, name: t.name }));
      // The chosen type's prices are the items' own; the others go beside them.
      const typeRefs = new Set(declaredTypes.filter((t) => t !== choice.chosen).map((t) => t.id));
      pending.priceTypes = declaredTypes.map((t) => ({
        ref: t.id,
        name: t.name,
        currency: t.currency,
        vatIncluded: t.vatIncluded,
        main: t === choice.chosen,
      }));

      // 2. The catalog, joined with the offers.
      const declared = new Set<string>();
      for (const part of catalogParts) {
        const listener = new CatalogListener({
          group: (group) => pending.categories.push(category(group, declared)),
          product: (product) => {
            rowsRead++;
            // Marked deleted in 1C (Статус="Удален"): not for sale, yet its offer may still be sent — it is not "unknown".
            if (product.deleted) offers.offersOf(product.id);
            else this.join(product, part, offers, declared, typeRefs, pending);
          },
        });
        for await (const bytes of parseXml(part.input, this.noteEncoding(listener, part), signal)) {
          if (signal?.aborted) return;
          if (listener.facts.onlyChanges) throw onlyChanges(part, 'catalog');
          if (supplierName === '' && listener.facts.ownerName !== '') supplierName = oneLine(listener.facts.ownerName).slice(0, 200);
          // Products go out in batches as the chunks are parsed: memory is bounded by a batch, not the file.
          if (!due(pending, bytesBefore + bytes, bytes >= part.input.size)) continue;
          const batch = pending;
          pending = empty(bytesBefore + bytes);
          yield { ...batch, supplierName, pricesIncludeVat, bytesRead: bytesBefore + bytes, rowsRead };
        }
        bytesBefore += part.input.size;
        this.noteVersion(listener.facts.schemaVersion);
        facts.groups += listener.facts.groups;
        facts.products += listener.facts.products;
        facts.deletedProducts += listener.facts.deleted;
      }

      // 3. Offers nobody asked for.
      for (const rejection of offers.unmatched()) {
        facts.unmatchedOffers++;
        pending.rejected.push(rejection);
        if (pending.rejected.length >= BATCH_SIZE) {
          yield { ...pending, supplierName, pricesIncludeVat, bytesRead: totalBytes, rowsRead };
          pending = empty(totalBytes);
        }
      }
      yield { ...pending, supplierName, pricesIncludeVat, bytesRead: totalBytes, rowsRead };
    } finally {
      offers.close();
    }
  }

  private join(
    product: CatalogProduct,
    part: CommerceMlPart,
    offers: OfferIndex,
    declared: Set<string>,
    typeRefs: ReadonlySet<string>,
    batch: CommerceMlBatch,
  ): void {
    const productOffers = offers.offersOf(product.id);
    if (productOffers.length === 0) {
      this.facts.productsWithoutPrice++;
      batch.rejected.push({
        row: product.line,
        field: 'price',
        code: 'required',
        value: '',
        reason: `${part.input.name}, line ${product.line}: product ${product.id} "${oneLine(product.name).slice(0, 80)}" has no offer with a price`,
      });
      return;
    }
    for (const offer of productOffers) {
      const result = catalogItem(product, offer, {
        defaultVatRate: this.options.defaultVatRate,
        category: declared.has(product.groupId) ? product.groupId : '',
        priceTypeName: this.facts.priceType?.name ?? '',
        file: part.input.name,
      });
      if ('rejection' in result) {
        if (result.rejection.field === 'price') this.facts.productsWithoutPrice++;
        batch.rejected.push(result.rejection);
      } else {
        batch.items.push(result.item);
        batch.sourceRows.push(product.line);
        batch.itemRefs.push(result.ref);
        const prices: { ref: string; kopecks: number }[] = [];
        for (const [ref, kopecks] of offer.prices) if (typeRefs.has(ref)) prices.push({ ref, kopecks });
        batch.itemPrices.push(prices);
      }
    }
  }

  private noteEncoding<T extends XmlListener>(listener: T, part: CommerceMlPart): T {
    listener.encoding = (sniffed) => (this.facts.encodings[part.input.name] = sniffed.encoding);
    return listener;
  }

  private noteVersion(version: string): void {
    if (version !== '' && !this.facts.schemaVersions.includes(version)) this.facts.schemaVersions.push(version);
  }
}

const PROGRESS_BYTES = 1 << 20;

/** A batch goes out when it is full, at about every megabyte read (progress, cancellation), and at the end of a file. */
function due(batch: CommerceMlBatch, bytesRead: number, endOfFile: boolean): boolean {
  return (
    endOfFile || batch.items.length >= BATCH_SIZE || batch.rejected.length >= BATCH_SIZE || bytesRead - batch.bytesRead >= PROGRESS_BYTES
  );
}

function category(group: CatalogGroup, declared: Set<string>): CommerceMlCategory {
  const key = ownCopy(group.id);
  declared.add(key);
  const parentKey = group.parentId !== null && declared.has(group.parentId) ? group.parentId : null;
  return { key, name: oneLine(group.name).slice(0, 1000) || key, parentKey };
}

function onlyChanges(part: CommerceMlPart, what: 'catalog' | 'offers'): PorterError {
  return new PorterError(
    'FILE_FORMAT',
    `${part.input.name}: the ${what === 'catalog' ? 'catalog' : 'offer package'} holds only changes (СодержитТолькоИзменения="true"); ` +
      'a price list import needs the full export — in 1C, unload the full catalog, not just the changes',
    { file: part.input.name, field: 'СодержитТолькоИзменения' },
  );
}
