import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { tempDataDir } from '../builders/dataDir';
import { coreWithPriceList, DAIRY_AND_MORE } from '../builders/orderPriceLists';
import { extractPdfText, normalizeSpaces } from '../builders/pdfText';
import { receivedOrder, setLine, STORES, takeIn } from '../builders/receivedOrders';

const DATE = '2026-12-01';
let core: PorterCore;
let dir: { dir: string; remove: () => void };

beforeEach(async () => {
  dir = tempDataDir('porter-pick');
  core = await coreWithPriceList(dir.dir, DAIRY_AND_MORE, { supplierName: 'ООО «Молочный путь»' });
  await core.api.saveStores({ stores: STORES });
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** Milk from three stores for the date (one cut by the manager, one already exported), and what must stay off the list. */
function ordersForTheDay(): { u: number; l: number; v: number } {
  const [u, l, v] = STORES;
  const uId = takeIn(
    core,
    receivedOrder({
      store: u!,
      number: 'P-1',
      lines: [
        { itemCode: '000123', quantity: 24 },
        { itemCode: '000200', quantity: 40 },
      ],
    }),
  );
  const lId = takeIn(
    core,
    receivedOrder({
      store: l!,
      number: '142',
      lines: [
        { itemCode: '000123', quantity: 12 },
        { itemCode: '000201', quantity: 3 },
        { itemCode: '000125', quantity: 6 },
      ],
    }),
  );
  setLine(core, lId, 3, { quantity: 0 });
  const vId = takeIn(core, receivedOrder({ store: v!, number: 'V-7', lines: [{ itemCode: '000123', quantity: 36 }] }), {
    state: 'exported',
  });
  // Not on the list: held, new, and another day.
  takeIn(core, receivedOrder({ store: u!, number: 'P-2', lines: [{ itemCode: '000123', quantity: 1200 }] }), { state: 'held' });
  takeIn(core, receivedOrder({ store: u!, number: 'P-3', lines: [{ itemCode: '000124', quantity: 6 }] }), { state: 'new' });
  takeIn(core, receivedOrder({ store: l!, number: '150', deliveryDate: '2026-12-02', lines: [{ itemCode: '000300', quantity: 1 }] }));
  return { u: uId, l: lId, v: vId };
}

describe('the pick list for a delivery date', () => {
  it('XLSX: items summed over the accepted orders of the date, with the orders each came from', async () => {
    ordersForTheDay();
    const list = await core.api.pickList({ deliveryDate: DATE, format: 'xlsx' });
    expect(list).toMatchObject({ fileName: `pick-list-${DATE}.xlsx`, orderCount: 3, itemCount: 3 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(list.base64, 'base64') as unknown as ArrayBuffer);
    const [items, byOrder] = workbook.worksheets;
    const rows = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(items!.name).toBe('Лист подбора');
    // By category, then name (ё sorts as е): the way a warehouse walks its shelves.
    expect(rows(items!)).toEqual([
      ['Лист подбора на 01.12.2026'],
      ['№', 'Код', 'Наименование', 'Ед.', 'Категория', 'Количество', 'Заказы'],
      [1, '000201', 'Мёд цветочный 500 г', 'шт', '', 3, 'Продукты на Лесной (00043) № 142: 3'],
      [
        2,
        '000123',
        'Молоко «Простоквашино» 3,2% 930 мл',
        'шт',
        '',
        72,
        'Магазин «У дома» №7 (00042) № P-1: 24; Продукты на Лесной (00043) № 142: 12; =Ларёк "Весна" (00044) № V-7: 36',
      ],
      [3, '000200', 'Шоколад «Алёнка» горький 70%', 'шт', '', 40, 'Магазин «У дома» №7 (00042) № P-1: 40'],
    ]);
    expect(rows(byOrder!)).toEqual([
      ['Код', 'Наименование', 'Ед.', 'Код клиента', 'Магазин', 'Номер заказа', 'Количество'],
      ['000201', 'Мёд цветочный 500 г', 'шт', '00043', 'Продукты на Лесной', '142', 3],
      ['000123', 'Молоко «Простоквашино» 3,2% 930 мл', 'шт', '00042', 'Магазин «У дома» №7', 'P-1', 24],
      ['000123', 'Молоко «Простоквашино» 3,2% 930 мл', 'шт', '00043', 'Продукты на Лесной', '142', 12],
      ['000123', 'Молоко «Простоквашино» 3,2% 930 мл', 'шт', '00044', '\'=Ларёк "Весна"', 'V-7', 36],
      ['000200', 'Шоколад «Алёнка» горький 70%', 'шт', '00042', 'Магазин «У дома» №7', 'P-1', 40],
    ]);
  });

  it('PDF: a printable A4 list, the table header on every page, pages numbered', async () => {
    ordersForTheDay();
    const small = await core.api.pickList({ deliveryDate: DATE, format: 'pdf' });
    expect(small).toMatchObject({ fileName: `pick-list-${DATE}.pdf`, orderCount: 3, itemCount: 3 });
    const text = await extractPdfText(Buffer.from(small.base64, 'base64'));
    expect(text.pageCount).toBe(1);
    expect(text.title).toBe('Лист подбора на 01.12.2026');
    for (const expected of [
      'Лист подбора на 01.12.2026',
      'Заказов: 3, позиций: 3',
      'Поставщик: ООО «Молочный путь»',
      '№ Код Наименование Ед. Кол-во Заказы (магазин, номер: количество)',
      '000123 Молоко «Простоквашино» 3,2% 930 мл шт 72 Магазин «У дома» №7 (00042) № P-1: 24; Продукты на Лесной (00043) № 142: 12;',
      'Страница 1 из 1',
    ]) {
      expect(text.text).toContain(normalizeSpaces(expected));
    }
    expect(text.text).not.toContain('Кефир');
    expect(text.text).not.toContain('Ёлка');
  });

  it('PDF of a long day: every page repeats the header and says which page of how many it is', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      code: `9${String(i).padStart(5, '0')}`,
      name: `Товар номер ${i} с довольно длинным наименованием, чтобы строка переносилась`,
      priceKopecks: 1000 + i,
      vatRate: 22 as const,
    }));
    const bigDir = tempDataDir('porter-pick-big');
    const big = await coreWithPriceList(bigDir.dir, many);
    try {
      await big.api.setLocale({ locale: 'en' });
      takeIn(big, receivedOrder({ store: STORES[0]!, number: 'B-1', lines: many.map((m) => ({ itemCode: m.code, quantity: 2 })) }, many));
      takeIn(
        big,
        receivedOrder({ store: STORES[1]!, number: 'B-2', lines: many.slice(0, 50).map((m) => ({ itemCode: m.code, quantity: 1 })) }, many),
      );
      const pdf = await big.api.pickList({ deliveryDate: DATE, format: 'pdf' });
      expect(pdf.itemCount).toBe(150);
      const text = await extractPdfText(Buffer.from(pdf.base64, 'base64'));
      expect(text.pageCount).toBeGreaterThan(2);
      text.pages.forEach((page, index) => {
        expect(page).toContain('No. Code Name Unit Qty Orders (store, number: quantity)');
        expect(page).toContain(`Page ${index + 1} of ${text.pageCount}`);
        expect(page).toContain('Pick list for 2026-12-01');
      });
      expect(text.text).toContain('900000 Товар номер 0 с довольно длинным наименованием, чтобы строка переносилась шт 3');
      expect(text.text).toContain('Магазин «У дома» №7 (00042) No. B-1: 2; Продукты на Лесной (00043) No. B-2: 1');
      expect(text.text).toContain('900149');
    } finally {
      big.close();
      bigDir.remove();
    }
  });

  it('a date with no accepted orders gives an empty list that says so', async () => {
    ordersForTheDay();
    const pdf = await core.api.pickList({ deliveryDate: '2026-12-24', format: 'pdf' });
    expect(pdf).toMatchObject({ orderCount: 0, itemCount: 0 });
    expect((await extractPdfText(Buffer.from(pdf.base64, 'base64'))).text).toContain('На эту дату нет принятых заказов');
  });
});
