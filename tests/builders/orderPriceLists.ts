import fs from 'node:fs';
import path from 'node:path';
import { createCore, type PorterCore } from '../../electron/core/core';
import type { VatRate } from '../../shared/money';
import { formatPrice } from './priceLists';

/** An item of a small, hand-written price list: what the order tests check against. */
export interface ListedItem {
  code: string;
  name: string;
  barcode?: string;
  unit?: string;
  packMultiple?: number;
  minOrderQuantity?: number;
  priceKopecks: number;
  /** A number, or as written: "более 100", "нет". */
  stock?: number | string;
  vatRate: VatRate;
  /** Written in a "Группа" column, which is added only when some item has a category. */
  category?: string;
}

export interface ListOptions {
  /** The price column says "без НДС" when false. */
  pricesIncludeVat?: boolean;
  /** A letterhead line "Минимальная сумма заказа N руб." */
  minOrderRubles?: number;
  supplierName?: string;
}

/** The store's usual supplier, in the shape the tests build on. */
export const DAIRY_AND_MORE: ListedItem[] = [
  {
    code: '000123',
    name: 'Молоко «Простоквашино» 3,2% 930 мл',
    barcode: '4607001234562',
    packMultiple: 12,
    priceKopecks: 8990,
    stock: 1200,
    vatRate: 10,
  },
  {
    code: '000124',
    name: 'МОЛОКО Домик в деревне 2,5% 1 л',
    barcode: '4607001234579',
    packMultiple: 6,
    priceKopecks: 9550,
    stock: 'более 100',
    vatRate: 10,
  },
  { code: '000125', name: 'Кефир 1% 900 г', barcode: '4607001234586', packMultiple: 6, priceKopecks: 7200, stock: 'нет', vatRate: 10 },
  {
    code: '000200',
    name: 'Шоколад «Алёнка» горький 70%',
    barcode: '4600000000015',
    packMultiple: 20,
    minOrderQuantity: 40,
    priceKopecks: 11500,
    stock: 540,
    vatRate: 22,
  },
  { code: '000201', name: 'Мёд цветочный 500 г', packMultiple: 1, priceKopecks: 45000, stock: 35, vatRate: 22 },
  {
    code: '000300',
    name: 'Ёлка искусственная 180 см',
    barcode: '4600000000039',
    packMultiple: 1,
    priceKopecks: 499000,
    stock: 7,
    vatRate: 20,
  },
];

/** Writes a semicolon CSV price list (UTF-8, decimal comma) with an optional letterhead. */
export function writeListedPriceList(file: string, items: readonly ListedItem[], options: ListOptions = {}): string {
  const letterhead: string[] = [];
  if (options.supplierName) letterhead.push(options.supplierName);
  if (options.minOrderRubles !== undefined) letterhead.push(`Минимальная сумма заказа ${options.minOrderRubles} руб.`);
  if (letterhead.length > 0) letterhead.push('');
  const priceHeading = options.pricesIncludeVat === false ? 'Цена без НДС' : 'Цена';
  const withCategory = items.some((i) => i.category !== undefined);
  const lines = [
    ...letterhead,
    [
      'Код',
      'Наименование',
      'Штрихкод',
      'Ед.',
      'Кратность',
      'Мин. заказ',
      priceHeading,
      'Остаток',
      'НДС',
      ...(withCategory ? ['Группа'] : []),
    ].join(';'),
    ...items.map((i) =>
      [
        i.code,
        i.name,
        i.barcode ?? '',
        i.unit ?? 'шт',
        String(i.packMultiple ?? 1),
        String(i.minOrderQuantity ?? 0),
        formatPrice(i.priceKopecks, true),
        String(i.stock ?? ''),
        `${i.vatRate}%`,
        ...(withCategory ? [i.category ?? ''] : []),
      ].join(';'),
    ),
  ];
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

/** Imports a listed price list into a core (in this thread), as the command line does. */
export async function importListedPriceList(core: PorterCore, name: string, items: readonly ListedItem[], options: ListOptions = {}) {
  const file = writeListedPriceList(path.join(core.dataDir, `${name}.csv`), items, options);
  return core.priceLists.importFile(file, `${name}.csv`);
}

/** A core in a fresh data folder with the given price list imported. */
export async function coreWithPriceList(dataDir: string, items: readonly ListedItem[] = DAIRY_AND_MORE, options: ListOptions = {}) {
  const core = await createCore({ dataDir });
  await importListedPriceList(core, 'prices', items, options);
  return core;
}
