import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../electron/core/db/sqlite';
import type { PorterCore } from '../../electron/core/core';
import { formatPrice } from '../builders/priceLists';
import { tempDataDir } from '../builders/dataDir';
import { fastExchange, startManager, startStore, until } from '../builders/exchangePair';
import { startFaultProxy, type FaultProxy } from '../builders/faultProxy';

/**
 * The store's price list sync against a real manager-mode core over loopback HTTP: full, then 304,
 * then a delta after the manager publishes a revised list; failures leave the old list current.
 */

interface Goods {
  code: string;
  name: string;
  priceKopecks: number;
  vatRate: 10 | 20 | 22;
  group: string;
  packMultiple?: number;
  stock?: number;
  barcode?: string;
}

const FIRST_LIST: Goods[] = [
  {
    code: '000123',
    name: 'Молоко «Простоквашино» 3,2% 930 мл',
    priceKopecks: 8990,
    vatRate: 10,
    group: 'Молочные продукты',
    packMultiple: 12,
  },
  { code: '000124', name: 'Молоко Домик в деревне 2,5% 1 л', priceKopecks: 9550, vatRate: 10, group: 'Молочные продукты', packMultiple: 6 },
  { code: '000125', name: 'Кефир 1% 900 г', priceKopecks: 7200, vatRate: 10, group: 'Молочные продукты', stock: 0 },
  { code: '000200', name: 'Шоколад «Алёнка» горький 70%', priceKopecks: 11500, vatRate: 22, group: 'Кондитерские изделия', stock: 540 },
  { code: '000201', name: 'Мёд цветочный 500 г', priceKopecks: 45000, vatRate: 22, group: 'Кондитерские изделия', stock: 35 },
  {
    code: '00300',
    name: 'Ёлка искусственная 180 см',
    priceKopecks: 499000,
    vatRate: 20,
    group: 'Сезонные товары',
    barcode: '4600000000039',
  },
];

/** The revision: a price up, a stock change, one item gone, one new in an existing group, one new in a new group. */
const SECOND_LIST: Goods[] = [
  ...FIRST_LIST.filter((g) => g.code !== '000125').map((g) =>
    g.code === '000123' ? { ...g, priceKopecks: 9290 } : g.code === '000201' ? { ...g, stock: 12 } : g,
  ),
  { code: '000126', name: 'Ряженка 4% 500 г', priceKopecks: 6100, vatRate: 10, group: 'Молочные продукты' },
  { code: '000400', name: 'Чай чёрный «Беседа» 100 пак.', priceKopecks: 15900, vatRate: 22, group: 'Чай и кофе', packMultiple: 10 },
];

function writeGoods(file: string, goods: readonly Goods[]): string {
  const lines = [
    'ООО «Молочный путь»',
    'Минимальная сумма заказа 5000 руб.',
    '',
    'Код;Наименование;Штрихкод;Ед.;Кратность;Мин. заказ;Цена;Остаток;НДС;Группа',
    ...goods.map((g) =>
      [
        g.code,
        g.name,
        g.barcode ?? '',
        'шт',
        String(g.packMultiple ?? 1),
        '0',
        formatPrice(g.priceKopecks, true),
        String(g.stock ?? 100),
        `${g.vatRate}%`,
        g.group,
      ].join(';'),
    ),
  ];
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

async function publish(core: PorterCore, name: string, goods: readonly Goods[]): Promise<void> {
  const file = writeGoods(path.join(core.dataDir, `${name}.csv`), goods);
  await core.priceLists.importFile(file, `${name}.csv`);
}

/** The current catalog's items as the purchaser sees them (the category by name), by code. */
function catalogOf(core: PorterCore): string[][] {
  const file = core.db.prepare('SELECT catalog_file FROM price_lists WHERE is_current = 1').pluck().get() as string;
  const catalog = openSqlite(path.join(core.dataDir, 'catalogs', file), { readonly: true, fileMustExist: true });
  try {
    const rows = catalog
      .prepare(
        `SELECT i.code, i.name, i.barcode, i.unit, i.pack_multiple, i.min_order_quantity, i.price_kopecks, i.vat_rate, i.stock,
                i.stock_at_least, coalesce(c.name, '') AS category
           FROM items i LEFT JOIN categories c ON c.id = i.category_id ORDER BY i.code`,
      )
      .raw()
      .all() as unknown[][];
    return rows.map((row) => row.map(String));
  } finally {
    catalog.close();
  }
}

const managerDir = tempDataDir('porter-sync-manager');
let manager: PorterCore;
let managerUrl: string;
let token: string;
let storeDir: { dir: string; remove: () => void };
let store: PorterCore | null = null;
let proxy: FaultProxy | null = null;
const servers: http.Server[] = [];

beforeAll(async () => {
  ({ core: manager, url: managerUrl } = await startManager(managerDir.dir, {}, []));
  await publish(manager, 'prices-1', FIRST_LIST);
  ({ token } = await manager.api.addExchangeStore({ name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' }));
});
afterAll(() => {
  manager.close();
  managerDir.remove();
});
beforeEach(() => {
  storeDir = tempDataDir('porter-sync-store');
});
afterEach(async () => {
  store?.close();
  store = null;
  await proxy?.close();
  proxy = null;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  storeDir.remove();
});

/** A local server that answers the price list request with `answer` (the other routes are not asked). */
async function serve(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function fetchFromManager(query = ''): Promise<string> {
  const response = await fetch(`${managerUrl}/v1/price-list${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('price list sync', () => {
  it('takes the whole list first, then 304, then a delta that leaves the same catalog as the manager has', async () => {
    proxy = await startFaultProxy(managerUrl);
    store = await startStore(storeDir.dir, fastExchange(), { url: proxy.url, token }, null);
    expect(store.priceLists.currentInfo).toBeNull();
    expect(await store.api.getPriceListSync({})).toEqual({
      version: null,
      publishedAt: null,
      isCurrent: false,
      syncing: false,
      lastSync: null,
    });

    const first = await store.api.syncPriceList({});
    const managerList = manager.priceLists.currentInfo!;
    expect(first).toMatchObject({
      outcome: 'updated',
      kind: 'full',
      version: managerList.id,
      changes: { added: 6, changed: 0, removed: 0 },
    });
    expect(first.priceList).toMatchObject({
      itemCount: 6,
      categoryCount: 3,
      supplierName: 'ООО «Молочный путь»',
      minOrderKopecks: 500_000,
    });
    expect(store.priceLists.currentInfo?.id).toBe(first.priceList?.id);
    expect(catalogOf(store)).toEqual(catalogOf(manager));
    expect(await store.api.getPriceListSync({})).toMatchObject({
      version: managerList.id,
      isCurrent: true,
      lastSync: { outcome: 'updated', kind: 'full', changes: { added: 6, changed: 0, removed: 0 }, errorCode: null },
    });

    // Nothing new: the server answers 304 and the store's list stays as it is (the same local price list).
    const again = await store.api.syncPriceList({});
    expect(again).toMatchObject({
      outcome: 'unchanged',
      kind: null,
      version: managerList.id,
      changes: { added: 0, changed: 0, removed: 0 },
    });
    expect(again.priceList?.id).toBe(first.priceList?.id);
    expect(proxy.stats.upstreamStatuses[304]).toBe(1);

    // The manager publishes a revision: the store gets only what changed and applies it to its list.
    await publish(manager, 'prices-2', SECOND_LIST);
    const delta = await store.api.syncPriceList({});
    expect(delta).toMatchObject({
      outcome: 'updated',
      kind: 'delta',
      version: manager.priceLists.currentInfo!.id,
      changes: { added: 2, changed: 2, removed: 1 },
    });
    expect(delta.priceList).toMatchObject({ itemCount: 7, categoryCount: 4 });
    expect(catalogOf(store)).toEqual(catalogOf(manager));
    // The catalog marks what the purchaser should notice, against the list that was current before.
    const changed = await store.api.searchItems({ query: '', filters: { priceChanged: true }, offset: 0, limit: 50 });
    expect(changed.items.map((i) => [i.code, i.previousPriceKopecks, i.priceKopecks])).toEqual([['000123', 8990, 9290]]);
    const added = await store.api.searchItems({ query: '', filters: { newItems: true }, offset: 0, limit: 50 });
    expect(added.items.map((i) => i.code).sort()).toEqual(['000126', '000400']);
    // The new dairy item joins its group's run of items, not the end of the list.
    const inOrder = await store.api.searchItems({ query: '', offset: 0, limit: 50 });
    expect(inOrder.items.map((i) => i.code)).toEqual(['000123', '000124', '000126', '000200', '000201', '00300', '000400']);
  });

  it('syncs on its own while running, and after the connection is saved', async () => {
    store = await startStore(storeDir.dir, fastExchange(2, { priceListSyncIntervalMs: 100 }), undefined, null);
    await store.api.setExchangeSettings({ mode: 'http', url: managerUrl, token, folder: '' });
    await until('the first sync after saving the connection', async () => (await store!.api.getPriceListSync({})).isCurrent);
    const seen = (await store.api.getPriceListSync({})).version;
    expect(seen).toBe(manager.priceLists.currentInfo!.id);
    expect(catalogOf(store)).toEqual(catalogOf(manager));

    await publish(manager, 'prices-3', [
      ...SECOND_LIST,
      { code: '000500', name: 'Сахар 1 кг', priceKopecks: 8900, vatRate: 10, group: 'Бакалея' },
    ]);
    await until('the scheduled sync to bring the new list', async () => (await store!.api.getPriceListSync({})).version !== seen);
    await until('the new list to be current', async () => (await store!.api.getPriceListSync({})).isCurrent);
    expect(catalogOf(store)).toEqual(catalogOf(manager));

    // Closed while the supplier publishes again: the next start fetches it (the schedule alone would wait an hour).
    store.close();
    store = null;
    await publish(manager, 'prices-4', SECOND_LIST);
    store = await startStore(storeDir.dir, fastExchange(3, { priceListSyncIntervalMs: 3_600_000 }), undefined, null);
    const published = manager.priceLists.currentInfo!.id;
    await until('the sync on start', async () => {
      const status = await store!.api.getPriceListSync({});
      return status.version === published && status.isCurrent;
    });
    expect((await store.api.getPriceListSync({})).lastSync).toMatchObject({ outcome: 'updated', kind: 'delta', changes: { removed: 1 } });
    expect(catalogOf(store)).toEqual(catalogOf(manager));
  });

  it('leaves the old list current when the server stops in the middle of the answer', async () => {
    store = await startStore(storeDir.dir, fastExchange(), { url: managerUrl, token }, null);
    const synced = await store.api.syncPriceList({});
    const before = catalogOf(store);
    const body = await fetchFromManager();
    const broken = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      // Half the answer, then the server goes away.
      res.write(body.slice(0, Math.floor(body.length / 2)), () => res.destroy());
    });
    await store.api.setExchangeSettings({ mode: 'http', url: broken, folder: '' });

    await expect(store.api.syncPriceList({})).rejects.toMatchObject({ code: 'EXCHANGE_NETWORK' });
    expect(store.priceLists.currentInfo?.id).toBe(synced.priceList?.id);
    expect(catalogOf(store)).toEqual(before);
    expect((await store.api.getPriceListSync({})).lastSync).toMatchObject({ outcome: 'failed', errorCode: 'EXCHANGE_NETWORK' });
    expect(fs.readdirSync(path.join(storeDir.dir, 'catalogs')).filter((f) => f.endsWith('.building'))).toEqual([]);
  });

  it('leaves the old list current when the answer cannot be read, and names the field', async () => {
    store = await startStore(storeDir.dir, fastExchange(), { url: managerUrl, token }, null);
    const synced = await store.api.syncPriceList({});
    const answer = JSON.parse(await fetchFromManager()) as { file: { priceList: { items: object[] } } };
    (answer.file.priceList.items[3] as unknown as { vatRate: number }).vatRate = 15;
    const damaged = JSON.stringify(answer);
    const bad = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(damaged);
    });
    await store.api.setExchangeSettings({ mode: 'http', url: bad, folder: '' });
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({
      code: 'EXCHANGE_INVALID_ANSWER',
      details: { field: 'file.priceList.items[3].vatRate' },
    });

    const notJson = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(damaged.slice(0, 200));
    });
    await store.api.setExchangeSettings({ mode: 'http', url: notJson, folder: '' });
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({ code: 'EXCHANGE_INVALID_ANSWER' });
    expect(store.priceLists.currentInfo?.id).toBe(synced.priceList?.id);
    expect((await store.api.getPriceListSync({})).isCurrent).toBe(true);
  });

  it('says why it failed: no connection, a refused token, no price list published', async () => {
    store = await startStore(storeDir.dir, fastExchange(), undefined, null);
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({ code: 'EXCHANGE_NOT_CONFIGURED' });
    await store.api.setExchangeSettings({ mode: 'http', url: managerUrl, token: 'not-a-token', folder: '' });
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({ code: 'EXCHANGE_UNAUTHORIZED' });
    expect((await store.api.getPriceListSync({})).lastSync).toMatchObject({ outcome: 'failed', errorCode: 'EXCHANGE_UNAUTHORIZED' });

    const empty = await serve((req, res) => {
      req.resume();
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NO_PRICE_LIST', message: 'The supplier has not published a price list yet' } }));
    });
    await store.api.setExchangeSettings({ mode: 'http', url: empty, folder: '' });
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({ code: 'EXCHANGE_NO_PRICE_LIST' });
    expect(store.priceLists.currentInfo).toBeNull();
  });

  it('asks for the whole list again when the server answers a delta against another version', async () => {
    store = await startStore(storeDir.dir, fastExchange(), { url: managerUrl, token }, null);
    await store.api.syncPriceList({});
    // A server that always answers a delta "since" some version the store never had, unless asked for all.
    const full = await fetchFromManager();
    const wrongDelta = JSON.stringify({ ...(JSON.parse(full) as object), kind: 'delta', since: 'somebody-elses-version' });
    const requests: string[] = [];
    const odd = await serve((req, res) => {
      req.resume();
      requests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(req.url?.includes('since=') ? wrongDelta : full);
    });
    // The same connection URL as before, so the store sends `since`.
    const manual = store.db.prepare("SELECT value FROM settings WHERE key = 'exchange.priceListSync'").pluck().get() as string;
    store.db
      .prepare("UPDATE settings SET value = ? WHERE key = 'exchange.priceListSync'")
      .run(JSON.stringify({ ...(JSON.parse(manual) as object), url: odd, etag: null }));
    await store.api.setExchangeSettings({ mode: 'http', url: odd, folder: '' });
    const result = await store.api.syncPriceList({});
    expect(requests).toHaveLength(2);
    expect(requests[0]).toContain('since=');
    expect(requests[1]).not.toContain('since=');
    expect(result).toMatchObject({ outcome: 'updated', kind: 'full', changes: { added: 0, changed: 0, removed: 0 } });
    expect(catalogOf(store)).toEqual(catalogOf(manager));
  });
});
