import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { parseDeliveryDays } from '../../electron/core/manager/storesImport';
import { tempDataDir } from '../builders/dataDir';
import { STORES } from '../builders/receivedOrders';
import { writeWorkbook } from '../builders/workbooks';

let core: PorterCore;
let dir: { dir: string; remove: () => void };

beforeEach(async () => {
  dir = tempDataDir('porter-stores');
  core = await createCore({ dataDir: dir.dir });
});
afterEach(() => {
  core.close();
  dir.remove();
});

function register(name: string, bytes: Buffer | string): string {
  const file = path.join(dir.dir, name);
  fs.writeFileSync(file, bytes);
  return core.files.register(file, name).fileId;
}

describe('the stores directory from a file', () => {
  it('CSV in windows-1251 with Russian headings under a letterhead: codes keep their zeros, days read as written', async () => {
    const csv = [
      'Справочник магазинов ООО «Молочный путь»',
      '',
      'Код;Наименование;Тип цены;Дни доставки;Контактное лицо;Телефон;E-mail',
      '00042;Магазин «У дома» №7;;пн, чт;Ольга;+7 900 000-00-00;olga@example.ru',
      '00043;Продукты на Лесной;Мелкий опт;1,4;;;',
      '00044;"Ларёк ""Весна""";;Пн-Ср;;;',
      '00045;Гастроном;;понедельник и пятница;;;',
      ';;;;;;',
    ].join('\r\n');
    const { saved } = await core.api.importStores({ fileId: register('stores.csv', iconv.encode(csv, 'win1251')) });
    expect(saved).toBe(4);
    const { stores } = await core.api.listStores({});
    expect(stores.map((s) => [s.customerCode, s.name, s.priceType, s.deliveryDays, s.contact, s.phone, s.email])).toEqual([
      ['00045', 'Гастроном', '', [1, 5], '', '', ''],
      ['00044', 'Ларёк "Весна"', '', [1, 2, 3], '', '', ''],
      ['00042', 'Магазин «У дома» №7', '', [1, 4], 'Ольга', '+7 900 000-00-00', 'olga@example.ru'],
      ['00043', 'Продукты на Лесной', 'Мелкий опт', [1, 4], '', '', ''],
    ]);
  });

  it('XLSX with English headings in another order updates the stores it names and adds the rest', async () => {
    await core.api.saveStores({ stores: STORES });
    const file = path.join(dir.dir, 'stores.xlsx');
    await writeWorkbook(file, [
      ['E-mail', 'Name', 'Code', 'Delivery days', 'Price type'],
      ['shop@example.com', 'Магазин «У дома» №7 (новый адрес)', '00042', 'Tue, Fri', 'Опт'],
      ['', 'Stall 46', '00046', 'sat', ''],
    ]);
    const { saved } = await core.api.importStores({ fileId: core.files.register(file, 'stores.xlsx').fileId });
    expect(saved).toBe(2);
    const byCode = new Map((await core.api.listStores({})).stores.map((s) => [s.customerCode, s]));
    expect(byCode.size).toBe(4);
    expect(byCode.get('00042')).toMatchObject({
      name: 'Магазин «У дома» №7 (новый адрес)',
      priceType: 'Опт',
      deliveryDays: [2, 5],
      email: 'shop@example.com',
    });
    expect(byCode.get('00046')).toMatchObject({ name: 'Stall 46', deliveryDays: [6] });
    expect(byCode.get('00043')).toEqual(STORES[1]);
  });

  it('all or nothing: every bad row is named by file, row and field, and the directory is left as it was', async () => {
    await core.api.saveStores({ stores: STORES });
    const csv = [
      'Код;Наименование;Дни доставки;E-mail',
      '00042;Переименован;пн;',
      '00050;;вт;',
      '00051;Магазин 51;пн, по средам;',
      '00042;Дубль;чт;',
      '00052;Магазин 52;ср;not an address',
    ].join('\n');
    const error = await core.api.importStores({ fileId: register('bad stores.csv', csv) }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      details: {
        file: 'bad stores.csv',
        row: 3,
        field: 'name',
        errors: [
          { file: 'bad stores.csv', row: 3, field: 'name', message: 'required' },
          { file: 'bad stores.csv', row: 4, field: 'deliveryDays', message: expect.stringContaining('"по" is not a weekday') as unknown },
          { file: 'bad stores.csv', row: 5, field: 'customerCode', message: 'code "00042" is already on row 2' },
          {
            file: 'bad stores.csv',
            row: 6,
            field: 'email',
            message: expect.stringContaining('"not an address" is not an e-mail address') as unknown,
          },
        ],
      },
    });
    expect((error as Error).message).toMatch(
      /^bad stores\.csv: nothing was imported — row 3, field name: required; row 4, field deliveryDays/,
    );
    expect((await core.api.listStores({})).stores).toEqual(
      [...STORES].sort((a, b) => a.name.localeCompare(b.name) || a.customerCode.localeCompare(b.customerCode)),
    );
  });

  it('a file without a code and name heading is refused as having no header', async () => {
    await expect(core.api.importStores({ fileId: register('prices.csv', 'Артикул;Цена\n1;2\n') })).rejects.toMatchObject({
      code: 'IMPORT_NO_HEADER',
      details: { file: 'prices.csv' },
    });
  });
});

describe('delivery days as people write them', () => {
  it.each([
    ['', []],
    ['пн, чт', [1, 4]],
    ['1,4', [1, 4]],
    ['Пн/Чт', [1, 4]],
    ['ПН ЧТ', [1, 4]],
    ['вторник; пятница', [2, 5]],
    ['пн-пт', [1, 2, 3, 4, 5]],
    ['пт - пн', [1, 5, 6, 7]],
    ['Mon, Thu', [1, 4]],
    ['monday and friday', [1, 5]],
    ['сб., вс.', [6, 7]],
    ['7', [7]],
  ])('"%s" → %j', (text, days) => {
    expect(parseDeliveryDays(text)).toEqual({ days });
  });

  it.each([
    ['8', '8'],
    ['пн, завтра', 'завтра'],
    ['пн-', 'пн-'],
  ])('"%s" is refused at "%s"', (text, bad) => {
    expect(parseDeliveryDays(text)).toEqual({ bad });
  });
});
