import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../builders/random';
import { waitUntilReady } from './support/browser';
import { CatalogPage } from './support/CatalogPage';
import { DataPanel } from './support/DataPanel';
import { tabTo } from './support/keyboard';
import { OrderPanel } from './support/OrderPanel';
import { startPorter } from './support/porterServer';
import { openPorterPage, RecoveryScreen } from './support/RecoveryScreen';
import { seedPriceList } from './support/seed';
import { porterSessions } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const { milk, chocolate } = SLICE_ITEMS;
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const databaseFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('porter.sqlite'))
    .sort();

describe('data that survives a damaged database', () => {
  const sessions = porterSessions();

  it('after the database is damaged between two starts, says so, offers the backup, and restores it from the keyboard', async () => {
    const session = await sessions.open({
      before: async (server, workDir) => void (await seedPriceList(server, writeSlicePriceList(workDir))),
    });
    const { page, catalog, order, server } = session;

    // A line, then a backup from Settings → Data with the keyboard, then a line the backup does not have.
    await catalog.searchFor(milk.code);
    await catalog.orderQuantity(milk.code, 24);
    await order.waitForLine(milk.code, 24);
    await order.waitUntilSaved();
    await page.keyboard.press('Alt+4');
    const data = new DataPanel(page);
    await data.waitUntilReady();
    expect(await data.backups.count()).toBe(0);
    await tabTo(page, 'backup-now');
    await page.keyboard.press('Enter');
    await data.backup('manual').waitFor();
    await page.keyboard.press('Alt+1');
    await catalog.searchFor(chocolate.code);
    await catalog.orderQuantity(chocolate.code, 40);
    await order.waitForLine(chocolate.code, 40);
    await order.waitUntilSaved();
    await session.context.close();
    await server.stop({ keepDataDir: true });

    // Between two starts the file is overwritten with random bytes (a disk fault, a bad copy).
    const file = path.join(server.dataDir, 'porter.sqlite');
    const random = seededRandom(11);
    fs.writeFileSync(file, Buffer.from(Array.from({ length: fs.statSync(file).size }, () => Math.floor(random() * 256))));
    const damaged = sha256(file);

    const restarted = await startPorter({ dataDir: server.dataDir });
    try {
      const { context, page: reopened, pageErrors } = await openPorterPage(sessions.browser(), restarted.loginUrl);
      const recovery = new RecoveryScreen(reopened);
      await recovery.waitUntilShown();
      expect(await recovery.title.innerText()).toBe('База данных Porter повреждена');
      expect(await recovery.file.innerText()).toContain(file);
      expect(await recovery.sqliteMessage.innerText()).toBe('file is not a database');
      expect(await recovery.backups.count()).toBe(1);
      expect(await recovery.chosenBackupId()).toMatch(/-manual\.sqlite$/);
      expect(await recovery.startEmptyButton.innerText()).toContain(`${file}.damaged-`);
      // Nothing has been touched before the user chose.
      expect(sha256(file)).toBe(damaged);
      expect(databaseFiles(restarted.dataDir)).toEqual(['porter.sqlite']);

      await tabTo(reopened, 'recovery-restore');
      const reloaded = reopened.waitForEvent('load');
      await reopened.keyboard.press('Enter');
      await reloaded;
      await waitUntilReady(reopened);

      // The backup's order is back (the line typed after the backup is not), and the catalog is ready.
      expect(await new OrderPanel(reopened).shownLines()).toEqual([{ code: milk.code, quantity: 24 }]);
      const catalogAfter = new CatalogPage(reopened);
      await catalogAfter.searchFor(chocolate.code);
      expect(await catalogAfter.shownCodes()).toEqual([chocolate.code]);
      // The damaged file is kept aside, byte for byte.
      const aside = databaseFiles(restarted.dataDir).find((name) => name.startsWith('porter.sqlite.damaged-'));
      expect(aside).toBeDefined();
      expect(sha256(path.join(restarted.dataDir, aside!))).toBe(damaged);
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      await restarted.stop();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  it('restores a backup from the settings after saying what will happen, and saves diagnostics for support', async () => {
    const session = await sessions.open({
      before: async (server, workDir) => void (await seedPriceList(server, writeSlicePriceList(workDir))),
    });
    const { page, catalog, order } = session;
    await catalog.searchFor(milk.code);
    await catalog.orderQuantity(milk.code, 24);
    await order.waitForLine(milk.code, 24);
    await order.waitUntilSaved();
    await page.keyboard.press('Alt+4');
    const data = new DataPanel(page);
    await data.waitUntilReady();
    await data.backUpNow.click();
    await data.backup('manual').waitFor();

    await page.keyboard.press('Alt+1');
    await catalog.searchFor(milk.code);
    await catalog.orderQuantity(milk.code, 36);
    await order.waitForLine(milk.code, 36);
    await order.waitUntilSaved();

    await page.keyboard.press('Alt+4');
    await data.waitUntilReady();
    const download = page.waitForEvent('download');
    await data.saveDiagnostics.click();
    const archive = await download;
    expect(archive.suggestedFilename()).toMatch(/^porter-diagnostics-.*\.zip$/);
    const names = await zipEntryNames(await archive.path());
    expect(names).toEqual(
      expect.arrayContaining(['README.txt', 'versions.json', 'settings.json', 'database.json', 'logs/browser-shell.log']),
    );

    await data.restore.click();
    await data.confirmDialog.waitFor();
    const text = await data.confirmDialog.innerText();
    expect(text).toContain('Прайс-лист не меняется');
    expect(text).toContain('сделает копию нынешних данных');
    // Cancel has the focus: Enter alone does not replace anything.
    await page.locator('[data-testid="restore-cancel"]:focus').waitFor();
    await page.keyboard.press('Enter');
    await data.confirmDialog.waitFor({ state: 'hidden' });
    await data.restore.click();
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('restore-confirm-button').click();
    await reloaded;
    await waitUntilReady(page);

    // The order as it was at the backup; the data it replaced is one more backup in the list.
    expect(await new OrderPanel(page).shownLines()).toEqual([{ code: milk.code, quantity: 24 }]);
    await page.keyboard.press('Alt+4');
    await data.waitUntilReady();
    await data.backup('beforeRestore').waitFor();
    expect(await data.backups.count()).toBe(2);
  });
});

function zipEntryNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
