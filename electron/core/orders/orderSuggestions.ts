import type { Order, Suggestion } from '../../../shared/domain';
import { localIsoDate, suggestQuantity } from '../../../shared/suggestions';
import type { OrderHistory } from './orderHistory';
import type { PriceListLookup } from './orderRows';

/**
 * Proposed quantities for a draft from this store's own history (the rule is in shared/suggestions.ts),
 * for the draft's delivery date or else today; only items in the current price list, by name.
 */
export function suggestionsFor(
  order: Order,
  history: OrderHistory,
  catalog: PriceListLookup | null,
  now: Date,
): { forDate: string; suggestions: Suggestion[] } {
  const today = localIsoDate(now);
  const forDate = order.deliveryDate ?? today;
  if (!catalog) return { forDate, suggestions: [] };
  const inOrder = new Map(order.lines.map((l) => [l.itemCode, l.quantity]));
  const suggestions: Suggestion[] = [];
  for (const [itemCode, entries] of history.itemHistories()) {
    const item = catalog.itemByCode(itemCode);
    if (!item) continue;
    const proposal = suggestQuantity({
      history: entries,
      targetDate: forDate,
      today,
      packMultiple: item.packMultiple,
      minOrderQuantity: item.minOrderQuantity,
    });
    if (!proposal) continue;
    suggestions.push({ itemCode, name: item.name, unit: item.unit, currentQuantity: inOrder.get(itemCode) ?? 0, ...proposal });
  }
  suggestions.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.itemCode.localeCompare(b.itemCode));
  return { forDate, suggestions };
}
