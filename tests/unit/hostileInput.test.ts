import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { readOrderTable } from '../../electron/core/formats/orderTable/orderTableReader';
import { readPorterOrderFile, writePorterOrderFile } from '../../electron/core/orders/porterOrderFile';
import { readOrderLinesFile } from '../../electron/core/orders/orderLinesImport';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { buildOrder, readOrders, SAMPLE_LINES, textInput, zipArchive } from '../builders/commerceml';

/**
 * Files made to hurt: each must end in a clear error naming the file (and line, row or field where
 * there is one) — or stream through in bounded memory — and leave what is stored as it was.
 */
let core: PorterCore;
let dir: string;
let remove: () => void;
const CML = (name: string) => fixturePath('commerceml', name);

beforeEach(async () => {
  ({ dir, remove } = tempDataDir('porter-hostile'));
  core = await createCore({ dataDir: dir });
  // The price list the store has: the real 1C exchange.
  await core.priceLists.importFiles([
    { path: CML('cml207_import0_1_ut11_utf8bom.xml'), name: 'import.xml' },
    { path: CML('cml207_offers0_1_ut11_utf8bom.xml'), name: 'offers.xml' },
  ]);
});
afterEach(() => {
  core.close();
  remove();
});

/** The import fails as expected and the store keeps its price list, its catalog file and nothing else. */
async function refusedWithListKept(attempt: Promise<unknown>, error: object): Promise<void> {
  const before = core.priceLists.currentInfo!;
  await expect(attempt).rejects.toMatchObject(error);
  expect(core.priceLists.currentInfo).toEqual(before);
  expect(fs.readdirSync(path.join(dir, 'catalogs'))).toEqual([`${before.id}.sqlite`]);
  expect((await core.api.searchItems({ query: 'слонята', offset: 0, limit: 5 })).items.map((i) => i.code)).toEqual(['PM-421-LE']);
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE КоммерческаяИнформация [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<КоммерческаяИнформация ВерсияСхемы="2.10"><Каталог><Товары><Товар><Ид>1</Ид><Наименование>&lol9;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE КоммерческаяИнформация [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<КоммерческаяИнформация ВерсияСхемы="2.10"><Документ><Ид>1</Ид><ХозОперация>Заказ товара</ХозОперация><Комментарий>&xxe;</Комментарий></Документ></КоммерческаяИнформация>
`;

describe('XML entity attacks', () => {
  it('billion laughs: the DTD is refused before anything is expanded; the price list stays', async () => {
    const file = write('import.xml', BILLION_LAUGHS);
    const started = process.memoryUsage().heapUsed;
    await refusedWithListKept(core.priceLists.importFile(file, 'import.xml'), {
      code: 'FILE_FORMAT',
      message: expect.stringMatching(/^import\.xml, line \d+: the file declares a DTD \(<!DOCTYPE …>\)/) as unknown,
      details: { file: 'import.xml', field: 'DOCTYPE' },
    });
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(50 * 1024 * 1024);
  });

  it('an external entity pointing at /etc/passwd: refused, and nothing of the file is read into an order', async () => {
    const attempt = readOrders(textInput('orders.xml', EXTERNAL_ENTITY));
    await expect(attempt).rejects.toMatchObject({ code: 'FILE_FORMAT', details: { file: 'orders.xml', field: 'DOCTYPE' } });
    await expect(attempt).rejects.not.toThrow(/root:/);
    // Without a DTD the reference is simply undeclared: an XML error, never a file lookup.
    const bare = EXTERNAL_ENTITY.replace(/<!DOCTYPE[^\n]*\n/, '');
    await expect(readOrders(textInput('orders.xml', bare))).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: 'orders.xml, line 2: not well-formed XML (undefined entity)',
    });
    const file = write('offers.xml', EXTERNAL_ENTITY.replace('Документ', 'ПакетПредложений').replace('</Документ>', '</ПакетПредложений>'));
    await refusedWithListKept(core.priceLists.importFile(file, 'offers.xml'), { code: 'FILE_FORMAT', details: { field: 'DOCTYPE' } });
  });
});

describe('zip bombs', () => {
  const bomb = (declaredSize?: number) => {
    const sheet = Buffer.alloc(40 * 1024 * 1024, 0x20);
    sheet.write('<worksheet><sheetData>', 0);
    return zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize },
    ]);
  };

  it('a small .xlsx whose sheet inflates past the cap: refused by its size, naming the part', async () => {
    const file = write('prices.xlsx', bomb());
    expect(fs.statSync(file).size).toBeLessThan(200 * 1024);
    await refusedWithListKept(core.priceLists.importFile(file, 'prices.xlsx'), {
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(
        /^prices\.xlsx: the workbook part xl\/worksheets\/sheet1\.xml inflates to [\d.]+ MB or more from [\d.]+ KB/,
      ) as unknown,
      details: { file: 'prices.xlsx', part: 'xl/worksheets/sheet1.xml' },
    });
  });

  it('the same bomb lying about its size in the headers: stopped while inflating, not after', async () => {
    const file = write('prices.xlsx', bomb(1000));
    const started = process.memoryUsage().rss;
    await refusedWithListKept(core.priceLists.importFile(file, 'prices.xlsx'), {
      message: expect.stringContaining('xl/worksheets/sheet1.xml') as unknown,
      details: { file: 'prices.xlsx', part: 'xl/worksheets/sheet1.xml' },
    });
    expect(process.memoryUsage().rss - started).toBeLessThan(100 * 1024 * 1024);
  });

  it('a 1C exchange zip whose import.xml is a bomb', async () => {
    const big = Buffer.alloc(40 * 1024 * 1024, 0x20);
    big.write('<КоммерческаяИнформация><Каталог>', 0);
    const file = write('exchange.zip', zipArchive([{ name: 'import.xml', data: big }]));
    await refusedWithListKept(core.priceLists.importFile(file, 'exchange.zip'), {
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^exchange\.zip: the archived file import\.xml inflates to/) as unknown,
    });
  });
});

describe('huge and broken text', () => {
  it('a 1,000,000-line CSV of order lines: refused at the line cap while streaming, the draft untouched', async () => {
    const file = path.join(dir, 'lines.csv');
    const out = fs.createWriteStream(file);
    out.write('Код;Количество\n');
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let block = '';
      for (let k = i; k < i + 10_000; k++) block += `${String(k).padStart(8, '0')};1\n`;
      if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve) => out.end(resolve));

    await expect(readOrderLinesFile(file, 'lines.csv')).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'lines.csv has more than 10000 order lines: that is not an order',
      details: { file: 'lines.csv', row: 10_002 },
    });
    const draft = await core.api.getCurrentDraft({});
    await core.api.setOrderLineQuantity({ orderId: draft.id, itemCode: 'PM-421-LE', quantity: 2 });
    const before = await core.api.getCurrentDraft({});
    const { fileId } = core.files.register(file, 'lines.csv');
    await expect(core.api.importOrderLines({ orderId: draft.id, fileId })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await core.api.getCurrentDraft({})).toEqual(before);

    // A supplier's order table of a million lines: the same, at its own (larger) cap.
    const started = process.memoryUsage().heapUsed;
    await expect(readOrderTable(file, 'orders.csv')).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'orders.csv, row 100002: more than 100,000 order lines; that is not a file of orders',
      details: { file: 'orders.csv', row: 100_002 },
    });
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(150 * 1024 * 1024);
  });

  it('invalid UTF-8 in a CommerceML file: refused with the line, also when the declaration and most letters say UTF-8', async () => {
    const text = fs.readFileSync(CML('cml207_import0_1_ut11_utf8bom.xml'));
    const broken = Buffer.from(text);
    const at = broken.indexOf(Buffer.from('Слонята'));
    broken[at] = 0xff;
    const line = text.subarray(0, at).toString('utf8').split('\n').length;
    const file = write('import.xml', broken);
    await refusedWithListKept(
      core.priceLists.importFiles([
        { path: file, name: 'import.xml' },
        { path: CML('cml207_offers0_1_ut11_utf8bom.xml'), name: 'offers.xml' },
      ]),
      {
        code: 'FILE_ENCODING',
        message: `import.xml, line ${line}: invalid UTF-8 bytes; the file starts as UTF-8 but is damaged or mixes encodings`,
        details: { row: line },
      },
    );
    // Without the BOM the bad byte is in the sample the encoding is sniffed from: still UTF-8, still refused.
    const noBom = write('import2.xml', broken.subarray(3));
    await expect(
      core.priceLists.importFiles([
        { path: noBom, name: 'import2.xml' },
        { path: CML('cml207_offers0_1_ut11_utf8bom.xml'), name: 'offers.xml' },
      ]),
    ).rejects.toMatchObject({ code: 'FILE_ENCODING', details: { file: 'import2.xml', row: line } });
    const orders = fs.readFileSync(CML('cml209_orders_from_1c_with_1c_numbers.xml'));
    const brokenOrders = Buffer.concat([orders.subarray(0, 70_00), Buffer.from([0xc3, 0x28]), orders.subarray(70_00)]);
    await expect(readOrders(textInput('orders.xml', brokenOrders))).rejects.toMatchObject({
      code: 'FILE_ENCODING',
      details: { file: 'orders.xml' },
    });
  });

  it('__proto__ as a header, an attribute or a JSON key is data, never a prototype', async () => {
    const table = write('orders.csv', '__proto__;Код;Количество;constructor\nx;000123;5;y\n');
    const orders = await readOrderTable(table);
    expect(orders[0]!.lines.map((l) => [l.itemCode, l.quantity])).toEqual([['000123', 5]]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    write('orders.csv', 'Код;__proto__\n000123;5\n');
    await expect(readOrderTable(table)).rejects.toThrow(
      'orders.csv: no header row with the columns "Код" (or "Штрихкод") and "Количество"',
    );

    const prices = write('prices.csv', 'Код;Наименование;Цена;__proto__\n1;Молоко;10;{"polluted":1}\n');
    const before = core.priceLists.currentInfo!;
    const report = await core.priceLists.importFile(prices, 'prices.csv');
    expect(report.items).toBe(1);
    expect(report.priceList.id).not.toBe(before.id);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const order = JSON.parse(writePorterOrderFile(buildOrder(SAMPLE_LINES), '2026-11-29T12:00:00.000Z', '0.1.0')) as {
      order: { lines: object[] };
    };
    const hostile = JSON.stringify(order).replace('"lineNumber":2', '"__proto__":{"polluted":1},"lineNumber":2');
    expect(() => readPorterOrderFile(hostile, 'order.json')).toThrow(
      expect.objectContaining({ code: 'FILE_FORMAT', details: { file: 'order.json', field: 'order.lines[1].__proto__' } }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const xml = `<?xml version="1.0"?><КоммерческаяИнформация __proto__="x"><Документ __proto__="y"><Ид>1</Ид><ХозОперация>Заказ товара</ХозОперация><ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>__proto__</Наименование><Значение>{"polluted":1}</Значение></ЗначениеРеквизита></ЗначенияРеквизитов></Документ></КоммерческаяИнформация>`;
    const { orders: read } = await readOrders(textInput('orders.xml', xml));
    expect(read[0]!.requisites).toEqual([{ name: '__proto__', value: '{"polluted":1}' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
