import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import type { ReceivedOrderDetail } from '../../shared/manager';
import { tempDataDir } from '../builders/dataDir';
import { at, managerCore, STORES, takeIn, WAREHOUSE, type OrderSpec } from '../builders/managerBatches';
import { importListedPriceList, type ListedItem } from '../builders/orderPriceLists';

const open: PorterCore[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

async function started(items: readonly ListedItem[] = WAREHOUSE): Promise<PorterCore> {
  const core = await managerCore(tempDataDir('porter-batch').dir, items);
  open.push(core);
  return core;
}

const detail = (core: PorterCore, id: number) => core.api.getReceivedOrder({ id });
const quantities = async (core: PorterCore, id: number) => (await detail(core, id)).lines.map((l) => [l.itemCode, l.quantity]);

/** Everything an undo must put back: states, reasons, lines (quantities, prices, what was ordered) — not the change log. */
async function snapshot(core: PorterCore): Promise<Omit<ReceivedOrderDetail, 'changes' | 'problems' | 'problemKinds' | 'problemCount'>[]> {
  const { orders } = await core.api.listReceivedOrders({ limit: 10_000 });
  return Promise.all(
    orders.map(async (o) => {
      const { changes: _changes, problems: _problems, problemKinds: _kinds, problemCount: _count, ...rest } = await detail(core, o.id);
      return rest;
    }),
  );
}

/** The day the tests process: three stores, a few orders each. */
const DAY: OrderSpec[] = [
  {
    store: 'S-001',
    number: '101',
    receivedAt: at(0),
    lines: [
      { code: 'M-001', quantity: 24 },
      { code: 'T-001', quantity: 6 },
      { code: 'C-001', quantity: 40 },
    ],
  },
  {
    store: 'S-002',
    number: '201',
    receivedAt: at(10),
    lines: [
      { code: 'T-001', quantity: 8 },
      { code: 'M-001', quantity: 13 },
    ],
  },
  { store: 'S-003', number: '301', receivedAt: at(20), lines: [{ code: 'C-002', quantity: 5 }] },
];

describe('line edits', () => {
  it('records who changed what, when, from what to what and why', async () => {
    const core = await started();
    const [id] = takeIn(core, DAY);
    const edited = await core.api.editReceivedLine({
      id: id!,
      lineNumber: 1,
      quantity: 36,
      priceKopecks: 8800,
      reason: 'Договорились по телефону',
      actor: 'Ольга',
    });
    expect(edited.lines[0]).toMatchObject({
      quantity: 36,
      orderedQuantity: 24,
      priceKopecks: 8800,
      orderedPriceKopecks: 8990,
      amountKopecks: 36 * 8800,
    });
    expect(edited.changes.map((c) => [c.lineNumber, c.field, c.oldValue, c.newValue, c.reason, c.actor])).toEqual([
      [1, 'quantity', '24', '36', 'Договорились по телефону', 'Ольга'],
      [1, 'price', '8990', '8800', 'Договорились по телефону', 'Ольга'],
    ]);
    expect(Date.parse(edited.changes[0]!.at)).not.toBeNaN();
    const byDefault = await core.api.editReceivedLine({ id: id!, lineNumber: 2, quantity: 5 });
    expect(byDefault.changes.at(-1)).toMatchObject({ field: 'quantity', oldValue: '6', newValue: '5', actor: 'manager', reason: '' });
  });

  it('refuses a line that does not exist, an edit without a value, and an order that was rejected', async () => {
    const core = await started();
    const [id] = takeIn(core, DAY);
    await expect(core.api.editReceivedLine({ id: id!, lineNumber: 9, quantity: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'lineNumber' },
    });
    await expect(core.api.editReceivedLine({ id: id!, lineNumber: 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await core.api.applyBatchAction({ kind: 'reject', orderIds: [id!], reason: 'Закрыт магазин' });
    await expect(core.api.editReceivedLine({ id: id!, lineNumber: 1, quantity: 12 })).rejects.toMatchObject({ code: 'ORDER_NOT_EDITABLE' });
  });
});

describe('batch actions', () => {
  it('accepts, rejects with a reason and holds a selection, each recorded as one batch that undoes as a whole', async () => {
    const core = await started();
    const [a, b, c] = takeIn(core, DAY);
    const before = await snapshot(core);

    const accepted = await core.api.applyBatchAction({ kind: 'accept', orderIds: [a!, b!], actor: 'Ольга' });
    expect(accepted).toMatchObject({ changedOrders: [a, b], summary: { kind: 'accept', changedLines: 0, skipped: [] } });
    const rejected = await core.api.applyBatchAction({ kind: 'reject', orderIds: [c!], reason: 'Долг по оплате' });
    const held = await core.api.applyBatchAction({ kind: 'hold', orderIds: [b!], reason: 'Уточнить адрес' });

    const { orders } = await core.api.listReceivedOrders({});
    expect(orders.map((o) => [o.number, o.state, o.stateReason])).toEqual([
      ['101', 'accepted', ''],
      ['201', 'held', 'Уточнить адрес'],
      ['301', 'rejected', 'Долг по оплате'],
    ]);
    const { changes } = await detail(core, c!);
    expect(changes.map((ch) => [ch.field, ch.oldValue, ch.newValue, ch.reason])).toEqual([
      ['state', 'new', 'rejected', 'Долг по оплате'],
      ['stateReason', '', 'Долг по оплате', 'Долг по оплате'],
      ['batch', null, 'reject', 'Rejected 1 order: Долг по оплате'],
    ]);
    const { batches } = await core.api.listBatches({});
    expect(batches.map((x) => [x.batchId, x.kind, x.description, x.orderCount])).toEqual([
      [held.batchId, 'hold', 'Held 1 order: Уточнить адрес', 1],
      [rejected.batchId, 'reject', 'Rejected 1 order: Долг по оплате', 1],
      [accepted.batchId, 'accept', 'Accepted 2 orders', 2],
    ]);
    expect(batches[2]!.actor).toBe('Ольга');

    for (const batch of [held, rejected, accepted]) await core.api.undoBatch({ batchId: batch.batchId! });
    expect(await snapshot(core)).toEqual(before);
    expect((await core.api.listBatches({})).batches).toEqual([]);
    await expect(core.api.undoBatch({ batchId: accepted.batchId! })).rejects.toMatchObject({ code: 'BATCH_NOT_UNDOABLE' });
  });

  it('records nothing when nothing needs changing, and refuses a rejection without a reason', async () => {
    const core = await started();
    const [a] = takeIn(core, DAY);
    await core.api.applyBatchAction({ kind: 'accept', orderIds: [a!] });
    const again = await core.api.applyBatchAction({ kind: 'accept', orderIds: [a!] });
    expect(again).toMatchObject({ batchId: null, changedOrders: [] });
    await expect(core.api.applyBatchAction({ kind: 'reject', orderIds: [a!], reason: ' ' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'reason' },
    });
    await expect(core.api.applyBatchAction({ kind: 'accept', orderIds: [a!, 999] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cuts two stores ordering the last 10 units by arrival: the first gets its quantity, the second the rest', async () => {
    const core = await started();
    const [first, second] = takeIn(core, DAY);
    expect((await core.api.listReceivedOrders({ problemKinds: ['overStock'] })).orders.map((o) => o.id)).toEqual([first, second]);

    const cut = await core.api.applyBatchAction({ kind: 'cutToStock', orderIds: [second!, first!], mode: 'arrival' });
    expect(cut).toMatchObject({ changedOrders: [second], summary: { changedLines: 1 } });
    expect(await quantities(core, first!)).toEqual([
      ['M-001', 24],
      ['T-001', 6],
      ['C-001', 40],
    ]);
    expect(await quantities(core, second!)).toEqual([
      ['T-001', 4],
      // Not over stock: left as ordered (rounding is its own action).
      ['M-001', 13],
    ]);
    expect((await core.api.listReceivedOrders({ problemKinds: ['overStock'] })).orders).toEqual([]);
    expect((await detail(core, second!)).changes[0]).toMatchObject({
      lineNumber: 1,
      field: 'quantity',
      oldValue: '8',
      newValue: '4',
      reason: 'Cut to stock by arrival',
    });
  });

  it('leaves to the orders outside the selection what they asked for: the selection shares what is left', async () => {
    const core = await started();
    const [first, second] = takeIn(core, DAY);
    await core.api.applyBatchAction({ kind: 'cutToStock', orderIds: [first!], mode: 'arrival' });
    // 8 of the 10 are the second order's (not selected): the first is cut to 2.
    expect((await quantities(core, first!))[1]).toEqual(['T-001', 2]);
    expect((await quantities(core, second!))[0]).toEqual(['T-001', 8]);
  });

  it('cuts proportionally to pack multiples, handing the rounding leftover to the line that lost most', async () => {
    const core = await started();
    // Garlands: pack 6, 50 in stock, 72 asked for.
    const ids = takeIn(core, [
      { store: 'S-001', number: '1', receivedAt: at(0), lines: [{ code: 'T-002', quantity: 30 }] },
      { store: 'S-002', number: '2', receivedAt: at(1), lines: [{ code: 'T-002', quantity: 24 }] },
      { store: 'S-003', number: '3', receivedAt: at(2), lines: [{ code: 'T-002', quantity: 18 }] },
    ]);
    await core.api.applyBatchAction({ kind: 'cutToStock', orderIds: ids, mode: 'proportional' });
    // Shares 20.8, 16.7, 12.5 → 18, 12, 12 (42); 8 left: one more pack to the second (it lost 4.7); 2 left.
    const cut = await Promise.all(ids.map(async (id) => (await quantities(core, id))[0]![1]));
    expect(cut).toEqual([18, 18, 12]);
  });

  it('never exceeds stock and never leaves a quantity off the pack, whatever the demands, stocks and packs', async () => {
    const core = await started();
    let run = 0;
    const scenario = fc.record({
      items: fc.array(
        fc.record({
          pack: fc.integer({ min: 1, max: 24 }),
          minimum: fc.integer({ min: 0, max: 60 }),
          stock: fc.integer({ min: 0, max: 400 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      orders: fc.array(
        fc.array(fc.record({ item: fc.nat(), quantity: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 4 }),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
      mode: fc.constantFrom('arrival' as const, 'proportional' as const),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ items, orders, mode }) => {
        run++;
        const listed: ListedItem[] = items.map((item, i) => ({
          code: `P${run}-${i}`,
          name: `Товар ${run}-${i}`,
          packMultiple: item.pack,
          minOrderQuantity: item.minimum,
          priceKopecks: 1000,
          stock: item.stock,
          vatRate: 22,
        }));
        await importListedPriceList(core, `run-${run}`, listed);
        const ids = takeIn(
          core,
          orders.map((lines, n) => ({
            store: STORES[n % STORES.length]!.customerCode,
            number: `${run}-${n}`,
            receivedAt: at(n),
            lines: lines.map((l) => ({ code: listed[l.item % listed.length]!.code, quantity: l.quantity })),
          })),
          listed,
        );
        const asked = await Promise.all(ids.map((id) => detail(core, id)));
        await core.api.applyBatchAction({ kind: 'cutToStock', orderIds: ids, mode });
        const after = await Promise.all(ids.map((id) => detail(core, id)));
        listed.forEach((item, i) => {
          const lines = after.flatMap((o) => o.lines.filter((l) => l.itemCode === item.code));
          const askedLines = asked.flatMap((o) => o.lines.filter((l) => l.itemCode === item.code));
          const demand = askedLines.reduce((sum, l) => sum + l.quantity, 0);
          const total = lines.reduce((sum, l) => sum + l.quantity, 0);
          if (demand <= items[i]!.stock) {
            expect(lines.map((l) => l.quantity)).toEqual(askedLines.map((l) => l.quantity));
            return;
          }
          expect(total).toBeLessThanOrEqual(items[i]!.stock);
          lines.forEach((l, n) => {
            expect(l.quantity % item.packMultiple!).toBe(0);
            if (l.quantity > 0) expect(l.quantity).toBeGreaterThanOrEqual(item.minOrderQuantity!);
            expect(l.quantity).toBeLessThanOrEqual(askedLines[n]!.quantity);
          });
        });
        // Settled: nothing of this run is over stock any more.
        expect(after.flatMap((o) => o.problems).filter((p) => p.kind === 'overStock')).toEqual([]);
        await core.api.applyBatchAction({ kind: 'reject', orderIds: ids, reason: 'Проверено' });
      }),
      { numRuns: 25, seed: 20261130 },
    );
  });

  it('rounds quantities to the nearest valid one: pack multiples, minimums, ties up', async () => {
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
          { code: 'C-002', quantity: 3 },
          { code: 'X-404', quantity: 7, priceKopecks: 100 },
        ],
      },
    ]);
    const result = await core.api.applyBatchAction({ kind: 'roundToPack', orderIds: [id!] });
    expect(result.summary.changedLines).toBe(3);
    expect(await quantities(core, id!)).toEqual([
      ['M-001', 12],
      ['C-001', 40],
      ['T-002', 12],
      ['C-002', 3],
      ['X-404', 7],
    ]);
    expect((await detail(core, id!)).problems.map((p) => p.kind)).toEqual(['unknownItem']);
  });

  it("reprices an order made from an outdated price list, or keeps the store's price and settles the difference", async () => {
    const outdated = WAREHOUSE.map((i) =>
      i.code === 'M-001' ? { ...i, priceKopecks: 8500 } : i.code === 'C-001' ? { ...i, priceKopecks: 12000 } : i,
    );
    const core = await started(outdated);
    const [repriced, kept] = takeIn(
      core,
      [
        {
          store: 'S-001',
          number: '1',
          receivedAt: at(0),
          lines: [
            { code: 'M-001', quantity: 24 },
            { code: 'C-001', quantity: 40 },
          ],
        },
        { store: 'S-002', number: '2', receivedAt: at(1), lines: [{ code: 'M-001', quantity: 12 }] },
      ],
      outdated,
    );
    await importListedPriceList(core, 'warehouse-2', WAREHOUSE);
    expect((await core.api.listReceivedOrders({ problemKinds: ['priceDiffers'] })).orders.map((o) => o.id)).toEqual([repriced, kept]);

    const result = await core.api.applyBatchAction({ kind: 'reprice', orderIds: [repriced!], mode: 'current' });
    expect(result.summary).toMatchObject({ changedLines: 2, description: 'Repriced to the current price list: 2 lines in 1 order' });
    const after = await detail(core, repriced!);
    expect(after.lines.map((l) => [l.orderedPriceKopecks, l.priceKopecks])).toEqual([
      [8500, 8990],
      [12000, 11500],
    ]);
    expect(after.changes.filter((c) => c.field === 'price').map((c) => [c.lineNumber, c.oldValue, c.newValue])).toEqual([
      [1, '8500', '8990'],
      [2, '12000', '11500'],
    ]);
    expect(after.problems).toEqual([]);

    const keep = await core.api.applyBatchAction({ kind: 'reprice', orderIds: [kept!], mode: 'keep' });
    expect((await detail(core, kept!)).lines[0]!.priceKopecks).toBe(8500);
    expect((await detail(core, kept!)).problems).toEqual([]);
    await core.api.undoBatch({ batchId: keep.batchId! });
    expect((await detail(core, kept!)).problems.map((p) => p.kind)).toEqual(['priceDiffers']);
  });

  it('merges three orders of a store for the same delivery date into the earliest, and undoes the merge exactly', async () => {
    const core = await started();
    const ids = takeIn(core, [
      {
        store: 'S-001',
        number: '501',
        receivedAt: at(0),
        deliveryDate: '2026-12-03',
        lines: [
          { code: 'M-001', quantity: 24 },
          { code: 'C-002', quantity: 2 },
        ],
      },
      {
        store: 'S-001',
        number: '502',
        receivedAt: at(30),
        deliveryDate: '2026-12-03',
        lines: [
          { code: 'M-001', quantity: 12 },
          { code: 'T-002', quantity: 6 },
        ],
      },
      {
        store: 'S-001',
        number: '503',
        receivedAt: at(60),
        deliveryDate: '2026-12-03',
        lines: [
          { code: 'C-002', quantity: 1 },
          { code: 'T-002', quantity: 12 },
          { code: 'M-002', quantity: 6 },
        ],
      },
      // Another delivery date and another store: not merged.
      { store: 'S-001', number: '504', receivedAt: at(90), deliveryDate: '2026-12-04', lines: [{ code: 'M-001', quantity: 12 }] },
      { store: 'S-002', number: '601', receivedAt: at(10), deliveryDate: '2026-12-03', lines: [{ code: 'M-001', quantity: 12 }] },
    ]);
    const [survivor, second, third, otherDay, otherStore] = ids as [number, number, number, number, number];
    await core.api.applyBatchAction({ kind: 'accept', orderIds: [second] });
    const before = await snapshot(core);
    const grossBefore = (await core.api.listReceivedOrders({})).orders
      .filter((o) => [survivor, second, third].includes(o.id))
      .reduce((sum, o) => sum + o.grossKopecks, 0);

    const merged = await core.api.applyBatchAction({ kind: 'merge', orderIds: [third, survivor, second, otherDay, otherStore] });
    expect(merged.summary.description).toBe('Merged 3 orders into 1');
    expect(merged.summary.skipped.map((s) => [s.id, s.reason]).sort()).toEqual([
      [otherDay, 'nothingToMerge'],
      [otherStore, 'nothingToMerge'],
    ]);
    const into = await detail(core, survivor);
    expect(into.lines.map((l) => [l.lineNumber, l.itemCode, l.orderedQuantity, l.quantity])).toEqual([
      [1, 'M-001', 36, 36],
      [2, 'C-002', 3, 3],
      [3, 'T-002', 18, 18],
      [4, 'M-002', 6, 6],
    ]);
    expect(into.grossKopecks).toBe(grossBefore);
    expect(into.state).toBe('new');
    for (const id of [second, third]) {
      const absorbed = await detail(core, id);
      expect([absorbed.state, absorbed.stateReason]).toEqual(['rejected', 'merged into 501']);
      expect(absorbed.changes.find((c) => c.field === 'mergedInto')?.newValue).toBe(String(survivor));
    }
    // A merged order comes back only with the undo of its merge.
    const reopen = await core.api.applyBatchAction({ kind: 'accept', orderIds: [second] });
    expect(reopen.summary.skipped).toEqual([{ id: second, number: '502', reason: 'mergedOrSplit' }]);

    await core.api.undoBatch({ batchId: merged.batchId! });
    expect(await snapshot(core)).toEqual(before);
  });

  it('splits an order by category into N/1, N/2… and undo removes them', async () => {
    const core = await started();
    const [id, single] = takeIn(core, [
      {
        store: 'S-003',
        number: '77',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 12 },
          { code: 'T-001', quantity: 1 },
          { code: 'M-002', quantity: 6 },
          { code: 'C-002', quantity: 4 },
        ],
      },
      { store: 'S-003', number: '78', receivedAt: at(5), lines: [{ code: 'M-001', quantity: 12 }] },
    ]);
    const before = await snapshot(core);
    const split = await core.api.applyBatchAction({ kind: 'splitByCategory', orderIds: [id!, single!] });
    expect(split.changedOrders).toEqual([id]);
    expect(split.summary.skipped).toEqual([{ id: single, number: '78', reason: 'oneCategory' }]);
    const parts = await Promise.all(split.summary.createdOrders.map((p) => detail(core, p)));
    expect(parts.map((p) => [p.number, p.state, p.receivedAt, p.lines.map((l) => [l.lineNumber, l.itemCode, l.category])])).toEqual([
      [
        '77/1',
        'new',
        at(0),
        [
          [1, 'M-001', 'Молочные продукты'],
          [3, 'M-002', 'Молочные продукты'],
        ],
      ],
      ['77/2', 'new', at(0), [[2, 'T-001', 'Сезонные товары']]],
      ['77/3', 'new', at(0), [[4, 'C-002', 'Кондитерские изделия']]],
    ]);
    const original = await detail(core, id!);
    expect([original.state, original.stateReason, original.lines.length]).toEqual(['rejected', 'split into 77/1, 77/2, 77/3', 4]);

    const undone = await core.api.undoBatch({ batchId: split.batchId! });
    expect(undone).toEqual({ batchId: split.batchId, restoredOrders: [id], removedOrders: split.summary.createdOrders });
    expect(await snapshot(core)).toEqual(before);
  });

  it('undoes a day of actions in reverse to exactly what arrived', async () => {
    const core = await started();
    const ids = takeIn(core, DAY);
    const before = await snapshot(core);
    const batches = [];
    for (const action of [
      { kind: 'roundToPack', orderIds: ids },
      { kind: 'cutToStock', orderIds: ids, mode: 'proportional' },
      { kind: 'merge', orderIds: ids },
      { kind: 'splitByCategory', orderIds: ids },
      { kind: 'accept', orderIds: ids },
    ] as const) {
      batches.push(await core.api.applyBatchAction(action));
    }
    expect((await snapshot(core)).length).toBeGreaterThan(before.length);
    for (const batch of batches.reverse()) if (batch.batchId) await core.api.undoBatch({ batchId: batch.batchId });
    expect(await snapshot(core)).toEqual(before);
  });

  it('refuses to undo a batch when something it changed was changed again since', async () => {
    const core = await started();
    const ids = takeIn(core, DAY);
    const cut = await core.api.applyBatchAction({ kind: 'cutToStock', orderIds: ids, mode: 'arrival' });
    await core.api.editReceivedLine({ id: ids[1]!, lineNumber: 1, quantity: 2, reason: 'Магазин согласился на 2' });
    await expect(core.api.undoBatch({ batchId: cut.batchId! })).rejects.toMatchObject({
      code: 'BATCH_NOT_UNDOABLE',
      message: expect.stringMatching(/order 201, line 1: quantity is 2 now, the batch left 4/) as unknown,
    });
    expect((await quantities(core, ids[1]!))[0]).toEqual(['T-001', 2]);
  });

  it('changes nothing in an exported order, and a batch is no longer undoable once one of its orders is exported', async () => {
    const core = await started();
    const [exported] = takeIn(core, [{ ...DAY[0]!, number: '900', state: 'exported' }]);
    const [fresh] = takeIn(core, [DAY[2]!]);
    await expect(core.api.applyBatchAction({ kind: 'accept', orderIds: [fresh!, exported!] })).rejects.toMatchObject({
      code: 'ORDER_NOT_EDITABLE',
      message: expect.stringMatching(/Order 900 was exported/) as unknown,
    });
    expect((await detail(core, fresh!)).state).toBe('new');
    await expect(core.api.editReceivedLine({ id: exported!, lineNumber: 1, quantity: 12 })).rejects.toMatchObject({
      code: 'ORDER_NOT_EDITABLE',
    });
    await expect(core.api.applyBatchAction({ kind: 'cutToStock', orderIds: [exported!], mode: 'arrival' })).rejects.toMatchObject({
      code: 'ORDER_NOT_EDITABLE',
    });

    const accepted = await core.api.applyBatchAction({ kind: 'accept', orderIds: [fresh!] });
    // What the export does to the order (manager/orderExports.ts), reduced to the state it leaves.
    core.db.prepare("UPDATE received_orders SET state = 'exported' WHERE id = ?").run(fresh);
    core.manager.book.touch();
    expect((await core.api.listBatches({})).batches).toEqual([]);
    await expect(core.api.undoBatch({ batchId: accepted.batchId! })).rejects.toMatchObject({
      code: 'BATCH_NOT_UNDOABLE',
      message: expect.stringMatching(/order 301 was exported/) as unknown,
    });
  });
});
