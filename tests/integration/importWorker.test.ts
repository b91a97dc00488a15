import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerCatalogBuilder } from '../../electron/core/catalog/workerCatalogBuilder';
import { createCore } from '../../electron/core/core';
import { fixturePath, tempDataDir } from '../builders/dataDir';
import { generateItems, writePriceListCsv } from '../builders/priceLists';

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
  it('gives the same catalog as an import in this thread', async () => {
    const inWorker = await createCore({
      dataDir: fs.mkdtempSync(path.join(work.dir, 'w-')),
      catalogBuilder: workerCatalogBuilder(workerFile),
    });
    const inThread = await createCore({ dataDir: fs.mkdtempSync(path.join(work.dir, 't-')) });
    try {
      const file = fixturePath('price-lists', 'cp1251-letterhead-categories.csv');
      const a = await inWorker.priceLists.importFile(file, 'prices.csv');
      const b = await inThread.priceLists.importFile(file, 'prices.csv');
      expect({ ...a, priceList: null }).toEqual({ ...b, priceList: null });
      const page = { query: '', offset: 0, limit: 100 };
      expect(await inWorker.api.searchItems(page)).toEqual(await inThread.api.searchItems(page));
    } finally {
      inWorker.close();
      inThread.close();
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
});
