import type { Order, OrderSummary } from '../../../shared/domain';
import { orderTotals } from '../../../shared/money';
import { toOrderLine, type LiveCheck, type StoredLine } from './lineChecks';
import { historySummary } from './orderHistory';
import { itemByCode, orderHeader, toStoredLine, type LineRow, type OrderRow, type PriceListLookup } from './orderRows';

/**
 * An order as the purchaser sees it. A draft (with a price list to check against) has every line
 * checked against the current price list — one indexed lookup per line, remembered per price list —
 * and the supplier's current minimum order sum; a sent order shows what was sent.
 */
export function readOrder(row: OrderRow, stored: readonly StoredLine[], catalog: PriceListLookup | null): Order {
  const pricesIncludeVat = row.prices_include_vat === 1;
  const live: LiveCheck | null =
    row.status === 'draft' && catalog ? { orderIncludesVat: pricesIncludeVat, priceListIncludesVat: catalog.info.pricesIncludeVat } : null;
  const lines = stored.map((line) =>
    toOrderLine(line, live && catalog ? itemByCode(catalog, line.itemCode) : null, live, pricesIncludeVat),
  );
  const totals = orderTotals(lines, pricesIncludeVat);
  const minimum = row.status === 'draft' ? (catalog?.info.minOrderKopecks ?? null) : row.min_order_kopecks;
  return {
    ...orderHeader(row),
    origin: row.origin,
    attentionCount: lines.filter((l) => l.problems.length > 0).length,
    minimumOrder: minimum === null || minimum === undefined ? null : { kopecks: minimum, met: totals.grossKopecks >= minimum },
    priceListId: row.price_list_id,
    pricesIncludeVat,
    lines,
    totals,
  };
}

/** Drafts change all the time: their line count and total are summed from their lines (stored prices, no checks). */
export function draftSummaries(rows: readonly OrderRow[], lines: readonly (LineRow & { order_id: string })[]): OrderSummary[] {
  const byOrder = new Map<string, StoredLine[]>();
  for (const line of lines) {
    const orderLines = byOrder.get(line.order_id);
    if (orderLines) orderLines.push(toStoredLine(line));
    else byOrder.set(line.order_id, [toStoredLine(line)]);
  }
  return rows.map((row) => {
    const orderLines = byOrder.get(row.id) ?? [];
    const gross = orderTotals(orderLines, row.prices_include_vat === 1).grossKopecks;
    return historySummary({ ...row, line_count: orderLines.length, gross_kopecks: gross });
  });
}
