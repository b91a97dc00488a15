import { describe, expect, it } from 'vitest';
import { forEachItem, packItems, type BatchItem } from '../../electron/core/catalog/itemBatches';
import type { PriceListItem } from '../../shared/domain';

describe('item batches between threads', () => {
  it('unpack exactly what was packed, including empty texts, unknown stock and "more than N" stock', () => {
    const items: PriceListItem[] = [
      {
        code: '000123',
        name: 'Сок "Добрый"; яблочный',
        barcode: '4607001234562',
        unit: 'шт',
        packMultiple: 12,
        minOrderQuantity: 24,
        priceKopecks: 8990,
        vatRate: 10,
        stock: 0,
        stockAtLeast: false,
        category: 'Соки',
      },
      {
        code: 'A-1',
        name: 'Ёлка',
        barcode: '',
        unit: '',
        packMultiple: 1,
        minOrderQuantity: 0,
        priceKopecks: 0,
        vatRate: 22,
        stock: null,
        stockAtLeast: false,
        category: '',
      },
      {
        code: '7',
        name: 'Вода',
        barcode: '4600000000017',
        unit: 'уп',
        packMultiple: 6,
        minOrderQuantity: 0,
        priceKopecks: 5000,
        vatRate: 20,
        stock: 100,
        stockAtLeast: true,
        category: 'Напитки',
      },
    ];
    const packed = packItems(items, [10, 11, 12]);
    const unpacked: BatchItem[] = [];
    forEachItem({ ...packed, rejected: [], bytesRead: 0, totalBytes: 0, rowsRead: 3 }, (item) => unpacked.push({ ...item }));
    expect(unpacked).toEqual(items.map((item, i) => ({ ...item, sourceRow: 10 + i })));
  });
});
