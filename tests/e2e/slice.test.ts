import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { formatMoney, lineAmount, lineTotals, orderTotals } from '../../shared/money';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { openPorter, waitUntilReady } from './support/browser';
import { OrderPanel } from './support/OrderPanel';
import { startPorter } from './support/porterServer';
import { seedPriceList } from './support/seed';
import { porterSessions, type PorterSession } from './support/session';
import { BAD_ROW, HEADER_ROW, SLICE_HEADINGS, SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const withSlicePriceList = async (server: Parameters<typeof seedPriceList>[0], workDir: string) => {
  await seedPriceList(server, writeSlicePriceList(workDir));
};

describe('store purchaser: price list → search → order → export', () => {
  const sessions = porterSessions();
  let session: PorterSession;

  it('imports a windows-1251 CSV through the mapping dialog and names the rejected row', async () => {
    session = await sessions.open();
    const { catalog, importDialog } = session;
    await catalog.emptyState.waitFor();

    await importDialog.open(session.page.getByTestId('empty-import-button'), writeSlicePriceList(session.workDir));
    expect(await importDialog.fileName.innerText()).toBe('прайс-северный.csv');
    expect(await importDialog.format.innerText()).toBe('CSV');
    expect(await importDialog.encoding.innerText()).toBe('windows-1251');
    expect(await importDialog.delimiter.innerText()).toContain('(;)');
    expect(await importDialog.headerRow.inputValue()).toBe(String(HEADER_ROW));
    expect(await importDialog.headingTexts()).toEqual(SLICE_HEADINGS);
    expect(await importDialog.mappedFields()).toEqual([
      'code',
      'name',
      'barcode',
      'unit',
      'packMultiple',
      'minOrderQuantity',
      'price',
      'stock',
      'vatRate',
    ]);
    const sample = await importDialog.mappingTable.innerText();
    expect(sample).toContain('000123');
    expect(sample).toContain(SLICE_ITEMS.chocolate.name);

    // Required fields: without a price column the import cannot start.
    await importDialog.mapColumn(6, '');
    expect(await importDialog.startButton.isDisabled()).toBe(true);
    expect(await importDialog.missingHint.innerText()).toContain('Цена');
    await importDialog.mapColumn(6, 'price');
    expect(await importDialog.startButton.isDisabled()).toBe(false);

    await importDialog.startButton.click();
    await importDialog.result.waitFor();
    expect(await importDialog.resultItems.innerText()).toBe('7');
    expect(await importDialog.resultCategories.innerText()).toBe('3');
    expect(await importDialog.resultRejected.innerText()).toBe('1');
    expect(await importDialog.rejectedRows.count()).toBe(1);
    const rejected = importDialog.rejectedRows.first();
    expect(await rejected.getAttribute('data-row')).toBe(String(BAD_ROW.row));
    expect(await rejected.getAttribute('data-field')).toBe(BAD_ROW.field);
    expect((await rejected.innerText()).split('\t').map((cell) => cell.trim())).toEqual([
      String(BAD_ROW.row),
      'Цена',
      'Не цена',
      BAD_ROW.value,
    ]);

    await importDialog.closeButton.click();
    await importDialog.dialog.waitFor({ state: 'detached' });
    await catalog.rows.first().waitFor();
    expect(await catalog.priceListName.innerText()).toBe('прайс-северный.csv');
    expect(await catalog.count.innerText()).toBe('Всего: 7');
    expect(await catalog.shownCodes()).toEqual(['000123', '000124', '000125', '000200', '000201', '000300', '000301']);
    expect(await catalog.row(SLICE_ITEMS.chocolate.code).locator('[data-col="name"]').innerText()).toBe(SLICE_ITEMS.chocolate.name);
    expect(await catalog.row(SLICE_ITEMS.tree.code).locator('[data-col="price"]').innerText()).toBe(
      formatMoney(SLICE_ITEMS.tree.priceKopecks, 'ru'),
    );
  });

  it('shows progress while a large price list imports, and Stop keeps the previous one', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, importDialog } = session;
    const big = path.join(session.workDir, 'big.csv');
    await writePriceListCsv(big, generateItems(150_000), {});

    await importDialog.open(catalog.importButton, big);
    await importDialog.startButton.click();
    await session.page.locator('[data-testid="import-progress"][data-phase="reading"]').waitFor();
    await importDialog.stopButton.click();
    await importDialog.cancelled.waitFor();
    await importDialog.closeButton.click();
    await importDialog.dialog.waitFor({ state: 'detached' });

    expect(await catalog.priceListName.innerText()).toBe('прайс-северный.csv');
    expect(await catalog.count.innerText()).toBe('Всего: 7');
  });

  it('finds items by Cyrillic text in any case, by barcode, and treats ё as е', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog } = session;
    const milk = [SLICE_ITEMS.milk.code, SLICE_ITEMS.milkUpper.code];

    await catalog.searchFor('молоко');
    expect(await catalog.shownCodes()).toEqual(milk);
    expect(await catalog.count.innerText()).toBe('Найдено: 2');
    await catalog.searchFor('МОЛОКО');
    expect(await catalog.shownCodes()).toEqual(milk);
    await catalog.searchFor('мОлОкО домик');
    expect(await catalog.shownCodes()).toEqual([SLICE_ITEMS.milkUpper.code]);

    await catalog.searchFor(SLICE_ITEMS.milkUpper.barcode);
    expect(await catalog.shownCodes()).toEqual([SLICE_ITEMS.milkUpper.code]);
    await catalog.searchFor('000123');
    expect(await catalog.shownCodes()).toEqual([SLICE_ITEMS.milk.code]);

    await catalog.searchFor('елка');
    expect(await catalog.shownCodes()).toEqual([SLICE_ITEMS.tree.code]);
    await catalog.searchFor('мед');
    expect(await catalog.shownCodes()).toEqual([SLICE_ITEMS.honey.code]);

    await catalog.searchFor('несуществующий товар');
    await session.page.getByTestId('catalog-nothing-found').waitFor();
    expect(await catalog.rows.count()).toBe(0);
  });

  it('puts typed quantities into the order with line sums, VAT by rate and the total', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, order, page } = session;
    const { milk, tree } = SLICE_ITEMS;

    await catalog.searchFor('молоко');
    await catalog.orderQuantity(milk.code, 24);
    await order.waitForLine(milk.code, 24);

    // The keyboard loop: type in search, Enter to the first row, type, Enter confirms, Esc back to search.
    await catalog.search.fill('елка');
    await catalog.search.press('Enter');
    await page.locator(`[data-testid="catalog-row"][data-code="${tree.code}"] input:focus`).waitFor();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await order.waitForLine(tree.code, 2);
    await order.waitUntilSaved();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="catalog-search"]:focus').waitFor();
    expect(await catalog.quantityInput(tree.code).inputValue()).toBe('2');

    expect(await order.lines.count()).toBe(2);
    expect(await order.lineSum(milk.code).innerText()).toBe(formatMoney(lineAmount(milk.priceKopecks, 24), 'ru'));
    expect(await order.lineSum(tree.code).innerText()).toBe(formatMoney(lineAmount(tree.priceKopecks, 2), 'ru'));
    expect(await order.lineQuantity(milk.code).innerText()).toContain(`24 шт × ${formatMoney(milk.priceKopecks, 'ru')}`);

    const lines = [
      { priceKopecks: milk.priceKopecks, quantity: 24, vatRate: milk.vatRate },
      { priceKopecks: tree.priceKopecks, quantity: 2, vatRate: tree.vatRate },
    ];
    const totals = orderTotals(lines, true);
    expect(await order.totalVat(10).innerText()).toBe(formatMoney(lineTotals(lines[0]!, true).vatKopecks, 'ru'));
    expect(await order.totalVat(20).innerText()).toBe(formatMoney(lineTotals(lines[1]!, true).vatKopecks, 'ru'));
    expect(await order.totalNet.innerText()).toBe(formatMoney(totals.netKopecks, 'ru'));
    expect(await order.totalGross.innerText()).toBe(formatMoney(totals.grossKopecks, 'ru'));
    expect(totals.grossKopecks).toBe(8990 * 24 + 499000 * 2);
  });

  it('flags a quantity that is not a pack multiple and fixes it from the badge', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, order } = session;
    const { chocolate, kefir } = SLICE_ITEMS;

    await catalog.searchFor('шоколад');
    await catalog.orderQuantity(chocolate.code, 30);
    await order.waitForLine(chocolate.code, 30);
    const badge = order.problems(chocolate.code);
    expect(await badge.getAttribute('data-kind')).toBe('notPackMultiple');
    expect(await badge.getAttribute('data-suggested')).toBe('40');
    expect(await catalog.quantityInput(chocolate.code).getAttribute('data-problems')).toBe('true');
    await badge.click();
    await order.waitForLine(chocolate.code, 40);
    expect(await order.problems(chocolate.code).count()).toBe(0);

    await catalog.searchFor('кефир');
    await catalog.orderQuantity(kefir.code, 60);
    await order.waitForLine(kefir.code, 60);
    expect(await order.problems(kefir.code).getAttribute('data-kind')).toBe('overStock');

    // Zero removes the line.
    await catalog.orderQuantity(kefir.code, 0);
    await order.line(kefir.code).waitFor({ state: 'detached' });
  });

  it('exports the order as a Porter JSON file that matches its schema and the typed lines', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, order, page } = session;
    const { milk, chocolate, tree } = SLICE_ITEMS;
    const typed = [
      { item: milk, quantity: 36 },
      { item: chocolate, quantity: 40 },
      { item: tree, quantity: 1 },
    ];
    for (const { item, quantity } of typed) {
      await catalog.searchFor(item.code);
      await catalog.orderQuantity(item.code, quantity);
      await order.waitForLine(item.code, quantity);
    }
    await order.waitUntilSaved();
    const number = (await order.number.innerText()).replace(/^Заказ /, '');

    const downloading = page.waitForEvent('download');
    await order.exportButton.click();
    const download = await downloading;
    const file = await download.path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportedOrder;
    await order.toast.waitFor();
    expect(download.suggestedFilename()).toMatch(/^porter-order-P-\d{6}-.+\.json$/);

    const schema = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/schemas/porter-order.v1.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);

    expect(exported.order.number).toBe(number);
    // An exported order is sent: the panel moves on to a new draft.
    await page.locator(`[data-testid="order-number"]:not(:has-text("${number}"))`).waitFor();
    await order.empty.waitFor();
    expect(exported.order.pricesIncludeVat).toBe(true);
    expect(
      exported.order.lines.map(({ lineNumber, itemCode, quantity, priceKopecks, vatRate }) => ({
        lineNumber,
        itemCode,
        quantity,
        priceKopecks,
        vatRate,
      })),
    ).toEqual(
      typed.map(({ item, quantity }, index) => ({
        lineNumber: index + 1,
        itemCode: item.code,
        quantity,
        priceKopecks: item.priceKopecks,
        vatRate: item.vatRate,
      })),
    );
    const expected = typed.map(({ item, quantity }) => ({ priceKopecks: item.priceKopecks, quantity, vatRate: item.vatRate }));
    expect(exported.order.lines.map((line) => [line.amountKopecks, line.vatKopecks])).toEqual(
      expected.map((line) => [lineTotals(line, true).amountKopecks, lineTotals(line, true).vatKopecks]),
    );
    expect(exported.order.totals).toEqual(orderTotals(expected, true));
  });

  it('answers 401 to requests without the launch token', async () => {
    const server = await startPorter();
    try {
      const api = await fetch(`${server.origin}/api/getAppInfo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(api.status).toBe(401);
      const page = await fetch(`${server.origin}/`, { redirect: 'manual' });
      expect(page.status).toBe(401);
      const wrongToken = await fetch(`${server.origin}/?token=not-the-token`, { redirect: 'manual' });
      expect(wrongToken.status).toBe(401);
      const withToken = await fetch(server.loginUrl, { redirect: 'manual' });
      expect(withToken.status).toBe(302);
    } finally {
      await server.stop();
    }
  });

  it('keeps the draft through a page reload and a restart of Porter', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, order, page } = session;
    await catalog.searchFor('молоко');
    await catalog.orderQuantity(SLICE_ITEMS.milk.code, 12);
    await catalog.orderQuantity(SLICE_ITEMS.milkUpper.code, 18);
    await order.waitForLine(SLICE_ITEMS.milkUpper.code, 18);
    await order.waitForLine(SLICE_ITEMS.milk.code, 12);
    const number = await order.number.innerText();

    await page.reload();
    await waitUntilReady(page);
    await order.waitForLine(SLICE_ITEMS.milk.code, 12);
    await order.waitForLine(SLICE_ITEMS.milkUpper.code, 18);
    expect(await order.number.innerText()).toBe(number);

    // Closing the app is stopping the server; the next start opens the same data folder.
    const { dataDir } = session.server;
    await session.context.close();
    await session.server.stop({ keepDataDir: true });
    const restarted = await startPorter({ dataDir });
    try {
      const { context, page: reopened, pageErrors } = await openPorter(sessions.browser(), restarted.loginUrl);
      const panel = new OrderPanel(reopened);
      await panel.waitForLine(SLICE_ITEMS.milk.code, 12);
      await panel.waitForLine(SLICE_ITEMS.milkUpper.code, 18);
      expect(await panel.number.innerText()).toBe(number);
      expect(await panel.lines.count()).toBe(2);
      await context.close();
      expect(pageErrors).toEqual([]);
    } finally {
      await restarted.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('switches the interface to English and back, and remembers the choice', async () => {
    session = await sessions.open({ before: withSlicePriceList });
    const { catalog, order, page } = session;
    expect(await catalog.importButton.innerText()).toBe('Загрузить прайс-лист');

    await catalog.switchLocale('EN');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await catalog.importButton.innerText()).toBe('Import price list');
    expect(await catalog.columnHeaders.allInnerTexts()).toContain('Name');
    expect(await order.exportButton.innerText()).toBe('To a file');
    expect(await catalog.count.innerText()).toBe('Total: 7');

    await page.reload();
    await waitUntilReady(page);
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await catalog.importButton.innerText()).toBe('Import price list');

    await catalog.switchLocale('RU');
    await page.locator('html[lang="ru"]').waitFor({ state: 'attached' });
    expect(await catalog.importButton.innerText()).toBe('Загрузить прайс-лист');
    expect(await catalog.columnHeaders.allInnerTexts()).toContain('Наименование');
  });
});

interface ExportedOrder {
  order: {
    number: string;
    pricesIncludeVat: boolean;
    lines: {
      lineNumber: number;
      itemCode: string;
      quantity: number;
      priceKopecks: number;
      vatRate: number;
      amountKopecks: number;
      vatKopecks: number;
    }[];
    totals: unknown;
  };
}
