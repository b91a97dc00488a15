import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { lineImportReportSchema, orderSchema } from '../../shared/domain';
import { tempDataDir } from '../builders/dataDir';
import { coreWithPriceList } from '../builders/orderPriceLists';
import { writeWorkbook } from '../builders/workbooks';

let core: PorterCore;
let dir: string;
let remove: () => void;

beforeEach(async () => {
  ({ dir, remove } = tempDataDir('porter-lines'));
  core = await coreWithPriceList(dir);
});
afterEach(() => {
  core.close();
  remove();
});

const quantities = (lines: { itemCode: string; quantity: number }[]) => lines.map((l) => [l.itemCode, l.quantity]);

describe('paste order lines', () => {
  it('adds lines copied from Excel by code or barcode, adds to existing lines, and reports what did not match', async () => {
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: '000123', quantity: 12 });
    const text = [
      'Код\tКоличество',
      '000123\t24', // adds to the 12 already there
      '4600000000039\t2', // the tree, by barcode
      '',
      '000125\t6,0',
      '999999\t5', // not in the price list
      '000200\tмного', // not a quantity
    ].join('\r\n');
    const { order, report } = await core.api.pasteOrderLines({ orderId: draft.id, text });
    orderSchema.parse(order);
    lineImportReportSchema.parse(report);
    expect(quantities(order.lines)).toEqual([
      ['000123', 36],
      ['000300', 2],
      ['000125', 6],
    ]);
    expect(report).toEqual({
      added: 3,
      unmatched: [
        { row: 6, reference: '999999', reason: 'unknownItem', text: '999999\t5' },
        { row: 7, reference: '000200', reason: 'invalidQuantity', text: '000200\tмного' },
      ],
    });
  });

  it('a code that is also someone’s barcode is matched by code first', async () => {
    core.close();
    core = await coreWithPriceList(path.join(dir, 'ambiguous'), [
      { code: '4600000000039', name: 'Товар с кодом, похожим на штрихкод', priceKopecks: 100, vatRate: 22 },
      { code: '000300', name: 'Ёлка', barcode: '4600000000039', priceKopecks: 499000, vatRate: 20 },
    ]);
    const draft = await core.api.getCurrentDraft({});
    const { order } = await core.api.pasteOrderLines({ orderId: draft.id, text: '4600000000039;1' });
    expect(quantities(order.lines)).toEqual([['4600000000039', 1]]);
  });

  it('nothing pasted matches: the order is unchanged and every line is reported', async () => {
    const draft = await core.api.getCurrentDraft({});
    const { order, report } = await core.api.pasteOrderLines({ orderId: draft.id, text: 'abc;1\nxyz;2' });
    expect(order.lines).toEqual([]);
    expect(report.added).toBe(0);
    expect(report.unmatched.map((u) => [u.row, u.reason])).toEqual([
      [1, 'unknownItem'],
      [2, 'unknownItem'],
    ]);
  });
});

describe('import order lines from a file', () => {
  it('a windows-1251 CSV with headings (barcode and quantity columns, a name between)', async () => {
    const file = path.join(dir, 'заказ.csv');
    const csv = [
      'Заказ магазина «У дома»',
      '',
      'Наименование;Штрихкод;Кол-во',
      'Молоко;4607001234562;24',
      'Ёлка;4600000000039;1',
      'Неизвестно;4699999999999;3',
    ];
    fs.writeFileSync(file, iconv.encode(csv.join('\r\n') + '\r\n', 'win1251'));
    const draft = await core.api.getCurrentDraft({});
    const { fileId } = core.files.register(file);
    const { order, report } = await core.api.importOrderLines({ orderId: draft.id, fileId });
    expect(quantities(order.lines)).toEqual([
      ['000123', 24],
      ['000300', 1],
    ]);
    expect(report).toEqual({
      added: 2,
      unmatched: [{ row: 6, reference: '4699999999999', reason: 'unknownItem', text: 'Неизвестно; 4699999999999; 3' }],
    });
  });

  it('an XLSX order form: the supplier’s list with quantities filled in for some rows, row numbers as in Excel', async () => {
    const file = path.join(dir, 'бланк.xlsx');
    await writeWorkbook(file, [
      ['Бланк заказа'],
      [],
      ['Артикул', 'Наименование', 'Цена', 'Заказ'],
      ['000123', 'Молоко', 89.9, 36],
      ['000124', 'Молоко Домик в деревне', 95.5, null],
      ['000200', 'Шоколад', 115, '40'],
      ['000201', 'Мёд', 450, 0],
      ['000300', 'Ёлка', 4990, 'две'],
    ]);
    const draft = await core.api.getCurrentDraft({});
    const { fileId } = core.files.register(file);
    const { order, report } = await core.api.importOrderLines({ orderId: draft.id, fileId });
    expect(quantities(order.lines)).toEqual([
      ['000123', 36],
      ['000200', 40],
    ]);
    expect(report.unmatched).toEqual([{ row: 8, reference: '000300', reason: 'invalidQuantity', text: '000300; Ёлка; 4990; две' }]);
  });

  it('a file without headings: first column the reference, second the quantity', async () => {
    const file = path.join(dir, 'lines.csv');
    fs.writeFileSync(file, '000123;12\n4600000000015;40\n');
    const draft = await core.api.getCurrentDraft({});
    const { order, report } = await core.api.importOrderLines({ orderId: draft.id, fileId: core.files.register(file).fileId });
    expect(quantities(order.lines)).toEqual([
      ['000123', 12],
      ['000200', 40],
    ]);
    expect(report).toEqual({ added: 2, unmatched: [] });
  });
});
