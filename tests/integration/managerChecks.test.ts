import { afterEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import type { OrderProblem } from '../../shared/manager';
import { tempDataDir } from '../builders/dataDir';
import { at, bulkItems, dayOfOrders, managerCore, receivedOrder, STORES, takeIn, WAREHOUSE } from '../builders/managerBatches';
import { importListedPriceList } from '../builders/orderPriceLists';

const open: PorterCore[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

async function started(items = WAREHOUSE, stores = STORES): Promise<PorterCore> {
  const core = await managerCore(tempDataDir('porter-checks').dir, items, stores);
  open.push(core);
  return core;
}

const problemsOf = async (core: PorterCore, id: number): Promise<OrderProblem[]> => (await core.api.getReceivedOrder({ id })).problems;

describe('the checks of received orders', () => {
  it('finds nothing in an order that follows the price list and comes from a known store', async () => {
    const core = await started();
    const [id] = takeIn(core, [
      {
        store: 'S-001',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 24 },
          { code: 'C-001', quantity: 40 },
          { code: 'C-002', quantity: 3 },
        ],
      },
    ]);
    expect(await problemsOf(core, id!)).toEqual([]);
    const { orders } = await core.api.listReceivedOrders({ hasProblems: false });
    expect(orders.map((o) => [o.id, o.problemCount, o.problemKinds])).toEqual([[id, 0, []]]);
  });

  it('names a store missing from the directory, and forgets it once the store is added', async () => {
    const core = await started();
    const [id] = takeIn(core, [{ store: 'S-404', number: '1', receivedAt: at(0), lines: [{ code: 'M-001', quantity: 12 }] }]);
    expect(await problemsOf(core, id!)).toEqual([{ kind: 'unknownStore', lineNumber: null, itemCode: null }]);
    await core.api.saveStores({ stores: [{ ...STORES[0]!, customerCode: 'S-404', name: 'Новый магазин' }] });
    expect(await problemsOf(core, id!)).toEqual([]);
  });

  it('names an item that is not in the current price list', async () => {
    const core = await started();
    const [id] = takeIn(core, [
      {
        store: 'S-001',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 12 },
          { code: 'X-999', quantity: 5, priceKopecks: 1000 },
        ],
      },
    ]);
    expect(await problemsOf(core, id!)).toEqual([{ kind: 'unknownItem', lineNumber: 2, itemCode: 'X-999' }]);
  });

  it("shows an order made from an outdated price list with the store's price, the current price and the list it ordered from", async () => {
    const outdated = WAREHOUSE.map((i) => (i.code === 'M-001' ? { ...i, priceKopecks: 8500 } : i));
    const core = await started(outdated);
    const oldList = core.priceLists.currentInfo!.id;
    const [id] = takeIn(
      core,
      [
        {
          store: 'S-002',
          number: '7',
          receivedAt: at(5),
          lines: [
            { code: 'M-001', quantity: 24 },
            { code: 'C-001', quantity: 40 },
          ],
        },
      ],
      outdated,
    );
    expect(await problemsOf(core, id!)).toEqual([]);

    await importListedPriceList(core, 'warehouse-2', WAREHOUSE);
    expect(core.priceLists.currentInfo!.id).not.toBe(oldList);
    expect(await problemsOf(core, id!)).toEqual([
      { kind: 'priceDiffers', lineNumber: 1, itemCode: 'M-001', storePriceKopecks: 8500, currentPriceKopecks: 8990, priceListId: oldList },
    ]);
    const detail = await core.api.getReceivedOrder({ id: id! });
    expect(detail.priceListId).toBe(oldList);
  });

  it('compares prices in the VAT basis of the order', async () => {
    const core = await started();
    const order = receivedOrder({
      store: 'S-001',
      number: '3',
      receivedAt: at(0),
      lines: [{ code: 'M-001', quantity: 12, priceKopecks: 8173 }],
    });
    // 1C wrote the price without VAT: 8990 with 10 % VAT included is 8173 without.
    order.lines = order.lines.map((l) => ({ ...l, vatIncluded: false }));
    const outcome = core.manager.book.intake(order, { source: 'file', sourceName: 'order-3.xml', receivedAt: at(0) });
    expect(outcome.kind).toBe('added');
    if (outcome.kind === 'added') expect(await problemsOf(core, outcome.id)).toEqual([]);
  });

  it('offers the nearest valid quantity for a line off the pack multiple or below the minimum', async () => {
    const core = await started();
    const [id] = takeIn(core, [
      {
        store: 'S-001',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 13 },
          { code: 'C-001', quantity: 20 },
          { code: 'T-002', quantity: 9 },
        ],
      },
    ]);
    expect(await problemsOf(core, id!)).toEqual([
      { kind: 'notPackMultiple', lineNumber: 1, itemCode: 'M-001', packMultiple: 12, suggestedQuantity: 12 },
      { kind: 'belowMinimum', lineNumber: 2, itemCode: 'C-001', minOrderQuantity: 40, suggestedQuantity: 40 },
      // 9 is as far from 6 as from 12: ties go up.
      { kind: 'notPackMultiple', lineNumber: 3, itemCode: 'T-002', packMultiple: 6, suggestedQuantity: 12 },
    ]);
  });

  it('points a repeated order (same store, same day, identical lines) at the first, and refuses a file taken in twice', async () => {
    const core = await started();
    const lines = [
      { code: 'M-001', quantity: 24 },
      { code: 'C-002', quantity: 2 },
    ];
    const [first, repeat, other, nextDay] = takeIn(core, [
      { store: 'S-001', number: '11', receivedAt: at(0), lines },
      { store: 'S-001', number: '12', receivedAt: at(30), lines: [...lines].reverse() },
      { store: 'S-001', number: '13', receivedAt: at(40), lines: [{ code: 'M-001', quantity: 36 }] },
      { store: 'S-001', number: '14', receivedAt: at(0, '2026-12-01'), lines },
    ]);
    expect(await problemsOf(core, first!)).toEqual([]);
    expect(await problemsOf(core, repeat!)).toEqual([{ kind: 'duplicate', lineNumber: null, itemCode: null, duplicateOf: first }]);
    expect(await problemsOf(core, other!)).toEqual([]);
    expect(await problemsOf(core, nextDay!)).toEqual([]);

    // The same file again: the same order id of the same store is not stored twice.
    const again = core.manager.book.intake(receivedOrder({ store: 'S-001', number: '11', receivedAt: at(0), lines }), {
      source: 'file',
      sourceName: 'order-S-001-11 (1).json',
    });
    expect(again).toEqual({ kind: 'duplicate', existingId: first });

    // Once the first is rejected, the second is the order.
    await core.api.applyBatchAction({ kind: 'reject', orderIds: [first!], reason: 'Отправлен дважды' });
    expect(await problemsOf(core, repeat!)).toEqual([]);
  });

  it('marks every line of an item whose demand across the batch is above its stock: two stores and the last 10 units', async () => {
    const core = await started();
    const [early, late, lowerBound] = takeIn(core, [
      { store: 'S-001', number: '21', receivedAt: at(0), lines: [{ code: 'T-001', quantity: 6 }] },
      {
        store: 'S-002',
        number: '22',
        receivedAt: at(15),
        lines: [
          { code: 'M-001', quantity: 12 },
          { code: 'T-001', quantity: 8 },
        ],
      },
      {
        store: 'S-003',
        number: '23',
        receivedAt: at(20),
        // "более 100" is a lower bound and an empty stock is unknown: neither is ever over.
        lines: [
          { code: 'C-002', quantity: 150 },
          { code: 'M-002', quantity: 600 },
        ],
      },
    ]);
    const over = { kind: 'overStock', itemCode: 'T-001', stock: 10, demand: 14 };
    expect(await problemsOf(core, early!)).toEqual([{ ...over, lineNumber: 1 }]);
    expect(await problemsOf(core, late!)).toEqual([{ ...over, lineNumber: 2 }]);
    expect(await problemsOf(core, lowerBound!)).toEqual([]);

    const filtered = await core.api.listReceivedOrders({ problemKinds: ['overStock'] });
    expect(filtered.orders.map((o) => o.number)).toEqual(['21', '22']);

    // A rejected order's demand no longer counts.
    await core.api.applyBatchAction({ kind: 'reject', orderIds: [late!], reason: 'Нет на складе' });
    expect(await problemsOf(core, early!)).toEqual([]);
    expect(await problemsOf(core, late!)).toEqual([]);
  });

  it('checks again after a line is edited', async () => {
    const core = await started();
    const [id] = takeIn(core, [{ store: 'S-001', number: '1', receivedAt: at(0), lines: [{ code: 'M-001', quantity: 13 }] }]);
    expect((await core.api.listReceivedOrders({})).orders[0]!.problemKinds).toEqual(['notPackMultiple']);
    await core.api.editReceivedLine({ id: id!, lineNumber: 1, quantity: 12, reason: 'Кратность 12' });
    expect((await core.api.listReceivedOrders({})).orders[0]!.problemKinds).toEqual([]);
  });

  it('lists a day of 5,000 orders × 50 lines with their problems (timing printed)', async () => {
    const items = bulkItems(3000);
    const core = await started(items, []);
    const specs = dayOfOrders(items, 5000, 50);
    const intakeStarted = performance.now();
    takeIn(core, specs, items);
    const intakeMs = performance.now() - intakeStarted;

    // The baseline: the raw SQLite read of every line of the day, measured in the same run.
    const baseline = performance.now();
    core.db.prepare('SELECT received_order_id, line_number, item_code, quantity, price_kopecks FROM received_order_lines').raw().all();
    const baselineMs = performance.now() - baseline;
    const first = performance.now();
    const { orders } = await core.api.listReceivedOrders({ limit: 10_000 });
    const firstMs = performance.now() - first;
    const cached = performance.now();
    const problems = await core.api.listReceivedOrders({ hasProblems: true, limit: 10_000 });
    const cachedMs = performance.now() - cached;
    const edit = performance.now();
    await core.api.editReceivedLine({ id: orders[0]!.id, lineNumber: 1, quantity: 0 });
    const afterEdit = await core.api.listReceivedOrders({ problemKinds: ['overStock'], limit: 10_000 });
    const editMs = performance.now() - edit;

    expect(orders).toHaveLength(5000);
    // No store is in the directory: every order names its unknown store.
    expect(problems.orders).toHaveLength(5000);
    expect(afterEdit.orders.length).toBeGreaterThan(0);
    const kinds = new Map<string, number>();
    for (const o of orders) for (const k of o.problemKinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    console.log(
      `[timing] 5,000 orders × 50 lines: intake ${Math.round(intakeMs)} ms; raw read of the 250,000 lines ${Math.round(baselineMs)} ms; ` +
        `list with checks ${Math.round(firstMs)} ms ` +
        `(cached ${Math.round(cachedMs)} ms; an edit then a filtered list ${Math.round(editMs)} ms); ` +
        `${orders.reduce((sum, o) => sum + o.problemCount, 0)} problems; orders by problem: ` +
        JSON.stringify(Object.fromEntries(kinds)),
    );
  });
});
