import { describe, expect, it } from 'vitest';
import { forEachItem, packItems, type BatchItem } from '../../electron/core/catalog/itemBatches';
import type { Item } from '../../shared/domain';

describe('item batches between threads', () => {
  it('unpack exactly what was packed, including empty texts and unknown stock', () => {
    const items: Item[] = [
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
        category: '',
      },
    ];
    const packed = packItems(items, [10, 11]);
    const unpacked: BatchItem[] = [];
    forEachItem({ ...packed, rejected: [], bytesRead: 0, totalBytes: 0, rowsRead: 2 }, (item) => unpacked.push({ ...item }));
    expect(unpacked).toEqual(items.map((item, i) => ({ ...item, sourceRow: 10 + i })));
  });
});
