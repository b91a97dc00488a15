import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOrderTable } from '../../electron/core/formats/orderTable/orderTableReader';
import { writeOrdersCsv, writeOrdersXlsx } from '../../electron/core/formats/orderTable/orderTableWriter';
import { fromInertText, inertText } from '../../electron/core/formats/orderTable/orderTableColumns';
import { receivedOrderFromOrder } from '../../electron/core/formats/orderDocument';
import { tempDataDir } from '../builders/dataDir';
import { anyText, buildOrder, orderArbitrary, SAMPLE_LINES, STORE } from '../builders/commerceml';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDataDir('porter-order-table')));
afterEach(() => remove());
const MOSCOW = 180;

describe('orders as CSV and XLSX', () => {
  const order = buildOrder(SAMPLE_LINES);

  it('CSV for Excel in Russia: BOM, ";" and decimal commas, one row per line under a header, formula-like text inert', () => {
    const csv = writeOrdersCsv([order], { store: STORE, offsetMinutes: MOSCOW });
    expect(
      csv.startsWith(
        '\ufeffНомер заказа;Дата;Магазин;Код клиента;Код;Штрихкод;Наименование;Ед.;Количество;Цена;НДС, %;Сумма;Сумма НДС;НДС в цене;Дата доставки;Комментарий;Ид заказа\r\n',
      ),
    ).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).toBe(
      `P-000012;29.11.2026;Магазин «У дома» №7;00042;000123;4607001234562;Молоко «Простоквашино» 3,2% 930 мл;шт;24;89,90;10;2157,60;196,15;да;01.12.2026;Привезти до 10:00;${order.id}`,
    );
    // "=HYPERLINK(…)" and "-5% …" start with an apostrophe; the cell with ';', quotes and a line break is quoted.
    expect(rows[3]).toMatch(
      /^P-000012;29\.11\.2026;[^;]+;00042;"'=HYPERLINK\(""http:\/\/evil""\)";;"'-5% скидка; ""акция""\nвторая строка";упак;1;1,00;0;/,
    );
  });

  it('inert text: every formula starter gets an apostrophe, and exactly one is removed on reading', () => {
    for (const text of ['=1+2', '+7 900 000-00-00', '-5', '@SUM(A1)', '\tx', '\rx', "'quoted", "''", 'plain', '', 'a=b']) {
      expect(fromInertText(inertText(text))).toBe(text);
      expect(/^[=+\-@\t\r]/.test(inertText(text))).toBe(false);
    }
  });

  it('XLSX: codes are text cells (leading zeros kept), money and quantities numbers, no cell is a formula', async () => {
    const file = path.join(dir, 'orders.xlsx');
    fs.writeFileSync(file, await writeOrdersXlsx([order], { store: STORE, offsetMinutes: MOSCOW }));
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(5).value).toBe('000123');
    expect(sheet.getRow(2).getCell(9).value).toBe(24);
    expect(sheet.getRow(2).getCell(10).value).toBe(89.9);
    expect(sheet.getRow(4).getCell(5).value).toBe('\'=HYPERLINK("http://evil")');
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    // In the file itself: no <f> element anywhere in the sheet.
    const { openZip } = await import('../../electron/core/formats/zipEntries');
    const zip = await openZip(file, 'orders.xlsx');
    let xml = '';
    for await (const chunk of zip.read(zip.entry('xl/worksheets/sheet1.xml')!)) xml += chunk.toString('utf8');
    zip.close();
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('XLSX keeps what XML cannot carry: a carriage return, and text that looks like an escape', async () => {
    const tricky = buildOrder([{ ...SAMPLE_LINES[0]!, name: 'a\r\nb\rc _x0041_ _x005F_ \u0001' }]);
    const file = path.join(dir, 'tricky.xlsx');
    fs.writeFileSync(file, await writeOrdersXlsx([tricky], { store: STORE, offsetMinutes: MOSCOW }));
    expect((await readOrderTable(file))[0]!.lines[0]!.name).toBe('a\r\nb\rc _x0041_ _x005F_ \u0001');
  });

  it('round trip, generated orders (Cyrillic, quotes, formula starters, leading zeros, line breaks) → CSV and XLSX → reader', async () => {
    const text = anyText(25).map((s) => s.trim());
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArbitrary(text), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<'ru' | 'en'>('ru', 'en'),
        async (orders, locale) => {
          const unique = orders.map((o, i) => ({ ...o, id: `${o.id}-${i}` }));
          const csvFile = path.join(dir, 'orders.csv');
          const xlsxFile = path.join(dir, 'orders.xlsx');
          fs.writeFileSync(csvFile, writeOrdersCsv(unique, { store: STORE, offsetMinutes: MOSCOW, locale }));
          fs.writeFileSync(xlsxFile, await writeOrdersXlsx(unique, { store: STORE, offsetMinutes: MOSCOW, locale }));
          expect(await readOrderTable(csvFile)).toEqual(
            unique.map((o) => receivedOrderFromOrder(o, STORE, { format: 'csv', offsetMinutes: MOSCOW })),
          );
          expect(await readOrderTable(xlsxFile)).toEqual(
            unique.map((o) => receivedOrderFromOrder(o, STORE, { format: 'xlsx', offsetMinutes: MOSCOW })),
          );
        },
      ),
      { numRuns: 25, seed: 21 },
    );
  });

  it("a supplier's own table: found below a title, windows-1251, grouped by order number, VAT computed from the rate", async () => {
    const file = path.join(dir, 'zakaz.csv');
    const text = [
      'Заказы магазинов на 01.12.2026',
      '',
      'Номер;Дата;Покупатель;Артикул;Наименование;Кол-во;Цена;НДС',
      '15;01.12.2026;Ромашка;00012;Сыр;2;450,50;22',
      '15;01.12.2026;Ромашка;000123;Молоко;12;89,90;10%',
      '16;46357;Лютик;00012;Сыр;1;450,50;Без НДС',
    ].join('\r\n');
    const { default: iconv } = await import('iconv-lite');
    fs.writeFileSync(file, iconv.encode(text, 'win1251'));
    const orders = await readOrderTable(file);
    expect(orders.map((o) => [o.number, o.date, o.customer.name, o.lines.length, o.totals.grossKopecks, o.totals.vatKopecks])).toEqual([
      ['15', '2026-12-01', 'Ромашка', 2, 90_100 + 107_880, 16_248 + 9_807],
      ['16', '2026-12-01', 'Лютик', 1, 45_050, 0],
    ]);
  });

  it('bad cells stop the file with row and column; a file without the columns says which are missing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'Код;Количество;Цена\n001;2;10\n002;два;10\n');
    await expect(readOrderTable(file)).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: 'bad.csv, row 3, column "Количество": not a quantity: "два"',
      details: { file: 'bad.csv', row: 3, field: 'quantity' },
    });
    fs.writeFileSync(file, 'Наименование;Цена\nСыр;10\n');
    await expect(readOrderTable(file)).rejects.toThrow(
      'bad.csv: no header row with the columns "Код" (or "Штрихкод") and "Количество" in the first 20 rows',
    );
  });
});
