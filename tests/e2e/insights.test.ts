import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_GAP_CATEGORY,
  DEMO_GAP_STORE,
  DEMO_LAPSING_STORE,
  DEMO_OVERDUE_STORE,
  DEMO_TODAY,
} from '../../electron/core/insights/demoHistory';
import { InsightsPage } from './support/InsightsScreen';
import { porterSessions } from './support/session';

const SHOTS = process.env.PORTER_SHOTS_DIR ?? '/tmp/porter-shots';
/** The pictures leave out the toasts that come and go. */
const SHOT_STYLE = '.toasts { display: none !important; }';

describe('insights in the browser shell, on the demo history', () => {
  const sessions = porterSessions();

  it('shows the overdue and lapsing stores at the top, opens a store card and exports its gap list', async () => {
    // Manager mode with the demo: the stores directory and a year of orders load on start; the day is the demo's own.
    const session = await sessions.open({ demo: true, mode: 'manager', today: DEMO_TODAY });
    const { page } = session;
    const insights = new InsightsPage(page);
    fs.mkdirSync(SHOTS, { recursive: true });

    await insights.open();
    expect((await insights.codes(insights.dueRows))[0]).toBe(DEMO_OVERDUE_STORE);
    expect((await insights.codes(insights.slippingRows))[0]).toBe(DEMO_LAPSING_STORE);
    const overdue = insights.dueRows.first();
    expect(await overdue.getAttribute('data-status')).toBe('overdue');
    // How late, against the store's own rhythm: a weekly store, five weeks without an order.
    expect(await overdue.innerText()).toContain('на 30 дн. позже');
    expect(await overdue.getByTestId('due-rhythm').innerText()).toBe('5,3× обычных 7 дн.');
    expect(await page.getByTestId('insights-subtitle').innerText()).toContain('29 ноября 2026');
    await page.getByTestId('season-chart').locator('svg.recharts-surface').waitFor();

    // A tall window for the picture, so every section is in it.
    await page.setViewportSize({ width: 1440, height: 2200 });
    await page.addStyleTag({ content: SHOT_STYLE });
    await page.screenshot({ path: path.join(SHOTS, 'insights.png') });
    // Printed: no navigation or buttons, the lists and the chart on the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('insights-refresh').isVisible()).toBe(false);
    expect(await page.getByTestId('season-chart').isVisible()).toBe(true);
    expect(await insights.dueRows.first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'insights-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });

    // A store's card from the lists: the overdue store's, with its last order.
    await insights.openCard(insights.dueRows.first());
    expect(await insights.card.getAttribute('data-code')).toBe(DEMO_OVERDUE_STORE);
    expect(await insights.card.getByTestId('store-last-order').innerText()).toContain('23 октября 2026');
    await page.keyboard.press('Escape');
    await insights.waitUntilReady();

    // The gap store's card, found by its code: whom to call, its history, rhythm, top items and gaps.
    await insights.findStore(DEMO_GAP_STORE);
    const card = insights.card;
    expect(await card.getAttribute('data-code')).toBe(DEMO_GAP_STORE);
    const phone = card.getByTestId('store-phone');
    expect(await phone.getAttribute('href')).toMatch(/^tel:\+7\d{10}$/);
    expect(await card.getByTestId('store-contact-person').innerText()).not.toBe('—');
    const gaps = card.getByTestId('store-gap');
    expect(await gaps.count()).toBeGreaterThan(0);
    expect(await gaps.first().locator('td').nth(1).innerText()).toBe(DEMO_GAP_CATEGORY);
    await card.getByTestId('store-history-chart').locator('svg.recharts-surface').waitFor();
    await card.getByTestId('store-last-order').waitFor();
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.screenshot({ path: path.join(SHOTS, 'store-card.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Its gap list as XLSX, the most likely item first, as on the card.
    const firstGap = await gaps.first().getAttribute('data-item');
    await card.getByTestId('export-gaps').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-gaps-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`ассортимент-${DEMO_GAP_STORE}-${DEMO_TODAY}.xlsx`);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').text).toContain(DEMO_GAP_STORE);
    expect(sheet.getCell('A3').text).toBe('Код');
    expect(sheet.getCell('A4').text).toBe(firstGap);
    expect(sheet.getCell('C4').text).toBe(DEMO_GAP_CATEGORY);
    // Every gap of the card (its count badge), under the title and header rows.
    expect(sheet.rowCount - 3).toBe(Number(await card.getByTestId('store-gaps-count').innerText()));

    // Esc goes back; Enter on the overdue store's row opens its last order in the Orders screen.
    await page.keyboard.press('Escape');
    await insights.waitUntilReady();
    await insights.dueRows.first().focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="orders-screen"]').waitFor();
    const row = page.locator('[data-testid="order-row"]');
    // The Orders screen searches the book for the order's number: one row once the search has answered.
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.first().innerText()).toContain('23.10');
    // …with the order's detail open; Esc closes it.
    const detail = page.locator('[data-testid="order-detail"][data-state="ready"]');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('23.10');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // In English, the same lists with translated headings and number formats.
    await page.getByTestId('locale-switch').getByText('EN').click();
    await insights.open();
    expect(await page.locator('#due-title').innerText()).toBe('Due and overdue');
    expect(await insights.dueRows.first().getByTestId('due-rhythm').innerText()).toBe('5.3× its usual 7 days');
    await page.screenshot({ path: path.join(SHOTS, 'insights-en.png') });
  });
});
