import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { readPorterPriceList } from '../../electron/core/formats/porterJson/priceListFile';
import { tempDataDir } from '../builders/dataDir';
import { jobFinished } from '../builders/jobs';
import { DAIRY_AND_MORE, importListedPriceList, writeListedPriceList, type ListedItem } from '../builders/orderPriceLists';
import { csvTextToRows, writeWorkbook } from '../builders/workbooks';
import { STORES } from '../builders/receivedOrders';

let core: PorterCore;
let dir: { dir: string; remove: () => void };

/** The back office's new list: milk dearer, the fir tree gone, butter new. */
const NEXT: ListedItem[] = [
  ...DAIRY_AND_MORE.filter((i) => i.code !== '000300').map((i) => (i.code === '000123' ? { ...i, priceKopecks: 9_290 } : i)),
  { code: '000400', name: 'Масло сливочное 82,5% 180 г', packMultiple: 10, priceKopecks: 23_900, stock: 300, vatRate: 10 },
];

beforeEach(async () => {
  dir = tempDataDir('porter-publish');
  core = await createCore({ dataDir: dir.dir });
  await importListedPriceList(core, 'published', DAIRY_AND_MORE, { supplierName: 'ООО «Молочный путь»' });
  await core.api.saveStores({ stores: STORES });
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** Imports a file for review, as the manager's screen does: preview, then start with publish: false. */
async function stage(file: string): Promise<void> {
  const { fileId } = core.files.register(file);
  const preview = await core.api.previewPriceListImport({ fileId });
  const { jobId } = await core.api.startPriceListImport({
    fileId,
    headerRow: preview.headerRow,
    mapping: preview.mapping,
    pricesIncludeVat: preview.pricesIncludeVat,
    defaultVatRate: 22,
    publish: false,
  });
  expect(await jobFinished(core.jobs, jobId)).toMatchObject({ state: 'done' });
}

describe('publishing the price list', () => {
  it('a list imported for review changes nothing until published, and shows what it would change', async () => {
    const published = core.priceLists.currentInfo!;
    await stage(writeListedPriceList(path.join(dir.dir, 'next.csv'), NEXT));
    // Still the published list: what stores sync and orders are checked against.
    expect(core.priceLists.currentInfo).toEqual(published);
    expect(core.priceLists.current!.itemByCode('000123')!.priceKopecks).toBe(8_990);

    const review = await core.api.getStagedPriceList({});
    expect(review.published).toEqual(published);
    expect(review.staged).toMatchObject({ sourceName: 'next.csv', itemCount: NEXT.length });
    expect(review.staged!.id).not.toBe(published.id);
    expect(review.changes).toEqual({
      added: 1,
      removed: 1,
      priceChanged: 1,
      addedItems: [{ code: '000400', name: 'Масло сливочное 82,5% 180 г', priceKopecks: 23_900 }],
      removedItems: [{ code: '000300', name: 'Ёлка искусственная 180 см', priceKopecks: 499_000 }],
      changedItems: [{ code: '000123', name: 'Молоко «Простоквашино» 3,2% 930 мл', oldPriceKopecks: 8_990, priceKopecks: 9_290 }],
    });

    // The staged list outlives a restart (its catalog file is not taken for a leftover).
    core.close();
    core = await createCore({ dataDir: dir.dir });
    expect((await core.api.getStagedPriceList({})).staged).toEqual(review.staged);

    const { priceList } = await core.api.publishPriceList({});
    expect(priceList).toEqual(review.staged);
    expect(core.priceLists.currentInfo).toEqual(review.staged);
    expect(core.priceLists.current!.itemByCode('000123')).toMatchObject({ priceKopecks: 9_290, previousPriceKopecks: 8_990 });
    expect(await core.api.getStagedPriceList({})).toEqual({ staged: null, published: review.staged, changes: null });
    await expect(core.api.publishPriceList({})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The published list and the one before it, nothing else.
    expect(fs.readdirSync(path.join(dir.dir, 'catalogs')).sort()).toEqual([`${published.id}.sqlite`, `${priceList.id}.sqlite`].sort());
  });

  it('an XLSX list staged over another staged one replaces it; a discarded one leaves no file behind', async () => {
    await stage(writeListedPriceList(path.join(dir.dir, 'first.csv'), NEXT));
    const first = core.priceLists.staged!;
    const csv = fs.readFileSync(writeListedPriceList(path.join(dir.dir, 'tmp.csv'), NEXT.slice(0, 3)), 'utf8');
    const xlsx = path.join(dir.dir, 'second.xlsx');
    await writeWorkbook(xlsx, csvTextToRows(csv));
    await stage(xlsx);
    const review = await core.api.getStagedPriceList({});
    expect(review.staged).toMatchObject({ sourceName: 'second.xlsx', itemCount: 3 });
    expect(review.changes).toMatchObject({ added: 0, removed: 3, priceChanged: 1 });
    expect(review.changes!.removedItems.map((i) => i.code)).toEqual(['000200', '000201', '000300']);
    const catalogs = () => fs.readdirSync(path.join(dir.dir, 'catalogs'));
    expect(catalogs()).not.toContain(`${first.id}.sqlite`);

    expect(await core.api.discardStagedPriceList({})).toEqual({ discarded: true });
    expect(catalogs()).toEqual([`${core.priceLists.currentInfo!.id}.sqlite`]);
    expect((await core.api.getStagedPriceList({})).staged).toBeNull();
    expect(await core.api.discardStagedPriceList({})).toEqual({ discarded: false });
  });

  it('the published list as a Porter price list file for a store, with its price type', async () => {
    const file = await core.api.exportStorePriceList({ customerCode: '00043' });
    expect(file.fileName).toBe(`porter-price-list-00043-${core.priceLists.currentInfo!.id.slice(0, 8)}.json`);
    const { priceList } = readPorterPriceList(file.content, file.fileName);
    expect(priceList).toMatchObject({
      id: core.priceLists.currentInfo!.id,
      supplierName: 'ООО «Молочный путь»',
      priceType: 'Мелкий опт',
      currency: 'RUB',
      pricesIncludeVat: true,
    });
    expect(priceList.items.map((i) => [i.code, i.priceKopecks, i.packMultiple, i.vatRate])).toEqual(
      DAIRY_AND_MORE.map((i) => [i.code, i.priceKopecks, i.packMultiple ?? 1, i.vatRate]),
    );
    await expect(core.api.exportStorePriceList({ customerCode: '99999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
