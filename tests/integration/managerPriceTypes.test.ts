import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import type { OrderProblem, StoreEntry } from '../../shared/manager';
import type { PorterPriceList, PorterPriceListItem } from '../../shared/exchange';
import { writeCommerceMlPair } from '../builders/commerceml';
import { tempDataDir } from '../builders/dataDir';
import { at, managerCore, receivedOrder, takeIn, WAREHOUSE, type OrderSpec } from '../builders/managerBatches';
import type { ListedItem } from '../builders/orderPriceLists';

/**
 * The manager's checks and repricing hold each store to the prices of its own price type (the stores
 * directory's), as the exchange server serves them: a CommerceML list with "Оптовая" (the main type,
 * declared first, VAT included) and "Розничная" (stated without VAT), stores on either, on none, and on
 * a type the list does not have.
 */

interface Goods {
  code: string;
  name: string;
  vatRate: 10 | 22;
  /** Оптовая, VAT included. */
  wholesale: number;
  /** Розничная, without VAT; null: no retail price. */
  retail: number | null;
}

const GOODS: Goods[] = [
  { code: 'M-001', name: 'Молоко 3,2% 930 мл', vatRate: 10, wholesale: 8_990, retail: 10_000 },
  { code: 'C-001', name: 'Шоколад «Алёнка» горький 70%', vatRate: 22, wholesale: 11_500, retail: 12_000 },
  { code: 'T-001', name: 'Ёлка искусственная 180 см', vatRate: 22, wholesale: 499_000, retail: null },
];

/** What a retail store pays with VAT: 10 000 + 10 % and 12 000 + 22 %. */
const RETAIL_GROSS = { 'M-001': 11_000, 'C-001': 14_640 } as const;
const RETAIL = { id: 'retail-type', name: 'Розничная' };

const store = (customerCode: string, priceType: string): StoreEntry => ({
  customerCode,
  name: `Магазин ${customerCode}`,
  priceType,
  deliveryDays: [1],
  contact: '',
  phone: '',
  email: '',
});

const STORES: StoreEntry[] = [
  store('OPT', 'Оптовая'),
  // The type by its name in another case; another store by its Ид.
  store('ROZ', ' розничная '),
  store('ROZ-ID', RETAIL.id),
  store('NONE', ''),
  store('VIP', 'VIP'),
];

/** The goods as the order builder prices them by default: at the main (wholesale) price. */
const listed = (goods: readonly Goods[]): ListedItem[] =>
  goods.map((g) => ({ code: g.code, name: g.name, priceKopecks: g.wholesale, vatRate: g.vatRate }));

async function importGoods(core: PorterCore, version: string, goods: readonly Goods[]): Promise<void> {
  const dir = path.join(core.dataDir, version);
  fs.mkdirSync(dir, { recursive: true });
  const items: PorterPriceListItem[] = goods.map((g) => ({
    code: g.code,
    name: g.name,
    barcode: '',
    unit: 'шт',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: g.wholesale,
    vatRate: g.vatRate,
    stock: 1000,
    stockAtLeast: false,
    categoryId: 'food',
  }));
  const list: PorterPriceList = {
    id: version,
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
  await core.priceLists.importFiles([
    { path: importPath, name: 'import.xml' },
    { path: offersPath, name: 'offers.xml' },
  ]);
}

const open: PorterCore[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

async function started(): Promise<PorterCore> {
  const core = await createCore({ dataDir: tempDataDir('porter-manager-price-types').dir });
  open.push(core);
  await core.api.setAppMode({ mode: 'manager' });
  await importGoods(core, 'v1', GOODS);
  await core.api.saveStores({ stores: STORES });
  return core;
}

const take = (core: PorterCore, specs: readonly OrderSpec[]) => takeIn(core, specs, listed(GOODS));
const problemsOf = async (core: PorterCore, id: number): Promise<OrderProblem[]> => (await core.api.getReceivedOrder({ id })).problems;
const pricesOf = async (core: PorterCore, id: number) =>
  (await core.api.getReceivedOrder({ id })).lines.map((l) => [l.itemCode, l.priceKopecks]);

describe("the manager's checks and repricing by the store's price type", () => {
  it("finds nothing in orders at the prices of each store's own type, and the main price for a store without one", async () => {
    const core = await started();
    const retail = (code: keyof typeof RETAIL_GROSS) => ({ code, quantity: 5, priceKopecks: RETAIL_GROSS[code] });
    const ids = take(core, [
      {
        store: 'OPT',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 5 },
          { code: 'T-001', quantity: 1 },
        ],
      },
      { store: 'ROZ', number: '2', receivedAt: at(1), lines: [retail('M-001'), retail('C-001')] },
      { store: 'ROZ-ID', number: '3', receivedAt: at(2), lines: [retail('C-001')] },
      { store: 'NONE', number: '4', receivedAt: at(3), lines: [{ code: 'C-001', quantity: 5 }] },
    ]);
    for (const id of ids) expect(await problemsOf(core, id)).toEqual([]);
    expect((await core.api.listReceivedOrders({ hasProblems: true })).orders).toEqual([]);
  });

  it("compares an order at another type's prices with its store's type's price, in the order's VAT basis", async () => {
    const core = await started();
    const [retailAtWholesale, wholesaleAtRetail] = take(core, [
      {
        store: 'ROZ',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 5 },
          { code: 'C-001', quantity: 5 },
        ],
      },
      { store: 'OPT', number: '2', receivedAt: at(1), lines: [{ code: 'M-001', quantity: 5, priceKopecks: RETAIL_GROSS['M-001'] }] },
    ]);
    const v1 = core.priceLists.currentInfo!.id;
    expect(await problemsOf(core, retailAtWholesale!)).toEqual([
      { kind: 'priceDiffers', lineNumber: 1, itemCode: 'M-001', storePriceKopecks: 8_990, currentPriceKopecks: 11_000, priceListId: v1 },
      { kind: 'priceDiffers', lineNumber: 2, itemCode: 'C-001', storePriceKopecks: 11_500, currentPriceKopecks: 14_640, priceListId: v1 },
    ]);
    expect(await problemsOf(core, wholesaleAtRetail!)).toEqual([
      { kind: 'priceDiffers', lineNumber: 1, itemCode: 'M-001', storePriceKopecks: 11_000, currentPriceKopecks: 8_990, priceListId: v1 },
    ]);

    // 1C wrote the retail store's prices without VAT: the retail type's own basis, so they match as they are.
    const net = receivedOrder({
      store: 'ROZ',
      number: '3',
      receivedAt: at(2),
      lines: [{ code: 'M-001', quantity: 5, priceKopecks: 10_000 }],
    });
    net.lines = net.lines.map((l) => ({ ...l, vatIncluded: false }));
    const outcome = core.manager.book.intake(net, { source: 'file', sourceName: 'order-3.xml', receivedAt: at(2) });
    if (outcome.kind !== 'added') throw new Error('the order was not taken in');
    expect(await problemsOf(core, outcome.id)).toEqual([]);
  });

  it("names an item without a price of the store's type as unknown for that store only", async () => {
    const core = await started();
    const [retail, wholesale] = take(core, [
      { store: 'ROZ', number: '1', receivedAt: at(0), lines: [{ code: 'T-001', quantity: 1 }] },
      { store: 'OPT', number: '2', receivedAt: at(1), lines: [{ code: 'T-001', quantity: 1 }] },
    ]);
    expect(await problemsOf(core, retail!)).toEqual([{ kind: 'unknownItem', lineNumber: 1, itemCode: 'T-001', priceType: 'Розничная' }]);
    expect(await problemsOf(core, wholesale!)).toEqual([]);
  });

  it("names a store's price type the list lacks once for the order, and checks again once the directory names a type it has", async () => {
    const core = await started();
    const [id] = take(core, [
      {
        store: 'VIP',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 5, priceKopecks: 7_000 },
          { code: 'X-404', quantity: 1 },
        ],
      },
    ]);
    // No line is weighed against another type's prices; an item not in the list at all is still named.
    expect(await problemsOf(core, id!)).toEqual([
      {
        kind: 'unknownPriceType',
        lineNumber: null,
        itemCode: null,
        priceType: 'VIP',
        availablePriceTypes: ['Оптовая', 'Розничная'],
      },
      { kind: 'unknownItem', lineNumber: 2, itemCode: 'X-404' },
    ]);
    const { orders } = await core.api.listReceivedOrders({ problemKinds: ['unknownPriceType'] });
    expect(orders.map((o) => o.id)).toEqual([id]);

    await core.api.saveStores({ stores: [store('VIP', 'Розничная')] });
    expect(await problemsOf(core, id!)).toEqual([
      {
        kind: 'priceDiffers',
        lineNumber: 1,
        itemCode: 'M-001',
        storePriceKopecks: 7_000,
        currentPriceKopecks: 11_000,
        priceListId: core.priceLists.currentInfo!.id,
      },
      { kind: 'unknownItem', lineNumber: 2, itemCode: 'X-404' },
    ]);
  });

  it("reprices each store's orders to its own type's prices, leaves an item without one, and skips a store whose type the list lacks", async () => {
    const core = await started();
    const [retail, wholesale, vip] = take(core, [
      {
        store: 'ROZ',
        number: '1',
        receivedAt: at(0),
        lines: [
          { code: 'M-001', quantity: 5 },
          { code: 'C-001', quantity: 5 },
          { code: 'T-001', quantity: 1 },
        ],
      },
      { store: 'OPT', number: '2', receivedAt: at(1), lines: [{ code: 'C-001', quantity: 5, priceKopecks: RETAIL_GROSS['C-001'] }] },
      { store: 'VIP', number: '3', receivedAt: at(2), lines: [{ code: 'M-001', quantity: 5, priceKopecks: 7_000 }] },
    ]);
    const result = await core.api.applyBatchAction({ kind: 'reprice', orderIds: [retail!, wholesale!, vip!], mode: 'current' });
    expect(result.summary).toMatchObject({
      changedLines: 3,
      skipped: [{ id: vip, number: '3', reason: 'unknownPriceType' }],
    });
    expect(await pricesOf(core, retail!)).toEqual([
      ['M-001', 11_000],
      ['C-001', 14_640],
      ['T-001', 499_000],
    ]);
    expect(await pricesOf(core, wholesale!)).toEqual([['C-001', 11_500]]);
    expect(await pricesOf(core, vip!)).toEqual([['M-001', 7_000]]);
    expect((await problemsOf(core, retail!)).map((p) => p.kind)).toEqual(['unknownItem']);
    expect(await problemsOf(core, wholesale!)).toEqual([]);
  });

  it("keeps a store's price against its type's current price until a new list changes that price", async () => {
    const core = await started();
    const [id] = take(core, [{ store: 'ROZ', number: '1', receivedAt: at(0), lines: [{ code: 'M-001', quantity: 5 }] }]);
    await core.api.applyBatchAction({ kind: 'reprice', orderIds: [id!], mode: 'keep' });
    expect(await pricesOf(core, id!)).toEqual([['M-001', 8_990]]);
    expect(await problemsOf(core, id!)).toEqual([]);
    const v1 = core.priceLists.currentInfo!.id;

    // Retail milk dearer, wholesale unchanged: the kept difference was settled against the old retail price.
    await importGoods(
      core,
      'v2',
      GOODS.map((g) => (g.code === 'M-001' ? { ...g, retail: 10_500 } : g)),
    );
    expect(await problemsOf(core, id!)).toEqual([
      {
        kind: 'priceDiffers',
        lineNumber: 1,
        itemCode: 'M-001',
        storePriceKopecks: 8_990,
        currentPriceKopecks: 11_550,
        priceListId: v1,
      },
    ]);
    await core.api.applyBatchAction({ kind: 'reprice', orderIds: [id!], mode: 'current' });
    expect(await pricesOf(core, id!)).toEqual([['M-001', 11_550]]);
  });

  it("uses a single-price list's price for every store, whatever its type", async () => {
    const core = await managerCore(tempDataDir('porter-manager-price-types').dir, WAREHOUSE, [
      store('S-001', 'Розничная'),
      store('S-002', 'VIP'),
    ]);
    open.push(core);
    const ids = takeIn(core, [
      { store: 'S-001', number: '1', receivedAt: at(0), lines: [{ code: 'M-001', quantity: 12 }] },
      { store: 'S-002', number: '2', receivedAt: at(1), lines: [{ code: 'M-001', quantity: 12, priceKopecks: 9_500 }] },
    ]);
    expect(await problemsOf(core, ids[0]!)).toEqual([]);
    expect((await problemsOf(core, ids[1]!)).map((p) => [p.kind, p.currentPriceKopecks])).toEqual([['priceDiffers', 8_990]]);
    await core.api.applyBatchAction({ kind: 'reprice', orderIds: ids, mode: 'current' });
    expect(await pricesOf(core, ids[1]!)).toEqual([['M-001', 8_990]]);
  });
});
