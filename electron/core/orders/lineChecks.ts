import type { Item, LineProblem, OrderLine } from '../../../shared/domain';
import { divideRounded, lineTotals, type VatRate } from '../../../shared/money';
import { checkQuantity } from '../../../shared/quantity';

/** A line as the database keeps it: the item as it was when the line was added, and the quantity. */
export interface StoredLine {
  itemCode: string;
  name: string;
  barcode: string;
  unit: string;
  packMultiple: number;
  minOrderQuantity: number;
  priceKopecks: number;
  vatRate: VatRate;
  /** Exact stock when the line was last changed; null when the price list did not say (or said "more than N"). */
  stock: number | null;
  quantity: number;
  /** The price a repeat or template re-priced this line from, until the purchaser accepts the new one. */
  repricedFromKopecks: number | null;
}

/**
 * What a draft is checked against: the current price list and whether its prices include VAT.
 * Sent orders are not checked against it (null): they are a record of what was sent.
 */
export interface LiveCheck {
  orderIncludesVat: boolean;
  priceListIncludesVat: boolean;
}

/**
 * A price stated with or without VAT, in the other basis. Lines of a VAT-inclusive order compare
 * their prices with a VAT-exclusive price list (or the other way round) on the same footing.
 */
export function priceInBasis(priceKopecks: number, vatRate: VatRate, fromIncludesVat: boolean, toIncludesVat: boolean): number {
  if (fromIncludesVat === toIncludesVat || vatRate === 0) return priceKopecks;
  return toIncludesVat ? divideRounded(priceKopecks * (100 + vatRate), 100) : divideRounded(priceKopecks * 100, 100 + vatRate);
}

/** The current price list's price for an item, in the order's basis. */
export function currentPrice(item: Item, live: LiveCheck): number {
  return priceInBasis(item.priceKopecks, item.vatRate, live.priceListIncludesVat, live.orderIncludesVat);
}

/**
 * The problems of one line. A draft's line is checked against the current price list when the item is
 * there (its pack multiple, minimum and stock may have changed since the line was added); a line whose
 * item has gone from the price list keeps its own rules and is flagged. Stock only warns.
 */
export function lineProblems(line: StoredLine, current: Item | null, live: LiveCheck | null): LineProblem[] {
  if (live === null) return checkQuantity(line.quantity, line);
  if (current === null) {
    return [...checkQuantity(line.quantity, { ...line, stock: null }), { kind: 'notInPriceList' }];
  }
  const problems: LineProblem[] = checkQuantity(line.quantity, {
    packMultiple: current.packMultiple,
    minOrderQuantity: current.minOrderQuantity,
    stock: exactStock(current),
  });
  const price = currentPrice(current, live);
  if (price !== line.priceKopecks) {
    problems.push({ kind: 'priceChanged', fromKopecks: line.priceKopecks, toKopecks: price });
  } else if (line.repricedFromKopecks !== null && line.repricedFromKopecks !== line.priceKopecks) {
    problems.push({ kind: 'priceChanged', fromKopecks: line.repricedFromKopecks, toKopecks: line.priceKopecks });
  }
  return problems;
}

/** Stock as a limit: "more than 100" is no limit a quantity can be checked against. */
export function exactStock(item: Item): number | null {
  return item.stockAtLeast ? null : item.stock;
}

/** A line as the order shows it: its sums and its problems; a draft shows the current pack and minimum. */
export function toOrderLine(line: StoredLine, current: Item | null, live: LiveCheck | null, pricesIncludeVat: boolean): OrderLine {
  const totals = lineTotals(line, pricesIncludeVat);
  const rules = live !== null && current !== null ? current : line;
  return {
    itemCode: line.itemCode,
    name: line.name,
    barcode: line.barcode,
    unit: line.unit,
    packMultiple: rules.packMultiple,
    minOrderQuantity: rules.minOrderQuantity,
    priceKopecks: line.priceKopecks,
    vatRate: line.vatRate,
    quantity: line.quantity,
    amountKopecks: totals.amountKopecks,
    vatKopecks: totals.vatKopecks,
    grossKopecks: totals.grossKopecks,
    problems: lineProblems(line, current, live),
  };
}
