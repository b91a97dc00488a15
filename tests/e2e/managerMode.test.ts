/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the page.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManagerOrders } from './support/ManagerOrders';
import { ManagerSettings, switchMode } from './support/ManagerSettings';
import { ManagerStores } from './support/ManagerStores';
import { callApi, seedPriceList } from './support/seed';
import { porterSessions } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';
import { fetchConfirmations, sendOrder, storeOrderFile } from './support/storeOrders';

const { milk, kefir, chocolate, honey } = SLICE_ITEMS;
const SHOTS = process.env.PORTER_SHOTS_DIR ?? '/tmp/porter-shots';
/** The pictures leave out the toasts that come and go at the bottom left. */
const SHOT_STYLE = '.toasts { display: none !important; }';

const AT_HOME = { customerCode: '00042', name: 'Магазин «У дома» №7' };
const FOREST = { customerCode: '00043', name: 'Продукты на Лесной' };

const withSlicePriceList = async (server: Parameters<typeof seedPriceList>[0], workDir: string) => {
  await seedPriceList(server, writeSlicePriceList(workDir));
};

const line = (item: (typeof SLICE_ITEMS)[keyof typeof SLICE_ITEMS], quantity: number, priceKopecks = item.priceKopecks) => ({
  itemCode: item.code,
  name: item.name,
  quantity,
  priceKopecks,
  vatRate: item.vatRate as 0 | 10 | 20 | 22,
});

describe('manager mode in the browser shell', () => {
  const sessions = porterSessions();

  it('takes the stores’ orders in, finds the problems, fixes and decides, and answers the store', async () => {
    const session = await sessions.open({ mode: 'manager', before: withSlicePriceList });
    const { page, workDir } = session;
    const orders = new ManagerOrders(page);
    const stores = new ManagerStores(page);
    const settings = new ManagerSettings(page);
    fs.mkdirSync(SHOTS, { recursive: true });

    // Manager mode shows the manager's screens, not the store's.
    expect(await page.getByTestId('app').getAttribute('data-mode')).toBe('manager');
    await orders.root.waitFor();
    expect(await page.getByTestId('nav-order').count()).toBe(0);
    await page.getByTestId('orders-empty').waitFor();

    // Settings (Alt+4): the exchange server, on a free port of this computer.
    await page.keyboard.press('Alt+4');
    await settings.root.waitFor();
    const serverUrl = await settings.startServer(0);
    expect(serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // Stores (Alt+2): two stores in the directory, one of them given access; the token is shown once.
    await page.keyboard.press('Alt+2');
    await stores.waitUntilReady();
    await stores.add({ ...AT_HOME, deliveryDays: [1, 4], contact: 'Ольга Петровна', phone: '+7 900 123-45-67', email: 'olga@u-doma.ru' });
    await stores.add({ ...FOREST, priceType: 'Мелкий опт', deliveryDays: [2] });
    expect(await stores.row(AT_HOME.customerCode).innerText()).toContain('пн, чт');
    const token = await stores.giveAccess(AT_HOME.customerCode);
    expect(token.length).toBeGreaterThan(20);
    await stores.tokenWarning.waitFor();
    await stores.tokenCopy.click();
    await page.locator('[data-testid="token-copy"][data-copied="true"]').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await page.screenshot({ path: path.join(SHOTS, 'manager-stores-token.png'), style: SHOT_STYLE });
    await stores.closeToken();
    await page.locator(`[data-testid="store-row"][data-code="${AT_HOME.customerCode}"][data-access="yes"]`).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'manager-stores.png'), style: SHOT_STYLE });

    // The store sends two orders over the exchange API, as its Porter would: one clean, one with problems.
    const clean = storeOrderFile({
      id: 'u-doma-0101',
      number: 'P-000101',
      store: AT_HOME,
      exportedAt: '2026-11-30T07:10:00.000Z',
      deliveryDate: '2026-12-03',
      lines: [line(milk, 24), line(kefir, 12)],
    });
    const flawed = storeOrderFile({
      id: 'u-doma-0102',
      number: 'P-000102',
      store: AT_HOME,
      exportedAt: '2026-11-30T07:40:00.000Z',
      deliveryDate: '2026-12-03',
      comment: 'Шоколад по старой цене, как договаривались',
      lines: [line(milk, 15), line(chocolate, 40, chocolate.priceKopecks - 500)],
    });
    for (const file of [clean, flawed]) expect((await sendOrder(serverUrl, token, file)).status).toBe(201);
    // Without the token nothing is taken.
    const forged = storeOrderFile({
      id: 'forged-1',
      number: 'X-1',
      store: AT_HOME,
      exportedAt: '2026-11-30T07:50:00.000Z',
      lines: [line(milk, 12)],
    });
    expect((await sendOrder(serverUrl, 'not-a-token', forged)).status).toBe(401);

    // An offline store's order file and a broken file, through "Open files…".
    const forestFile = path.join(workDir, 'lesnaya-P-000201.json');
    fs.writeFileSync(
      forestFile,
      JSON.stringify(
        storeOrderFile({
          id: 'lesnaya-0201',
          number: 'P-000201',
          store: FOREST,
          exportedAt: '2026-11-30T08:05:00.000Z',
          lines: [line(honey, 3)],
        }),
      ),
    );
    const brokenFile = path.join(workDir, 'broken-order.json');
    fs.writeFileSync(brokenFile, '{"format": "porter.order", "version": 1, "order": ');
    await page.keyboard.press('Alt+1');
    await orders.root.waitFor();
    const chooser = page.waitForEvent('filechooser');
    await orders.openFiles.click();
    await (await chooser).setFiles([forestFile, brokenFile]);
    await page.locator('[data-testid="intake-file"][data-outcome="failed"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'manager-intake.png'), style: SHOT_STYLE });
    expect(await page.locator('[data-testid="intake-file"][data-file="lesnaya-P-000201.json"]').getAttribute('data-outcome')).toBe(
      'imported',
    );
    expect(await page.locator('[data-testid="intake-file"][data-file="broken-order.json"]').innerText()).toContain('broken-order.json');
    await orders.intakeClose.click();

    // A file from a store that is not in the directory, dropped onto the window.
    const dropped = JSON.stringify(
      storeOrderFile({
        id: 'kiosk-7',
        number: 'K-7',
        store: { name: 'Ларёк у станции', customerCode: '00099' },
        exportedAt: '2026-11-30T08:20:00.000Z',
        lines: [line(kefir, 6)],
      }),
    );
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'kiosk-K-7.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, dropped);
    await page.locator('[data-testid="intake-file"][data-file="kiosk-K-7.json"][data-outcome="imported"]').waitFor();
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
    await orders.intakeClose.click();

    // All four are in the grid, in the order they arrived; the problems are flagged.
    await orders.waitForShown(4);
    expect(await orders.shownNumbers()).toEqual(['P-000101', 'P-000102', 'P-000201', 'K-7']);
    expect(await orders.row('P-000101').getAttribute('data-problems')).toBe('0');
    const flawedKinds = await orders
      .row('P-000102')
      .locator('[data-testid="problem-tag"]')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-kind')));
    expect(flawedKinds.sort()).toEqual(['notPackMultiple', 'priceDiffers']);
    expect(await orders.row('K-7').locator('[data-kind="unknownStore"]').count()).toBe(1);

    // Filter to the orders with problems, then to one kind.
    await orders.showProblems('problems');
    await orders.waitForShown(2);
    expect(await orders.shownNumbers()).toEqual(['P-000102', 'K-7']);
    await orders.showProblems('clean');
    await orders.waitForShown(2);
    expect(await orders.shownNumbers()).toEqual(['P-000101', 'P-000201']);
    await orders.showProblems('problems');
    await orders.waitForShown(2);

    // Open the flawed order with the keyboard: its store's contact, its lines with their problems.
    await orders.openWithKeyboard('P-000102');
    expect(await page.getByTestId('order-detail-contact').innerText()).toContain('Ольга Петровна');
    expect(await page.getByTestId('order-detail-comment').innerText()).toContain('по старой цене');
    expect(await orders.detailLine(chocolate.code).getAttribute('data-problems')).toBe('priceDiffers');
    expect(await orders.detailLine(milk.code).getAttribute('data-problems')).toBe('notPackMultiple');

    // Fix the pack multiple by hand, with the reason: the change log says who, old → new and why.
    await orders.editLineQuantity(milk.code, '12', 'Кратно упаковке (12)');
    await page.locator(`[data-testid="detail-line"][data-code="${milk.code}"][data-quantity="12"]`).waitFor();
    const change = orders.changeRows.filter({ hasText: 'Кратно упаковке (12)' });
    await change.waitFor();
    expect(await change.innerText()).toMatch(/15\s*→\s*12/);
    await page.screenshot({ path: path.join(SHOTS, 'manager-orders-detail.png'), style: SHOT_STYLE });

    // Accept it and answer the store: the answer's status shows, and the store can fetch the confirmation.
    await page.getByTestId('detail-accept').click();
    await orders.waitForDetail('P-000102', '[data-order-state="accepted"]');
    await orders.answerButton.click();
    await page.locator('[data-testid="order-detail"][data-number="P-000102"]:not([data-answer="none"])').waitFor();
    const page1 = (await fetchConfirmations(serverUrl, token)) as {
      events: {
        type: string;
        orderId: string;
        confirmation?: { lines: { itemCode: string; state: string; confirmedQuantity: number }[] };
      }[];
    };
    const confirmation = page1.events.find((e) => e.type === 'confirmation' && e.orderId === 'u-doma-0102')?.confirmation;
    expect(confirmation?.lines.find((l) => l.itemCode === milk.code)).toMatchObject({ state: 'cut', confirmedQuantity: 12 });

    // Esc closes the order; the grid shows its new state and the answer.
    await orders.closeDetailWithKeyboard();
    await page.locator('[data-testid="order-row"][data-number="P-000102"]:focus').waitFor();
    expect(await orders.row('P-000102').getAttribute('data-state')).toBe('accepted');
    expect(await orders.row('P-000102').getByTestId('order-answer').getAttribute('data-status')).not.toBe('none');

    // All orders, Ctrl+A ticks every one, Space unticks the row the keyboard is on; accept the rest, then undo.
    await orders.showProblems('all');
    await orders.waitForShown(4);
    await orders.row('P-000101').click({ modifiers: ['Control'] });
    await orders.waitForSelected(1);
    await page.keyboard.press('Control+KeyA');
    await orders.waitForSelected(4);
    await page.keyboard.press('Space');
    await orders.waitForSelected(3);
    expect(await orders.row('P-000101').getAttribute('aria-selected')).toBe('false');
    // Esc unticks everything; Shift+↓ ticks the rows passed, from the row the keyboard was on.
    await page.keyboard.press('Escape');
    await orders.waitForSelected(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await orders.waitForSelected(2);
    await page.keyboard.press('Shift+ArrowDown');
    await orders.waitForSelected(3);
    expect(await orders.row('P-000101').getAttribute('aria-selected')).toBe('false');
    expect(await orders.batchCount.innerText()).toContain('3');
    await page.screenshot({ path: path.join(SHOTS, 'manager-orders-selection.png'), style: SHOT_STYLE });
    await page.getByTestId('batch-accept').click();
    await page.locator('[data-testid="batch-undo"][data-batch="accept"]').waitFor();
    await page.locator('[data-testid="order-row"][data-number="P-000201"][data-state="accepted"]').waitFor();
    expect(await orders.row('P-000101').getAttribute('data-state')).toBe('new');
    await orders.undo.click();
    await page.locator('[data-testid="order-row"][data-number="P-000201"][data-state="new"]').waitFor();
    expect(await orders.row('P-000102').getAttribute('data-state')).toBe('accepted');

    // An order that comes in while the manager looks at the grid shows up by itself.
    const late = storeOrderFile({
      id: 'u-doma-0103',
      number: 'P-000103',
      store: AT_HOME,
      exportedAt: '2026-11-30T09:00:00.000Z',
      deliveryDate: '2026-12-07',
      lines: [line(kefir, 18)],
    });
    expect((await sendOrder(serverUrl, token, late)).status).toBe(201);
    await orders.row('P-000103').waitFor();
    await orders.waitForShown(5);

    // Reopen the flawed order for the final picture: the grid and the detail side by side.
    await orders.openWithKeyboard('P-000102');
    await page.screenshot({ path: path.join(SHOTS, 'manager-orders.png'), style: SHOT_STYLE });
    await orders.closeDetailWithKeyboard();

    // Revoking the store's access: its token is refused from then on.
    await page.keyboard.press('Alt+2');
    await stores.waitUntilReady();
    await stores.row(AT_HOME.customerCode).getByTestId('store-revoke').click();
    await page.getByTestId('revoke-dialog-confirm').click();
    await page.locator(`[data-testid="store-row"][data-code="${AT_HOME.customerCode}"][data-access="no"]`).waitFor();
    const afterRevoke = storeOrderFile({
      id: 'u-doma-0104',
      number: 'P-000104',
      store: AT_HOME,
      exportedAt: '2026-11-30T09:30:00.000Z',
      lines: [line(milk, 12)],
    });
    expect((await sendOrder(serverUrl, token, afterRevoke)).status).toBe(401);

    await page.keyboard.press('Alt+4');
    await settings.root.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'manager-settings.png'), style: SHOT_STYLE });
    await page.getByTestId('settings-mode').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'manager-settings-mode.png'), style: SHOT_STYLE });
  });

  it('maps the columns of an order table it does not know, takes it in, and lists the mapping in the settings until deleted', async () => {
    const session = await sessions.open({ mode: 'manager', before: withSlicePriceList });
    const { page, workDir } = session;
    const orders = new ManagerOrders(page);
    const file = path.join(workDir, 'romashka.csv');
    fs.writeFileSync(file, ['Арт. поставщика;Кол-во шт;Примечание', `${milk.code};12;срочно`, `${kefir.code};6;`].join('\r\n'));
    await orders.root.waitFor();
    const chooser = page.waitForEvent('filechooser');
    await orders.openFiles.click();
    await (await chooser).setFiles([file]);
    const row = page.locator('[data-testid="intake-file"][data-file="romashka.csv"]');
    await page.locator('[data-testid="intake-file"][data-file="romashka.csv"][data-outcome="failed"]').waitFor();
    expect(await row.innerText()).toContain('Заголовки: «Арт. поставщика», «Кол-во шт», «Примечание»');

    // Map columns…: the code and the quantity; saving takes the file in again with the mapping.
    await page.screenshot({ path: path.join(SHOTS, 'manager-intake-columns-unknown.png'), style: SHOT_STYLE });
    await page.getByTestId('intake-map-columns').click();
    const choose = async (heading: string, column: string) => {
      await page.locator(`[data-testid="column-mapping-row"][data-heading="${heading}"]`).getByLabel('Столбец заказа').click();
      await page.getByRole('option', { name: column, exact: true }).click();
    };
    expect(await page.getByTestId('column-mapping-save').isDisabled()).toBe(true);
    await choose('Арт. поставщика', 'Код товара (артикул)');
    await choose('Кол-во шт', 'Количество');
    await page.screenshot({ path: path.join(SHOTS, 'manager-column-mapping.png'), style: SHOT_STYLE });
    await page.getByTestId('column-mapping-save').click();
    await page.locator('[data-testid="intake-file"][data-file="romashka.csv"][data-outcome="imported"]').waitFor();
    await orders.intakeClose.click();
    await page.locator('[data-testid="order-row"]').first().waitFor();
    expect(await page.locator('[data-testid="order-row"]').count()).toBe(1);

    // Settings (Alt+4): the saved mapping, what each heading is read as; deleted, it is gone.
    await page.keyboard.press('Alt+4');
    const mappings = page.getByTestId('settings-column-mappings');
    await mappings.getByTestId('mapping-row').waitFor();
    const text = await mappings.getByTestId('mapping-row').innerText();
    expect(text).toContain('Арт. поставщика → Код товара (артикул)');
    expect(text).toContain('Кол-во шт → Количество');
    expect(text).not.toContain('Примечание →');
    await mappings.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'manager-settings-mappings.png'), style: SHOT_STYLE });
    await mappings.getByRole('button', { name: /Удалить сопоставление/ }).click();
    await mappings.getByTestId('mappings-empty').waitFor();
    expect((await callApi(session.server, 'listOrderColumnMappings', {})).mappings).toEqual([]);
  });

  it('switches between a store and a manager from the settings, and back', async () => {
    const session = await sessions.open({ before: withSlicePriceList });
    const { page } = session;
    expect(await page.getByTestId('app').getAttribute('data-mode')).toBe('store');
    await page.keyboard.press('Alt+4');
    await page.getByTestId('settings-mode').waitFor();
    await switchMode(page, 'manager');
    await page.getByTestId('manager-settings-screen').waitFor();
    expect(await page.getByTestId('nav-history').count()).toBe(0);
    await page.keyboard.press('Alt+1');
    await page.getByTestId('orders-screen').waitFor();
    await page.keyboard.press('Alt+4');
    await switchMode(page, 'store');
    await page.getByTestId('settings-screen').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('catalog-search').waitFor();
  });
});
