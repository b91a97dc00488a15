import type { PriceListItem, RejectedRow } from '../../../../shared/domain';
import type { VatRate } from '../../../../shared/money';
import { parseVatRate } from '../../catalog/priceListTable';
import type { CatalogProduct } from './catalogReader';
import type { OfferFacts } from './offerIndex';
import { cleanId, cmlNumber, oneLine, unitShortName } from './values';

export interface CatalogItemOptions {
  defaultVatRate: VatRate;
  /** The product's group key when the classifier declared it, else ''. */
  category: string;
  priceTypeName: string;
  file: string;
}

const MAX_TEXT = 1000;
const BARCODES = /^\d{6,14}( \d{6,14})*$/;

/**
 * One price list row from a product and one of its offers, checked by the same rules as a CSV row.
 * The code is the one the purchaser knows: the product's Артикул, else the offer's, else its Код,
 * else the 1C Ид. A characteristic ("product#characteristic") shares its product's article, so it
 * keeps its own article only when that differs, else its offer Ид. The offer Ид goes along as `ref`.
 */
export function catalogItem(
  product: CatalogProduct,
  offer: OfferFacts,
  options: CatalogItemOptions,
): { item: PriceListItem; ref: string } | { rejection: RejectedRow } {
  const row = product.line;
  const where = `${options.file}, line ${row}`;
  const reject = (field: string, code: RejectedRow['code'], value: string, reason: string) => ({
    rejection: { row, field, code, value: value.slice(0, 100), reason: `${where}: ${reason}` },
  });
  const productArticle = cleanId(product.article);
  const code = offer.isCharacteristic
    ? offer.article !== '' && offer.article !== productArticle
      ? cleanId(offer.article)
      : offer.offerId
    : productArticle || cleanId(offer.article) || cleanId(product.code) || product.id;
  if (code === '') return reject('code', 'required', '', 'the product has no Ид, article or code');
  if (code.length > 100) return reject('code', 'tooLong', code, 'the code is longer than 100 characters');
  const name = offer.isCharacteristic && offer.name !== '' ? offer.name : oneLine(product.name);
  if (name === '') return reject('name', 'required', '', `the product ${product.id} has no name`);
  if (name.length > MAX_TEXT) return reject('name', 'tooLong', name, `the name is longer than ${MAX_TEXT} characters`);
  if (offer.badPrice !== '') return reject('price', 'invalidPrice', offer.badPrice, `not a price: "${offer.badPrice}"`);
  if (offer.priceKopecks === null) {
    return reject(
      'price',
      'required',
      '',
      `the offer ${offer.offerId} has no price${options.priceTypeName ? ` of the type "${options.priceTypeName}"` : ''}`,
    );
  }
  if (offer.priceKopecks < 0) return reject('price', 'negativePrice', String(offer.priceKopecks / 100), 'the price is negative');
  const barcode = offer.isCharacteristic && offer.barcode !== '' ? offer.barcode : product.barcodes.join(' ');
  if (barcode !== '' && !BARCODES.test(barcode)) {
    return reject('barcode', 'invalidBarcode', barcode, `not a barcode (6 to 14 digits): "${barcode}"`);
  }
  const vatRate = product.vatRate === '' ? options.defaultVatRate : parseVatRate(product.vatRate);
  if (vatRate === null) {
    return reject(
      'vatRate',
      'invalidVatRate',
      product.vatRate,
      `not a VAT rate Porter knows (0, 5, 7, 10, 20, 22 %): "${product.vatRate}"`,
    );
  }
  const packMultiple = wholeNumber(product.packMultiple, 1);
  if (packMultiple === null || packMultiple < 1) {
    return reject('packMultiple', 'invalidNumber', product.packMultiple, `not a pack multiple: "${product.packMultiple}"`);
  }
  const minOrderQuantity = wholeNumber(product.minOrderQuantity, 0);
  if (minOrderQuantity === null) {
    return reject(
      'minOrderQuantity',
      'invalidNumber',
      product.minOrderQuantity,
      `not a minimum order quantity: "${product.minOrderQuantity}"`,
    );
  }
  return {
    item: {
      code,
      name,
      barcode,
      unit: oneLine(unitShortName(product.unit)).slice(0, 20) || 'шт',
      packMultiple,
      minOrderQuantity,
      priceKopecks: offer.priceKopecks,
      vatRate,
      stock: offer.stock,
      stockAtLeast: false,
      category: options.category,
    },
    ref: offer.offerId,
  };
}

function wholeNumber(text: string, fallback: number): number | null {
  if (text.trim() === '') return fallback;
  const value = cmlNumber(text);
  return value !== null && Number.isInteger(value) && value >= 0 ? value : null;
}
