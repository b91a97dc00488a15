import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { dateOfDay, dayNumber, weekdayOfDay } from '../../shared/insights/history';
import { orderHintsSchema } from '../../shared/insightsView';
import { localIsoDate } from '../../shared/suggestions';
import { tempDataDir } from '../builders/dataDir';
import { coreWithPriceList, DAIRY_AND_MORE, type ListedItem } from '../builders/orderPriceLists';

const CATEGORIES: Record<string, string> = { '000123': 'Молочная продукция', '000200': 'Кондитерские изделия', '000300': 'Новый год' };
const ITEMS: ListedItem[] = DAIRY_AND_MORE.map((i) => ({ ...i, category: CATEGORIES[i.code] ?? 'Прочее' }));
const MILK = '000123';
const CHOCOLATE = '000200';

let core: PorterCore;
let remove: () => void;

beforeEach(async () => {
  let dir: string;
  ({ dir, remove } = tempDataDir('porter-hints'));
  core = await coreWithPriceList(dir, ITEMS);
});
afterEach(() => {
  core.close();
  remove();
});

/** Sends an order, then dates it as sent on `day` at 10:00 this computer's time (the history is what was sent when). */
async function sentOn(day: string, lines: { itemCode: string; quantity: number }[]): Promise<void> {
  const draft = await core.api.createDraft({});
  await core.api.setOrderLineQuantities({ orderId: draft.id, lines });
  const sent = await core.api.submitOrder({ orderId: draft.id });
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  core.db.prepare('UPDATE orders SET submitted_at = ? WHERE id = ?').run(new Date(year, month - 1, date, 10).toISOString(), sent.id);
}

describe('order hints in store mode, from the store’s own sent orders', () => {
  it('knows the weekday a category is usually ordered on, and the items the store stopped ordering', async () => {
    // Sixteen Mondays up to the last one before today: milk every time, chocolate only in the first eight.
    const today = dayNumber(localIsoDate(new Date()));
    const lastMonday = today - 1 - weekdayOfDay(today - 1);
    for (let k = 0; k < 16; k++) {
      const lines = [{ itemCode: MILK, quantity: 24 }];
      if (k < 8) lines.push({ itemCode: CHOCOLATE, quantity: 40 });
      await sentOn(dateOfDay(lastMonday - 7 * (15 - k)), lines);
    }
    // One order on another weekday does not break the habit.
    await sentOn(dateOfDay(lastMonday - 3), [{ itemCode: MILK, quantity: 12 }]);

    const draft = await core.api.createDraft({});
    const hints = orderHintsSchema.parse(await core.api.getOrderHints({ orderId: draft.id }));
    expect(hints.today).toBe(dateOfDay(today));
    expect(hints.weekday).toBe(weekdayOfDay(today));
    expect(hints.habits).toEqual([
      { category: 'Молочная продукция', weekday: 0, orders: 17, share: 16 / 17, inOrder: false },
      { category: 'Кондитерские изделия', weekday: 0, orders: 8, share: 1, inOrder: false },
    ]);
    expect(hints.stopped).toHaveLength(1);
    expect(hints.stopped[0]).toMatchObject({ itemCode: CHOCOLATE, name: 'Шоколад «Алёнка» горький 70%', lastQuantity: 40 });
    expect(hints.stopped[0]!.weeksBought).toBeGreaterThanOrEqual(7);
    expect(hints.stopped[0]!.lastBoughtOn).toBe(dateOfDay(lastMonday - 7 * 8));

    // Once the draft has milk and chocolate, there is nothing to remind of.
    await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: [
        { itemCode: MILK, quantity: 24 },
        { itemCode: CHOCOLATE, quantity: 40 },
      ],
    });
    const after = await core.api.getOrderHints({ orderId: draft.id });
    expect(after.habits.map((h) => h.inOrder)).toEqual([true, true]);
    expect(after.stopped).toEqual([]);
  });

  it('has no hints without a history', async () => {
    const draft = await core.api.createDraft({});
    const hints = await core.api.getOrderHints({ orderId: draft.id });
    expect(hints.habits).toEqual([]);
    expect(hints.stopped).toEqual([]);
  });
});
