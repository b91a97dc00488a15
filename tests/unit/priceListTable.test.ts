import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewFile } from '../../electron/core/catalog/priceListService';
import { fieldForHeading, parseRow, parseVatRate } from '../../electron/core/catalog/priceListTable';
import { openCsvSource } from '../../electron/core/formats/csvSource';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'price-lists', name);

describe('price list headings', () => {
  it.each([
    ['Код', 'code'],
    ['Артикул', 'code'],
    ['SKU', 'code'],
    ['Наименование', 'name'],
    ['Номенклатура', 'name'],
    ['Name', 'name'],
    ['Штрих-код', 'barcode'],
    ['EAN', 'barcode'],
    ['Ед. изм.', 'unit'],
    ['Кратность', 'packMultiple'],
    ['Мин. заказ', 'minOrderQuantity'],
    ['MOQ', 'minOrderQuantity'],
    ['Цена, руб.', 'price'],
    ['Цена с НДС', 'price'],
    ['Price', 'price'],
    ['Остаток', 'stock'],
    ['Ставка НДС', 'vatRate'],
    ['НДС, %', 'vatRate'],
    ['Группа', 'category'],
  ])('%s → %s', (heading, field) => {
    expect(fieldForHeading(heading)).toBe(field);
  });

  it('does not map unrelated headings', () => {
    expect(fieldForHeading('Примечание')).toBeNull();
    expect(fieldForHeading('')).toBeNull();
  });
});

describe('VAT rates', () => {
  it.each([
    ['20%', 20],
    ['НДС 22%', 22],
    ['10', 10],
    ['0,2', 20],
    ['Без НДС', 0],
    ['18%', null],
    ['много', null],
  ])('%s → %s', (text, rate) => {
    expect(parseVatRate(text)).toBe(rate);
  });
});

describe('preview of a 1C-style windows-1251 price list', () => {
  it('finds the encoding, delimiter and the header on row 9 and maps the columns', async () => {
    const preview = await previewFile(fixture('cp1251-letterhead-categories.csv'), 'cp1251-letterhead-categories.csv');
    expect(preview.encoding).toBe('windows-1251');
    expect(preview.delimiter).toBe(';');
    expect(preview.headerRow).toBe(9);
    expect(preview.mapping).toEqual({ code: 0, name: 2, barcode: 3, unit: 4, packMultiple: 5, price: 6, stock: 7, vatRate: 8 });
    expect(preview.headings[2]).toBe('Номенклатура');
    expect(preview.sampleRows[0]![0]).toBe('Молочная продукция');
    expect(preview.pricesIncludeVat).toBe(true);
    // The letterhead above the header: the supplier and "Минимальная сумма заказа 5 000,00 руб."
    expect(preview.supplierName).toBe('ООО «Северный оптовик»');
    expect(preview.minOrderKopecks).toBe(500_000);
  });

  it('reads UTF-8 with BOM, commas and English headings', async () => {
    const preview = await previewFile(fixture('utf8-bom-comma.csv'), 'utf8-bom-comma.csv');
    expect(preview.encoding).toBe('utf-8');
    expect(preview.delimiter).toBe(',');
    expect(preview.headerRow).toBe(1);
    expect(preview.headings[0]).toBe('SKU'); // no BOM glued to the first heading
    expect([preview.supplierName, preview.minOrderKopecks]).toEqual(['', null]); // no letterhead
    expect(preview.mapping).toMatchObject({
      code: 0,
      name: 1,
      barcode: 2,
      unit: 3,
      packMultiple: 4,
      minOrderQuantity: 5,
      price: 6,
      stock: 7,
      vatRate: 8,
      category: 9,
    });
  });
});

describe('rows of a price list', () => {
  it('turns rows into items, category headings and rejections with row and field', async () => {
    const source = await openCsvSource(fixture('cp1251-letterhead-categories.csv'));
    const preview = await previewFile(fixture('cp1251-letterhead-categories.csv'), 'x.csv');
    let category = '';
    const items = [];
    const rejected = [];
    for await (const batch of source.rows()) {
      for (const row of batch) {
        if (row.row <= preview.headerRow) continue;
        const parsed = parseRow(row, category, { mapping: preview.mapping, defaultVatRate: 22 });
        if (parsed.kind === 'category') category = parsed.name;
        if (parsed.kind === 'item') items.push(parsed.item);
        if (parsed.kind === 'rejected') rejected.push(parsed.rejection);
      }
    }
    expect(items.map((i) => i.code)).toEqual(['000123', '000124', '000125', '000200', '000201', '000300', '000301']);
    expect(items[0]).toEqual({
      code: '000123',
      name: 'Молоко «Простоквашино» 3,2% 930 мл',
      barcode: '4607001234562',
      unit: 'шт',
      packMultiple: 12,
      minOrderQuantity: 0,
      priceKopecks: 8990,
      vatRate: 10,
      stock: 1200,
      stockAtLeast: false,
      category: 'Молочная продукция',
    });
    expect(items[1]).toMatchObject({ stock: 100, stockAtLeast: true }); // "более 100"
    expect(items[2]).toMatchObject({ stock: 0, stockAtLeast: false }); // "нет"
    expect(items[3]!.name).toBe('Шоколад "Алёнка"; горький 70%');
    expect(items[3]!.category).toBe('Кондитерские изделия');
    expect(items[4]!.barcode).toBe('');
    expect(items[5]).toMatchObject({ name: 'Ёлка искусственная 180 см', priceKopecks: 499000, vatRate: 20, category: 'Новогодние товары' });
    expect(rejected).toEqual([{ row: 17, field: 'price', code: 'invalidPrice', value: 'abc', reason: 'not a price: "abc"' }]);
  });

  it('rejects what cannot be an item, naming the field', () => {
    const mapping = { code: 0, name: 1, price: 2, barcode: 3, packMultiple: 4, vatRate: 5 };
    const parse = (cells: string[]) => parseRow({ row: 5, cells }, '', { mapping, defaultVatRate: 22 });
    expect(parse(['', 'Молоко', '10'])).toMatchObject({ kind: 'rejected', rejection: { field: 'code', code: 'required' } });
    expect(parse(['1', '', '10'])).toMatchObject({ kind: 'rejected', rejection: { field: 'name', code: 'required' } });
    expect(parse(['1', 'Молоко', '-10'])).toMatchObject({ kind: 'rejected', rejection: { field: 'price', code: 'negativePrice' } });
    expect(parse(['1', 'Молоко', '10', '4,60123E+12'])).toMatchObject({
      kind: 'rejected',
      rejection: { field: 'barcode', code: 'invalidBarcode' },
    });
    expect(parse(['1', 'Молоко', '10', '', '1,5'])).toMatchObject({
      kind: 'rejected',
      rejection: { field: 'packMultiple', code: 'notWholeNumber' },
    });
    expect(parse(['1', 'Молоко', '10', '', '0'])).toMatchObject({ kind: 'rejected', rejection: { field: 'packMultiple' } });
    expect(parse(['1', 'Молоко', '10', '', '', '18%'])).toMatchObject({
      kind: 'rejected',
      rejection: { field: 'vatRate', code: 'invalidVatRate' },
    });
    expect(parse(['1', 'Молоко', '10'])).toMatchObject({ kind: 'item', item: { vatRate: 22, packMultiple: 1, unit: 'шт', stock: null } });
    expect(parse(['', '', ''])).toEqual({ kind: 'empty' });
    expect(
      parseRow({ row: 5, cells: ['1', 'Молоко', '10', 'много'] }, '', {
        mapping: { code: 0, name: 1, price: 2, stock: 3 },
        defaultVatRate: 22,
      }),
    ).toMatchObject({
      kind: 'rejected',
      rejection: { field: 'stock', code: 'invalidNumber', value: 'много' },
    });
    // A quoted cell spanning lines, or a stray control character, becomes one line of text.
    expect(parse(['1', 'Молоко\n3,2%\u001f 1 л', '10'])).toMatchObject({ kind: 'item', item: { name: 'Молоко 3,2%  1 л' } });
  });
});

describe('stock as suppliers write it', () => {
  const stockOf = (text: string) => {
    const parsed = parseRow({ row: 2, cells: ['1', 'Молоко', '10', text] }, '', {
      mapping: { code: 0, name: 1, price: 2, stock: 3 },
      defaultVatRate: 22,
    });
    return parsed.kind === 'item' ? [parsed.item.stock, parsed.item.stockAtLeast] : parsed.kind;
  };

  it.each([
    ['120', [120, false]],
    ['1 200', [1200, false]],
    ['12,7', [12, false]],
    ['', [null, false]],
    ['нет', [0, false]],
    ['-', [0, false]],
    ['более 100', [100, true]],
    ['Более 100', [100, true]],
    ['больше 100', [100, true]],
    ['свыше 1 000', [1000, true]],
    ['>100', [100, true]],
    ['> 100', [100, true]],
    ['≥50', [50, true]],
    ['100+', [100, true]],
    ['100 и более', [100, true]],
    ['more than 100', [100, true]],
    ['More than 100', [100, true]],
    ['over 100', [100, true]],
    ['много', 'rejected'],
  ] as const)('%j → %j', (text, expected) => {
    expect(stockOf(text)).toEqual(expected);
  });
});
