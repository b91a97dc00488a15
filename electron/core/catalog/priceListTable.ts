import type { ColumnMapping, PriceListItem, RejectedRow } from '../../../shared/domain';
import { isVatRate, parseDecimal, parseMoney, decimalToScaled, type VatRate } from '../../../shared/money';
import { PRICE_LIST_FIELDS, type PriceListField } from '../../../shared/priceListFields';
import { normalizeSearchText } from '../../../shared/search';
import type { SourceRow } from '../formats/tabularSource';

/** Headings seen in Russian and English price lists, normalised (lower case, ё→е, no punctuation). */
const HEADING_SYNONYMS: Record<PriceListField, string[]> = {
  code: ['код', 'код товара', 'артикул', 'арт', 'sku', 'code', 'item code', 'article', 'product code'],
  name: [
    'наименование',
    'номенклатура',
    'название',
    'товар',
    'наименование товара',
    'name',
    'product',
    'description',
    'item',
    'product name',
  ],
  barcode: ['штрихкод', 'штрих код', 'штрихкоды', 'шк', 'ean', 'ean13', 'ean 13', 'barcode', 'gtin'],
  unit: ['ед', 'ед изм', 'единица', 'единица измерения', 'unit', 'uom'],
  packMultiple: ['кратность', 'кратн', 'упаковка', 'в упаковке', 'в упак', 'шт в упак', 'pack', 'pack size', 'case', 'multiple'],
  minOrderQuantity: ['мин заказ', 'минимальный заказ', 'минимум', 'мин партия', 'moq', 'min order', 'minimum order', 'minimum'],
  price: [
    'цена',
    'цена с ндс',
    'цена без ндс',
    'цена опт',
    'оптовая цена',
    'стоимость',
    'price',
    'wholesale price',
    'price incl vat',
    'price excl vat',
  ],
  stock: ['остаток', 'остатки', 'наличие', 'склад', 'на складе', 'stock', 'in stock', 'qty', 'available'],
  vatRate: ['ндс', 'ставка ндс', 'ндс %', '% ндс', 'vat', 'vat rate', 'vat %'],
  category: ['группа', 'категория', 'раздел', 'группа товаров', 'category', 'group'],
};

export function normalizeHeading(text: string): string {
  return normalizeSearchText(text)
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fieldForHeading(heading: string): PriceListField | null {
  const h = normalizeHeading(heading);
  if (!h) return null;
  for (const field of PRICE_LIST_FIELDS) {
    if (HEADING_SYNONYMS[field].includes(h)) return field;
  }
  // "Цена, руб." / "Остаток на 01.12" / "Price (RUB)": a synonym followed by more words.
  for (const field of PRICE_LIST_FIELDS) {
    if (HEADING_SYNONYMS[field].some((s) => h.startsWith(s + ' '))) return field;
  }
  return null;
}

/** Maps each field to the first column whose heading names it. */
export function mapHeadings(headings: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headings.forEach((heading, index) => {
    const field = fieldForHeading(heading);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

export interface DetectedHeader {
  /** Index into the sample rows, or -1 when no row looks like a header. */
  index: number;
  mapping: ColumnMapping;
  pricesIncludeVat: boolean;
}

/** The header is the row among the first ones that names the most fields (at least two, one of them the name or price). */
export function detectHeader(rows: readonly SourceRow[]): DetectedHeader {
  let best: DetectedHeader = { index: -1, mapping: {}, pricesIncludeVat: true };
  let bestCount = 1;
  rows.slice(0, 60).forEach((row, index) => {
    const mapping = mapHeadings(row.cells);
    const count = Object.keys(mapping).length;
    if (count > bestCount && (mapping.name !== undefined || mapping.price !== undefined)) {
      best = { index, mapping, pricesIncludeVat: pricesIncludeVatFromHeading(row.cells[mapping.price ?? -1] ?? '') };
      bestCount = count;
    }
  });
  return best;
}

/** The row at index taken as the header, as the user chose it. */
export function headerAt(rows: readonly SourceRow[], index: number): DetectedHeader {
  const mapping = mapHeadings(rows[index]?.cells ?? []);
  return { index, mapping, pricesIncludeVat: pricesIncludeVatFromHeading(rows[index]?.cells[mapping.price ?? -1] ?? '') };
}

function pricesIncludeVatFromHeading(heading: string): boolean {
  const h = normalizeHeading(heading);
  return !/без ндс|excl|без налога|net/.test(h);
}

export interface RowOptions {
  mapping: ColumnMapping;
  defaultVatRate: VatRate;
}

export type ParsedRow =
  | { kind: 'empty' }
  | { kind: 'category'; name: string }
  | { kind: 'item'; item: PriceListItem }
  | { kind: 'rejected'; rejection: RejectedRow };

const MAX_TEXT = 1000;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_CHARACTERS_ALL = /[\u0000-\u001f\u007f]+/g;

/** Interprets one data row of a price list as an item, a category heading, or a rejection. */
export function parseRow(row: SourceRow, currentCategory: string, options: RowOptions): ParsedRow {
  const { mapping } = options;
  const cell = (field: PriceListField): string => {
    const index = mapping[field];
    if (index === undefined) return '';
    const value = (row.cells[index] ?? '').trim();
    // Line breaks and other control characters inside a cell become spaces: names are one line.
    return CONTROL_CHARACTERS.test(value) ? value.replace(CONTROL_CHARACTERS_ALL, ' ') : value;
  };
  let filled = 0;
  let firstFilled = '';
  for (const c of row.cells) {
    if (c.trim() === '') continue;
    if (filled++ === 0) firstFilled = c.trim();
  }
  if (filled === 0) return { kind: 'empty' };

  const code = cell('code');
  const priceText = cell('price');
  // A heading row: one filled cell (in whichever column 1C put it) and no price.
  if (priceText === '' && filled === 1) return { kind: 'category', name: firstFilled.slice(0, MAX_TEXT) };
  const reject = (field: PriceListField, code: RejectedRow['code'], value: string, reason: string): ParsedRow => ({
    kind: 'rejected',
    rejection: { row: row.row, field, code, value: value.slice(0, 100), reason },
  });

  if (code === '') return reject('code', 'required', '', 'the code is empty');
  if (code.length > 100) return reject('code', 'tooLong', code, 'the code is longer than 100 characters');
  const name = cell('name');
  if (name === '') return reject('name', 'required', '', 'the name is empty');
  if (name.length > MAX_TEXT) return reject('name', 'tooLong', name, `the name is longer than ${MAX_TEXT} characters`);

  if (priceText === '') return reject('price', 'required', '', 'the price is empty');
  const priceKopecks = parseMoney(priceText);
  if (priceKopecks === null) return reject('price', 'invalidPrice', priceText, `not a price: "${priceText}"`);
  if (priceKopecks < 0) return reject('price', 'negativePrice', priceText, `the price is negative: "${priceText}"`);

  const barcode = cell('barcode');
  if (barcode !== '' && !/^\d{6,14}(\s*[,;]\s*\d{6,14})*$/.test(barcode)) {
    return reject('barcode', 'invalidBarcode', barcode, `not a barcode (6 to 14 digits): "${barcode}"`);
  }

  const packMultiple = parseCount(cell('packMultiple'), 1);
  if (typeof packMultiple === 'string' || packMultiple < 1) {
    return reject(
      'packMultiple',
      typeof packMultiple === 'string' ? packMultiple : 'invalidNumber',
      cell('packMultiple'),
      `not a pack multiple (a whole number from 1): "${cell('packMultiple')}"`,
    );
  }
  const minOrderQuantity = parseCount(cell('minOrderQuantity'), 0);
  if (typeof minOrderQuantity === 'string' || minOrderQuantity < 0) {
    return reject(
      'minOrderQuantity',
      typeof minOrderQuantity === 'string' ? minOrderQuantity : 'invalidNumber',
      cell('minOrderQuantity'),
      `not a minimum order quantity: "${cell('minOrderQuantity')}"`,
    );
  }
  const stockText = cell('stock');
  let stock: number | null = null;
  let stockAtLeast = false;
  if (DIGITS.test(stockText)) stock = Number(stockText);
  else if (stockText !== '' && mapping.stock !== undefined) {
    const written = parseWrittenStock(stockText);
    if (written === null) return reject('stock', 'invalidNumber', stockText, `not a stock quantity: "${stockText}"`);
    stock = written.quantity;
    stockAtLeast = written.atLeast;
  }

  const vatText = cell('vatRate');
  const vatRate = vatText === '' ? options.defaultVatRate : cachedVatRate(vatText);
  if (vatRate === null)
    return reject('vatRate', 'invalidVatRate', vatText, `not a VAT rate Porter knows (0, 5, 7, 10, 20, 22 %): "${vatText}"`);

  return {
    kind: 'item',
    item: {
      code,
      name,
      barcode: barcode.replace(/\s*[,;]\s*/g, ' '),
      unit: cell('unit').slice(0, 20) || 'шт',
      packMultiple,
      minOrderQuantity,
      priceKopecks,
      vatRate,
      stock,
      stockAtLeast,
      category: (mapping.category !== undefined ? cell('category') : currentCategory).slice(0, MAX_TEXT),
    },
  };
}

const DIGITS = /^\d{1,15}$/;
const vatRateCache = new Map<string, VatRate | null>();

/** A whole number such as "12", "12,000" or "1 200"; a fraction is an error. */
function parseCount(text: string, fallback: number): number | 'invalidNumber' | 'notWholeNumber' {
  if (text === '') return fallback;
  if (DIGITS.test(text)) return Number(text);
  const d = parseDecimal(text);
  if (!d || d.negative) return 'invalidNumber';
  if (/[1-9]/.test(d.fraction)) return 'notWholeNumber';
  const value = decimalToScaled({ ...d, fraction: '' }, 0);
  return value === null ? 'invalidNumber' : value;
}

const AT_LEAST_PREFIX = /^(?:более чем|больше чем|более|больше|свыше|не менее|от|more than|over|above|at least|>=|>|≥)\s*/u;
const AT_LEAST_SUFFIX = /\s*(?:\+|и более|и больше|or more)$/u;

/**
 * Stock as suppliers write it when it is not plain digits: "1 200", "12,5" (fractions rounded
 * down to whole base units), "более 100" / ">100" / "100+" / "more than 100" (100 as a lower
 * bound), "нет" / "-" (none). null: not understood.
 */
function parseWrittenStock(text: string): { quantity: number; atLeast: boolean } | null {
  const t = normalizeSearchText(text).trim();
  if (t === '-' || t === 'нет' || t === 'none' || t === 'no') return { quantity: 0, atLeast: false };
  const number = t.replace(AT_LEAST_PREFIX, '').replace(AT_LEAST_SUFFIX, '');
  const d = parseDecimal(number);
  if (!d) return null;
  const whole = decimalToScaled({ ...d, fraction: '' }, 0);
  if (whole === null) return null;
  return { quantity: Math.max(0, whole), atLeast: number.length !== t.length };
}

/** A price list has a handful of distinct VAT texts and a million rows. */
function cachedVatRate(text: string): VatRate | null {
  let rate = vatRateCache.get(text);
  if (rate === undefined) {
    rate = parseVatRate(text);
    if (vatRateCache.size < 1000) vatRateCache.set(text, rate);
  }
  return rate;
}

/** "20", "20%", "НДС 20%", "0,2", "Без НДС" → a rate; null when it is not one Porter knows. */
export function parseVatRate(text: string): VatRate | null {
  const t = normalizeSearchText(text).trim();
  if (/без ндс|не облагается|no vat|exempt/.test(t)) return 0;
  const match = /(\d+(?:[.,]\d+)?)/.exec(t);
  if (!match) return null;
  let value = Number(match[1]!.replace(',', '.'));
  if (value > 0 && value < 1) value = Math.round(value * 100);
  return isVatRate(value) ? value : null;
}
