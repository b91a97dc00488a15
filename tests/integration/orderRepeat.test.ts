import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { orderSchema, suggestionSchema, templateSummarySchema, type Order } from '../../shared/domain';
import { localIsoDate } from '../../shared/suggestions';
import { tempDataDir } from '../builders/dataDir';
import { coreWithPriceList, DAIRY_AND_MORE, importListedPriceList, type ListedItem } from '../builders/orderPriceLists';

let core: PorterCore;
let remove: () => void;

beforeEach(async () => {
  let dir: string;
  ({ dir, remove } = tempDataDir('porter-repeat'));
  core = await coreWithPriceList(dir);
});
afterEach(() => {
  core.close();
  remove();
});

const line = (order: Order, code: string) => order.lines.find((l) => l.itemCode === code);

/** A sent order with these lines (and delivery date), as the purchaser would have sent it. */
async function sentOrder(lines: { itemCode: string; quantity: number }[], deliveryDate: string | null = null): Promise<Order> {
  const draft = await core.api.createDraft({});
  await core.api.setOrderLineQuantities({ orderId: draft.id, lines });
  await core.api.setOrderDetails({ orderId: draft.id, deliveryDate, comment: '' });
  return core.api.submitOrder({ orderId: draft.id });
}

/** The supplier's next price list: milk dearer, chocolate cheaper, honey gone. */
const DECEMBER: ListedItem[] = DAIRY_AND_MORE.filter((i) => i.code !== '000201').map((i) =>
  i.code === '000123' ? { ...i, priceKopecks: 9490 } : i.code === '000200' ? { ...i, priceKopecks: 10900 } : i,
);

describe('repeat a previous order', () => {
  it('re-prices the lines against the current price list and flags changed prices and vanished items', async () => {
    const previous = await sentOrder([
      { itemCode: '000123', quantity: 24 },
      { itemCode: '000200', quantity: 40 },
      { itemCode: '000201', quantity: 2 },
      { itemCode: '000300', quantity: 1 },
    ]);
    await importListedPriceList(core, 'december', DECEMBER);

    const repeated = orderSchema.parse(await core.api.repeatOrder({ orderId: previous.id }));
    expect(repeated).toMatchObject({ status: 'draft', origin: `repeat:${previous.number}`, number: 'P-000002' });
    expect(repeated.id).not.toBe(previous.id);
    expect(repeated.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual([
      ['000123', 24, 9490],
      ['000200', 40, 10900],
      ['000201', 2, 45000],
      ['000300', 1, 499000],
    ]);
    expect(line(repeated, '000123')!.problems).toEqual([{ kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9490 }]);
    expect(line(repeated, '000200')!.problems).toEqual([{ kind: 'priceChanged', fromKopecks: 11500, toKopecks: 10900 }]);
    expect(line(repeated, '000201')!.problems).toEqual([{ kind: 'notInPriceList' }]);
    expect(line(repeated, '000300')!.problems).toEqual([]);
    expect(repeated.attentionCount).toBe(3);
    expect(repeated.totals.grossKopecks).toBe(24 * 9490 + 40 * 10900 + 2 * 45000 + 499000);

    // The flag stays until the purchaser accepts the new price; the previous order is untouched.
    expect(line(await core.api.getOrder({ orderId: repeated.id }), '000123')!.problems).toHaveLength(1);
    const accepted = await core.api.acceptLinePrice({ orderId: repeated.id, itemCode: '000123' });
    expect(line(accepted, '000123')).toMatchObject({ priceKopecks: 9490, problems: [] });
    expect(accepted.attentionCount).toBe(2);
    expect(await core.api.getOrder({ orderId: previous.id })).toEqual(previous);
    expect(line(previous, '000123')!.priceKopecks).toBe(8990);
  });

  it('an unchanged price list repeats the order without flags', async () => {
    const previous = await sentOrder([{ itemCode: '000123', quantity: 24 }]);
    const repeated = await core.api.repeatOrder({ orderId: previous.id });
    expect(repeated.attentionCount).toBe(0);
    expect(repeated.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual([['000123', 24, 8990]]);
  });

  it('an order from a VAT-exclusive price list repeated into a VAT-inclusive one compares prices on the same footing', async () => {
    await importListedPriceList(core, 'net', DAIRY_AND_MORE, { pricesIncludeVat: false });
    const previous = await sentOrder([{ itemCode: '000300', quantity: 1 }]); // 4 990,00 + 20 %
    expect(previous.pricesIncludeVat).toBe(false);
    await importListedPriceList(
      core,
      'gross',
      DAIRY_AND_MORE.map((i) => (i.code === '000300' ? { ...i, priceKopecks: 598800 } : i)),
    );
    const repeated = await core.api.repeatOrder({ orderId: previous.id });
    expect(repeated.pricesIncludeVat).toBe(true);
    // 4 990,00 without VAT is 5 988,00 with 20 %: the same price.
    expect(repeated.lines[0]).toMatchObject({ priceKopecks: 598800, problems: [] });
  });
});

describe('templates', () => {
  it('saves an order as a template, lists it, starts drafts from it re-priced, replaces it by name, deletes it', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000124', quantity: 12 },
        { itemCode: '000201', quantity: 1 },
      ],
    });
    const saved = templateSummarySchema.parse(await core.api.saveTemplate({ orderId: draft.id, name: 'Молочка на неделю' }));
    expect(saved).toMatchObject({ name: 'Молочка на неделю', lineCount: 3 });
    await core.api.saveTemplate({ orderId: draft.id, name: 'Ассортимент' });
    expect((await core.api.listTemplates({})).templates.map((t) => t.name)).toEqual(['Ассортимент', 'Молочка на неделю']);

    await importListedPriceList(core, 'december', DECEMBER);
    const started = orderSchema.parse(await core.api.startFromTemplate({ templateId: saved.id }));
    expect(started).toMatchObject({ status: 'draft', origin: 'template:Молочка на неделю' });
    expect(started.id).not.toBe(draft.id);
    expect(started.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual([
      ['000123', 24, 9490],
      ['000124', 12, 9550],
      ['000201', 1, 45000],
    ]);
    expect(line(started, '000123')!.problems).toEqual([{ kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9490 }]);
    expect(line(started, '000201')!.problems).toEqual([{ kind: 'notInPriceList' }]);

    // Saving under the same name (in another case) replaces the template's lines.
    const smaller = await core.api.createDraft({});
    await core.api.setOrderLineQuantity({ orderId: smaller.id, itemCode: '000124', quantity: 6 });
    const replaced = await core.api.saveTemplate({ orderId: smaller.id, name: 'МОЛОЧКА НА НЕДЕЛЮ' });
    expect(replaced).toMatchObject({ id: saved.id, lineCount: 1 });
    expect((await core.api.listTemplates({})).templates).toHaveLength(2);

    expect(await core.api.deleteTemplate({ templateId: saved.id })).toEqual({ deleted: true });
    expect(await core.api.deleteTemplate({ templateId: saved.id })).toEqual({ deleted: false });
    await expect(core.api.startFromTemplate({ templateId: saved.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.api.listTemplates({})).templates.map((t) => t.name)).toEqual(['Ассортимент']);
    // A draft started from a deleted template keeps its lines.
    expect((await core.api.getOrder({ orderId: started.id })).lines).toHaveLength(3);
  });

  it('an empty order cannot become a template', async () => {
    const draft = await core.api.getCurrentDraft({});
    await expect(core.api.saveTemplate({ orderId: draft.id, name: 'пусто' })).rejects.toMatchObject({ code: 'ORDER_EMPTY' });
  });
});

describe('suggested quantities', () => {
  it('proposes from this store’s sent orders for the draft’s delivery date, by name, with what is in the order now', async () => {
    // Milk 48 a week for four weeks; the tree once, recently; chocolate twice, long ago (dormant).
    for (const [date, lines] of [
      ['2026-09-01', [{ itemCode: '000200', quantity: 40 }]],
      ['2026-09-08', [{ itemCode: '000200', quantity: 40 }]],
      ['2026-11-02', [{ itemCode: '000123', quantity: 48 }]],
      ['2026-11-09', [{ itemCode: '000123', quantity: 48 }]],
      ['2026-11-16', [{ itemCode: '000123', quantity: 48 }]],
      [
        '2026-11-23',
        [
          { itemCode: '000123', quantity: 48 },
          { itemCode: '000300', quantity: 2 },
        ],
      ],
    ] as const) {
      await sentOrder([...lines], date);
    }
    // Drafts are not history.
    const draft = await core.api.createDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 12 });
    await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-11-30', comment: '' });

    const result = await core.api.getSuggestions({ orderId: draft.id });
    result.suggestions.forEach((s) => suggestionSchema.parse(s));
    expect(result.forDate).toBe('2026-11-30');
    expect(
      result.suggestions.map(({ itemCode, name, quantity, currentQuantity, orderCount, averageIntervalDays, lastOrderedOn }) => ({
        itemCode,
        name,
        quantity,
        currentQuantity,
        orderCount,
        averageIntervalDays,
        lastOrderedOn,
      })),
    ).toEqual([
      {
        itemCode: '000300',
        name: 'Ёлка искусственная 180 см',
        quantity: 2,
        currentQuantity: 0,
        orderCount: 1,
        averageIntervalDays: null,
        lastOrderedOn: '2026-11-23',
      },
      {
        itemCode: '000123',
        name: 'Молоко «Простоквашино» 3,2% 930 мл',
        quantity: 48,
        currentQuantity: 12,
        orderCount: 4,
        averageIntervalDays: 7,
        lastOrderedOn: '2026-11-23',
      },
    ]);

    // Accepting them is one step.
    const accepted = await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: result.suggestions.map((s) => ({ itemCode: s.itemCode, quantity: s.quantity })),
    });
    expect(accepted.lines.map((l) => [l.itemCode, l.quantity])).toEqual([
      ['000123', 48],
      ['000300', 2],
    ]);
  });

  it('without a delivery date the target is today; without history there is nothing to propose', async () => {
    const draft = await core.api.getCurrentDraft({});
    expect(await core.api.getSuggestions({ orderId: draft.id })).toEqual({ forDate: localIsoDate(new Date()), suggestions: [] });
  });
});
