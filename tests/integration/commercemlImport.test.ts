import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalogFromReader } from '../../electron/core/catalog/catalogBuilder';
import { createCore, type PorterCore } from '../../electron/core/core';
import { writeCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersWriter';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { jobFinished } from '../builders/jobs';
import { generatedPriceList, readOrders, STORE, textInput, writeCommerceMlPair, zipArchive } from '../builders/commerceml';

const IMPORT = fixturePath('commerceml', 'cml207_import0_1_ut11_utf8bom.xml');
const OFFERS = fixturePath('commerceml', 'cml207_offers0_1_ut11_utf8bom.xml');

let core: PorterCore;
let dir: string;
let remove: () => void;

beforeEach(async () => {
  ({ dir, remove } = tempDataDir('porter-cml-import'));
  // The import worker's builder: CommerceML is read in the import thread itself, so it is handed no parse worker's port.
  core = await createCore({ dataDir: dir, catalogBuilder: buildCatalogFromReader(undefined) });
});
afterEach(() => {
  core.close();
  remove();
});

const codes = async (query: string) => (await core.api.searchItems({ query, offset: 0, limit: 50 })).items.map((i) => i.code);

describe('CommerceML price list import through PriceListService', () => {
  it('the real 1C:UT exchange (import.xml + offers.xml): searchable, grouped, offers without products reported', async () => {
    const report = await core.priceLists.importFiles([
      { path: IMPORT, name: 'import0_1.xml' },
      { path: OFFERS, name: 'offers0_1.xml' },
    ]);
    expect(report).toMatchObject({
      items: 35,
      categories: 1,
      rejectedNotListed: 0,
      priceList: {
        sourceName: 'import0_1.xml + offers0_1.xml',
        supplierName: 'Рога и Копыта ООО',
        itemCount: 35,
        pricesIncludeVat: true,
        minOrderKopecks: null,
      },
    });
    expect(report.rejected).toHaveLength(8);
    expect(report.rejected.every((r) => r.code === 'unknownProduct')).toBe(true);

    expect(await codes('слонята')).toEqual(['PM-421-LE']);
    expect(await codes('ПОРТАТИВНЫЙ слон')).toEqual(['PM-421-LE']);
    expect(await codes('8809288404072')).toEqual(['PM-421-LE']);
    expect(await codes('PM-421-L')).toEqual(['PM-421-LE']);
    const [item] = (await core.api.searchItems({ query: 'PM-421-WP', offset: 0, limit: 1 })).items;
    expect(item).toMatchObject({
      code: 'PM-421-WP',
      unit: 'шт',
      priceKopecks: 10_000,
      vatRate: 20,
      stock: 377,
      category: 'Коврики для дома',
    });
    expect((await core.api.listCategories({})).categories).toEqual([{ id: 1, name: 'Коврики для дома', parentId: null, itemCount: 35 }]);
    // What an order sent back to 1C names: the offer's Ид, by Porter code.
    expect(core.priceLists.itemRefs(['PM-421-WP', 'nope'])).toEqual(new Map([['PM-421-WP', 'bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1']]));
  });

  it("the zip 1C makes, the way the UI imports it: preview, then a job with the preview's options", async () => {
    const zip = path.join(dir, 'exchange.zip');
    fs.writeFileSync(
      zip,
      zipArchive([
        { name: 'import0_1.xml', data: fs.readFileSync(IMPORT) },
        { name: 'offers0_1.xml', data: fs.readFileSync(OFFERS) },
      ]),
    );
    const { fileId } = core.files.register(zip, 'exchange.zip');
    const preview = await core.api.previewPriceListImport({ fileId });
    expect(preview).toMatchObject({ format: 'commerceml', encoding: 'utf-8', supplierName: 'Рога и Копыта ООО', pricesIncludeVat: true });
    expect(preview.sampleRows[0]).toEqual([
      'PM-421-WP',
      'Портативный коврик Portable 140x200x1 см, Деревянные лошадки',
      '8809288404089',
      'шт',
      '100,00',
      '377',
      '20 %',
      'Коврики для дома',
    ]);
    const { jobId } = await core.api.startPriceListImport({
      fileId,
      headerRow: preview.headerRow,
      mapping: preview.mapping,
      pricesIncludeVat: preview.pricesIncludeVat,
      defaultVatRate: 22,
    });
    const job = await jobFinished(core.jobs, jobId);
    expect(job).toMatchObject({ state: 'done', result: { items: 35 } });
    expect(await codes('слонята')).toEqual(['PM-421-LE']);
  });

  it("the store profile's price type picks the prices; an unknown one stops the import and keeps the list", async () => {
    const list = {
      ...generatedPriceList(300, 5),
      categories: [
        { id: 'food', name: 'Продукты', parentId: null },
        { id: 'milk', name: 'Молочная продукция', parentId: 'food' },
        { id: 'kefir', name: 'Кефир', parentId: 'milk' },
        { id: 'chem', name: 'Бытовая химия', parentId: null },
      ],
    };
    const items = [...list.items].map((item, i) => ({ ...item, categoryId: ['food', 'milk', 'kefir', 'chem'][i % 4]! }));
    const { importPath, offersPath } = await writeCommerceMlPair(
      dir,
      { ...list, items },
      { otherPriceTypes: [{ id: 'vip', name: 'VIP', priceOf: (item) => Math.round(item.priceKopecks * 0.9) }] },
    );
    const files = [
      { path: importPath, name: 'import.xml' },
      { path: offersPath, name: 'offers.xml' },
    ];
    await core.api.setStoreProfile({ ...STORE, priceType: 'VIP' });
    const vip = await core.priceLists.importFiles(files);
    expect(vip.items).toBe(300);
    const first = (await core.api.searchItems({ query: items[0]!.code, offset: 0, limit: 1 })).items[0]!;
    expect(first.priceKopecks).toBe(Math.round(items[0]!.priceKopecks * 0.9));

    // Nested groups: parents and children, a parent's count includes its subcategories.
    const { categories } = await core.api.listCategories({});
    expect(
      categories.map((c) => [c.name, c.parentId === null ? null : categories.find((p) => p.id === c.parentId)!.name, c.itemCount]),
    ).toEqual([
      ['Продукты', null, 225],
      ['Молочная продукция', 'Продукты', 150],
      ['Кефир', 'Молочная продукция', 75],
      ['Бытовая химия', null, 75],
    ]);
    const food = categories.find((c) => c.name === 'Продукты')!;
    expect((await core.api.searchItems({ query: '', categoryId: food.id, offset: 0, limit: 500 })).total).toBe(225);

    await core.api.setStoreProfile({ ...STORE, priceType: 'Опт-2' });
    const before = core.priceLists.currentInfo;
    await expect(core.priceLists.importFiles(files)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'offers.xml: the store\'s price type "Опт-2" (Settings) is not in this price list; its price types are "Оптовая", "VIP"',
    });
    expect(core.priceLists.currentInfo).toEqual(before);
  });

  it('a CommerceML import cancelled on its first progress event changes nothing and leaves no scratch file', async () => {
    await core.priceLists.importFiles([
      { path: IMPORT, name: 'import.xml' },
      { path: OFFERS, name: 'offers.xml' },
    ]);
    const previous = core.priceLists.currentInfo;
    const { importPath, offersPath } = await writeCommerceMlPair(dir, generatedPriceList(20_000, 9));
    const zip = path.join(dir, 'big.zip');
    fs.writeFileSync(
      zip,
      zipArchive([
        { name: 'import.xml', data: fs.readFileSync(importPath) },
        { name: 'offers.xml', data: fs.readFileSync(offersPath) },
      ]),
    );
    const { fileId } = core.files.register(zip, 'big.zip');
    const { jobId } = await core.api.startPriceListImport({
      fileId,
      headerRow: 1,
      mapping: {},
      pricesIncludeVat: true,
      defaultVatRate: 22,
    });
    await new Promise<void>((resolve) => {
      const unsubscribe = core.jobs.subscribe((job) => {
        if (job.jobId === jobId && job.rows > 0) {
          unsubscribe();
          void core.api.cancelJob({ jobId }).then(() => resolve());
        }
      });
    });
    expect(await jobFinished(core.jobs, jobId)).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(core.priceLists.currentInfo).toEqual(previous);
    // The offers' scratch file lived beside the catalog being built and went with it.
    expect(fs.readdirSync(path.join(dir, 'catalogs'))).toEqual([`${previous!.id}.sqlite`]);
  });

  it("an order composed against the CommerceML price list goes back to 1C with the offers' Ид", async () => {
    await core.priceLists.importFiles([
      { path: IMPORT, name: 'import.xml' },
      { path: OFFERS, name: 'offers.xml' },
    ]);
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: 'PM-421-LE', quantity: 3 });
    const order = await core.api.getCurrentDraft({});
    const xml = writeCommerceMlOrders([order], {
      store: STORE,
      generatedAt: '2026-11-29T12:00:00',
      itemIds: core.priceLists.itemRefs(order.lines.map((l) => l.itemCode)),
    });
    const { orders } = await readOrders(textInput('orders.xml', xml));
    expect(orders[0]!.lines.map((l) => [l.itemId, l.itemCode, l.quantity, l.priceKopecks, l.vatRate])).toEqual([
      ['5edfbda4-19c0-11e7-80c2-0cc47ab29cd1', 'PM-421-LE', 3, 10_000, 20],
    ]);
  });
});
