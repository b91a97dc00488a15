import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PorterError } from '../../shared/errors';
import { ROW_BATCH_SIZE, type SourceRow, type TabularSource } from '../../electron/core/formats/tabularSource';
import { openXlsxSource } from '../../electron/core/formats/xlsxSource';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porter-xlsx-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(source: TabularSource, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const batch of source.rows(signal)) rows.push(...batch);
  return rows;
}

async function openAndReadAll(file: string, limits?: { maxEntryBytes?: number; maxRatio?: number }): Promise<SourceRow[]> {
  return readAll(await openXlsxSource(file, path.basename(file), limits));
}

async function porterError(promise: Promise<unknown>): Promise<PorterError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(PorterError);
  return error as PorterError;
}

// ---- a hand-built zip, for parts exceljs would never write ----

interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Uncompressed size to claim in the central directory instead of the real one. */
  claimedSize?: number;
}

function writeZip(name: string, parts: ZipPart[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf-8') : part.data;
    const packed = zlib.deflateRawSync(data);
    const fileName = Buffer.from(part.name, 'utf-8');
    const fields = (header: Buffer, at: number, size: number): void => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE(0x21, at + 8); // 1980-01-01
      header.writeUInt32LE(zlib.crc32(data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(fileName.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4, data.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6, part.claimedSize ?? data.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
  return file;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook with one worksheet at the default place. */
function writeSimpleWorkbook(name: string, sheetXml: string | Buffer, extra: ZipPart[] = []): string {
  return writeZip(name, [
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
    ...extra,
  ]);
}

// ---- deterministic Russian product names ----

const ADJECTIVES = ['Свежий', 'Копчёный', 'Солёный', 'Жёлтый', 'Зелёный', 'Тёмный', 'Лёгкий', 'Пряный', 'Домашний', 'Отборный', 'Мочёный'];
const NOUNS = ['сыр', 'творожок', 'мёд', 'ёрш', 'щавель', 'клён', 'шоколад', 'чай', 'горошек', 'огурец', 'зефир', 'объём', 'подъёмник'];
const EXTRAS = [
  '«Ёлочка»',
  '"Весёлый молочник"',
  'ГОСТ; 1 кг',
  '№ 5',
  '(упак. 10 шт.)',
  'ёмкость 0,5 л',
  'Съёмный; "экстра"',
  'Ёё Ъъ Ыы Щщ',
  '',
];

function productName(i: number): string {
  // A small LCG: varied but reproducible, so every run writes the same workbook.
  const x = (i * 1103515245 + 12345) % 2147483648;
  const words = [ADJECTIVES[x % ADJECTIVES.length], NOUNS[(x >> 5) % NOUNS.length], EXTRAS[(x >> 11) % EXTRAS.length], `арт. ${i}`];
  return words.filter(Boolean).join(' ');
}

describe('openXlsxSource', () => {
  it('reads the first worksheet: letterhead rows, a text code, a numeric barcode, Cyrillic with quotes and ;, gaps', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Прайс');
    sheet.getCell('A1').value = 'ООО «Ромашка», оптовый склад';
    sheet.mergeCells('A1:E1');
    sheet.getCell('A2').value = 'Прайс-лист на 01.10.2025';
    sheet.getRow(4).values = ['Код', 'Наименование', 'Цена', 'Штрихкод', 'Ед.'];
    sheet.getRow(5).values = ['000123', 'Молоко "Домик в деревне" 3,2%; 1 л', 89.9, 4601234567890, 'шт'];
    sheet.getCell('A6').value = '000124';
    sheet.getCell('C6').value = 120;
    sheet.getCell('E6').value = 'кг';
    sheet.getRow(7).values = ['0042', 'Ёжик; "Весёлый" & <Ко>', 1.5, true];
    workbook.addWorksheet('Второй').getCell('A1').value = 'не этот лист';
    const file = path.join(dir, 'price.xlsx');
    await workbook.xlsx.writeFile(file);

    const source = await openXlsxSource(file, 'price.xlsx');
    expect(source).toMatchObject({ format: 'xlsx', encoding: 'xlsx', delimiter: '' });
    expect(source.totalBytes).toBeGreaterThan(0);
    expect(await readAll(source)).toEqual([
      { row: 1, cells: ['ООО «Ромашка», оптовый склад'] },
      { row: 2, cells: ['Прайс-лист на 01.10.2025'] },
      { row: 4, cells: ['Код', 'Наименование', 'Цена', 'Штрихкод', 'Ед.'] },
      { row: 5, cells: ['000123', 'Молоко "Домик в деревне" 3,2%; 1 л', '89.9', '4601234567890', 'шт'] },
      { row: 6, cells: ['000124', '', '120', '', 'кг'] },
      { row: 7, cells: ['0042', 'Ёжик; "Весёлый" & <Ко>', '1.5', '1'] },
    ]);
    expect(source.bytesRead()).toBe(source.totalBytes);
    // A second read starts afresh.
    expect((await readAll(source)).length).toBe(6);
  });

  it('reads shared strings with rich-text runs, and inline strings', async () => {
    const richText = { richText: [{ text: 'Сыр ' }, { font: { bold: true }, text: '«Российский»' }, { text: ' 50%' }] };
    const shared = new ExcelJS.Workbook();
    const sheet = shared.addWorksheet('Лист');
    sheet.getRow(1).values = ['Код', richText, 'Сыр «Российский» 50%', 'Код'];
    const sharedFile = path.join(dir, 'shared.xlsx');
    await shared.xlsx.writeFile(sharedFile);
    expect(await openAndReadAll(sharedFile)).toEqual([{ row: 1, cells: ['Код', 'Сыр «Российский» 50%', 'Сыр «Российский» 50%', 'Код'] }]);

    const inlineFile = path.join(dir, 'inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlineFile, useSharedStrings: false });
    const streamed = writer.addWorksheet('Лист');
    streamed.addRow(['Код', richText, 'обычная строка']).commit();
    await writer.commit();
    expect(await openAndReadAll(inlineFile)).toEqual([{ row: 1, cells: ['Код', 'Сыр «Российский» 50%', 'обычная строка'] }]);
  });

  it('follows workbook.xml to the first worksheet and copes with prefixes, phonetic runs and missing references', async () => {
    const file = writeZip('hand-made.xlsx', [
      {
        name: 'xl/workbook.xml',
        data:
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:workbook xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheets>` +
          '<x:sheet name="Диаграмма" sheetId="1" rel:id="rId7"/><x:sheet name="Данные" sheetId="2" rel:id="rId3"/>' +
          '<x:sheet name="Ещё" sheetId="3" rel:id="rId1"/></x:sheets></x:workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data:
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId3" Type="${REL_TYPE}/worksheet" Target="/xl/worksheets/data.xml"/>` +
          `<Relationship Id="rId7" Type="${REL_TYPE}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
          `<Relationship Id="rId9" Type="${REL_TYPE}/sharedStrings" Target="strings.xml"/></Relationships>`,
      },
      {
        name: 'xl/strings.xml',
        data:
          `<x:sst xmlns:x="${MAIN_NS}"><x:si><x:t>Код</x:t></x:si>` +
          '<x:si><x:r><x:t>Наим</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">енование </x:t></x:r>' +
          '<x:rPh sb="0" eb="1"><x:t>ナマエ</x:t></x:rPh></x:si><x:si><x:t>Tom &amp; Jerry</x:t></x:si></x:sst>',
      },
      {
        name: 'xl/worksheets/data.xml',
        data:
          `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData>` +
          '<x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" t="s"><x:v>1</x:v></x:c></x:row>' +
          '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>ёж</x:t></x:r><x:r><x:t>ик</x:t></x:r></x:is></x:c><x:c><x:v>1.5E-3</x:v></x:c>' +
          '<x:c t="s"><x:v>2</x:v></x:c><x:c r="E4" t="str"><x:f>A1</x:f><x:v><![CDATA[<b>]]></x:v></x:c><x:c r="F4" s="1"/></x:row>' +
          '<x:row r="9"><x:c r="AB9" t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c t="inlineStr"><is><t>не тот лист</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    const rows = await openAndReadAll(file);
    expect(rows.slice(0, 2)).toEqual([
      { row: 3, cells: ['Код', 'Наименование '] },
      { row: 4, cells: ['ёжик', '1.5E-3', 'Tom & Jerry', '', '<b>'] },
    ]);
    expect(rows[2]).toEqual({ row: 9, cells: [...Array<string>(27).fill(''), '#N/A'] });
  });

  it('rejects what is not a workbook', async () => {
    const text = path.join(dir, 'prices.xlsx');
    fs.writeFileSync(text, 'Код;Наименование\n1;Молоко\n');
    const notZip = await porterError(openXlsxSource(text, 'prices.xlsx'));
    expect(notZip.code).toBe('FILE_FORMAT');
    expect(notZip.message).toMatch(/^prices\.xlsx: .*not a zip/);
    expect(notZip.details).toEqual({ file: 'prices.xlsx' });

    const noSheet = writeZip('no-sheet.xlsx', [{ name: 'readme.txt', data: 'hello' }]);
    const noSheetError = await porterError(openXlsxSource(noSheet, 'no-sheet.xlsx'));
    expect(noSheetError.code).toBe('FILE_FORMAT');
    expect(noSheetError.message).toMatch(/no-sheet\.xlsx: .*no worksheet/);

    expect((await porterError(openXlsxSource(path.join(dir, 'missing.xlsx')))).code).toBe('FILE_UNREADABLE');
  });

  it('refuses DTDs (billion laughs) and damaged XML', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const dtd = await porterError(openAndReadAll(writeSimpleWorkbook('laughs.xlsx', laughs)));
    expect(dtd.code).toBe('FILE_FORMAT');
    expect(dtd.message).toMatch(/DTD/);

    const truncated = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c t="inlineStr"><is><t>обрыв</t></is></c></row><row r="2"><c`;
    const damaged = await porterError(openAndReadAll(writeSimpleWorkbook('truncated.xlsx', truncated)));
    expect(damaged.code).toBe('FILE_FORMAT');
  });

  it('names the row holding invalid UTF-8', async () => {
    const rows: Buffer[] = [Buffer.from(`<worksheet xmlns="${MAIN_NS}"><sheetData>`)];
    for (let r = 1; r <= 3000; r++) {
      const name = Buffer.from(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${productName(r)}`);
      const broken = r === 2345 ? Buffer.from([0xd0, 0x20]) : Buffer.alloc(0); // a lead byte with no continuation
      rows.push(name, broken, Buffer.from('</t></is></c></row>'));
    }
    rows.push(Buffer.from('</sheetData></worksheet>'));
    const error = await porterError(openAndReadAll(writeSimpleWorkbook('broken-utf8.xlsx', Buffer.concat(rows))));
    expect(error.code).toBe('FILE_ENCODING');
    expect(error.details).toMatchObject({ file: 'broken-utf8.xlsx', row: 2345 });
    expect(error.message).toMatch(/broken-utf8\.xlsx: .*row 2345/);
  });

  it('stops at zip bombs', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист');
    for (let r = 1; r <= 3000; r++) sheet.addRow([r, r * 1.5, 4600000000000 + r]);
    const file = path.join(dir, 'big-enough.xlsx');
    await workbook.xlsx.writeFile(file);
    const tooBig = await porterError(openAndReadAll(file, { maxEntryBytes: 50_000 }));
    expect(tooBig.code).toBe('FILE_TOO_LARGE');
    expect(tooBig.message).toMatch(/^big-enough\.xlsx: .*sheet1\.xml/);

    // 8 MB of blanks deflate to a few KB: far past 200 times.
    const padded = `<worksheet xmlns="${MAIN_NS}"><sheetData>${' '.repeat(8 << 20)}</sheetData></worksheet>`;
    const bomb = await porterError(openAndReadAll(writeSimpleWorkbook('bomb.xlsx', padded)));
    expect(bomb.code).toBe('FILE_TOO_LARGE');

    // A header that understates the size gets no further: yauzl counts the bytes against it and calls the zip damaged.
    // (No workbook.xml here: the reader falls back to xl/worksheets/sheet1.xml.)
    const lying = writeZip('lying.xlsx', [{ name: 'xl/worksheets/sheet1.xml', data: padded, claimedSize: 1000 }]);
    const lied = await porterError(openAndReadAll(lying));
    expect(lied.code).toBe('FILE_FORMAT');
    expect(lied.message).toMatch(/^lying\.xlsx: the workbook is damaged/);
  });

  it('yields batches, reports progress, and stops quietly when aborted', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист');
    for (let r = 1; r <= 5000; r++) sheet.addRow([r, productName(r)]);
    const file = path.join(dir, 'batches.xlsx');
    await workbook.xlsx.writeFile(file);
    const source = await openXlsxSource(file);

    const sizes: number[] = [];
    const progress: number[] = [];
    for await (const batch of source.rows()) {
      sizes.push(batch.length);
      progress.push(source.bytesRead());
    }
    // Full batches, then the rest (5,000 rows).
    const full = Math.floor(5000 / ROW_BATCH_SIZE);
    expect(sizes).toEqual([...Array<number>(full).fill(ROW_BATCH_SIZE), ...(5000 % ROW_BATCH_SIZE ? [5000 % ROW_BATCH_SIZE] : [])]);
    expect(sizes.length).toBeGreaterThan(1);
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress[0]).toBeLessThan(source.totalBytes);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(source.bytesRead()).toBe(source.totalBytes);

    const controller = new AbortController();
    let batches = 0;
    for await (const batch of source.rows(controller.signal)) {
      batches++;
      expect(batch[0]!.row).toBe(1);
      controller.abort();
    }
    expect(batches).toBe(1);
  });

  it('reads 100,000 rows of Cyrillic names back with no difference from what was written', async () => {
    const ROWS = 100_000;
    const expected = (r: number): string[] => {
      const cells = [String(r).padStart(7, '0'), productName(r), String((r % 997) + (r % 100) / 100), String(4600000000000 + r * 7919)];
      if (r % 3 === 0) cells.push(`примечание; "${NOUNS[r % NOUNS.length]}" ё`);
      return cells;
    };
    const file = path.join(dir, 'hundred-thousand.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const sheet = writer.addWorksheet('Прайс');
    sheet.addRow(['Код', 'Наименование', 'Цена', 'Штрихкод', 'Примечание']).commit();
    for (let r = 2; r <= ROWS + 1; r++) {
      const [code, name, price, barcode, note] = expected(r);
      sheet.addRow([code, name, Number(price), Number(barcode), note]).commit();
    }
    await writer.commit();

    const rows = await openAndReadAll(file);
    expect(rows.length).toBe(ROWS + 1);
    const differences: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const { row, cells } = rows[i]!;
      const want = expected(i + 1);
      if (row !== i + 1 || cells.length !== want.length || cells.some((cell, c) => cell !== want[c])) {
        differences.push(`row ${row}: ${JSON.stringify(cells)} != ${JSON.stringify(want)}`);
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(differences.length).toBe(0);
  }, 60_000);
});
