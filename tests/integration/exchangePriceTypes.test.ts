import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogBatch } from '../../electron/core/catalog/buildCatalog';
import { packItems } from '../../electron/core/catalog/itemBatches';
import { createCore, type PorterCore } from '../../electron/core/core';
import { openSqlite } from '../../electron/core/db/sqlite';
import { readPorterPriceList } from '../../electron/core/formats/porterJson/priceListFile';
import type { PriceListItem } from '../../shared/domain';
import type { PorterPriceList, PorterPriceListFile, PorterPriceListItem } from '../../shared/exchange';
import { writeCommerceMlPair } from '../builders/commerceml';
import { tempDataDir } from '../builders/dataDir';
import { fastExchange, startStore } from '../builders/exchangePair';
import { STORES } from '../builders/receivedOrders';

/**
 * Several price types end to end: a CommerceML offers file with "Оптовая" and "Розничная" keeps both in
 * the catalog, and the supplier's Porter serves each store the prices of its own type — over the
 * exchange API (real HTTP against a manager-mode core), in the per-store price list file, and in deltas.
 */

interface Goods {
  code: string;
  name: string;
  /** Оптовая: the list's main type (declared first). */
  wholesale: number;
  /** Розничная; null: the item has no retail price. */
  retail: number | null;
}

const V1: Goods[] = [
  { code: '000123', name: 'Молоко «Простоквашино» 3,2% 930 мл', wholesale: 8_990, retail: 10_990 },
  { code: '000200', name: 'Шоколад «Алёнка» горький 70%', wholesale: 11_500, retail: 13_900 },
  { code: '000300', name: 'Ёлка искусственная 180 см', wholesale: 499_000, retail: null },
  { code: '000400', name: 'Масло сливочное 82,5% 180 г', wholesale: 23_900, retail: 27_900 },
];

/** The next version: milk dearer at retail only, chocolate dearer wholesale only, butter no longer retail, kefir new. */
const V2: Goods[] = [
  { ...V1[0]!, retail: 11_490 },
  { ...V1[1]!, wholesale: 11_900 },
  V1[2]!,
  { ...V1[3]!, retail: null },
  { code: '000500', name: 'Кефир 1% 900 г', wholesale: 6_100, retail: 7_300 },
];

const RETAIL = { id: 'retail-type', name: 'Розничная' };

/** Writes import.xml + offers.xml of the goods (wholesale VAT included, retail without VAT) into `dir`. */
async function writeExchange(dir: string, id: string, goods: readonly Goods[]): Promise<{ path: string; name: string }[]> {
  fs.mkdirSync(dir, { recursive: true });
  const items: PorterPriceListItem[] = goods.map((g) => ({
    code: g.code,
    name: g.name,
    barcode: '',
    unit: 'шт',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: g.wholesale,
    vatRate: 10,
    stock: 100,
    stockAtLeast: false,
    categoryId: 'food',
  }));
  const list: PorterPriceList = {
    id,
    supplierName: 'ООО «Молочный путь»',
    priceType: 'Оптовая',
    currency: 'RUB',
    pricesIncludeVat: true,
    minOrderKopecks: null,
    publishedAt: '2026-11-29T10:00:00.000Z',
    categories: [{ id: 'food', name: 'Продукты', parentId: null }],
    items,
  };
  const retailOf = new Map(goods.map((g) => [g.code, g.retail]));
  const { importPath, offersPath } = await writeCommerceMlPair(dir, list, {
    otherPriceTypes: [{ ...RETAIL, pricesIncludeVat: false, priceOf: (item) => retailOf.get(item.code) ?? null }],
  });
  return [
    { path: importPath, name: 'import.xml' },
    { path: offersPath, name: 'offers.xml' },
  ];
}

async function publish(core: PorterCore, version: string, goods: readonly Goods[]): Promise<void> {
  await core.priceLists.importFiles(await writeExchange(path.join(core.dataDir, version), version, goods));
}

function currentCatalogFile(core: PorterCore): string {
  const file = core.db.prepare('SELECT catalog_file FROM price_lists WHERE is_current = 1').pluck().get() as string;
  return path.join(core.dataDir, 'catalogs', file);
}

type Answer = { kind: 'full' | 'delta'; since: string | null; removedCodes: string[]; file: PorterPriceListFile };

async function startServer(core: PorterCore): Promise<string> {
  const state = await core.api.setExchangeServer({ enabled: true, port: 0, bindAddress: '127.0.0.1' });
  return `http://127.0.0.1:${state.listening!.port}`;
}

function priceListOf(url: string, token: string, init: { since?: string; etag?: string } = {}): Promise<Response> {
  const query = init.since === undefined ? '' : `?since=${encodeURIComponent(init.since)}`;
  return fetch(`${url}/v1/price-list${query}`, {
    headers: { Authorization: `Bearer ${token}`, ...(init.etag ? { 'If-None-Match': init.etag } : {}) },
  });
}

async function answerOf(url: string, token: string, since?: string): Promise<Answer> {
  const response = await priceListOf(url, token, since === undefined ? {} : { since });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as Answer;
  // Whatever the prices, the answer is a Porter price list file the formats' own reader takes as it is.
  readPorterPriceList(JSON.stringify(answer.file), 'the price list answer');
  return answer;
}

const prices = (items: readonly { code: string; priceKopecks: number }[]) => items.map((i) => [i.code, i.priceKopecks]);

describe('several price types, published by the manager', () => {
  const managerDir = tempDataDir('porter-price-types-manager');
  const storeDirs: { remove: () => void }[] = [];
  const stores: PorterCore[] = [];
  let manager: PorterCore;
  let url: string;
  const tokens: Record<'wholesale' | 'retail' | 'byId' | 'none' | 'unknown', string> = {
    wholesale: '',
    retail: '',
    byId: '',
    none: '',
    unknown: '',
  };
  let v1: string;

  beforeAll(async () => {
    manager = await createCore({ dataDir: managerDir.dir });
    await publish(manager, 'v1', V1);
    v1 = manager.priceLists.currentInfo!.id;
    url = await startServer(manager);
    const add = async (name: string, priceType: string) =>
      (await manager.api.addExchangeStore({ name, customerCode: name, priceType })).token;
    tokens.wholesale = await add('Опт', 'Оптовая');
    // The type by its name in another case, and by its Ид.
    tokens.retail = await add('Розница', 'розничная');
    tokens.byId = await add('Розница по Ид', RETAIL.id);
    tokens.none = await add('Без типа', '');
    tokens.unknown = await add('VIP', 'VIP');
    await manager.api.saveStores({
      stores: [
        { ...STORES[0]!, customerCode: '00042', priceType: 'Оптовая' },
        { ...STORES[1]!, customerCode: '00043', priceType: 'Розничная' },
        { ...STORES[2]!, customerCode: '00044', priceType: 'VIP' },
      ],
    });
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of storeDirs.splice(0)) dir.remove();
  });
  afterAll(() => {
    manager.close();
    managerDir.remove();
  });

  it("the import keeps every price type and every price: the main (first) type as the items' own, the others beside them", () => {
    expect(manager.priceLists.current!.itemByCode('000123')!.priceKopecks).toBe(8_990);
    const catalog = openSqlite(currentCatalogFile(manager), { readonly: true, fileMustExist: true });
    try {
      expect(catalog.pragma('user_version', { simple: true })).toBe(3);
      expect(catalog.prepare('SELECT ref, name, currency, vat_included, is_main FROM price_types ORDER BY id').all()).toEqual([
        { ref: 'v1-price', name: 'Оптовая', currency: 'RUB', vat_included: 1, is_main: 1 },
        { ref: 'retail-type', name: 'Розничная', currency: 'RUB', vat_included: 0, is_main: 0 },
      ]);
      expect(catalog.prepare('SELECT code, price_kopecks FROM items ORDER BY id').raw().all()).toEqual(
        V1.map((g) => [g.code, g.wholesale]),
      );
      const rows = catalog
        .prepare(
          `SELECT i.code, t.name, p.price_kopecks AS price FROM item_prices p JOIN items i ON i.id = p.item_id
             JOIN price_types t ON t.id = p.price_type_id ORDER BY i.id, t.id`,
        )
        .raw()
        .all();
      // The fir tree has no retail price.
      expect(rows).toEqual(V1.filter((g) => g.retail !== null).map((g) => [g.code, 'Розничная', g.retail]));
    } finally {
      catalog.close();
    }
  });

  it("GET /v1/price-list gives each store its type's prices: by name in any case or by Ид, the main ones without a type", async () => {
    const wholesale = await answerOf(url, tokens.wholesale);
    expect(wholesale.file.priceList).toMatchObject({ id: v1, priceType: 'Оптовая', pricesIncludeVat: true });
    expect(prices(wholesale.file.priceList.items)).toEqual(V1.map((g) => [g.code, g.wholesale]));

    const retail = await answerOf(url, tokens.retail);
    expect(retail.file.priceList).toMatchObject({ id: v1, priceType: 'розничная', pricesIncludeVat: false });
    // The fir tree has no retail price: it is not offered at retail.
    expect(prices(retail.file.priceList.items)).toEqual([
      ['000123', 10_990],
      ['000200', 13_900],
      ['000400', 27_900],
    ]);
    expect(prices((await answerOf(url, tokens.byId)).file.priceList.items)).toEqual(prices(retail.file.priceList.items));
    const none = await answerOf(url, tokens.none);
    expect(none.file.priceList.priceType).toBe('');
    expect(prices(none.file.priceList.items)).toEqual(V1.map((g) => [g.code, g.wholesale]));

    // One ETag per representation: the retail store's own ETag gives 304, the wholesale one's does not.
    const retailEtag = (await priceListOf(url, tokens.retail)).headers.get('etag')!;
    const wholesaleEtag = (await priceListOf(url, tokens.wholesale)).headers.get('etag')!;
    expect(retailEtag).not.toBe(wholesaleEtag);
    expect((await priceListOf(url, tokens.retail, { etag: retailEtag })).status).toBe(304);
    expect((await priceListOf(url, tokens.retail, { etag: wholesaleEtag })).status).toBe(200);
  });

  it('a store in the directory is served the price type the directory gives it now, not the one copied with its access', async () => {
    const { token } = await manager.api.addExchangeStore({ name: 'Магазин 7', customerCode: '00077', priceType: 'Оптовая' });
    expect(prices((await answerOf(url, token)).file.priceList.items)).toEqual(V1.map((g) => [g.code, g.wholesale]));
    await manager.api.saveStores({ stores: [{ ...STORES[0]!, customerCode: '00077', priceType: 'Розничная' }] });
    const retail = await answerOf(url, token);
    expect(retail.file.priceList.priceType).toBe('Розничная');
    expect(prices(retail.file.priceList.items)).toEqual(prices((await answerOf(url, tokens.retail)).file.priceList.items));
    expect((await manager.api.getExchangeServer({})).stores.find((s) => s.customerCode === '00077')?.priceType).toBe('Розничная');
  });

  it('a store whose price type the list lacks gets 409 PRICE_TYPE_UNKNOWN naming the types, never other prices', async () => {
    const refused = await priceListOf(url, tokens.unknown);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: {
        code: 'PRICE_TYPE_UNKNOWN',
        message: 'Store "VIP": the published price list has no price type "VIP"; its price types are "Оптовая", "Розничная"',
      },
    });
    // Its store says so, and keeps what it had (nothing here).
    const dir = tempDataDir('porter-price-types-vip');
    storeDirs.push(dir);
    const store = await startStore(dir.dir, fastExchange(), { url, token: tokens.unknown }, null);
    stores.push(store);
    await expect(store.api.syncPriceList({})).rejects.toMatchObject({
      code: 'PRICE_TYPE_UNKNOWN',
      message: expect.stringContaining('has no price type "VIP"; its price types are "Оптовая", "Розничная"') as unknown,
    });
    expect(store.priceLists.currentInfo).toBeNull();
  });

  it("the per-store price list file carries the store's prices; a type the list lacks is refused", async () => {
    const fileOf = async (customerCode: string) => {
      const file = await manager.api.exportStorePriceList({ customerCode });
      return readPorterPriceList(file.content, file.fileName).priceList;
    };
    const wholesale = await fileOf('00042');
    expect(wholesale).toMatchObject({ priceType: 'Оптовая', pricesIncludeVat: true });
    expect(prices(wholesale.items)).toEqual(V1.map((g) => [g.code, g.wholesale]));
    const retail = await fileOf('00043');
    expect(retail).toMatchObject({ priceType: 'Розничная', pricesIncludeVat: false });
    expect(prices(retail.items)).toEqual([
      ['000123', 10_990],
      ['000200', 13_900],
      ['000400', 27_900],
    ]);
    await expect(manager.api.exportStorePriceList({ customerCode: '00044' })).rejects.toMatchObject({
      code: 'PRICE_TYPE_UNKNOWN',
      message: `Store 00044 "${STORES[2]!.name}": the published price list has no price type "VIP"; its price types are "Оптовая", "Розничная"`,
    });
  });

  it("each store's sync shows its own prices; after the next version a delta compares the prices of the store's type", async () => {
    const connect = async (token: string) => {
      const dir = tempDataDir('porter-price-types-store');
      storeDirs.push(dir);
      const store = await startStore(dir.dir, fastExchange(), { url, token }, null);
      stores.push(store);
      return store;
    };
    const shown = async (store: PorterCore) => prices((await store.api.searchItems({ query: '', offset: 0, limit: 50 })).items);
    const wholesaleStore = await connect(tokens.wholesale);
    const retailStore = await connect(tokens.retail);
    expect(await wholesaleStore.api.syncPriceList({})).toMatchObject({ outcome: 'updated', kind: 'full', version: v1 });
    expect(await retailStore.api.syncPriceList({})).toMatchObject({ outcome: 'updated', kind: 'full', version: v1 });
    expect(await shown(wholesaleStore)).toEqual(V1.map((g) => [g.code, g.wholesale]));
    expect(await shown(retailStore)).toEqual([
      ['000123', 10_990],
      ['000200', 13_900],
      ['000400', 27_900],
    ]);
    expect(retailStore.priceLists.currentInfo!.pricesIncludeVat).toBe(false);
    expect(wholesaleStore.priceLists.currentInfo!.pricesIncludeVat).toBe(true);

    await publish(manager, 'v2', V2);
    const v2 = manager.priceLists.currentInfo!.id;
    // Retail: milk's retail price changed, butter lost its retail price, kefir is new; chocolate changed wholesale only.
    const retailDelta = await answerOf(url, tokens.retail, v1);
    expect([retailDelta.kind, retailDelta.since, retailDelta.file.priceList.id]).toEqual(['delta', v1, v2]);
    expect(prices(retailDelta.file.priceList.items)).toEqual([
      ['000123', 11_490],
      ['000500', 7_300],
    ]);
    expect(retailDelta.removedCodes).toEqual(['000400']);
    const wholesaleDelta = await answerOf(url, tokens.wholesale, v1);
    expect(prices(wholesaleDelta.file.priceList.items)).toEqual([
      ['000200', 11_900],
      ['000500', 6_100],
    ]);
    expect(wholesaleDelta.removedCodes).toEqual([]);

    // The stores apply their deltas and show their own new prices.
    expect(await retailStore.api.syncPriceList({})).toMatchObject({
      outcome: 'updated',
      kind: 'delta',
      version: v2,
      changes: { added: 1, changed: 1, removed: 1 },
    });
    expect(await shown(retailStore)).toEqual([
      ['000123', 11_490],
      ['000200', 13_900],
      ['000500', 7_300],
    ]);
    const changed = await retailStore.api.searchItems({ query: '', filters: { priceChanged: true }, offset: 0, limit: 50 });
    expect(changed.items.map((i) => [i.code, i.previousPriceKopecks, i.priceKopecks])).toEqual([['000123', 10_990, 11_490]]);
    expect(await wholesaleStore.api.syncPriceList({})).toMatchObject({ kind: 'delta', changes: { added: 1, changed: 1, removed: 0 } });
    expect(await shown(wholesaleStore)).toEqual(V2.map((g) => [g.code, g.wholesale]));
  });
});

describe('a catalog file from before price types (schema 2)', () => {
  const dir = tempDataDir('porter-price-types-old');
  let core: PorterCore | null = null;
  afterAll(() => {
    core?.close();
    dir.remove();
  });

  it('still opens, is served to every store with its one price, and is the base of a delta in the new prices', async () => {
    core = await createCore({ dataDir: dir.dir });
    await publish(core, 'v1', V1);
    const old = core.priceLists.currentInfo!.id;
    const file = currentCatalogFile(core);
    core.close();
    // What the previous Porter wrote: the same file without the price type tables, at schema 2.
    const downgrade = openSqlite(file);
    downgrade.exec('DROP TABLE item_prices; DROP TABLE price_types;');
    downgrade.pragma('user_version = 2');
    downgrade.close();

    core = await createCore({ dataDir: dir.dir });
    expect(core.priceLists.currentInfo).toMatchObject({ id: old, itemCount: 4 });
    expect((await core.api.searchItems({ query: 'молоко', offset: 0, limit: 10 })).items).toEqual([
      expect.objectContaining({ code: '000123', priceKopecks: 8_990 }),
    ]);
    const url = await startServer(core);
    const { token: retail } = await core.api.addExchangeStore({ name: 'Розница', customerCode: 'R', priceType: 'Розничная' });
    const { token: wholesale } = await core.api.addExchangeStore({ name: 'Опт', customerCode: 'W', priceType: 'Оптовая' });
    // A list with one price has nothing else to give: every store gets it.
    const full = await answerOf(url, retail);
    expect(prices(full.file.priceList.items)).toEqual(V1.map((g) => [g.code, g.wholesale]));

    // The new list keeps both types; what the retail store had was the old one price.
    await publish(core, 'v2', V2);
    const retailDelta = await answerOf(url, retail, old);
    expect(retailDelta.kind).toBe('delta');
    expect(prices(retailDelta.file.priceList.items)).toEqual([
      ['000123', 11_490],
      ['000200', 13_900],
      ['000500', 7_300],
    ]);
    expect(retailDelta.removedCodes).toEqual(['000300', '000400']);
    const wholesaleDelta = await answerOf(url, wholesale, old);
    expect(prices(wholesaleDelta.file.priceList.items)).toEqual([
      ['000200', 11_900],
      ['000500', 6_100],
    ]);
    expect(wholesaleDelta.removedCodes).toEqual([]);
  });
});

describe('building a catalog with prices of several types', () => {
  const dir = tempDataDir('porter-price-types-build');
  afterAll(() => dir.remove());

  it('keeps each item its own prices when a repeated code is dropped and the items are renumbered', async () => {
    const item = (code: string, price: number): PriceListItem => ({
      code,
      name: `Товар ${code}`,
      barcode: '',
      unit: 'шт',
      packMultiple: 1,
      minOrderQuantity: 0,
      priceKopecks: price,
      vatRate: 22,
      stock: null,
      stockAtLeast: false,
      category: '',
    });
    const items = [item('A', 100), item('B', 200), item('A', 300), item('C', 400)];
    async function* batches(): AsyncGenerator<CatalogBatch> {
      yield {
        ...packItems(items, [1, 2, 3, 4]),
        rejected: [],
        bytesRead: 0,
        totalBytes: 0,
        rowsRead: 4,
        priceTypes: [
          { ref: 'opt', name: 'Оптовая', currency: 'RUB', vatIncluded: true, main: true },
          { ref: 'rozn', name: 'Розничная', currency: 'RUB', vatIncluded: null, main: false },
        ],
        // The main type's prices are the items' own; the other types' go beside them.
        itemPrices: [
          [{ ref: 'rozn', kopecks: 110 }],
          [{ ref: 'rozn', kopecks: 220 }],
          [{ ref: 'rozn', kopecks: 330 }],
          [{ ref: 'rozn', kopecks: 440 }],
        ],
      };
    }
    const catalogPath = path.join(dir.dir, 'catalog.sqlite');
    const built = await buildCatalog({
      batches: batches(),
      format: 'commerceml',
      fileName: 'offers.xml',
      options: { headerRow: 1, mapping: {}, pricesIncludeVat: true, defaultVatRate: 22 },
      priceListId: 'pl',
      importedAt: '2026-11-29T10:00:00.000Z',
      catalogPath,
    });
    expect(built.rejected.map((r) => [r.row, r.code])).toEqual([[3, 'duplicateCode']]);
    const catalog = openSqlite(catalogPath, { readonly: true, fileMustExist: true });
    try {
      const rows = catalog
        .prepare(
          `SELECT i.id, i.code, i.price_kopecks AS main, t.ref, p.price_kopecks AS price
             FROM items i JOIN item_prices p ON p.item_id = i.id JOIN price_types t ON t.id = p.price_type_id ORDER BY i.id, t.id`,
        )
        .raw()
        .all();
      // The second A (row 3) is gone with its price; C moved up from id 4 to 3 with its own.
      expect(rows).toEqual([
        [1, 'A', 100, 'rozn', 110],
        [2, 'B', 200, 'rozn', 220],
        [3, 'C', 400, 'rozn', 440],
      ]);
      expect(catalog.prepare('SELECT vat_included FROM price_types ORDER BY id').pluck().all()).toEqual([1, null]);
    } finally {
      catalog.close();
    }
  });
});
