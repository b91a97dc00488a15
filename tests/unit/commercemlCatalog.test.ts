import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogListener, type CatalogProduct } from '../../electron/core/formats/commerceml/catalogReader';
import { OffersListener, offerStock, type Offer } from '../../electron/core/formats/commerceml/offersReader';
import { parseXml, xmlFileInput } from '../../electron/core/formats/xml/xmlStream';
import { sniffXmlEncoding } from '../../electron/core/formats/xml/xmlEncoding';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { readCommerceMlPriceList, zipArchive } from '../builders/commerceml';

const IMPORT = fixturePath('commerceml', 'cml207_import0_1_ut11_utf8bom.xml');
const OFFERS = fixturePath('commerceml', 'cml207_offers0_1_ut11_utf8bom.xml');
const REAL_PAIR = [
  { path: IMPORT, name: 'import0_1.xml' },
  { path: OFFERS, name: 'offers0_1.xml' },
];

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDataDir('porter-cml')));
afterEach(() => remove());

async function products(file: string): Promise<CatalogProduct[]> {
  const list: CatalogProduct[] = [];
  for await (const _ of parseXml(
    xmlFileInput(file, path.basename(file)),
    new CatalogListener({ group: () => {}, product: (p) => list.push(p) }),
  ))
    void _;
  return list;
}

async function offers(file: string): Promise<{ offers: Offer[]; listener: OffersListener }> {
  const list: Offer[] = [];
  const listener = new OffersListener({ priceTypes: () => {}, offer: (o) => list.push(o) });
  for await (const _ of parseXml(xmlFileInput(file, path.basename(file)), listener)) void _;
  return { offers: list, listener };
}

function isEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

describe('CommerceML 2.07 from 1C:UT 11 (real files, tests/fixtures/commerceml/SOURCES.md)', () => {
  it('import.xml: UTF-8 with a BOM, 36 products all with Артикул, 22 with an EAN-13, base unit Код="796 " kept with its space', async () => {
    expect(sniffXmlEncoding(fs.readFileSync(IMPORT).subarray(0, 65536), 'import.xml')).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
      declared: 'utf-8',
    });
    const list = await products(IMPORT);
    expect(list).toHaveLength(36);
    expect(list.every((p) => p.article.trim() !== '')).toBe(true);
    expect(list.filter((p) => p.barcodes.some(isEan13))).toHaveLength(22);
    expect(new Set(list.map((p) => p.unit.code))).toEqual(new Set(['796 ']));
    expect(list[0]).toMatchObject({
      id: 'bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1',
      article: 'PM-421-WP',
      barcodes: ['8809288404089'],
      unit: { code: '796 ', fullName: 'Штука', international: 'PCE' },
      groupId: '82cfb8dc-18f9-11e7-80c2-0cc47ab29cd1',
      vatRate: '20',
      deleted: false,
    });
    // A real quirk: one product is marked deleted with an attribute, Статус="Удален".
    expect(list.filter((p) => p.deleted).map((p) => p.article)).toEqual(['KM-245-BC']);
  });

  it('offers.xml: one price type (RUB, VAT included), 3 warehouses with stock as attributes, 44 offers', async () => {
    const { offers: list, listener } = await offers(OFFERS);
    expect(listener.facts.priceTypes).toEqual([
      { id: '279b6812-740b-11e8-80c8-0cc47ab29cd1', name: 'BASE', currency: 'RUB', vatIncluded: true },
    ]);
    expect(listener.facts.warehouses.map((w) => w.name)).toEqual(['Владивосток', 'Новосибирск', 'Москва']);
    expect(list).toHaveLength(44);
    expect(list[0]).toMatchObject({
      article: 'PM-421-WP',
      quantity: 377,
      warehouses: [
        { warehouseId: '6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1', quantity: 1 },
        { warehouseId: 'd2a52d49-19c9-11e7-80c2-0cc47ab29cd1', quantity: 0 },
        { warehouseId: 'dd306af1-19c9-11e7-80c2-0cc47ab29cd1', quantity: 376 },
      ],
      prices: [{ perUnit: '100', presentation: ' 100 RUB за PCE', currency: 'RUB', priceTypeId: '279b6812-740b-11e8-80c8-0cc47ab29cd1' }],
    });
    // Every offer states Количество, and it is the sum of its warehouses.
    expect(list.every((o) => o.warehouses.length === 3 && o.quantity === o.warehouses.reduce((s, w) => s + w.quantity, 0))).toBe(true);
    const catalogIds = new Set((await products(IMPORT)).map((p) => p.id));
    expect(list.filter((o) => catalogIds.has(o.productId))).toHaveLength(36);
    expect(list.filter((o) => !catalogIds.has(o.productId))).toHaveLength(8);
  });

  it('the pair as a price list: 35 items (the deleted one left out), 8 offers without a product reported, not fatal', async () => {
    const read = await readCommerceMlPriceList(REAL_PAIR);
    expect(read.items).toHaveLength(35);
    expect(read.items[0]).toMatchObject({
      code: 'PM-421-WP',
      name: 'Портативный коврик Portable 140x200x1 см, Деревянные лошадки',
      barcode: '8809288404089',
      unit: 'шт',
      priceKopecks: 10_000,
      vatRate: 20,
      stock: 377,
      category: '82cfb8dc-18f9-11e7-80c2-0cc47ab29cd1',
      ref: 'bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1',
    });
    expect(read.items.some((i) => i.code === 'KM-245-BC')).toBe(false);
    expect(read.rejected).toHaveLength(8);
    expect(read.rejected.every((r) => r.code === 'unknownProduct' && r.reason.startsWith('offers0_1.xml, line '))).toBe(true);
    expect(read.rejected[0]).toMatchObject({ row: 455, field: 'code', value: '1ebb7d25-a752-11e8-80c8-0cc47ab29cd1' });
    expect(read.categories).toEqual([{ key: '82cfb8dc-18f9-11e7-80c2-0cc47ab29cd1', name: 'Коврики для дома', parentKey: null }]);
    expect(read.supplierName).toBe('Рога и Копыта ООО');
    expect(read.facts).toMatchObject({
      schemaVersions: ['2.07'],
      priceType: { name: 'BASE' },
      pricesIncludeVat: true,
      products: 36,
      deletedProducts: 1,
      offers: 44,
      warehouses: 3,
      unmatchedOffers: 8,
      productsWithoutPrice: 0,
    });
  });

  it('the files in either order, and as 1C zips them, give the same items', async () => {
    const forward = await readCommerceMlPriceList(REAL_PAIR);
    const reversed = await readCommerceMlPriceList([...REAL_PAIR].reverse());
    const zip = path.join(dir, 'exchange.zip');
    fs.writeFileSync(
      zip,
      zipArchive([
        { name: 'offers0_1.xml', data: fs.readFileSync(OFFERS) },
        { name: 'import0_1.xml', data: fs.readFileSync(IMPORT) },
        { name: 'import_files/bd/photo.jpg', data: Buffer.from([0xff, 0xd8, 0xff]) },
      ]),
    );
    const zipped = await readCommerceMlPriceList([{ path: zip, name: 'exchange.zip' }]);
    const codes = (r: typeof forward) => r.items.map((i) => [i.code, i.priceKopecks, i.stock]);
    expect(codes(reversed)).toEqual(codes(forward));
    expect(codes(zipped)).toEqual(codes(forward));
    expect(zipped.rejected[0]!.reason).toMatch(/^exchange\.zip: offers0_1\.xml, line 455: /);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written variants: namespaces, encodings, line ends, 2.08+ stock, price types, characteristics
// ---------------------------------------------------------------------------------------------

interface Variant {
  namespace?: string | null;
  prefix?: string;
  version?: string;
  crlf?: boolean;
  encoding?: 'utf-8' | 'windows-1251';
  bom?: boolean;
}

/** One file with classifier, catalog and offers, as a small 1C configuration writes it. */
function handWritten(v: Variant = {}): Buffer {
  const p = v.prefix ? `${v.prefix}:` : '';
  const ns = v.namespace === null ? '' : ` xmlns${v.prefix ? `:${v.prefix}` : ''}="${v.namespace ?? 'urn:1C.ru:commerceml_2'}"`;
  const xml = `<?xml version="1.0" encoding="${v.encoding === 'windows-1251' ? 'windows-1251' : 'UTF-8'}"?>
<${p}КоммерческаяИнформация${ns} ВерсияСхемы="${v.version ?? '2.08'}" ДатаФормирования="2026-11-29T10:00:00">
  <${p}Классификатор>
    <${p}Ид>cls</${p}Ид>
    <${p}Наименование>Классификатор</${p}Наименование>
    <${p}Владелец><${p}Ид>own</${p}Ид><${p}Наименование>ООО «Молочный край»</${p}Наименование></${p}Владелец>
    <${p}Группы>
      <${p}Группа>
        <${p}Ид>g-food</${p}Ид>
        <${p}Наименование>Продукты</${p}Наименование>
        <${p}Группы>
          <${p}Группа><${p}Ид>g-milk</${p}Ид><${p}Наименование>Молочная продукция</${p}Наименование></${p}Группа>
          <${p}Группа><${p}Ид>g-cheese</${p}Ид><${p}Наименование>Сыры</${p}Наименование></${p}Группа>
        </${p}Группы>
      </${p}Группа>
      <${p}Группа><${p}Ид>g-chem</${p}Ид><${p}Наименование>Бытовая химия</${p}Наименование></${p}Группа>
    </${p}Группы>
  </${p}Классификатор>
  <${p}Каталог СодержитТолькоИзменения="false">
    <${p}Ид>cat</${p}Ид>
    <${p}ИдКлассификатора>cls</${p}ИдКлассификатора>
    <${p}Наименование>Каталог</${p}Наименование>
    <${p}Товары>
      <${p}Товар>
        <${p}Ид>p1</${p}Ид>
        <${p}Штрихкод>4607001234562</${p}Штрихкод>
        <${p}Артикул>00012</${p}Артикул>
        <${p}Наименование>Молоко "Домик в деревне" 3,2% &amp; ещё</${p}Наименование>
        <${p}БазоваяЕдиница Код="796 " НаименованиеПолное="Штука" МеждународноеСокращение="PCE"/>
        <${p}Группы><${p}Ид>g-milk</${p}Ид></${p}Группы>
        <${p}СтавкиНалогов><${p}СтавкаНалога><${p}Наименование>НДС</${p}Наименование><${p}Ставка>10</${p}Ставка></${p}СтавкаНалога></${p}СтавкиНалогов>
        <${p}ЗначенияРеквизитов>
          <${p}ЗначениеРеквизита><${p}Наименование>Кратность</${p}Наименование><${p}Значение>12</${p}Значение></${p}ЗначениеРеквизита>
        </${p}ЗначенияРеквизитов>
      </${p}Товар>
      <${p}Товар>
        <${p}Ид>p2</${p}Ид>
        <${p}Код>00-00000077</${p}Код>
        <${p}Наименование>Сыр Российский
          весовой</${p}Наименование>
        <${p}БазоваяЕдиница Код="166" НаименованиеПолное="Килограмм"/>
        <${p}Группы><${p}Ид>g-cheese</${p}Ид></${p}Группы>
        <${p}ЗначенияРеквизитов>
          <${p}ЗначениеРеквизита><${p}Наименование>СтавкаНДС</${p}Наименование><${p}Значение>22%</${p}Значение></${p}ЗначениеРеквизита>
        </${p}ЗначенияРеквизитов>
      </${p}Товар>
      <${p}Товар>
        <${p}Ид>p3</${p}Ид>
        <${p}Артикул>ГЕЛЬ-1</${p}Артикул>
        <${p}Наименование>Гель для стирки</${p}Наименование>
        <${p}БазоваяЕдиница>бут</${p}БазоваяЕдиница>
        <${p}Группы><${p}Ид>g-chem</${p}Ид></${p}Группы>
        <${p}СтавкиНалогов><${p}СтавкаНалога><${p}Наименование>НДС</${p}Наименование><${p}Ставка>Без НДС</${p}Ставка></${p}СтавкаНалога></${p}СтавкиНалогов>
      </${p}Товар>
      <${p}Товар>
        <${p}Ид>p4</${p}Ид>
        <${p}Артикул>БОТ</${p}Артикул>
        <${p}Наименование>Ботинки</${p}Наименование>
        <${p}БазоваяЕдиница Код="715" НаименованиеПолное="Пара (2 шт.)"/>
      </${p}Товар>
    </${p}Товары>
  </${p}Каталог>
  <${p}ПакетПредложений СодержитТолькоИзменения="false">
    <${p}Ид>cat#</${p}Ид>
    <${p}Наименование>Пакет предложений</${p}Наименование>
    <${p}ТипыЦен>
      <${p}ТипЦены><${p}Ид>t-retail</${p}Ид><${p}Наименование>Розничная</${p}Наименование><${p}Валюта>RUB</${p}Валюта>
        <${p}Налог><${p}Наименование>НДС</${p}Наименование><${p}УчтеноВСумме>true</${p}УчтеноВСумме></${p}Налог></${p}ТипЦены>
      <${p}ТипЦены><${p}Ид>t-whole</${p}Ид><${p}Наименование>Оптовая</${p}Наименование><${p}Валюта>RUB</${p}Валюта>
        <${p}Налог><${p}Наименование>НДС</${p}Наименование><${p}УчтеноВСумме>false</${p}УчтеноВСумме></${p}Налог></${p}ТипЦены>
    </${p}ТипыЦен>
    <${p}Склады>
      <${p}Склад><${p}Ид>w1</${p}Ид><${p}Наименование>Основной</${p}Наименование></${p}Склад>
      <${p}Склад><${p}Ид>w2</${p}Ид><${p}Наименование>Дальний</${p}Наименование></${p}Склад>
    </${p}Склады>
    <${p}Предложения>
      <${p}Предложение>
        <${p}Ид>p1</${p}Ид>
        <${p}Цены>
          <${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>99.9000</${p}ЦенаЗаЕдиницу><${p}Валюта>RUB</${p}Валюта></${p}Цена>
          <${p}Цена><${p}ИдТипаЦены>t-whole</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>81,7250</${p}ЦенаЗаЕдиницу><${p}Валюта>RUB</${p}Валюта></${p}Цена>
        </${p}Цены>
        <${p}Остатки>
          <${p}Остаток><${p}Склад><${p}Ид>w1</${p}Ид><${p}Количество>100</${p}Количество></${p}Склад></${p}Остаток>
          <${p}Остаток><${p}Склад><${p}Ид>w2</${p}Ид><${p}Количество>20.5</${p}Количество></${p}Склад></${p}Остаток>
        </${p}Остатки>
      </${p}Предложение>
      <${p}Предложение>
        <${p}Ид>p2</${p}Ид>
        <${p}Цены>
          <${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>1 234,56</${p}ЦенаЗаЕдиницу></${p}Цена>
          <${p}Цена><${p}ИдТипаЦены>t-whole</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>1 000,00</${p}ЦенаЗаЕдиницу></${p}Цена>
        </${p}Цены>
        <${p}Остатки><${p}Остаток><${p}Количество>7.25</${p}Количество></${p}Остаток></${p}Остатки>
      </${p}Предложение>
      <${p}Предложение>
        <${p}Ид>p3</${p}Ид>
        <${p}Цены><${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>350</${p}ЦенаЗаЕдиницу></${p}Цена></${p}Цены>
        <${p}Количество>-3</${p}Количество>
      </${p}Предложение>
      <${p}Предложение>
        <${p}Ид>p4#c35</${p}Ид>
        <${p}Артикул>БОТ</${p}Артикул>
        <${p}Наименование>Ботинки (35, бежевый)</${p}Наименование>
        <${p}Цены>
          <${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>3600</${p}ЦенаЗаЕдиницу></${p}Цена>
          <${p}Цена><${p}ИдТипаЦены>t-whole</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>3000</${p}ЦенаЗаЕдиницу></${p}Цена>
        </${p}Цены>
        <${p}Склад ИдСклада="w1" КоличествоНаСкладе="2"/>
      </${p}Предложение>
      <${p}Предложение>
        <${p}Ид>p4#c36</${p}Ид>
        <${p}Артикул>БОТ-36</${p}Артикул>
        <${p}Наименование>Ботинки (36, бежевый)</${p}Наименование>
        <${p}Штрихкод>4600000000363</${p}Штрихкод>
        <${p}Цены>
          <${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>3600</${p}ЦенаЗаЕдиницу></${p}Цена>
          <${p}Цена><${p}ИдТипаЦены>t-whole</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>3000</${p}ЦенаЗаЕдиницу></${p}Цена>
        </${p}Цены>
      </${p}Предложение>
      <${p}Предложение>
        <${p}Ид>gone</${p}Ид>
        <${p}Цены><${p}Цена><${p}ИдТипаЦены>t-retail</${p}ИдТипаЦены><${p}ЦенаЗаЕдиницу>1</${p}ЦенаЗаЕдиницу></${p}Цена></${p}Цены>
      </${p}Предложение>
    </${p}Предложения>
  </${p}ПакетПредложений>
</${p}КоммерческаяИнформация>
`;
  const text = v.crlf ? xml.replace(/\n/g, '\r\n') : xml;
  const bytes = v.encoding === 'windows-1251' ? iconv.encode(text, 'win1251') : Buffer.from(text, 'utf8');
  return v.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

async function readVariant(v: Variant, priceType = '') {
  const file = path.join(dir, 'exchange.xml');
  fs.writeFileSync(file, handWritten(v));
  return readCommerceMlPriceList([{ path: file, name: 'exchange.xml' }], priceType);
}

describe('CommerceML variants, hand-written', () => {
  it('one file with classifier, catalog and offers (2.08): nested groups, codes as text, VAT three ways, 2.08 stock, first price type by default', async () => {
    const read = await readVariant({});
    expect(read.categories).toEqual([
      { key: 'g-food', name: 'Продукты', parentKey: null },
      { key: 'g-milk', name: 'Молочная продукция', parentKey: 'g-food' },
      { key: 'g-cheese', name: 'Сыры', parentKey: 'g-food' },
      { key: 'g-chem', name: 'Бытовая химия', parentKey: null },
    ]);
    expect(read.items.map(({ row: _row, ...item }) => item)).toEqual([
      {
        code: '00012',
        name: 'Молоко "Домик в деревне" 3,2% & ещё',
        barcode: '4607001234562',
        unit: 'шт',
        packMultiple: 12,
        minOrderQuantity: 0,
        priceKopecks: 9990,
        vatRate: 10,
        stock: 120,
        stockAtLeast: false,
        category: 'g-milk',
        ref: 'p1',
      },
      {
        code: '00-00000077',
        name: 'Сыр Российский весовой',
        barcode: '',
        unit: 'кг',
        packMultiple: 1,
        minOrderQuantity: 0,
        priceKopecks: 123_456,
        vatRate: 22,
        stock: 7,
        stockAtLeast: false,
        category: 'g-cheese',
        ref: 'p2',
      },
      {
        code: 'ГЕЛЬ-1',
        name: 'Гель для стирки',
        barcode: '',
        unit: 'бут',
        packMultiple: 1,
        minOrderQuantity: 0,
        priceKopecks: 35_000,
        vatRate: 0,
        stock: 0,
        stockAtLeast: false,
        category: 'g-chem',
        ref: 'p3',
      },
      // Characteristics: the one sharing its product's article is known by its offer Ид, the other by its own article.
      expect.objectContaining({
        code: 'p4#c35',
        name: 'Ботинки (35, бежевый)',
        unit: 'пар',
        priceKopecks: 360_000,
        stock: 2,
        category: '',
      }),
      expect.objectContaining({ code: 'БОТ-36', name: 'Ботинки (36, бежевый)', barcode: '4600000000363', stock: null, ref: 'p4#c36' }),
    ]);
    expect(read.rejected).toEqual([expect.objectContaining({ code: 'unknownProduct', value: 'gone', field: 'code' })]);
    expect(read).toMatchObject({
      supplierName: 'ООО «Молочный край»',
      pricesIncludeVat: true,
      facts: { priceType: { name: 'Розничная' }, warehouses: 2 },
    });
  });

  it("the store's price type chosen by name (any case) or Ид; its prices, its VAT rule", async () => {
    for (const wanted of ['Оптовая', '  оптовая ', 't-whole']) {
      const read = await readVariant({}, wanted);
      expect(read.facts.priceType).toEqual({ id: 't-whole', name: 'Оптовая' });
      expect(read.pricesIncludeVat).toBe(false);
      expect(read.items.map((i) => [i.code, i.priceKopecks])).toEqual([
        ['00012', 8173],
        ['00-00000077', 100_000],
        ['p4#c35', 300_000],
        ['БОТ-36', 300_000],
      ]);
      // p3 has no wholesale price: reported with the type's name, not imported at a wrong price.
      expect(read.rejected).toContainEqual(
        expect.objectContaining({
          field: 'price',
          code: 'required',
          reason: expect.stringContaining('has no price of the type "Оптовая"') as unknown,
        }),
      );
    }
  });

  it("the other price types' prices go along with each item, whichever type its own price is", async () => {
    const retail = await readVariant({});
    expect(retail.facts.priceTypes).toEqual([
      { id: 't-retail', name: 'Розничная' },
      { id: 't-whole', name: 'Оптовая' },
    ]);
    // p3 has a retail price only: an item at the (main) retail type, with no wholesale price beside it.
    expect(retail.items.map((i, n) => [i.code, i.priceKopecks, retail.itemPrices[n]])).toEqual([
      ['00012', 9990, { 't-whole': 8173 }],
      ['00-00000077', 123_456, { 't-whole': 100_000 }],
      ['ГЕЛЬ-1', 35_000, {}],
      ['p4#c35', 360_000, { 't-whole': 300_000 }],
      ['БОТ-36', 360_000, { 't-whole': 300_000 }],
    ]);
    const wholesale = await readVariant({}, 'Оптовая');
    expect(wholesale.facts.priceTypes).toEqual(retail.facts.priceTypes);
    expect(wholesale.items.map((i, n) => [i.code, i.priceKopecks, wholesale.itemPrices[n]])).toEqual([
      ['00012', 8173, { 't-retail': 9990 }],
      ['00-00000077', 100_000, { 't-retail': 123_456 }],
      ['p4#c35', 300_000, { 't-retail': 360_000 }],
      ['БОТ-36', 300_000, { 't-retail': 360_000 }],
    ]);
  });

  it('a price type the file does not have stops the import and names the types it has', async () => {
    await expect(readVariant({}, 'VIP')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'exchange.xml: the store\'s price type "VIP" (Settings) is not in this price list; its price types are "Розничная", "Оптовая"',
      details: { file: 'exchange.xml', field: 'priceType' },
    });
  });

  const same = async (v: Variant) => {
    const read = await readVariant(v);
    const plain = await readVariant({});
    expect(read.items).toEqual(plain.items);
    expect(read.categories).toEqual(plain.categories);
    return read;
  };

  it('without a namespace (1C-Bitrix), with commerceml_208, with a prefix: the same items', async () => {
    await same({ namespace: null, version: '2.05' });
    await same({ namespace: 'urn:1C.ru:commerceml_208', version: '2.08' });
    await same({ namespace: 'urn:1C.ru:commerceml_210', prefix: 'cml', version: '2.10' });
  });

  it('windows-1251 without a BOM, and UTF-8 with a BOM and CRLF line ends: the same items', async () => {
    const cp1251 = await same({ encoding: 'windows-1251' });
    expect(Object.values(cp1251.facts.encodings)).toEqual(['windows-1251']);
    const crlf = await same({ crlf: true, bom: true });
    expect(Object.values(crlf.facts.encodings)).toEqual(['utf-8']);
    // CRLF inside a wrapped name is a line break like any other: one line in the catalog.
    expect(crlf.items[1]!.name).toBe('Сыр Российский весовой');
    // The declaration says windows-1251, but the bytes are UTF-8 (an editor re-saved it): the bytes win.
    const file = path.join(dir, 'resaved.xml');
    fs.writeFileSync(file, handWritten().toString('utf8').replace('encoding="UTF-8"', 'encoding="windows-1251"'));
    const resaved = await readCommerceMlPriceList([{ path: file, name: 'resaved.xml' }]);
    expect(resaved.items.map((i) => i.name)).toEqual((await readVariant({})).items.map((i) => i.name));
  });

  it('encodings other than UTF-8 and windows-1251 are refused by name, not guessed', () => {
    expect(() => sniffXmlEncoding(Buffer.from('<?xml version="1.0" encoding="KOI8-R"?><a/>'), 'koi.xml')).toThrow(
      'koi.xml: the file declares the encoding "koi8-r"; Porter reads UTF-8 and windows-1251 only',
    );
    expect(() => sniffXmlEncoding(Buffer.from('\ufeff<a/>', 'utf16le'), 'wide.xml')).toThrow(/^wide\.xml: the file is in UTF-16/);
    expect(sniffXmlEncoding(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a/>'), 'ascii.xml').encoding).toBe('windows-1251');
    expect(sniffXmlEncoding(Buffer.from('<a/>'), 'plain.xml').encoding).toBe('utf-8');
  });

  it('a delta (СодержитТолькоИзменения="true") is refused: importing it would drop every item it does not mention', async () => {
    const file = path.join(dir, 'delta.xml');
    fs.writeFileSync(
      file,
      handWritten().toString('utf8').replace('<Каталог СодержитТолькоИзменения="false">', '<Каталог СодержитТолькоИзменения="true">'),
    );
    await expect(readCommerceMlPriceList([{ path: file, name: 'delta.xml' }])).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: expect.stringContaining('holds only changes') as unknown,
      details: { file: 'delta.xml', field: 'СодержитТолькоИзменения' },
    });
  });

  it('import.xml alone, offers.xml alone, an orders file, or XML that is not CommerceML: each says what is missing', async () => {
    await expect(readCommerceMlPriceList([{ path: IMPORT, name: 'import.xml' }])).rejects.toThrow(
      'import.xml: no offers (ПакетПредложений/Предложения) with prices were found; import offers.xml together with import.xml',
    );
    await expect(readCommerceMlPriceList([{ path: OFFERS, name: 'offers.xml' }])).rejects.toThrow(
      /offers\.xml: there is no catalog \(Каталог, import\.xml\)/,
    );
    await expect(
      readCommerceMlPriceList([{ path: fixturePath('commerceml', 'cml209_orders_from_1c_with_1c_numbers.xml'), name: 'orders.xml' }]),
    ).rejects.toThrow('orders.xml: this CommerceML file holds orders (Документ), not a price list');
    const other = path.join(dir, 'feed.xml');
    fs.writeFileSync(other, '<?xml version="1.0"?><yml_catalog><shop/></yml_catalog>');
    await expect(readCommerceMlPriceList([{ path: other, name: 'feed.xml' }])).rejects.toThrow(
      'feed.xml: not a CommerceML file (its root element is <yml_catalog>, not <КоммерческаяИнформация>)',
    );
  });

  it('2.08+ split exchange: prices in prices.xml and stock in rests.xml merge by offer Ид', async () => {
    const xml = handWritten().toString('utf8');
    const head = xml.slice(0, xml.indexOf('<ПакетПредложений'));
    const catalogOnly = `${head}</КоммерческаяИнформация>`;
    const pkg = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация ВерсияСхемы="2.10"><ПакетПредложений><Ид>x</Ид>${body}</ПакетПредложений></КоммерческаяИнформация>`;
    const prices = pkg(
      '<ТипыЦен><ТипЦены><Ид>t</Ид><Наименование>Опт</Наименование></ТипЦены></ТипыЦен><Предложения>' +
        '<Предложение><Ид>p1</Ид><Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены></Предложение>' +
        '</Предложения>',
    );
    const rests = pkg(
      '<Предложения><Предложение><Ид>p1</Ид><Остатки><Остаток><Количество>5</Количество></Остаток></Остатки></Предложение></Предложения>',
    );
    const files = { 'import.xml': catalogOnly, 'prices.xml': prices, 'rests.xml': rests };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const read = await readCommerceMlPriceList(Object.keys(files).map((name) => ({ path: path.join(dir, name), name })));
    expect(read.items.map((i) => [i.code, i.priceKopecks, i.stock])).toEqual([['00012', 1000, 5]]);
    expect(read.rejected.filter((r) => r.field === 'price').map((r) => r.reason)).toEqual([
      expect.stringContaining('product p2 "Сыр Российский весовой" has no offer with a price'),
      expect.stringContaining('product p3'),
      expect.stringContaining('product p4'),
    ]);
  });

  it('offers stock per warehouse: Количество wins, else the warehouses are summed; negative and fractional stock become whole and never negative', async () => {
    expect(offerStock({ quantity: 10, warehouses: [{ warehouseId: 'a', quantity: 3 }] })).toBe(10);
    expect(
      offerStock({
        quantity: null,
        warehouses: [
          { warehouseId: 'a', quantity: 3 },
          { warehouseId: 'b', quantity: 4.5 },
        ],
      }),
    ).toBe(7.5);
    expect(offerStock({ quantity: null, warehouses: [] })).toBeNull();
    const read = await readVariant({});
    expect(read.items.find((i) => i.code === 'ГЕЛЬ-1')!.stock).toBe(0);
    expect(read.items.find((i) => i.code === '00012')!.stock).toBe(120);
  });
});
