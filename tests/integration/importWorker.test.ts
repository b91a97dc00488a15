import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workerCatalogBuilder } from '../../electron/core/catalog/workerCatalogBuilder';
import { createCore, type PorterCore } from '../../electron/core/core';
import type { ImportReport } from '../../shared/domain';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { csvTextToRows, writeWorkbook } from '../builders/workbooks';

// The app imports in a worker thread that reads in a second one: test the built bundles it runs.
const root = path.join(import.meta.dirname, '..', '..');
const workerFile = path.join(root, 'out', 'node', 'importWorker.js');
const work = tempDataDir('porter-worker');

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});
afterAll(() => work.remove());

describe('import in worker threads', () => {
  it('gives the same catalog as an import in this thread, from CSV, XLSX and CommerceML (each reader loaded when needed)', async () => {
    const csv = fixturePath('price-lists', 'cp1251-letterhead-categories.csv');
    const xlsx = path.join(work.dir, 'prices.xlsx');
    await writeWorkbook(xlsx, csvTextToRows(new TextDecoder('windows-1251').decode(fs.readFileSync(csv))));
    const exchange = [
      { path: fixturePath('commerceml', 'cml207_import0_1_ut11_utf8bom.xml'), name: 'import0_1.xml' },
      { path: fixturePath('commerceml', 'cml207_offers0_1_ut11_utf8bom.xml'), name: 'offers0_1.xml' },
    ];
    const imports: [string, (core: PorterCore) => Promise<ImportReport>][] = [
      ['CSV', (core) => core.priceLists.importFile(csv, 'prices.csv')],
      ['XLSX', (core) => core.priceLists.importFile(xlsx, 'prices.xlsx')],
      ['CommerceML', (core) => core.priceLists.importFiles(exchange)],
    ];
    for (const [format, importInto] of imports) {
      const inWorker = await createCore({
        dataDir: fs.mkdtempSync(path.join(work.dir, 'w-')),
        catalogBuilder: workerCatalogBuilder(workerFile),
      });
      const inThread = await createCore({ dataDir: fs.mkdtempSync(path.join(work.dir, 't-')) });
      try {
        const a = await importInto(inWorker);
        const b = await importInto(inThread);
        expect(a.items, format).toBeGreaterThan(5);
        expect({ ...a, priceList: null }, format).toEqual({ ...b, priceList: null });
        const page = { query: '', offset: 0, limit: 100 };
        expect(await inWorker.api.searchItems(page), format).toEqual(await inThread.api.searchItems(page));
      } finally {
        inWorker.close();
        inThread.close();
      }
    }
  });

  it('reports progress, and a cancel stops both threads and keeps the previous list', async () => {
    const core = await createCore({ dataDir: fs.mkdtempSync(path.join(work.dir, 'c-')), catalogBuilder: workerCatalogBuilder(workerFile) });
    try {
      await core.priceLists.importFile(fixturePath('price-lists', 'cp1251-letterhead-categories.csv'), 'prices.csv');
      const previous = core.priceLists.currentInfo;
      const big = path.join(work.dir, 'big.csv');
      await writePriceListCsv(big, generateItems(150_000, 5));
      const controller = new AbortController();
      const progress: number[] = [];
      const result = core.priceLists.importFile(big, 'big.csv', undefined, controller.signal, (p) => {
        progress.push(p.rows ?? 0);
        if ((p.rows ?? 0) > 0) controller.abort();
      });
      await expect(result).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
      expect(progress.some((rows) => rows > 0)).toBe(true);
      expect(core.priceLists.currentInfo).toEqual(previous);
      expect(fs.readdirSync(path.join(core.dataDir, 'catalogs'))).toEqual([`${previous!.id}.sqlite`]);
    } finally {
      core.close();
    }
  });

  it('a reading error in the parse worker arrives with its code, file and row', async () => {
    const core = await createCore({ dataDir: fs.mkdtempSync(path.join(work.dir, 'e-')), catalogBuilder: workerCatalogBuilder(workerFile) });
    try {
      const file = path.join(work.dir, 'broken.csv');
      fs.writeFileSync(file, 'Код;Наименование;Цена\n1;Молоко;10\n2;"Кефир;20\n');
      await expect(core.priceLists.importFile(file, 'broken.csv')).rejects.toMatchObject({
        code: 'FILE_FORMAT',
        details: { file: 'broken.csv', row: 3 },
      });
      expect(core.priceLists.currentInfo).toBeNull();
    } finally {
      core.close();
    }
  });

  it('threads started ahead serve the import of their file; those of another file, or of an import that fails first, are stopped', async () => {
    const builder = workerCatalogBuilder(workerFile);
    const core = await createCore({ dataDir: fs.mkdtempSync(path.join(work.dir, 'p-')), catalogBuilder: builder });
    // Threads of this test process (Linux): each worker thread is one.
    const threads = () => fs.readdirSync('/proc/self/task').length;
    try {
      const file = fixturePath('price-lists', 'cp1251-letterhead-categories.csv');
      // libuv starts its thread pool on the first file read: started now, before counting. Other threads of
      // the process come and go (the count was once one higher for a moment): only the lowest count seen is
      // the idle one, and a build's two threads left running would stay above it.
      await fs.promises.readFile(file);
      const before = threads();
      const first = await core.priceLists.importFile(file, 'prices.csv');
      await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(before), { timeout: 10_000 });
      const idle = Math.min(before, threads());

      builder.prepare!(file);
      await vi.waitFor(() => expect(threads()).toBeGreaterThanOrEqual(idle + 2), { timeout: 10_000 });
      expect({ ...(await core.priceLists.importFile(file, 'prices.csv')), priceList: null }).toEqual({ ...first, priceList: null });
      await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(idle), { timeout: 10_000 });

      builder.prepare!(path.join(work.dir, 'some-other.csv'));
      const other = path.join(work.dir, 'two.csv');
      fs.writeFileSync(other, 'Код;Наименование;Цена\n001;Молоко;10\n002;Кефир;20,50\n');
      expect(await core.priceLists.importFile(other, 'two.csv')).toMatchObject({ items: 2, rejected: [] });
      await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(idle), { timeout: 10_000 });

      const headless = path.join(work.dir, 'headless.csv');
      fs.writeFileSync(headless, 'a;b;c\n1;2;3\n');
      await expect(core.priceLists.importFile(headless, 'headless.csv')).rejects.toMatchObject({ code: 'IMPORT_NO_HEADER' });
      await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(idle), { timeout: 10_000 });
    } finally {
      core.close();
    }
  });
});
