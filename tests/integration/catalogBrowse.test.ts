import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogApi } from '../../electron/core/catalog/catalogApi';
import { buildCatalogInThisThread } from '../../electron/core/catalog/catalogBuilder';
import { PriceListService } from '../../electron/core/catalog/priceListService';
import { openMainDatabase } from '../../electron/core/db/database';
import { openSqlite } from '../../electron/core/db/sqlite';
import { FileRegistry } from '../../electron/core/files';
import { JobRegistry } from '../../electron/core/jobs/jobRegistry';
import type { MethodInput } from '../../shared/contract';
import { CATALOG_SORT_COLUMNS, type Item } from '../../shared/domain';
import { normalizeSearchText } from '../../shared/search';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { tempDataDir } from '../builders/dataDir';

/**
 * Catalog browsing against real catalog files: categories, filters, sorting, paging, and the
 * comparison with the previous price list. The service is assembled as core.ts does it, with
 * a stand-in for the store's order history (orderedItemCodes).
 */
const HEADER = 'Код;Наименование;Штрихкод;Ед.;Кратность;Цена;Остаток;НДС;Группа';
const OCTOBER = [
  'Прайс-лист ООО «Молочный двор»',
  'Минимальная сумма заказа: 15 000 ₽',
  '',
  HEADER,
  '001;Молоко 3,2% 1 л;4600000000011;шт;12;89,90;120;10%;Молочная продукция',
  '002;МОЛОКО топлёное 4% 1 л;;шт;6;99,00;более 100;10%;Молочная продукция',
  '003;Кефир 1% 900 г;;шт;6;72,00;0;10%;Молочная продукция',
  '004;Ёлка искусственная 180 см;;шт;1;4990,00;;20%;Новогодние товары',
  '005;Шоколад горький 70%;;шт;20;120,00;35;22%;Кондитерские изделия',
  '006;мёд цветочный 500 г;;кг;1;450,00;7;10%;Кондитерские изделия',
  '007;Вода минеральная 1,5 л;;уп;6;45,00;нет;20%;Напитки',
  '008;Сок яблочный 1 л;;шт;12;120,00;300;20%;Напитки',
];
/** A month later: 001 and 008 cost more or less, 003 is gone, 009 and 010 are new. */
const NOVEMBER = [
  HEADER,
  '001;Молоко 3,2% 1 л;4600000000011;шт;12;94,50;120;10%;Молочная продукция',
  '009;Кефир 2,5% 900 г;;шт;6;75,00;60;10%;Молочная продукция',
  '002;МОЛОКО топлёное 4% 1 л;;шт;6;99,00;более 100;10%;Молочная продукция',
  '004;Ёлка искусственная 180 см;;шт;1;4990,00;;20%;Новогодние товары',
  '005;Шоколад горький 70%;;шт;20;120,00;35;22%;Кондитерские изделия',
  '006;мёд цветочный 500 г;;кг;1;450,00;7;10%;Кондитерские изделия',
  '007;Вода минеральная 1,5 л;;уп;6;45,00;нет;20%;Напитки',
  '008;Сок яблочный 1 л;;шт;12;110,00;300;20%;Напитки',
  '010;Морс клюквенный 1 л;;шт;6;130,00;24;20%;Напитки',
];

let dir: string;
let remove: () => void;
let db: Database.Database;
let priceLists: PriceListService;
let orderedCodes: string[];
let api: ReturnType<typeof createCatalogApi>;

async function open(): Promise<void> {
  ({ db } = await openMainDatabase(dir));
  priceLists = new PriceListService(db, dir, new JobRegistry(), new FileRegistry(path.join(dir, 'uploads')), buildCatalogInThisThread);
  api = createCatalogApi(priceLists, () => orderedCodes);
}

function close(): void {
  priceLists.close();
  db.close();
}

async function importLines(name: string, lines: string[]): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await priceLists.importFile(file, name);
}

type View = Omit<MethodInput<'searchItems'>, 'offset' | 'limit'>;
async function items(view: View): Promise<Item[]> {
  return (await api.searchItems({ ...view, offset: 0, limit: 500 })).items;
}
async function codes(view: View): Promise<string[]> {
  return (await items(view)).map((i) => i.code);
}
async function categoryId(name: string): Promise<number> {
  const found = (await api.listCategories({})).categories.find((c) => c.name === name);
  if (!found) throw new Error(`no category ${name}`);
  return found.id;
}

beforeEach(async () => {
  ({ dir, remove } = tempDataDir('porter-browse'));
  orderedCodes = [];
  await open();
});
afterEach(() => {
  close();
  remove();
});

describe('catalog browsing', () => {
  beforeEach(() => importLines('october.csv', OCTOBER));

  it('lists the categories in the price list order with their item counts', async () => {
    const { categories } = await api.listCategories({});
    expect(categories.map(({ name, parentId, itemCount }) => [name, parentId, itemCount])).toEqual([
      ['Молочная продукция', null, 3],
      ['Новогодние товары', null, 1],
      ['Кондитерские изделия', null, 2],
      ['Напитки', null, 2],
    ]);
    expect(await codes({ query: '', categoryId: await categoryId('Кондитерские изделия') })).toEqual(['005', '006']);
    expect(await api.searchItems({ query: '', categoryId: 999, offset: 0, limit: 10 })).toEqual({ items: [], total: 0, totalExact: true });
  });

  it('the letterhead gives the supplier and the minimum order sum; "более 100" is a lower bound', async () => {
    expect(priceLists.currentInfo).toMatchObject({ supplierName: 'ООО «Молочный двор»', minOrderKopecks: 1_500_000 });
    const [milk, bakedMilk] = await items({ query: 'молоко' });
    expect(milk).toMatchObject({ code: '001', stock: 120, stockAtLeast: false });
    expect(bakedMilk).toMatchObject({ code: '002', stock: 100, stockAtLeast: true });
  });

  it('in stock: a positive stock or "more than N"; none, zero and unknown stock are left out', async () => {
    expect(await codes({ query: '', filters: { inStock: true } })).toEqual(['001', '002', '005', '006', '008']);
    expect(await codes({ query: '', filters: { inStock: false } })).toHaveLength(8);
  });

  it('ordered before: the codes the order history gives, asked again on every call', async () => {
    orderedCodes = ['008', '001', 'not-in-this-list'];
    expect(await codes({ query: '', filters: { orderedBefore: true } })).toEqual(['001', '008']);
    orderedCodes = [...orderedCodes, '005'];
    expect(await codes({ query: '', filters: { orderedBefore: true } })).toEqual(['001', '005', '008']);
    orderedCodes = [];
    expect(await codes({ query: '', filters: { orderedBefore: true } })).toEqual([]);
  });

  it('with no previous price list nothing is new and no price has changed', async () => {
    expect((await items({ query: '' })).every((i) => !i.isNew && i.previousPriceKopecks === null)).toBe(true);
    expect(await codes({ query: '', filters: { newItems: true } })).toEqual([]);
    expect(await codes({ query: '', filters: { priceChanged: true } })).toEqual([]);
  });

  it('sorts by every column both ways, ties in file order', async () => {
    const all = await items({ query: '' });
    const key: Record<(typeof CATALOG_SORT_COLUMNS)[number], (i: Item) => string | number> = {
      code: (i) => i.code,
      name: (i) => normalizeSearchText(i.name),
      unit: (i) => normalizeSearchText(i.unit),
      packMultiple: (i) => i.packMultiple,
      price: (i) => i.priceKopecks,
      stock: (i) => i.stock ?? Number.NaN,
      vatRate: (i) => i.vatRate,
    };
    for (const column of CATALOG_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sign = direction === 'asc' ? 1 : -1;
        const expected = all
          .map((item, fileOrder) => ({ item, fileOrder }))
          .sort((a, b) => {
            const x = key[column](a.item);
            const y = key[column](b.item);
            // Unknown stock last either way.
            if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
            if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return (x < y ? -1 : 1) * sign;
            if (column === 'stock' && a.item.stockAtLeast !== b.item.stockAtLeast) return (a.item.stockAtLeast ? 1 : -1) * sign;
            return a.fileOrder - b.fileOrder;
          })
          .map((e) => e.item.code);
        expect(await codes({ query: '', sort: { column, direction } }), `${column} ${direction}`).toEqual(expected);
      }
    }
    // The same orders written out, where the rules show: case and ё do not matter for names,
    // equal prices keep file order both ways, unknown stock comes last both ways.
    expect(await codes({ query: '', sort: { column: 'name', direction: 'asc' } })).toEqual([
      '007',
      '004',
      '003',
      '006',
      '001',
      '002',
      '008',
      '005',
    ]);
    expect(await codes({ query: '', sort: { column: 'price', direction: 'asc' } })).toEqual([
      '007',
      '003',
      '001',
      '002',
      '005',
      '008',
      '006',
      '004',
    ]);
    expect(await codes({ query: '', sort: { column: 'price', direction: 'desc' } })).toEqual([
      '004',
      '006',
      '005',
      '008',
      '002',
      '001',
      '003',
      '007',
    ]);
    expect(await codes({ query: '', sort: { column: 'stock', direction: 'asc' } })).toEqual([
      '003',
      '007',
      '006',
      '005',
      '002',
      '001',
      '008',
      '004',
    ]);
    expect(await codes({ query: '', sort: { column: 'stock', direction: 'desc' } })).toEqual([
      '008',
      '001',
      '002',
      '005',
      '006',
      '003',
      '007',
      '004',
    ]);
  });

  it('combines search, category, filter and sort', async () => {
    const dairy = await categoryId('Молочная продукция');
    expect(await codes({ query: 'молоко', categoryId: dairy })).toEqual(['001', '002']);
    expect(
      await codes({ query: 'мол', categoryId: dairy, filters: { inStock: true }, sort: { column: 'price', direction: 'desc' } }),
    ).toEqual(['002', '001']);
    expect(await codes({ query: 'кефир', categoryId: dairy, filters: { inStock: true } })).toEqual([]);
    orderedCodes = ['002', '005'];
    expect(await codes({ query: '', categoryId: dairy, filters: { inStock: true, orderedBefore: true } })).toEqual(['002']);
    const result = await api.searchItems({ query: 'мол', categoryId: dairy, offset: 0, limit: 1 });
    expect(result).toMatchObject({ total: 2, totalExact: true });
    expect(result.items.map((i) => i.code)).toEqual(['001']);
  });

  it('a category holds the items of its subcategories (nested groups, as CommerceML has them)', async () => {
    // CSV categories are flat; nest two of them under a new root in the catalog file itself.
    const catalogFile = path.join(dir, 'catalogs', `${priceLists.currentInfo!.id}.sqlite`);
    close();
    const catalog = openSqlite(catalogFile);
    catalog.exec(`
      INSERT INTO categories (id, name, parent_id) VALUES (0, 'Продукты', NULL);
      UPDATE categories SET parent_id = 0 WHERE name IN ('Молочная продукция', 'Кондитерские изделия');
    `);
    catalog.close();
    await open();
    const { categories } = await api.listCategories({});
    expect(categories.map(({ id, name, parentId, itemCount }) => [id, name, parentId, itemCount])).toEqual([
      [0, 'Продукты', null, 5],
      [1, 'Молочная продукция', 0, 3],
      [2, 'Новогодние товары', null, 1],
      [3, 'Кондитерские изделия', 0, 2],
      [4, 'Напитки', null, 2],
    ]);
    expect(await codes({ query: '', categoryId: 0 })).toEqual(['001', '002', '003', '005', '006']);
    expect(await codes({ query: '', categoryId: 0, sort: { column: 'price', direction: 'asc' } })).toEqual([
      '003',
      '001',
      '002',
      '005',
      '006',
    ]);
  });
});

describe('comparison with the previous price list', () => {
  it('marks new items and changed prices; removed items are simply absent', async () => {
    await importLines('october.csv', OCTOBER);
    const sortedBefore = await codes({ query: '', sort: { column: 'price', direction: 'asc' } });
    await importLines('november.csv', NOVEMBER);

    const byCode = new Map((await items({ query: '' })).map((i) => [i.code, i]));
    expect([...byCode.keys()]).toEqual(['001', '009', '002', '004', '005', '006', '007', '008', '010']);
    expect(byCode.get('001')).toMatchObject({ priceKopecks: 9450, previousPriceKopecks: 8990, isNew: false });
    expect(byCode.get('008')).toMatchObject({ priceKopecks: 11000, previousPriceKopecks: 12000, isNew: false });
    expect(byCode.get('005')).toMatchObject({ priceKopecks: 12000, previousPriceKopecks: null, isNew: false });
    expect(byCode.get('009')).toMatchObject({ isNew: true, previousPriceKopecks: null });
    expect(byCode.get('010')).toMatchObject({ isNew: true, previousPriceKopecks: null });
    expect(await codes({ query: 'кефир' })).toEqual(['009']);

    expect(await codes({ query: '', filters: { newItems: true } })).toEqual(['009', '010']);
    expect(await codes({ query: '', filters: { priceChanged: true } })).toEqual(['001', '008']);
    expect(await codes({ query: '', filters: { priceChanged: true, newItems: true } })).toEqual([]);
    // A view cached for the previous list is not served for the new one.
    const sortedAfter = await codes({ query: '', sort: { column: 'price', direction: 'asc' } });
    expect(sortedAfter).not.toEqual(sortedBefore);
    expect(sortedAfter).toEqual(['007', '009', '001', '002', '008', '005', '010', '006', '004']);

    // Lookups by code and barcode (the order side uses them) carry the comparison too.
    expect(priceLists.current!.itemByCode('001')).toMatchObject({ previousPriceKopecks: 8990, isNew: false });
    expect(priceLists.current!.itemByBarcode('4600000000011')).toMatchObject({ code: '001', previousPriceKopecks: 8990 });
    expect(priceLists.current!.itemByCode('010')).toMatchObject({ isNew: true });

    // After a restart the comparison is the same.
    close();
    await open();
    expect(await codes({ query: '', filters: { priceChanged: true } })).toEqual(['001', '008']);
    expect(await codes({ query: 'морс', filters: { newItems: true } })).toEqual(['010']);

    // A third list is compared with the second; the first one's file is removed.
    await importLines('december.csv', [...NOVEMBER.slice(0, -1), '011;Квас хлебный 1,5 л;;шт;6;80,00;10;20%;Напитки']);
    expect(await codes({ query: '', filters: { newItems: true } })).toEqual(['011']);
    expect(await codes({ query: '', filters: { priceChanged: true } })).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'catalogs'))).toHaveLength(2);
  });
});

describe('catalog files of the previous Porter version (schema 1)', () => {
  /** The catalog schema as Porter wrote it before stock_at_least and parent_id, with its items. */
  function writeVersion1Catalog(file: string, id: string): void {
    const catalog = openSqlite(file);
    catalog.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
      CREATE TABLE items (
        id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, barcode TEXT NOT NULL, unit TEXT NOT NULL,
        pack_multiple INTEGER NOT NULL, min_order_quantity INTEGER NOT NULL, price_kopecks INTEGER NOT NULL,
        vat_rate INTEGER NOT NULL, stock INTEGER, category_id INTEGER, source_row INTEGER NOT NULL
      ) STRICT;
      INSERT INTO categories (id, name) VALUES (1, 'Молочная продукция'), (2, 'Напитки');
      INSERT INTO items (code, name, barcode, unit, pack_multiple, min_order_quantity, price_kopecks, vat_rate, stock, category_id, source_row) VALUES
        ('001', 'Молоко 3,2% 1 л', '4600000000011', 'шт', 12, 0, 8990, 10, 120, 1, 2),
        ('002', 'МОЛОКО топлёное 4% 1 л', '', 'шт', 6, 0, 9900, 10, 100, 1, 3),
        ('003', 'Кефир 1% 900 г', '', 'шт', 6, 0, 7200, 10, 0, 1, 4),
        ('007', 'Вода минеральная 1,5 л', '', 'уп', 6, 0, 4500, 20, NULL, 2, 5);
      CREATE INDEX items_code ON items(code);
      CREATE INDEX items_barcode ON items(barcode) WHERE barcode <> '';
      CREATE VIRTUAL TABLE items_fts USING fts5(search_text, content='', tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
      INSERT INTO items_fts(rowid, search_text)
        SELECT id, replace(replace(name || ' ' || code || ' ' || barcode, 'ё', 'е'), 'Ё', 'Е') FROM items;
    `);
    const meta = catalog.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries({
      priceListId: id,
      sourceName: 'september.csv',
      importedAt: '2026-09-01T08:00:00.000Z',
      pricesIncludeVat: '1',
      itemCount: '4',
      categoryCount: '2',
    })) {
      meta.run(key, value);
    }
    catalog.pragma('user_version = 1');
    catalog.pragma('journal_mode = DELETE');
    catalog.close();
  }

  it('still opens as the current list, browses, and is the previous list of the next import', async () => {
    close();
    const id = 'v1-list';
    fs.mkdirSync(path.join(dir, 'catalogs'), { recursive: true });
    writeVersion1Catalog(path.join(dir, 'catalogs', `${id}.sqlite`), id);
    ({ db } = await openMainDatabase(dir));
    db.prepare(
      `INSERT INTO price_lists (id, source_name, imported_at, item_count, category_count, prices_include_vat, catalog_file, is_current)
       VALUES (?, 'september.csv', '2026-09-01T08:00:00.000Z', 4, 2, 1, ?, 1)`,
    ).run(id, `${id}.sqlite`);
    db.close();
    await open();

    expect(priceLists.currentInfo).toMatchObject({ id, itemCount: 4, supplierName: '', minOrderKopecks: null });
    expect(await items({ query: 'молоко' })).toEqual([
      expect.objectContaining({ code: '001', stock: 120, stockAtLeast: false, isNew: false, previousPriceKopecks: null }),
      expect.objectContaining({ code: '002', stock: 100, stockAtLeast: false, isNew: false, previousPriceKopecks: null }),
    ]);
    expect((await api.listCategories({})).categories).toEqual([
      { id: 1, name: 'Молочная продукция', parentId: null, itemCount: 3 },
      { id: 2, name: 'Напитки', parentId: null, itemCount: 1 },
    ]);
    expect(await codes({ query: '', filters: { inStock: true } })).toEqual(['001', '002']);
    expect(await codes({ query: '', categoryId: 1, sort: { column: 'stock', direction: 'desc' } })).toEqual(['001', '002', '003']);
    expect(priceLists.current!.itemByCode('003')).toMatchObject({ name: 'Кефир 1% 900 г', stockAtLeast: false, isNew: false });

    await importLines('october.csv', OCTOBER);
    expect(await codes({ query: '', filters: { newItems: true } })).toEqual(['004', '005', '006', '008']);
    expect(await codes({ query: '', filters: { priceChanged: true } })).toEqual([]);
  });
});

describe('a long price list', () => {
  it('pages a sorted, filtered view to the end with an exact total', async () => {
    const file = path.join(dir, 'long.csv');
    await writePriceListCsv(file, generateItems(20_000, 31, { stockAtLeastShare: 0.1 }));
    await priceLists.importFile(file, 'long.csv');
    const view: View = { query: '', filters: { inStock: true }, sort: { column: 'price', direction: 'desc' } };
    const seen: Item[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += 500) {
      const page = await api.searchItems({ ...view, offset, limit: 500 });
      totals.add(page.total);
      expect(page.totalExact).toBe(true);
      seen.push(...page.items);
      if (page.items.length < 500) break;
    }
    const generated = [...generateItems(20_000, 31, { stockAtLeastShare: 0.1 })];
    const inStock = generated.filter((i) => i.stock > 0 || i.stockAtLeast);
    expect([...totals]).toEqual([inStock.length]);
    expect(seen.length).toBe(inStock.length);
    expect(seen.filter((i) => i.stockAtLeast).length).toBe(generated.filter((i) => i.stockAtLeast).length);
    expect(seen.every((item, i) => i === 0 || seen[i - 1]!.priceKopecks >= item.priceKopecks)).toBe(true);
    expect(new Set(seen.map((i) => i.code)).size).toBe(seen.length);
  });
});
