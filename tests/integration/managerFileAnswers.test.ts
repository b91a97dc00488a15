import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { readPorterConfirmation } from '../../electron/core/formats/porterJson/confirmationFile';
import { orderTotals } from '../../shared/money';
import { tempDataDir } from '../builders/dataDir';
import { fastExchange, pending, startManager, startStore, submitNewOrder, until } from '../builders/exchangePair';
import { coreWithPriceList } from '../builders/orderPriceLists';
import { receivedOrder, setLine, STORES, takeIn } from '../builders/receivedOrders';

let core: PorterCore;
let dir: { dir: string; remove: () => void };

beforeEach(async () => {
  dir = tempDataDir('porter-answers');
  core = await coreWithPriceList(dir.dir);
  await core.api.saveStores({ stores: STORES });
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** An order that came as a file, accepted with one line cut and one repriced. */
function cutAndRepriced(): number {
  const id = takeIn(
    core,
    receivedOrder({
      store: STORES[0]!,
      number: 'P-000012',
      id: '0b4c55a4-7f52-4d34-9d1b-6a1c0f2f9e01',
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000200', quantity: 40 },
        // A Bitrix-style line without a VAT rate: the current price list's (22 %) is stated.
        { itemCode: '000201', quantity: 2, vatRate: null },
      ],
    }),
  );
  setLine(core, id, 1, { quantity: 12 });
  setLine(core, id, 2, { priceKopecks: 10_990 });
  return id;
}

describe('answers to stores that ordered by file', () => {
  it('without an exchange folder: a Porter confirmation file for the manager to send, line by line', async () => {
    const id = cutAndRepriced();
    const answered = await core.api.answerStore({ id });
    expect(answered.answerFile).toMatchObject({ savedTo: null });
    const { fileName, content } = answered.answerFile!;
    expect(fileName).toMatch(/^porter-confirmation-P-000012-0b4c55a4-7f52-4d34-9d1b-6a1c0f2f9e01-[0-9a-f-]{36}\.json$/);
    const { confirmation } = readPorterConfirmation(content!, fileName);
    expect(confirmation).toMatchObject({
      orderId: '0b4c55a4-7f52-4d34-9d1b-6a1c0f2f9e01',
      orderNumber: 'P-000012',
      status: 'partiallyAccepted',
      deliveryDate: '2026-12-01',
      pricesIncludeVat: true,
    });
    expect(
      confirmation.lines.map((l) => [l.lineNumber, l.itemCode, l.orderedQuantity, l.state, l.confirmedQuantity, l.priceKopecks, l.vatRate]),
    ).toEqual([
      [1, '000123', 24, 'cut', 12, 8_990, 10],
      [2, '000200', 40, 'confirmed', 40, 10_990, 22],
      [3, '000201', 2, 'confirmed', 2, 45_000, 22],
    ]);
    const expected = orderTotals(
      confirmation.lines.map((l) => ({ priceKopecks: l.priceKopecks, quantity: l.confirmedQuantity, vatRate: l.vatRate })),
      true,
    );
    expect(confirmation.totals).toEqual({
      netKopecks: expected.netKopecks,
      vatKopecks: expected.vatKopecks,
      grossKopecks: expected.grossKopecks,
    });
    // The book says what the store was told.
    expect(answered.supplierStatus).toBe('partiallyAccepted');
    expect((await core.api.listReceivedOrders({})).orders[0]!.supplierStatus).toBe('partiallyAccepted');
    expect(answered.changes.at(-1)).toMatchObject({ field: 'answer', newValue: 'partiallyAccepted', actor: 'manager' });
  });

  it("with an exchange folder: the file appears complete in the folder's outgoing/", async () => {
    const folder = path.join(dir.dir, 'exchange');
    fs.mkdirSync(folder);
    await core.api.setOrderFolder({ path: folder, enabled: false });
    const id = cutAndRepriced();
    const answered = await core.api.answerStore({ id });
    const outgoing = path.join(folder, 'outgoing');
    expect(answered.answerFile).toEqual({
      fileName: answered.answerFile!.fileName,
      savedTo: path.join(outgoing, answered.answerFile!.fileName),
      content: null,
    });
    // Only the finished file: nothing half-written is left beside it.
    expect(fs.readdirSync(outgoing)).toEqual([answered.answerFile!.fileName]);
    const { confirmation } = readPorterConfirmation(fs.readFileSync(answered.answerFile!.savedTo!, 'utf8'), answered.answerFile!.fileName);
    expect(confirmation.lines.map((l) => l.state)).toEqual(['cut', 'confirmed', 'confirmed']);
  });

  it('a rejected order: every line answered with nothing to deliver, the reason as the comment', async () => {
    const id = takeIn(
      core,
      receivedOrder({
        store: STORES[1]!,
        number: '142',
        lines: [
          { itemCode: '000123', quantity: 12 },
          { itemCode: '000124', quantity: 6 },
        ],
      }),
      {
        state: 'rejected',
      },
    );
    core.db.prepare("UPDATE received_orders SET state_reason = 'Нет договора поставки' WHERE id = ?").run(id);
    const answered = await core.api.answerStore({ id });
    const { confirmation } = readPorterConfirmation(answered.answerFile!.content!, answered.answerFile!.fileName);
    expect(confirmation).toMatchObject({ status: 'rejected', comment: 'Нет договора поставки', totals: { grossKopecks: 0 } });
    expect(confirmation.lines.map((l) => [l.state, l.confirmedQuantity])).toEqual([
      ['cut', 0],
      ['cut', 0],
    ]);
    expect(answered.supplierStatus).toBe('rejected');
  });

  it('refuses what cannot be answered, writing nothing: an order not decided yet, a weighed quantity', async () => {
    const folder = path.join(dir.dir, 'exchange');
    fs.mkdirSync(folder);
    await core.api.setOrderFolder({ path: folder, enabled: false });
    const open = takeIn(core, receivedOrder({ store: STORES[0]!, number: 'N-1', lines: [{ itemCode: '000123', quantity: 12 }] }), {
      state: 'new',
    });
    await expect(core.api.answerStore({ id: open })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('N-1 is new') as unknown,
    });
    const weighed = takeIn(core, receivedOrder({ store: STORES[0]!, number: 'W-1', lines: [{ itemCode: '000123', quantity: 1.5 }] }));
    await expect(core.api.answerStore({ id: weighed })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Order W-1, line 1') as unknown,
    });
    expect(fs.existsSync(path.join(folder, 'outgoing')) ? fs.readdirSync(path.join(folder, 'outgoing')) : []).toEqual([]);
    expect(core.manager.book.get(weighed).supplierStatus).toBeNull();
  });
});

describe('answers to stores that ordered through the exchange API', () => {
  it('go through the exchange, not as a file; the book records what the store was told', async () => {
    const managerDir = tempDataDir('porter-answers-manager');
    const storeDir = tempDataDir('porter-answers-store');
    const manager = await startManager(managerDir.dir, fastExchange(5));
    const { token } = await manager.core.api.addExchangeStore({ name: 'У дома', customerCode: '00042', priceType: '' });
    const store = await startStore(storeDir.dir, fastExchange(6), { url: manager.url, token });
    try {
      await submitNewOrder(store, 1);
      await until('the outbox is empty', async () => (await pending(store)) === 0);
      const [received] = (await manager.core.api.listReceivedOrders({})).orders;
      manager.core.db.prepare("UPDATE received_orders SET state = 'accepted' WHERE id = ?").run(received!.id);
      const answered = await manager.core.api.answerStore({ id: received!.id });
      expect(answered.answerFile).toBeNull();
      expect(answered.supplierStatus).toBe('accepted');
      expect(answered.changes.at(-1)).toMatchObject({ field: 'answer', newValue: 'accepted' });
      await store.api.syncConfirmations({});
      const [sent] = (await store.api.listOrderHistory({ query: '', limit: 10 })).orders;
      expect(sent!.supplierStatus).toBe('accepted');
    } finally {
      store.close();
      manager.core.close();
      storeDir.remove();
      managerDir.remove();
    }
  });
});
