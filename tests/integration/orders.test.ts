import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { MAIN_DATABASE_FILE } from '../../electron/core/db/database';
import { orderSchema, orderSummarySchema, type Order } from '../../shared/domain';
import { tempDataDir } from '../builders/dataDir';
import { coreWithPriceList, DAIRY_AND_MORE, importListedPriceList } from '../builders/orderPriceLists';

let core: PorterCore;
let remove: () => void;
let dataDir: string;

beforeEach(async () => {
  ({ dir: dataDir, remove } = tempDataDir('porter-orders'));
  core = await coreWithPriceList(dataDir, DAIRY_AND_MORE, { minOrderRubles: 5000 });
});
afterEach(() => {
  core.close();
  remove();
});

/** Every order the API returns must be what the contract says. */
const checked = (order: Order): Order => orderSchema.parse(order);
const problemsOf = (order: Order, code: string) => order.lines.find((l) => l.itemCode === code)?.problems;

describe('drafts', () => {
  it('several drafts with their own delivery date and comment, newest-updated first, deleted one by one', async () => {
    const first = checked(await core.api.getCurrentDraft({}));
    expect(first.number).toBe('P-000001');
    expect(first.origin).toBe('');
    const second = checked(await core.api.createDraft({}));
    expect(second.number).toBe('P-000002');
    await core.api.setOrderLineQuantity({ orderId: first.id, itemCode: '000123', quantity: 24 });
    const detailed = checked(
      await core.api.setOrderDetails({ orderId: second.id, deliveryDate: '2026-12-07', comment: 'К 8:00, рампа 2' }),
    );
    expect(detailed).toMatchObject({ deliveryDate: '2026-12-07', comment: 'К 8:00, рампа 2' });

    const { drafts } = await core.api.listDrafts({});
    drafts.forEach((d) => orderSummarySchema.parse(d));
    expect(drafts.map((d) => [d.number, d.lineCount, d.grossKopecks, d.deliveryDate])).toEqual([
      ['P-000002', 0, 0, '2026-12-07'],
      ['P-000001', 1, 24 * 8990, null],
    ]);
    // The current draft is the one changed last.
    expect((await core.api.getCurrentDraft({})).id).toBe(second.id);
    await core.api.setOrderLineQuantity({ orderId: first.id, itemCode: '000123', quantity: 36 });
    expect((await core.api.getCurrentDraft({})).id).toBe(first.id);

    expect(await core.api.deleteDraft({ orderId: second.id })).toEqual({ deleted: true });
    expect(await core.api.deleteDraft({ orderId: second.id })).toEqual({ deleted: false });
    await expect(core.api.getOrder({ orderId: second.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.api.listDrafts({})).drafts.map((d) => d.number)).toEqual(['P-000001']);

    // Deleting the last draft: the next "current draft" is a new one with the next number.
    await core.api.deleteDraft({ orderId: first.id });
    expect((await core.api.getCurrentDraft({})).number).toBe('P-000003');
  });

  it('clears details and refuses a date that is not on the calendar', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-12-07', comment: 'x' });
    expect(await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: null, comment: '' })).toMatchObject({
      deliveryDate: null,
      comment: '',
    });
    await expect(core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-02-30', comment: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('every change is committed at once: another connection sees it before Porter closes', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000300', quantity: 1 },
      ],
    });
    await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-12-07', comment: 'утром' });
    const other = new Database(path.join(dataDir, MAIN_DATABASE_FILE), { readonly: true });
    try {
      expect(other.prepare('SELECT item_code, quantity FROM order_lines ORDER BY position').all()).toEqual([
        { item_code: '000123', quantity: 24 },
        { item_code: '000300', quantity: 1 },
      ]);
      expect(other.prepare('SELECT delivery_date, comment FROM orders').get()).toEqual({ delivery_date: '2026-12-07', comment: 'утром' });
    } finally {
      other.close();
    }
  });

  it('several quantities in one step are all saved or none (an unknown item rolls the rest back)', async () => {
    const draft = await core.api.getCurrentDraft({});
    await expect(
      core.api.setOrderLineQuantities({
        orderId: draft.id,
        lines: [
          { itemCode: '000123', quantity: 24 },
          { itemCode: 'NO-SUCH', quantity: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_IN_PRICE_LIST' });
    expect((await core.api.getOrder({ orderId: draft.id })).lines).toEqual([]);
  });
});

describe('line checks, minimum order sum and VAT', () => {
  it('flags pack multiples, minimums and stock on each line and counts the lines that need attention', async () => {
    const draft = await core.api.getCurrentDraft({});
    const order = checked(
      await core.api.setOrderLineQuantities({
        orderId: draft.id,
        lines: [
          { itemCode: '000123', quantity: 30 }, // packs of 12
          { itemCode: '000200', quantity: 20 }, // minimum 40
          { itemCode: '000125', quantity: 6 }, // stock "нет"
          { itemCode: '000124', quantity: 600 }, // stock "более 100": not a limit
          { itemCode: '000300', quantity: 1 },
        ],
      }),
    );
    expect(problemsOf(order, '000123')).toEqual([{ kind: 'notPackMultiple', packMultiple: 12, suggested: 36 }]);
    expect(problemsOf(order, '000200')).toEqual([{ kind: 'belowMinimum', minimum: 40, suggested: 40 }]);
    expect(problemsOf(order, '000125')).toEqual([{ kind: 'overStock', stock: 0 }]);
    expect(problemsOf(order, '000124')).toEqual([]);
    expect(problemsOf(order, '000300')).toEqual([]);
    expect(order.attentionCount).toBe(3);
    // Fixing a quantity through the offered correction clears its flag.
    const fixed = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 36 });
    expect(problemsOf(fixed, '000123')).toEqual([]);
    expect(fixed.attentionCount).toBe(2);
  });

  it('checks the order against the supplier’s minimum order sum (VAT included)', async () => {
    const draft = await core.api.getCurrentDraft({});
    expect(draft.minimumOrder).toEqual({ kopecks: 500000, met: false });
    const small = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000300', quantity: 1 });
    expect(small.minimumOrder).toEqual({ kopecks: 500000, met: false }); // 4 990,00
    const enough = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 12 });
    expect(enough.totals.grossKopecks).toBe(499000 + 12 * 8990);
    expect(enough.minimumOrder).toEqual({ kopecks: 500000, met: true });
  });

  it('a price list without a minimum order sum: no minimum', async () => {
    await importListedPriceList(core, 'no-minimum', DAIRY_AND_MORE);
    expect((await core.api.getCurrentDraft({})).minimumOrder).toBeNull();
  });

  const mixed = [
    { itemCode: '000123', quantity: 24 }, // 89,90 × 24, 10 %
    { itemCode: '000125', quantity: 6 }, // 72,00 × 6, 10 %
    { itemCode: '000200', quantity: 40 }, // 115,00 × 40, 22 %
    { itemCode: '000300', quantity: 1 }, // 4 990,00 × 1, 20 %
  ];

  it('VAT by rate on a mixed 10/20/22 % order with VAT-inclusive prices', async () => {
    const draft = await core.api.getCurrentDraft({});
    const order = checked(await core.api.setOrderLineQuantities({ orderId: draft.id, lines: mixed }));
    expect(order.pricesIncludeVat).toBe(true);
    // VAT contained in each line, rounded per line: 215 760 × 10/110 = 19 614,5 → 19 615; 43 200 × 10/110 = 3 927,3 → 3 927;
    // 460 000 × 22/122 = 82 950,8 → 82 951; 499 000 × 20/120 = 83 166,7 → 83 167.
    expect(order.lines.map((l) => [l.amountKopecks, l.vatKopecks, l.grossKopecks])).toEqual([
      [215760, 19615, 215760],
      [43200, 3927, 43200],
      [460000, 82951, 460000],
      [499000, 83167, 499000],
    ]);
    expect(order.totals).toEqual({
      netKopecks: 1217960 - 189660,
      vatKopecks: 19615 + 3927 + 82951 + 83167,
      grossKopecks: 215760 + 43200 + 460000 + 499000,
      byRate: [
        { rate: 10, netKopecks: 258960 - 23542, vatKopecks: 23542, grossKopecks: 258960 },
        { rate: 20, netKopecks: 499000 - 83167, vatKopecks: 83167, grossKopecks: 499000 },
        { rate: 22, netKopecks: 460000 - 82951, vatKopecks: 82951, grossKopecks: 460000 },
      ],
    });
  });

  it('VAT by rate on the same order from a VAT-exclusive price list: VAT is added on top', async () => {
    await importListedPriceList(core, 'net', DAIRY_AND_MORE, { pricesIncludeVat: false });
    const draft = await core.api.createDraft({});
    expect(draft.pricesIncludeVat).toBe(false);
    const order = checked(await core.api.setOrderLineQuantities({ orderId: draft.id, lines: mixed }));
    // 215 760 × 10 % = 21 576; 43 200 × 10 % = 4 320; 460 000 × 22 % = 101 200; 499 000 × 20 % = 99 800.
    expect(order.lines.map((l) => [l.amountKopecks, l.vatKopecks, l.grossKopecks])).toEqual([
      [215760, 21576, 237336],
      [43200, 4320, 47520],
      [460000, 101200, 561200],
      [499000, 99800, 598800],
    ]);
    expect(order.totals).toEqual({
      netKopecks: 1217960,
      vatKopecks: 226896,
      grossKopecks: 1444856,
      byRate: [
        { rate: 10, netKopecks: 258960, vatKopecks: 25896, grossKopecks: 284856 },
        { rate: 20, netKopecks: 499000, vatKopecks: 99800, grossKopecks: 598800 },
        { rate: 22, netKopecks: 460000, vatKopecks: 101200, grossKopecks: 561200 },
      ],
    });
  });

  it('a new price list: changed prices and vanished items are flagged on the draft; accepting takes the new price', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000201', quantity: 2 },
        { itemCode: '000300', quantity: 1 },
      ],
    });
    const next = DAIRY_AND_MORE.filter((i) => i.code !== '000201').map((i) =>
      i.code === '000123' ? { ...i, priceKopecks: 9490, packMultiple: 10 } : i,
    );
    await importListedPriceList(core, 'december', next);

    const order = checked(await core.api.getOrder({ orderId: draft.id }));
    expect(problemsOf(order, '000123')).toEqual([
      { kind: 'notPackMultiple', packMultiple: 10, suggested: 20 },
      { kind: 'priceChanged', fromKopecks: 8990, toKopecks: 9490 },
    ]);
    expect(problemsOf(order, '000201')).toEqual([{ kind: 'notInPriceList' }]);
    expect(problemsOf(order, '000300')).toEqual([]);
    expect(order.attentionCount).toBe(2);
    // The line keeps its price until the purchaser accepts the new one.
    expect(order.lines[0]!.priceKopecks).toBe(8990);

    const accepted = checked(await core.api.acceptLinePrice({ orderId: draft.id, itemCode: '000123' }));
    expect(accepted.lines[0]).toMatchObject({ priceKopecks: 9490, amountKopecks: 24 * 9490 });
    expect(problemsOf(accepted, '000123')).toEqual([{ kind: 'notPackMultiple', packMultiple: 10, suggested: 20 }]);
    // A line whose item left the price list has no current price to accept; its quantity can still change.
    await expect(core.api.acceptLinePrice({ orderId: draft.id, itemCode: '000201' })).rejects.toMatchObject({
      code: 'ITEM_NOT_IN_PRICE_LIST',
    });
    const changed = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000201', quantity: 3 });
    expect(changed.lines.find((l) => l.itemCode === '000201')).toMatchObject({ quantity: 3, priceKopecks: 45000 });
  });
});

describe('barcode scanner', () => {
  it('a known barcode adds one pack, then one more pack; an unknown one changes nothing', async () => {
    const draft = await core.api.getCurrentDraft({});
    // Chocolate: packs of 20, minimum 40 → the first scan gives 40.
    const first = await core.api.scanBarcode({ orderId: draft.id, barcode: '4600000000015' });
    expect(first).toMatchObject({ itemCode: '000200', quantity: 40 });
    checked(first.order);
    const second = await core.api.scanBarcode({ orderId: draft.id, barcode: '4600000000015' });
    expect(second).toMatchObject({ itemCode: '000200', quantity: 60 });
    const milk = await core.api.scanBarcode({ orderId: draft.id, barcode: '4607001234562' });
    expect(milk.order.lines.map((l) => [l.itemCode, l.quantity])).toEqual([
      ['000200', 60],
      ['000123', 12],
    ]);

    await expect(core.api.scanBarcode({ orderId: draft.id, barcode: '4699999999999' })).rejects.toMatchObject({
      code: 'BARCODE_NOT_FOUND',
    });
    expect(await core.api.getOrder({ orderId: draft.id })).toEqual(milk.order);
  });
});

describe('sending, history and the order file', () => {
  it('submitting makes the order read-only and puts it in the history; an empty draft cannot be sent', async () => {
    const empty = await core.api.getCurrentDraft({});
    await expect(core.api.submitOrder({ orderId: empty.id })).rejects.toMatchObject({ code: 'ORDER_EMPTY' });
    await core.api.setOrderLineQuantity({ orderId: empty.id, itemCode: '000123', quantity: 24 });
    const sent = checked(await core.api.submitOrder({ orderId: empty.id }));
    expect(sent.status).toBe('submitted');
    expect(sent.submittedAt).not.toBeNull();
    expect(sent.minimumOrder).toEqual({ kopecks: 500000, met: false });

    for (const change of [
      () => core.api.setOrderLineQuantity({ orderId: sent.id, itemCode: '000123', quantity: 36 }),
      () => core.api.setOrderDetails({ orderId: sent.id, deliveryDate: null, comment: 'x' }),
      () => core.api.scanBarcode({ orderId: sent.id, barcode: '4607001234562' }),
      () => core.api.pasteOrderLines({ orderId: sent.id, text: '000123;12' }),
      () => core.api.submitOrder({ orderId: sent.id }),
      () => core.api.deleteDraft({ orderId: sent.id }),
    ]) {
      await expect(change()).rejects.toMatchObject({ code: 'ORDER_NOT_EDITABLE' });
    }
    expect(await core.api.getOrder({ orderId: sent.id })).toEqual(sent);
    // The sent order is no longer a draft: the purchaser gets a new one.
    const next = await core.api.getCurrentDraft({});
    expect(next.id).not.toBe(sent.id);
    expect(next.number).toBe('P-000002');
    expect(core.orders.orderedItemCodes()).toEqual(['000123']);
  });

  it('exporting writes the Porter order file (with delivery date and comment) and moves the draft to the history', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantities({
      orderId: draft.id,
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000300', quantity: 1 },
      ],
    });
    await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: '2026-12-07', comment: 'Звонить заранее' });
    const exported = await core.api.exportOrder({ orderId: draft.id });
    expect(exported.fileName).toBe(`porter-order-P-000001-${draft.id}.json`);
    const file = JSON.parse(exported.content) as { exportedAt: string; order: Record<string, unknown> };
    const schema = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/schemas/porter-order.v1.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(file.order).toMatchObject({ number: 'P-000001', deliveryDate: '2026-12-07', comment: 'Звонить заранее' });

    const order = checked(await core.api.getOrder({ orderId: draft.id }));
    expect(order.status).toBe('exported');
    expect(order.exportedAt).toBe(file.exportedAt);
    expect((await core.api.listOrderHistory({ query: '', limit: 10 })).orders.map((o) => [o.number, o.status])).toEqual([
      ['P-000001', 'exported'],
    ]);
    // Exporting again (from the history) gives the same order and notes the time.
    const again = JSON.parse((await core.api.exportOrder({ orderId: draft.id })).content) as { order: { lines: unknown[] } };
    expect(again.order.lines).toEqual((file.order as { lines: unknown[] }).lines);

    // An order without delivery date or comment is written without those fields, as version-1 readers expect.
    const plain = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: plain.id, itemCode: '000300', quantity: 1 });
    const plainFile = JSON.parse((await core.api.exportOrder({ orderId: plain.id })).content) as { order: Record<string, unknown> };
    expect(Object.keys(plainFile.order)).not.toContain('deliveryDate');
    expect(Object.keys(plainFile.order)).not.toContain('comment');
    await expect(core.api.exportOrder({ orderId: (await core.api.getCurrentDraft({})).id })).rejects.toMatchObject({
      code: 'ORDER_EMPTY',
    });
  });

  it('history: sent orders newest first, found by number, comment, item code or name in any case', async () => {
    const send = async (lines: { itemCode: string; quantity: number }[], comment: string, how: 'submit' | 'export') => {
      const draft = await core.api.createDraft({});
      await core.api.setOrderLineQuantities({ orderId: draft.id, lines });
      await core.api.setOrderDetails({ orderId: draft.id, deliveryDate: null, comment });
      if (how === 'submit') await core.api.submitOrder({ orderId: draft.id });
      else await core.api.exportOrder({ orderId: draft.id });
      return draft.number;
    };
    const dairy = await send([{ itemCode: '000123', quantity: 24 }], 'молочка на неделю', 'submit');
    const sweets = await send([{ itemCode: '000200', quantity: 40 }], 'Новый год', 'export');
    const tree = await send([{ itemCode: '000300', quantity: 2 }], '', 'submit');
    await core.api.setOrderLineQuantity({ orderId: (await core.api.createDraft({})).id, itemCode: '000123', quantity: 12 }); // a draft: not history

    const numbers = async (query: string) => (await core.api.listOrderHistory({ query, limit: 100 })).orders.map((o) => o.number);
    expect(await numbers('')).toEqual([tree, sweets, dairy]);
    expect(await numbers('МОЛОЧКА')).toEqual([dairy]);
    expect(await numbers('новый ГОД')).toEqual([sweets]);
    expect(await numbers('АЛЁНКА')).toEqual([sweets]);
    expect(await numbers('аленка')).toEqual([sweets]);
    expect(await numbers('ёлка')).toEqual([tree]);
    expect(await numbers('молоко')).toEqual([dairy]);
    expect(await numbers('000300')).toEqual([tree]);
    expect(await numbers(sweets.toLowerCase())).toEqual([sweets]);
    expect(await numbers('молоко ёлка')).toEqual([]);
    expect((await core.api.listOrderHistory({ query: '', limit: 2 })).orders).toHaveLength(2);
    const [summary] = (await core.api.listOrderHistory({ query: 'ёлка', limit: 10 })).orders;
    expect(orderSummarySchema.parse(summary)).toMatchObject({ status: 'submitted', lineCount: 1, grossKopecks: 2 * 499000 });
    expect([...core.orders.orderedItemCodes()].sort()).toEqual(['000123', '000200', '000300']);
  });

  it('renders the order as a PDF through the contract', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 24 });
    const pdf = await core.api.orderPdf({ orderId: draft.id });
    expect(pdf.fileName).toMatch(/P-000001/);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
