/**
 * Money is carried as integer kopecks everywhere; VAT is computed with integer
 * arithmetic so that a total never drifts by a kopeck between screens and files.
 */
export type Kopecks = number;

/** VAT rates Porter accepts on an item, in percent. 22 % is the standard rate from 2026. */
export const VAT_RATES = [0, 5, 7, 10, 20, 22] as const;
export type VatRate = (typeof VAT_RATES)[number];

export function isVatRate(value: number): value is VatRate {
  return (VAT_RATES as readonly number[]).includes(value);
}

/** Rounds numerator/denominator to the nearest integer, halves away from zero (commercial rounding). */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const quotient = Math.floor(abs / denominator);
  const remainder = abs - quotient * denominator;
  return sign * (remainder * 2 >= denominator ? quotient + 1 : quotient);
}

/**
 * Parses a money amount as written in Russian and English price lists:
 * "1 234,56", "1234.5", "1,234.56", "12 р." — into kopecks. More than two
 * decimals are rounded half-up (1C writes up to four). Returns null when the
 * text is not an amount.
 */
export function parseMoney(text: string): Kopecks | null {
  const decimal = parseDecimal(text.replace(/\s*(руб\.?|р\.?|₽|rub)\s*$/i, ''));
  if (decimal === null) return null;
  return decimalToScaled(decimal, 2);
}

export interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** Parses "1 234,56" / "1,234.56" / "-12.5" into digit strings, never through floats. */
export function parseDecimal(text: string): Decimal | null {
  return parsePlainDecimal(text) ?? parseWrittenDecimal(text);
}

/** The common case, "1234" or "1234,56", without regular expressions: imports call this millions of times. */
function parsePlainDecimal(text: string): Decimal | null {
  const n = text.length;
  if (n === 0 || n > 30) return null;
  let separator = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c === 44 || c === 46) && separator < 0 && i > 0 && i < n - 1) {
      separator = i;
      continue;
    }
    return null;
  }
  return separator < 0
    ? { negative: false, integer: text, fraction: '' }
    : { negative: false, integer: text.slice(0, separator), fraction: text.slice(separator + 1) };
}

function parseWrittenDecimal(text: string): Decimal | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  }
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  const decimalSeparator = lastComma > lastDot ? ',' : lastDot >= 0 ? '.' : '';
  let integer = s;
  let fraction = '';
  if (decimalSeparator) {
    const at = s.lastIndexOf(decimalSeparator);
    integer = s.slice(0, at);
    fraction = s.slice(at + 1);
    const thousands = decimalSeparator === ',' ? '.' : ',';
    integer = integer.split(thousands).join('');
  }
  if (integer === '') integer = '0';
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return null;
  return { negative, integer, fraction };
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10000];

/** Turns a parsed decimal into an integer scaled by 10^scale (scale ≤ 4), rounding half away from zero. */
export function decimalToScaled(d: Decimal, scale: number): number | null {
  const integer = d.integer.length > 1 ? d.integer.replace(/^0+(?=\d)/, '') : d.integer;
  if (integer.length + scale > 15) return null;
  let kept = 0;
  for (let i = 0; i < scale; i++) {
    const digit = i < d.fraction.length ? d.fraction.charCodeAt(i) - 48 : 0;
    kept = kept * 10 + digit;
  }
  const roundUp = d.fraction.length > scale && d.fraction.charCodeAt(scale) - 48 >= 5;
  const value = Number(integer) * POWERS_OF_TEN[scale]! + kept + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(value)) return null;
  return d.negative && value !== 0 ? -value : value;
}

/** Formats kopecks as "1 234,56" (ru) or "1,234.56" (en). */
export function formatMoney(kopecks: Kopecks, locale: 'ru' | 'en' = 'ru'): string {
  const negative = kopecks < 0;
  const abs = Math.abs(kopecks);
  const rubles = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  const groupSeparator = locale === 'ru' ? '\u00a0' : ',';
  const grouped = String(rubles).replace(/\B(?=(\d{3})+(?!\d))/g, groupSeparator);
  return `${negative ? '−' : ''}${grouped}${locale === 'ru' ? ',' : '.'}${rest}`;
}

/** Amount of one line: price × quantity, both integers, so exact. */
export function lineAmount(priceKopecks: Kopecks, quantity: number): Kopecks {
  return priceKopecks * quantity;
}

/**
 * VAT contained in (inclusive) or added to (exclusive) an amount, rounded to the kopeck.
 * Inclusive: amount × rate / (100 + rate); exclusive: amount × rate / 100.
 */
export function vatOf(amount: Kopecks, rate: VatRate, pricesIncludeVat: boolean): Kopecks {
  if (rate === 0) return 0;
  return pricesIncludeVat ? divideRounded(amount * rate, 100 + rate) : divideRounded(amount * rate, 100);
}

export interface LineForTotals {
  priceKopecks: Kopecks;
  quantity: number;
  vatRate: VatRate;
}

export interface VatRateTotal {
  rate: VatRate;
  /** Sum of the lines' amounts without VAT. */
  netKopecks: Kopecks;
  vatKopecks: Kopecks;
  /** Sum with VAT. */
  grossKopecks: Kopecks;
}

export interface OrderTotals {
  netKopecks: Kopecks;
  vatKopecks: Kopecks;
  grossKopecks: Kopecks;
  byRate: VatRateTotal[];
}

export interface LineTotals {
  amountKopecks: Kopecks;
  netKopecks: Kopecks;
  vatKopecks: Kopecks;
  grossKopecks: Kopecks;
}

/** Per-line VAT, rounded on each line (as 1C and Russian invoices do). */
export function lineTotals(line: LineForTotals, pricesIncludeVat: boolean): LineTotals {
  const amount = lineAmount(line.priceKopecks, line.quantity);
  const vat = vatOf(amount, line.vatRate, pricesIncludeVat);
  return pricesIncludeVat
    ? { amountKopecks: amount, netKopecks: amount - vat, vatKopecks: vat, grossKopecks: amount }
    : { amountKopecks: amount, netKopecks: amount, vatKopecks: vat, grossKopecks: amount + vat };
}

/**
 * Totals of an order. Rounding happens once per line; the breakdown by rate is the
 * sum of those rounded lines, so the breakdown, the total and every line agree to the kopeck.
 */
export function orderTotals(lines: readonly LineForTotals[], pricesIncludeVat: boolean): OrderTotals {
  const byRate = new Map<VatRate, VatRateTotal>();
  for (const line of lines) {
    const t = lineTotals(line, pricesIncludeVat);
    const entry = byRate.get(line.vatRate) ?? { rate: line.vatRate, netKopecks: 0, vatKopecks: 0, grossKopecks: 0 };
    entry.netKopecks += t.netKopecks;
    entry.vatKopecks += t.vatKopecks;
    entry.grossKopecks += t.grossKopecks;
    byRate.set(line.vatRate, entry);
  }
  const rates = [...byRate.values()].sort((a, b) => a.rate - b.rate);
  return {
    netKopecks: rates.reduce((s, r) => s + r.netKopecks, 0),
    vatKopecks: rates.reduce((s, r) => s + r.vatKopecks, 0),
    grossKopecks: rates.reduce((s, r) => s + r.grossKopecks, 0),
    byRate: rates,
  };
}

/**
 * VAT computed once per rate on the summed amounts — what a tax form built from a rate
 * total shows. It can differ from the sum of per-line VAT by a few kopecks; exposed so
 * that readers of foreign documents can tell which rule a document used.
 */
export function vatPerRateTotal(lines: readonly LineForTotals[], pricesIncludeVat: boolean): Map<VatRate, Kopecks> {
  const amounts = new Map<VatRate, Kopecks>();
  for (const line of lines) {
    amounts.set(line.vatRate, (amounts.get(line.vatRate) ?? 0) + lineAmount(line.priceKopecks, line.quantity));
  }
  const result = new Map<VatRate, Kopecks>();
  for (const [rate, amount] of amounts) result.set(rate, vatOf(amount, rate, pricesIncludeVat));
  return result;
}
