import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBrokenCsvOrder, writeOrderFile } from '../builders/orderFiles';
import { pdfText } from '../builders/pdfText';
import { openPorter, type OpenedPorter } from './support/browser';
import { HistoryScreen } from './support/HistoryScreen';
import { turnOn } from './support/keyboard';
import { ManagerOrders } from './support/ManagerOrders';
import { ManagerOutputs } from './support/ManagerOutputs';
import { ManagerStores } from './support/ManagerStores';
import {
  API_STORE,
  dayOfOrderFiles,
  directoryEntry,
  FILE_STORES,
  line,
  moscowDate,
  OVER_STOCK,
  PRICE_PROBLEMS,
} from './support/outputsDay';
import { startPorter, type PorterServer } from './support/porterServer';
import { callApi, seedPriceList } from './support/seed';
import { porterSessions } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const SHOTS = process.env.PORTER_SHOTS_DIR ?? '/tmp/porter-shots';
/** The pictures leave out the toasts that come and go at the corner. */
const SHOT_STYLE = '.toasts { display: none !important; }';
const { milk, milkUpper, kefir, chocolate, honey } = SLICE_ITEMS;

describe('the manager’s outputs in the browser shell', () => {
  const sessions = porterSessions();
  let store: PorterServer | null = null;
  let storePage: OpenedPorter | null = null;
  afterEach(async () => {
    await storePage?.context.close();
    storePage = null;
    await store?.stop();
    store = null;
  });

  it(
    'takes a folder of 50 mixed order files, fixes and cuts, exports to 1C and Excel, prints the pick list and answers the stores',
    { timeout: 180_000 },
    async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const tomorrow = moscowDate(1);
      const dayAfter = moscowDate(2);
      let token = '';
      let serverUrl = '';
      let storeOrderNumber = '';

      const session = await sessions.open({
        mode: 'manager',
        before: async (manager, workDir) => {
          await seedPriceList(manager, writeSlicePriceList(workDir));
          await callApi(manager, 'saveStores', { stores: [API_STORE, ...FILE_STORES].map(directoryEntry) });
          const server = await callApi(manager, 'setExchangeServer', { enabled: true, port: 0, bindAddress: '127.0.0.1' });
          serverUrl = `http://127.0.0.1:${server.listening!.port}`;
          token = (
            await callApi(manager, 'addExchangeStore', { name: API_STORE.name, customerCode: API_STORE.customerCode, priceType: '' })
          ).token;

          // The connected store composes and sends its order in its own Porter: it goes out through the outbox.
          store = await startPorter({ mode: 'store' });
          await seedPriceList(store, writeSlicePriceList(workDir, 'store-prices.csv'));
          await callApi(store, 'setStoreProfile', {
            storeName: API_STORE.name,
            customerCode: API_STORE.customerCode,
            priceType: '',
            locale: 'ru',
          });
          await callApi(store, 'setExchangeSettings', { mode: 'http', url: serverUrl, token, folder: '' });
          const draft = await callApi(store, 'createDraft', {});
          await callApi(store, 'setOrderLineQuantities', {
            orderId: draft.id,
            lines: [
              { itemCode: milk.code, quantity: 24 },
              { itemCode: kefir.code, quantity: 12 },
              { itemCode: honey.code, quantity: 2 },
            ],
          });
          await callApi(store, 'setOrderDetails', { orderId: draft.id, deliveryDate: tomorrow, comment: '' });
          storeOrderNumber = (await callApi(store, 'submitOrder', { orderId: draft.id })).number;
        },
      });
      const { page, workDir } = session;
      const orders = new ManagerOrders(page);
      const outputs = new ManagerOutputs(page);

      // The store's History shows the order delivered to the supplier.
      storePage = await openPorter(sessions.browser(), store!.loginUrl);
      const history = new HistoryScreen(storePage.page);
      await storePage.page.keyboard.press('Alt+2');
      await history.waitUntilReady();
      await history
        .supplierCell(storeOrderNumber)
        .locator('[data-testid="delivery-state"][data-state="sent"], [data-testid="supplier-status"]')
        .waitFor();

      // The day's files: 49 good ones in four formats and one broken order table.
      const inbox = path.join(workDir, 'inbox');
      fs.mkdirSync(inbox);
      const specs = dayOfOrderFiles(tomorrow, dayAfter);
      const files: string[] = [];
      for (const spec of specs) files.push(await writeOrderFile(inbox, spec));
      const broken = writeBrokenCsvOrder(inbox, {
        store: FILE_STORES[0]!,
        id: '5b1e0c4a-0000-4000-8000-000000000050',
        number: 'F-000050',
        deliveryDate: tomorrow,
        lines: [line(milk, 12), line(milkUpper, 12)],
        createdAt: '2026-11-30T09:00:00.000Z',
      });
      files.splice(20, 0, broken.file);
      expect(files).toHaveLength(50);
      expect(new Set(files.map((f) => path.extname(f))).size).toBe(4);

      // Settings: the exchange folder, where answers to the file stores go.
      await page.keyboard.press('Alt+4');
      await page.getByTestId('manager-settings-screen').waitFor();
      const exchangeFolder = path.join(workDir, 'exchange');
      fs.mkdirSync(exchangeFolder);
      await outputs.watchFolder(exchangeFolder);

      // The API order is in the inbox already; the 50 files through "Open files…", all at once.
      await page.keyboard.press('Alt+1');
      await orders.waitForShown(1);
      const chooser = page.waitForEvent('filechooser');
      await orders.openFiles.click();
      await (await chooser).setFiles(files);
      await page.getByTestId('intake-report').waitFor();
      expect(await page.locator('[data-testid="intake-file"][data-outcome="imported"]').count()).toBe(49);
      const failed = page.locator('[data-testid="intake-file"][data-outcome="failed"]');
      expect(await failed.count()).toBe(1);
      expect(await failed.getAttribute('data-file')).toBe(path.basename(broken.file));
      const reason = await failed.innerText();
      expect(reason).toContain(`${path.basename(broken.file)}, row ${broken.row}, column "Количество"`);
      expect(await page.getByTestId('intake-summary').innerText()).toMatch(/49/);
      await orders.intakeClose.click();
      await orders.waitForShown(50);

      // Problems: two old chocolate prices, six orders after the same 40 kefir.
      await orders.showProblems('problems');
      await orders.waitForShown(8);
      const priceOrders = specs.filter((_, n) => PRICE_PROBLEMS.has(n)).map((s) => s.number);
      for (const number of priceOrders) expect(await orders.row(number).locator('[data-kind="priceDiffers"]').count()).toBe(1);

      // The first: the price edited by hand, with the reason.
      await orders.row(priceOrders[0]!).click();
      await orders.waitForDetail(priceOrders[0]!);
      expect(await orders.detailLine(chocolate.code).getAttribute('data-problems')).toBe('priceDiffers');
      await orders.detailLine(chocolate.code).getByTestId('detail-line-edit').click();
      await page.getByTestId('line-edit-price').fill('115,00');
      await page.getByTestId('line-edit-reason').fill('Цена по действующему прайс-листу');
      await page.getByTestId('line-edit-save').click();
      await page
        .locator(`[data-testid="detail-line"][data-code="${chocolate.code}"][data-price="${chocolate.priceKopecks}"][data-problems=""]`)
        .waitFor();
      await orders.closeDetailWithKeyboard();
      // The second: repriced to the current price list.
      await orders.row(priceOrders[1]!).click();
      await orders.waitForDetail(priceOrders[1]!);
      await page.getByTestId('detail-reprice').click();
      await page
        .locator(`[data-testid="detail-line"][data-code="${chocolate.code}"][data-price="${chocolate.priceKopecks}"][data-problems=""]`)
        .waitFor();
      await orders.closeDetailWithKeyboard();

      // What is left are the kefir orders: all six ticked and cut to stock, every store its share.
      await orders.waitForShown(6);
      const overStock = [storeOrderNumber, ...specs.filter((_, n) => OVER_STOCK.has(n)).map((s) => s.number)];
      expect((await orders.shownNumbers()).sort()).toEqual(overStock.sort());
      await page.getByTestId('orders-check-all').click();
      await orders.waitForSelected(6);
      await page.getByTestId('batch-cutToStock').click();
      await page.getByTestId('batch-cut-proportional').click();
      await page.getByTestId('orders-nothing-shown').waitFor();
      const kefirCut = await callApi(session.server, 'listReceivedOrders', { search: kefir.code, limit: 100 });
      let kefirTotal = 0;
      for (const o of kefirCut.orders) {
        const detail = await callApi(session.server, 'getReceivedOrder', { id: o.id });
        const kefirLine = detail.lines.find((l) => l.itemCode === kefir.code)!;
        expect(kefirLine.quantity % 6).toBe(0);
        kefirTotal += kefirLine.quantity;
      }
      expect(kefirCut.orders).toHaveLength(6);
      expect(kefirTotal).toBeLessThanOrEqual(kefir.stock);
      expect(kefirTotal).toBeGreaterThan(0);

      // Everything is clean now: accept all 50.
      await orders.showProblems('all');
      await orders.waitForShown(50);
      await page.getByTestId('orders-check-all').click();
      await orders.waitForSelected(50);
      await page.getByTestId('batch-accept').click();
      await page.locator('[data-testid="batch-undo"][data-batch="accept"]').waitFor();
      await page.getByTestId('batch-clear').click();
      await orders.waitForSelected(0);
      await page.locator('[data-testid="outputs-export-count"][data-count="50"]').waitFor();

      // Export, nothing ticked: every accepted order, as one CommerceML file for 1C.
      await outputs.openExport();
      expect(await outputs.exportSummary.getAttribute('data-count')).toBe('50');
      await outputs.choose('export-format', 'commerceml');
      await outputs.choose('export-grouping', 'perBatch');
      await page.screenshot({ path: path.join(SHOTS, 'manager-out-export.png'), style: SHOT_STYLE, animations: 'disabled' });
      const cml = await outputs.download(outputs.exportConfirm);
      expect(cml.suggestedFilename()).toMatch(/^porter-orders-\d{8}-\d{6}\.xml$/);
      const xml = fs.readFileSync(await cml.path(), 'utf8');
      expect(xml.match(/<Документ>/g)).toHaveLength(50);
      for (const spec of specs.slice(0, 3)) expect(xml).toContain(`<Номер>${spec.number}</Номер>`);
      expect(xml).toContain(`<Номер>${storeOrderNumber}</Номер>`);
      await outputs.exportDialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="outputs-export-count"][data-count="0"]').waitFor();
      expect(await orders.row(specs[0]!.number).getAttribute('data-state')).toBe('exported');

      // Two of them again, to Excel: refused until the manager says "export again".
      const again = [specs[0]!.number, specs[1]!.number];
      for (const number of again) await orders.row(number).getByTestId('order-check').click();
      await orders.waitForSelected(2);
      await outputs.openExport();
      await outputs.choose('export-format', 'xlsx');
      await outputs.exportConfirm.click();
      await outputs.exportAlready.waitFor();
      const listed = await page.getByTestId('export-already-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
      expect(listed.sort()).toEqual([...again].sort());
      expect(await outputs.exportAlready.innerText()).toContain(cml.suggestedFilename());
      await page.screenshot({ path: path.join(SHOTS, 'manager-out-export-again.png'), style: SHOT_STYLE, animations: 'disabled' });
      const xlsx = await outputs.download(outputs.exportAgain);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await xlsx.path());
      const sheet = workbook.worksheets[0]!;
      const expectedLines = specs[0]!.lines.length + specs[1]!.lines.length;
      expect(sheet.actualRowCount).toBe(1 + expectedLines);
      const sheetText = JSON.stringify(sheet.getSheetValues());
      for (const number of again) expect(sheetText).toContain(number);
      await outputs.exportDialog.waitFor({ state: 'hidden' });
      await page.getByTestId('batch-clear').click();

      // The history of exports: the batch for 1C, then the two again to Excel.
      await outputs.historyButton.click();
      await outputs.historyRows.first().waitFor();
      expect(
        await outputs.historyRows.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-format'), r.getAttribute('data-count')])),
      ).toEqual([
        ['xlsx', '2'],
        ['commerceml', '50'],
      ]);
      await page.screenshot({ path: path.join(SHOTS, 'manager-out-exports-history.png'), style: SHOT_STYLE, animations: 'disabled' });
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="exports-history"] [role="dialog"]').waitFor({ state: 'hidden' });

      // The pick list for the next delivery date, printed.
      await outputs.pickListButton.click();
      await outputs.pickListDialog.waitFor();
      expect(await outputs.pickListDate.getAttribute('data-value')).toBe(tomorrow);
      await outputs.choose('pick-list-format', 'pdf');
      await page.screenshot({ path: path.join(SHOTS, 'manager-out-pick-list.png'), style: SHOT_STYLE, animations: 'disabled' });
      const pdf = await outputs.download(outputs.pickListMake);
      expect(pdf.suggestedFilename()).toBe(`pick-list-${tomorrow}.pdf`);
      const text = await pdfText(await pdf.path());
      for (const item of [milk, kefir, chocolate, honey]) expect(text).toContain(item.code);
      expect(text).toContain('Молоко');
      expect(text).toContain(API_STORE.name);
      await outputs.pickListDialog.waitFor({ state: 'hidden' });

      // Answer every store: the connected one through the API, the others into the folder's outgoing/.
      await outputs.answersButton.click();
      await outputs.answersDialog.waitFor();
      expect(await page.getByTestId('answers-summary').getAttribute('data-count')).toBe('50');
      expect(await page.getByTestId('answers-files-where').innerText()).toContain(exchangeFolder);
      await outputs.answersConfirm.click();
      await page.locator('[data-testid="answers-result"][data-sent="1"][data-written="49"]').waitFor();
      expect(fs.readdirSync(path.join(exchangeFolder, 'outgoing')).filter((name) => name.endsWith('.json'))).toHaveLength(49);
      await page.screenshot({ path: path.join(SHOTS, 'manager-out-answers.png'), style: SHOT_STYLE, animations: 'disabled' });
      await page.getByTestId('answers-close').click();
      await page.locator('[data-testid="outputs-answers-count"][data-count="0"]').waitFor();

      // The connected store sees the answer in its History: the kefir cut to its share.
      await history.openWithKeyboard(storeOrderNumber);
      await history.checkAnswersButton.click();
      await storePage.page.locator('[data-testid="supplier-answer"][data-status="partiallyAccepted"]').waitFor();
      expect(await history.line(kefir.code).getAttribute('data-answer')).toBe('cut');
      expect(await history.line(milk.code).getAttribute('data-answer')).toBe('confirmed');
    },
  );

  it('shows the watched folder’s intake, reviews a new price list before publishing it, and gives a store its price list file', async () => {
    const session = await sessions.open({
      mode: 'manager',
      before: async (manager, workDir) => {
        await seedPriceList(manager, writeSlicePriceList(workDir));
        await callApi(manager, 'saveStores', {
          stores: [directoryEntry(API_STORE), { ...directoryEntry(FILE_STORES[0]!), priceType: 'Мелкий опт' }],
        });
      },
    });
    const { page, workDir } = session;
    const outputs = new ManagerOutputs(page);
    const stores = new ManagerStores(page);
    fs.mkdirSync(SHOTS, { recursive: true });

    // A folder that is not there: said, and the field marked.
    await page.keyboard.press('Alt+4');
    await page.getByTestId('manager-settings-screen').waitFor();
    await outputs.folderPath.fill(path.join(workDir, 'no-such-folder'));
    await turnOn(outputs.folderEnabled);
    await outputs.folderSave.click();
    await page
      .locator('[data-testid="settings-folder"] [data-testid="error-alert"][data-error-code="EXCHANGE_FOLDER_UNAVAILABLE"]')
      .waitFor();
    expect(await outputs.folderPath.getAttribute('aria-invalid')).toBe('true');

    // The real folder: watched; a good file and a broken one dropped in show in the log.
    const folder = path.join(workDir, 'exchange');
    fs.mkdirSync(folder);
    await outputs.watchFolder(folder);
    const good = await writeOrderFile(workDir, {
      store: FILE_STORES[0]!,
      id: '5b1e0c4a-0000-4000-8000-000000000101',
      number: 'P-000101',
      format: 'xml',
      deliveryDate: moscowDate(1),
      lines: [line(milk, 12), line(honey, 2)],
      createdAt: '2026-11-30T06:00:00.000Z',
    });
    fs.copyFileSync(good, path.join(folder, path.basename(good)));
    fs.writeFileSync(path.join(folder, 'broken-order.json'), '{"format": "porter.order", "version": 1, "order": ');
    await outputs.folderRow(path.basename(good), 'imported').waitFor();
    await outputs.folderRow('broken-order.json', 'quarantined').waitFor();
    expect(await outputs.folderRow('broken-order.json', 'quarantined').getByTestId('folder-intake-details').innerText()).toContain(
      'broken-order.json',
    );
    expect(fs.existsSync(path.join(folder, 'quarantine', 'broken-order.json.reason.txt'))).toBe(true);
    await page.getByTestId('settings-folder').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'manager-out-folder.png'), style: SHOT_STYLE, animations: 'disabled' });

    // The back office's next price list: chocolate dearer, honey gone — loaded for review, not published.
    const published = (await callApi(session.server, 'getAppInfo', {})).priceList!;
    const next = writeSlicePriceList(workDir, 'прайс-декабрь.csv', { prices: { [chocolate.code]: '126,50' }, without: [honey.code] });
    await page.keyboard.press('Alt+2');
    await stores.waitUntilReady();
    await outputs.publishing.waitFor();
    expect(await outputs.publishing.getAttribute('data-staged')).toBe('no');
    await session.importDialog.open(page.getByTestId('publishing-import'), next);
    await session.importDialog.startButton.click();
    await page.getByTestId('import-staged').waitFor();
    expect((await callApi(session.server, 'getAppInfo', {})).priceList!.id).toBe(published.id);
    await page.getByTestId('import-review').click();
    await page.locator('[data-testid="price-list-review"] [data-state="staged"]').waitFor();
    expect(await page.getByTestId('review-tab-changed').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('review-tab-removed').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('review-tab-added').getAttribute('data-count')).toBe('0');
    const changed = page.locator(`[data-testid="review-item"][data-code="${chocolate.code}"]`);
    expect(await changed.innerText()).toMatch(/115,00[\s\S]*126,50/);
    expect(await changed.getByTestId('review-item-change').innerText()).toBe('+10,0 %');
    await page.screenshot({ path: path.join(SHOTS, 'manager-out-price-review.png'), style: SHOT_STYLE, animations: 'disabled' });
    await page.getByTestId('review-tab-removed').click();
    await page.locator(`[data-testid="review-removed"] [data-testid="review-item"][data-code="${honey.code}"]`).waitFor();

    // "Later": the stores screen says a list waits; publishing from there makes it current.
    await page.getByRole('button', { name: 'Позже' }).click();
    await page.locator('[data-testid="price-list-publishing"][data-staged="yes"]').waitFor();
    await page.getByTestId('publishing-review').click();
    await page.getByTestId('review-publish').click();
    await page.locator('[data-testid="price-list-publishing"][data-staged="no"]').waitFor();
    const current = (await callApi(session.server, 'getAppInfo', {})).priceList!;
    expect(current.id).not.toBe(published.id);
    expect(current.sourceName).toBe('прайс-декабрь.csv');
    await page.locator('[data-testid="price-list-name"]', { hasText: 'прайс-декабрь.csv' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'manager-out-stores.png'), style: SHOT_STYLE, animations: 'disabled' });

    // A store without the API gets the published list as a file at its price type.
    const file = await outputs.download(stores.row(FILE_STORES[0]!.customerCode).getByTestId('store-price-list'));
    const priceListFile = JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as {
      format: string;
      priceList: { priceType?: string; items: { code: string; priceKopecks: number }[] };
    };
    expect(priceListFile.format).toBe('porter.price-list');
    expect(priceListFile.priceList.items.find((i) => i.code === chocolate.code)?.priceKopecks).toBe(12_650);
    expect(priceListFile.priceList.items.some((i) => i.code === honey.code)).toBe(false);
    expect(JSON.stringify(priceListFile)).toContain('Мелкий опт');
  });
});
