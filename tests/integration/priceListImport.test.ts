import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { openSqlite } from '../../electron/core/db/sqlite';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { jobFinished, startImportLikeTheUi } from '../builders/jobs';

let core: PorterCore;
let dir: string;
let remove: () => void;

beforeEach(async () => {
  ({ dir, remove } = tempDataDir('porter-import'));
  core = await createCore({ dataDir: dir });
});
afterEach(() => {
  core.close();
  remove();
});

async function allItemCodes(): Promise<string[]> {
  const codes: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await core.api.searchItems({ query: '', offset, limit: 500 });
    codes.push(...page.items.map((i) => i.code));
    if (page.items.length < 500) return codes;
  }
}

describe('price list import', () => {
  it('imports the 1C-style windows-1251 file: items, categories, rejected row, codes kept as text', async () => {
    const report = await core.priceLists.importFile(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'), 'prices.csv');
    expect(report.items).toBe(7);
    expect(report.categories).toBe(3);
    expect(report.rejected).toEqual([{ row: 17, field: 'price', code: 'invalidPrice', value: 'abc', reason: 'not a price: "abc"' }]);
    const found = await core.api.searchItems({ query: '000123', offset: 0, limit: 10 });
    expect(found.items.map((i) => [i.code, i.barcode, i.category])).toEqual([['000123', '4607001234562', 'Молочная продукция']]);
    // The letterhead: "ООО «Северный оптовик»" … "Минимальная сумма заказа 5 000,00 руб."
    expect(report.priceList).toMatchObject({ supplierName: 'ООО «Северный оптовик»', minOrderKopecks: 500_000 });
    expect((await core.api.getAppInfo({})).priceList).toEqual(report.priceList);
    // "более 100" is kept as a lower bound.
    expect((await core.api.searchItems({ query: '000124', offset: 0, limit: 1 })).items[0]).toMatchObject({
      stock: 100,
      stockAtLeast: true,
    });
    const { categories } = await core.api.listCategories({});
    expect(categories.map((c) => [c.name, c.itemCount])).toEqual([
      ['Молочная продукция', 3],
      ['Кондитерские изделия', 2],
      ['Новогодние товары', 2],
    ]);
  });

  it('a price list without a letterhead has no supplier name and no minimum order sum', async () => {
    const file = path.join(dir, 'plain.csv');
    fs.writeFileSync(file, 'Код;Наименование;Цена;Остаток\n1;Молоко;10;более 100\n');
    const report = await core.priceLists.importFile(file, 'plain.csv');
    expect(report.priceList).toMatchObject({ supplierName: '', minOrderKopecks: null });
  });

  it('search: Cyrillic in any case, ё = е, several words narrow, barcode and code prefixes', async () => {
    await core.priceLists.importFile(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'), 'prices.csv');
    const codes = async (query: string) => (await core.api.searchItems({ query, offset: 0, limit: 50 })).items.map((i) => i.code);
    expect(await codes('молоко')).toEqual(['000123', '000124']);
    expect(await codes('МОЛОКО')).toEqual(['000123', '000124']);
    expect(await codes('Молоко')).toEqual(['000123', '000124']);
    expect(await codes('мол')).toEqual(['000123', '000124']);
    expect(await codes('молоко домик')).toEqual(['000124']);
    expect(await codes('елка')).toEqual(['000300']);
    expect(await codes('ёлка')).toEqual(['000300']);
    expect(await codes('мед')).toEqual(['000201']);
    expect(await codes('алёнка')).toEqual(['000200']);
    expect(await codes('4607001234579')).toEqual(['000124']);
    expect(await codes('460700123')).toEqual(['000123', '000124', '000125']);
    expect(await codes('00030')).toEqual(['000300', '000301']);
    // FTS5 syntax typed into the box is just punctuation, never a query error.
    expect(await codes('молоко"*(')).toEqual(['000123', '000124']);
    expect(await codes('NEAR(молоко')).toEqual([]);
  });

  it('a fatal error in the middle of 50,000 rows leaves the previous price list and every draft untouched', async () => {
    await core.priceLists.importFile(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'), 'prices.csv');
    const previous = core.priceLists.currentInfo;
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 24 });
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000300', quantity: 1 });
    const draftBefore = await core.api.getCurrentDraft({});
    const codesBefore = await allItemCodes();

    const file = path.join(dir, 'big.csv');
    await writePriceListCsv(file, generateItems(50_000, 11));
    const bytes = fs.readFileSync(file);
    let line = 1;
    let at = 0;
    while (line < 25_000) if (bytes[at++] === 0x0a) line++;
    bytes[at] = 0xfe; // never valid in UTF-8
    fs.writeFileSync(file, bytes);

    await expect(core.priceLists.importFile(file, 'big.csv')).rejects.toMatchObject({ code: 'FILE_ENCODING', details: { row: 25_000 } });
    expect(core.priceLists.currentInfo).toEqual(previous);
    expect(await allItemCodes()).toEqual(codesBefore);
    expect(await core.api.getCurrentDraft({})).toEqual(draftBefore);
    expect(fs.readdirSync(path.join(dir, 'catalogs'))).toEqual([`${previous!.id}.sqlite`]);
  });

  it('a cancelled import (through the contract, as the UI does it) changes nothing', async () => {
    await core.priceLists.importFile(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'), 'prices.csv');
    const previous = core.priceLists.currentInfo;
    const file = path.join(dir, 'big.csv');
    await writePriceListCsv(file, generateItems(100_000, 12));
    const jobId = await startImportLikeTheUi(core, file);
    // Cancel as soon as the first progress event arrives.
    await new Promise<void>((resolve) => {
      const unsubscribe = core.jobs.subscribe((job) => {
        if (job.jobId === jobId && job.rows > 0) {
          unsubscribe();
          void core.api.cancelJob({ jobId }).then(() => resolve());
        }
      });
    });
    const job = await jobFinished(core.jobs, jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('JOB_CANCELLED');
    expect(core.priceLists.currentInfo).toEqual(previous);
    expect((await core.api.searchItems({ query: '', offset: 0, limit: 1 })).total).toBe(7);
    expect(fs.readdirSync(path.join(dir, 'catalogs'))).toEqual([`${previous!.id}.sqlite`]);
  });

  it('a later row with an already used code is rejected, naming the first row', async () => {
    const file = path.join(dir, 'dup.csv');
    fs.writeFileSync(file, 'Код;Наименование;Цена\n1;Молоко;10\n2;Кефир;20\n1;Молоко ещё раз;30\n');
    const report = await core.priceLists.importFile(file, 'dup.csv');
    expect(report.items).toBe(2);
    expect(report.rejected).toEqual([
      { row: 4, field: 'code', code: 'duplicateCode', value: '1', reason: 'the code "1" already appears in row 2' },
    ]);
  });

  it('after removing duplicates the items are renumbered and the search index follows them', async () => {
    const file = path.join(dir, 'dup-search.csv');
    fs.writeFileSync(file, 'Код;Наименование;Цена\n1;Молоко;10\n2;Кефир;20\n1;Молоко ещё раз;30\n3;Ёлочная игрушка;40\n');
    await core.priceLists.importFile(file, 'dup-search.csv');
    const find = async (query: string) => (await core.api.searchItems({ query, offset: 0, limit: 10 })).items.map((i) => [i.code, i.name]);
    expect(await find('елочн')).toEqual([['3', 'Ёлочная игрушка']]);
    expect(await find('молоко')).toEqual([['1', 'Молоко']]);
    expect(await find('ещё')).toEqual([]);
  });

  it('the search index built while loading is the one an INSERT…SELECT over the items builds', async () => {
    const file = path.join(dir, 'many.csv');
    await writePriceListCsv(file, generateItems(30_000, 3));
    await core.priceLists.importFile(file, 'many.csv');
    const catalog = openSqlite(path.join(dir, 'catalogs', `${core.priceLists.currentInfo!.id}.sqlite`));
    try {
      catalog.exec(`
        INSERT INTO items_fts(items_fts, rank) VALUES('integrity-check', 0);
        CREATE VIRTUAL TABLE reference_fts USING fts5(search_text, content='', tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
        INSERT INTO reference_fts(rowid, search_text)
          SELECT id, replace(replace(name || ' ' || code || ' ' || barcode, 'ё', 'е'), 'Ё', 'Е') FROM items;
      `);
      const names = catalog.prepare('SELECT name, code, barcode FROM items WHERE id % 997 = 0').all() as {
        name: string;
        code: string;
        barcode: string;
      }[];
      const queries = names.flatMap((r) => [
        r.name.split(' ')[0]!.slice(0, 3) + '*',
        r.code,
        r.barcode.slice(0, 7) + '*',
        `"${r.name.split(' ')[1] ?? r.code}"`,
      ]);
      const ids = (table: string, query: string) =>
        catalog.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query.replace(/[ёЁ]/g, 'е'));
      expect(queries.length).toBeGreaterThan(100);
      for (const query of queries) expect(ids('items_fts', query), query).toEqual(ids('reference_fts', query));
    } finally {
      catalog.close();
    }
  });

  it('a file without a recognisable header is refused with a clear error', async () => {
    const file = path.join(dir, 'noheader.csv');
    fs.writeFileSync(file, 'a;b;c\n1;2;3\n');
    await expect(core.priceLists.importFile(file, 'noheader.csv')).rejects.toMatchObject({
      code: 'IMPORT_NO_HEADER',
      details: { file: 'noheader.csv' },
    });
    expect(core.priceLists.currentInfo).toBeNull();
  });

  it('a preview can be taken from the header row the user names', async () => {
    const { fileId } = core.files.register(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'));
    const detected = await core.api.previewPriceListImport({ fileId });
    expect(detected.headerRow).toBe(9);
    const chosen = await core.api.previewPriceListImport({ fileId, headerRow: 5 });
    expect(chosen.headerRow).toBe(5);
    expect(chosen.headings[0]).toBe('ПРАЙС-ЛИСТ на 01.12.2026');
    expect(chosen.mapping).toEqual({});
    expect(await core.api.previewPriceListImport({ fileId, headerRow: 9 })).toEqual(detected);
  });

  it('an empty draft takes the price list (and its VAT rule) of its first line', async () => {
    const draft = await core.api.getCurrentDraft({});
    expect(draft.priceListId).toBeNull();
    const file = path.join(dir, 'net.csv');
    fs.writeFileSync(file, 'Код;Наименование;Цена без НДС;НДС\n1;Молоко;100,00;20%\n');
    const report = await core.priceLists.importFile(file, 'net.csv', {
      headerRow: 1,
      mapping: { code: 0, name: 1, price: 2, vatRate: 3 },
      pricesIncludeVat: false,
      defaultVatRate: 22,
    });
    const order = await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '1', quantity: 3 });
    expect(order.priceListId).toBe(report.priceList.id);
    expect(order.pricesIncludeVat).toBe(false);
    // 3 × 100,00 without VAT + 20 % on top.
    expect(order.totals).toMatchObject({ netKopecks: 30000, vatKopecks: 6000, grossKopecks: 36000 });
  });
});
