import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/porter';
import { createCore } from '../../electron/core/core';
import type { ImportReport, Item } from '../../shared/domain';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { jobFinished, startImportLikeTheUi } from '../builders/jobs';
import { csvTextToRows, writeWorkbook } from '../builders/workbooks';

const work = tempDataDir('porter-cli');
afterAll(() => work.remove());
const csvFile = fixturePath('price-lists', 'cp1251-letterhead-categories.csv');
const xlsxFile = path.join(work.dir, 'cp1251-letterhead-categories.xlsx');

beforeAll(async () => {
  // The same price list as a workbook: header on row 9, category rows, codes as text, barcodes as numbers.
  const rows: (string | number)[][] = csvTextToRows(iconv.decode(fs.readFileSync(csvFile), 'win1251'));
  for (const row of rows.slice(9)) if (/^\d{13}$/.test(String(row[3] ?? ''))) row[3] = Number(row[3]);
  await writeWorkbook(xlsxFile, rows);
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out, err };
}

/** Imports through the contract exactly as the renderer does: preview, then start with the preview's mapping, then wait for the job. */
async function importLikeTheUi(dataDir: string, file: string): Promise<{ report: ImportReport; items: Item[] }> {
  const core = await createCore({ dataDir });
  try {
    const jobId = await startImportLikeTheUi(core, file);
    const job = await jobFinished(core.jobs, jobId);
    expect(job.state).toBe('done');
    const items = (await core.api.searchItems({ query: '', offset: 0, limit: 500 })).items;
    return { report: job.result!, items };
  } finally {
    core.close();
  }
}

describe('porter command line', () => {
  it.each([
    ['CSV', csvFile],
    ['XLSX', xlsxFile],
  ])('imports the %s file with the same result as the UI', async (_kind, file) => {
    const cliDir = fs.mkdtempSync(path.join(work.dir, 'cli-'));
    const uiDir = fs.mkdtempSync(path.join(work.dir, 'ui-'));
    const result = await cli(['import-pricelist', file, '--data-dir', cliDir, '--json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as {
      items: number;
      categories: number;
      rejected: { row: number; field: string; reason: string }[];
    };
    expect(printed).toMatchObject({ items: 7, categories: 3, rejected: [{ row: 17, field: 'price', reason: 'not a price: "abc"' }] });

    const ui = await importLikeTheUi(uiDir, file);
    expect(printed.items).toBe(ui.report.items);
    expect(printed.categories).toBe(ui.report.categories);
    expect(printed.rejected).toEqual(ui.report.rejected.map(({ row, field, reason }) => ({ row, field, reason })));

    const search = await cli(['search', '', '--data-dir', cliDir, '--json', '--limit', '500']);
    expect(JSON.parse(search.out)).toEqual(ui.items);
  });

  it('CSV and XLSX of the same list give identical catalogs', async () => {
    const a = await importLikeTheUi(fs.mkdtempSync(path.join(work.dir, 'a-')), csvFile);
    const b = await importLikeTheUi(fs.mkdtempSync(path.join(work.dir, 'b-')), xlsxFile);
    expect(b.items).toEqual(a.items);
    expect(a.items.find((i) => i.code === '000123')?.barcode).toBe('4607001234562');
    // The letterhead above the header row is read from both formats alike.
    const letterhead = { supplierName: 'ООО «Северный оптовик»', minOrderKopecks: 500_000 };
    expect(a.report.priceList).toMatchObject(letterhead);
    expect(b.report.priceList).toMatchObject(letterhead);
  });

  it('search --json prints the named fields; draft, set-quantity and export-order work together', async () => {
    const dataDir = fs.mkdtempSync(path.join(work.dir, 'flow-'));
    await cli(['import-pricelist', csvFile, '--data-dir', dataDir]);
    const search = await cli(['search', 'МОЛОКО', '--data-dir', dataDir, '--json']);
    const items = JSON.parse(search.out) as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(Object.keys(items[0]!).sort()).toEqual([
      'barcode',
      'category',
      'code',
      'isNew',
      'minOrderQuantity',
      'name',
      'packMultiple',
      'previousPriceKopecks',
      'priceKopecks',
      'stock',
      'stockAtLeast',
      'unit',
      'vatRate',
    ]);
    expect(items[0]).toMatchObject({
      code: '000123',
      barcode: '4607001234562',
      unit: 'шт',
      packMultiple: 12,
      priceKopecks: 8990,
      vatRate: 10,
      stock: 1200,
      stockAtLeast: false,
      category: 'Молочная продукция',
      isNew: false,
      previousPriceKopecks: null,
    });
    expect(items[1]).toMatchObject({ code: '000124', stock: 100, stockAtLeast: true });

    expect((await cli(['set-quantity', '000123', '24', '--data-dir', dataDir])).code).toBe(0);
    const draft = JSON.parse((await cli(['draft', '--data-dir', dataDir, '--json'])).out) as {
      id: string;
      totals: { grossKopecks: number };
    };
    expect(draft.totals.grossKopecks).toBe(24 * 8990);
    const target = path.join(dataDir, 'order.json');
    const exported = await cli(['export-order', draft.id, target, '--data-dir', dataDir, '--json']);
    expect(exported.code).toBe(0);
    const file = JSON.parse(fs.readFileSync(target, 'utf8')) as {
      format: string;
      order: { lines: { itemCode: string; quantity: number }[] };
    };
    expect(file.format).toBe('porter.order');
    expect(file.order.lines).toMatchObject([{ itemCode: '000123', quantity: 24 }]);
  });

  it('bad input: a one-line error and a non-zero exit status', async () => {
    const dataDir = fs.mkdtempSync(path.join(work.dir, 'bad-'));
    const missing = await cli(['import-pricelist', path.join(dataDir, 'nope.csv'), '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^porter: .*nope\.csv: no such file\n$/);
    const damaged = path.join(dataDir, 'damaged.csv');
    fs.writeFileSync(damaged, 'Код;Наименование;Цена\n1;"Молоко;10\n');
    const structural = await cli(['import-pricelist', damaged, '--data-dir', dataDir]);
    expect(structural.code).toBe(1);
    expect(structural.err.trim().split('\n')).toHaveLength(1);
    expect(structural.err).toMatch(/row 2/);
    const usage = await cli(['export-order', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
    expect((await cli(['export-order', 'no-such-order', path.join(dataDir, 'x.json'), '--data-dir', dataDir])).code).toBe(1);
  });

  it('the porter bin runs as a real process', () => {
    const dataDir = fs.mkdtempSync(path.join(work.dir, 'bin-'));
    const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'porter.mjs');
    const ok = spawnSync(process.execPath, [bin, 'import-pricelist', csvFile, '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ items: 7, categories: 3 });
    const bad = spawnSync(process.execPath, [bin, 'import-pricelist', path.join(dataDir, 'nope.csv'), '--data-dir', dataDir], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/nope\.csv: no such file/);
  });
});
