import { describe, expect, it } from 'vitest';
import { headingKind, parseOrderLinesText, parseOrderQuantity } from '../../shared/orderLinesText';

const entries = (text: string) => parseOrderLinesText(text).lines.map(({ row, reference, quantity }) => ({ row, reference, quantity }));

describe('pasted order lines', () => {
  it('reads lines copied from Excel (tabs), with the header skipped and blank lines ignored', () => {
    const text = 'Код\tКоличество\r\n000123\t24\r\n\r\n4600000000039\t2\r\n';
    expect(entries(text)).toEqual([
      { row: 2, reference: '000123', quantity: 24 },
      { row: 4, reference: '4600000000039', quantity: 2 },
    ]);
    expect(parseOrderLinesText(text).unreadable).toEqual([]);
  });

  it('reads ";", "," and spaces, and quantities written "12", "12,0", "12.00", "1 200", "6 шт"', () => {
    const text = ['000123;12', '000124,12,0', '000125, 12.00', '000200 6 шт', '000201\t1 200', '000300;"3"'].join('\n');
    expect(entries(text)).toEqual([
      { row: 1, reference: '000123', quantity: 12 },
      { row: 2, reference: '000124', quantity: 12 },
      { row: 3, reference: '000125', quantity: 12 },
      { row: 4, reference: '000200', quantity: 6 },
      { row: 5, reference: '000201', quantity: 1200 },
      { row: 6, reference: '000300', quantity: 3 },
    ]);
  });

  it('takes the quantity from the last column when a name sits between code and quantity', () => {
    expect(entries('000123\tМолоко «Простоквашино» 3,2%\t36\n000124 Молоко 2,5% 1 л 12')).toEqual([
      { row: 1, reference: '000123', quantity: 36 },
      { row: 2, reference: '000124', quantity: 12 },
    ]);
  });

  it('reports lines it cannot read with their line number, reference and text', () => {
    const text = ['000123\t12,5', '000124', '000125;0', '000126;-3', 'Заказ на понедельник', '000127;12'].join('\n');
    const parsed = parseOrderLinesText(text);
    expect(parsed.unreadable).toEqual([
      { row: 1, reference: '000123', reason: 'invalidQuantity', text: '000123\t12,5' },
      { row: 2, reference: '000124', reason: 'invalidQuantity', text: '000124' },
      { row: 3, reference: '000125', reason: 'invalidQuantity', text: '000125;0' },
      { row: 4, reference: '000126', reason: 'invalidQuantity', text: '000126;-3' },
      { row: 5, reference: 'Заказ', reason: 'unreadable', text: 'Заказ на понедельник' },
    ]);
    expect(parsed.lines.map((l) => l.reference)).toEqual(['000127']);
  });

  it('skips a header only when it is the first line', () => {
    expect(entries('Артикул;Кол-во\n000123;6')).toEqual([{ row: 2, reference: '000123', quantity: 6 }]);
    expect(entries('SKU,Qty\nA-17,6')).toEqual([{ row: 2, reference: 'A-17', quantity: 6 }]);
    expect(parseOrderLinesText('000123;6\nКод;Количество').unreadable).toMatchObject([{ row: 2, reason: 'unreadable' }]);
  });

  it('quantities: whole positive numbers only', () => {
    expect(parseOrderQuantity('12')).toBe(12);
    expect(parseOrderQuantity('12,000')).toBe(12);
    expect(parseOrderQuantity('1\u00a0200')).toBe(1200);
    expect(parseOrderQuantity('12,5')).toBeNull();
    expect(parseOrderQuantity('0')).toBeNull();
    expect(parseOrderQuantity('abc')).toBeNull();
    expect(parseOrderQuantity('2000000000')).toBeNull();
  });

  it('headings in Russian and English, with units and punctuation', () => {
    expect(headingKind('Код')).toBe('code');
    expect(headingKind('Артикул:')).toBe('code');
    expect(headingKind('Штрих-код')).toBe('barcode');
    expect(headingKind('EAN')).toBe('barcode');
    expect(headingKind('Кол-во, шт')).toBe('quantity');
    expect(headingKind('Количество (шт.)')).toBe('quantity');
    expect(headingKind('Qty')).toBe('quantity');
    expect(headingKind('Наименование')).toBeNull();
  });
});
