import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { GeneratedItem } from '../../builders/priceLists';

/** One item of the slice price list, as the test expects Porter to read it. */
export type SliceItem = Omit<GeneratedItem, 'unit'>;

export const SLICE_ITEMS = {
  milk: {
    code: '000123',
    name: 'Молоко «Простоквашино» 3,2% 930 мл',
    barcode: '4607001234562',
    packMultiple: 12,
    minOrderQuantity: 0,
    priceKopecks: 8990,
    vatRate: 10,
    stock: 1200,
    category: 'Молочная продукция',
  },
  milkUpper: {
    code: '000124',
    name: 'МОЛОКО Домик в деревне 2,5% 1 л',
    barcode: '4607001234579',
    packMultiple: 6,
    minOrderQuantity: 12,
    priceKopecks: 9550,
    vatRate: 10,
    stock: 300,
    category: 'Молочная продукция',
  },
  kefir: {
    code: '000125',
    name: 'Кефир 1% 900 г',
    barcode: '4607001234586',
    packMultiple: 6,
    minOrderQuantity: 0,
    priceKopecks: 7200,
    vatRate: 10,
    stock: 40,
    category: 'Молочная продукция',
  },
  chocolate: {
    code: '000200',
    name: 'Шоколад "Алёнка"; горький 70%',
    barcode: '4600000000015',
    packMultiple: 20,
    minOrderQuantity: 0,
    priceKopecks: 11500,
    vatRate: 22,
    stock: 540,
    category: 'Кондитерские изделия',
  },
  honey: {
    code: '000201',
    name: 'Мёд цветочный 500 г',
    barcode: '',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: 45000,
    vatRate: 22,
    stock: 35,
    category: 'Кондитерские изделия',
  },
  tree: {
    code: '000300',
    name: 'Ёлка искусственная 180 см',
    barcode: '4600000000039',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: 499000,
    vatRate: 20,
    stock: 7,
    category: 'Новогодние товары',
  },
  garland: {
    code: '000301',
    name: 'Гирлянда светодиодная 10 м',
    barcode: '4600000000046',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: 129050,
    vatRate: 20,
    stock: 0,
    category: 'Новогодние товары',
  },
} satisfies Record<string, SliceItem>;

/** The row of the file (1-based, as in a spreadsheet) holding an unreadable price, and its cell. */
export const BAD_ROW = { row: 12, field: 'price', value: 'abc' };
export const HEADER_ROW = 4;
export const SLICE_HEADINGS = ['Код', 'Наименование', 'Штрихкод', 'Ед. изм.', 'Кратность', 'Мин. заказ', 'Цена, руб.', 'Остаток', 'НДС'];

/**
 * A price list as 1C-era suppliers send it: windows-1251, ';' delimited, decimal commas and
 * thousands spaces, a letterhead above the header, category rows between items, a code with
 * leading zeros, a quoted name with ';' and '"', and one row whose price is not a number.
 */
const LINES = [
  'ООО «Северный оптовик»;;;;;;;;',
  'Прайс-лист на 01.12.2026. Цены указаны в рублях с НДС;;;;;;;;',
  ';;;;;;;;',
  SLICE_HEADINGS.join(';'),
  'Молочная продукция;;;;;;;;',
  '000123;Молоко «Простоквашино» 3,2% 930 мл;4607001234562;шт;12;0;89,90;1 200;10%',
  '000124;МОЛОКО Домик в деревне 2,5% 1 л;4607001234579;шт;6;12;95,50;300;10%',
  '000125;Кефир 1% 900 г;4607001234586;шт;6;0;72,00;40;10%',
  'Кондитерские изделия;;;;;;;;',
  '000200;"Шоколад ""Алёнка""; горький 70%";4600000000015;шт;20;0;115,00;540;22%',
  '000201;Мёд цветочный 500 г;;шт;1;0;450,00;35;22%',
  '000202;Вафли «Артек» 250 г;4600000000022;шт;24;0;abc;100;22%',
  'Новогодние товары;;;;;;;;',
  '000300;Ёлка искусственная 180 см;4600000000039;шт;1;0;4 990,00;7;20%',
  '000301;Гирлянда светодиодная 10 м;4600000000046;шт;1;0;1 290,50;0;20%',
];

export interface SliceChanges {
  /** Code → the price cell as the file writes it (e.g. '99,90'). */
  prices?: Record<string, string>;
  /** Codes whose rows are left out. */
  without?: string[];
}

/** Writes the slice price list; `changes` makes the supplier's next version of it. */
export function writeSlicePriceList(dir: string, name = 'прайс-северный.csv', changes: SliceChanges = {}): string {
  const lines = LINES.filter((line) => !changes.without?.includes(line.split(';')[0]!)).map((line) => {
    const cells = line.split(';');
    const price = changes.prices?.[cells[0]!];
    if (price === undefined) return line;
    // The quoted name holds a ';': the price is the third cell from the end.
    cells[cells.length - 3] = price;
    return cells.join(';');
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'win1251'));
  return file;
}
