import { afterEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { tempDataDir } from '../builders/dataDir';
import { fastExchange, pending, startManager, startStore, submitNewOrder, until } from '../builders/exchangePair';

const open: PorterCore[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

describe('the manager order book', () => {
  it('files each order the exchange API receives once, under the store its token belongs to', async () => {
    const manager = await startManager(tempDataDir().dir, fastExchange(1));
    open.push(manager.core);
    await manager.core.api.setAppMode({ mode: 'manager' });
    expect((await manager.core.api.getAppInfo({})).mode).toBe('manager');
    await manager.core.api.saveStores({
      stores: [
        {
          customerCode: '00042',
          name: 'Магазин «У дома» №7',
          priceType: '',
          deliveryDays: [4, 1],
          contact: 'Ольга',
          phone: '+7 900 000-00-00',
          email: '',
        },
      ],
    });
    const { token } = await manager.core.api.addExchangeStore({ name: 'У дома', customerCode: '00042', priceType: '' });
    const store = await startStore(tempDataDir().dir, fastExchange(2), { url: manager.url, token });
    open.push(store);

    const sent = await submitNewOrder(store, 0);
    await until('the outbox is empty', async () => (await pending(store)) === 0);

    const { orders } = await manager.core.api.listReceivedOrders({});
    expect(orders).toHaveLength(1);
    const [summary] = orders;
    expect(summary).toMatchObject({
      storeCode: '00042',
      storeName: 'Магазин «У дома» №7',
      orderId: sent.id,
      number: sent.number,
      source: 'api',
      state: 'new',
    });
    expect(summary!.grossKopecks).toBe(sent.totals.grossKopecks);
    expect(summary!.lineCount).toBe(sent.lines.length);

    const detail = await manager.core.api.getReceivedOrder({ id: summary!.id });
    expect(detail.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks])).toEqual(
      sent.lines.map((l) => [l.itemCode, l.quantity, l.priceKopecks]),
    );
    expect(detail.lines.map((l) => l.category)).toEqual(
      detail.lines.map((l) => manager.core.priceLists.current!.itemByCode(l.itemCode)!.category),
    );
    expect((await manager.core.api.listStores({})).stores[0]!.deliveryDays).toEqual([1, 4]);
  });

  it('refuses an invalid store entry whole, naming the entry and field', async () => {
    const manager = await startManager(tempDataDir().dir, fastExchange(3));
    open.push(manager.core);
    await expect(
      manager.core.api.saveStores({
        stores: [
          { customerCode: '1', name: 'A', priceType: '', deliveryDays: [], contact: '', phone: '', email: '' },
          { customerCode: '2', name: '', priceType: '', deliveryDays: [], contact: '', phone: '', email: '' },
        ],
      }),
    ).rejects.toThrow(/Store 2: field name/);
    expect((await manager.core.api.listStores({})).stores).toEqual([]);
  });
});
