import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsvSource } from '../../electron/core/formats/csvSource';
import { generateItems, writePriceListCsv } from '../builders/priceLists';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porter-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string): Promise<string[][]> {
  const source = await openCsvSource(file);
  const rows: string[][] = [];
  for await (const batch of source.rows()) for (const row of batch) rows.push(row.cells);
  return rows;
}

describe('CSV files with Cyrillic text, read in 1 MB chunks', () => {
  // Every name crosses the reader's chunk boundaries somewhere in 200,000 rows (≈ 20 MB).
  const COUNT = 200_000;

  it.each(['utf-8', 'windows-1251'] as const)('%s: zero corrupted characters in 200,000 rows', { timeout: 60_000 }, async (encoding) => {
    const file = path.join(dir, `big-${encoding}.csv`);
    await writePriceListCsv(file, generateItems(COUNT, 7), { encoding, bom: false });
    const rows = await readAll(file);
    expect(rows.length).toBe(COUNT + 1);
    let mismatches = 0;
    let index = 1;
    for (const item of generateItems(COUNT, 7)) {
      const cells = rows[index++]!;
      if (cells[1] !== item.name || cells[0] !== item.code || cells[2] !== item.barcode || cells[9] !== item.category) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(rows.flat().some((c) => c.includes('\uFFFD'))).toBe(false);
  });

  it('a damaged UTF-8 byte deep in the file is an error naming its row, not garbage', async () => {
    const file = path.join(dir, 'damaged.csv');
    await writePriceListCsv(file, generateItems(50_000, 3), { encoding: 'utf-8', bom: true });
    const bytes = fs.readFileSync(file);
    // Replace the first byte of the 30,000th line with a byte that can never start UTF-8.
    let line = 1;
    let at = 0;
    while (line < 30_000) if (bytes[at++] === 0x0a) line++;
    bytes[at] = 0xff;
    fs.writeFileSync(file, bytes);
    await expect(readAll(file)).rejects.toMatchObject({ code: 'FILE_ENCODING', details: { file: 'damaged.csv', row: 30_000 } });
  });

  it('an unterminated quote is an error naming its row', async () => {
    const file = path.join(dir, 'quote.csv');
    fs.writeFileSync(file, 'Код;Наименование;Цена\n1;"Молоко;10\n2;Кефир;20\n');
    await expect(readAll(file)).rejects.toMatchObject({ code: 'FILE_FORMAT', details: { row: 2 } });
  });
});
