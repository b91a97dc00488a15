import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage } from './support/CatalogPage';
import type { OrderPanel } from './support/OrderPanel';
import { repoRoot } from './support/porterServer';
import { porterSessions, type PorterSession } from './support/session';
import { writeSlicePriceList } from './support/slicePriceList';
import { callApi, seedPriceList } from './support/seed';
import { writeDemoPriceList } from '../builders/demoPriceList';

/** The README pictures, and one of every screen for a person to look at after a UI change. */
const README_SHOT = path.join(repoRoot, 'docs', 'screenshots', 'catalog.png');
const README_CHECKS_SHOT = path.join(repoRoot, 'docs', 'screenshots', 'order-checks.png');
const README_HISTORY_SHOT = path.join(repoRoot, 'docs', 'screenshots', 'history.png');
const SHOTS_DIR = process.env.PORTER_SHOTS_DIR ?? path.join(os.tmpdir(), 'porter-shots');

/**
 * Orders the first item a query finds: `packs` whole packs — or, with `extra`, the first item
 * sold in packs, `extra` units more than whole packs, so the order shows a pack warning.
 */
const ordered = new Set<string>();

async function orderFirstFound(catalog: CatalogPage, order: OrderPanel, query: string, packs: number, extra = 0): Promise<void> {
  await catalog.searchFor(query);
  let chosen: { code: string; pack: number } | undefined;
  for (const code of await catalog.shownCodes()) {
    const pack = Number(await catalog.row(code).locator('[data-col="pack"]').innerText()) || 1;
    // Only items in stock: the screenshot shows the one deliberate problem (a non-multiple), not shortages.
    const stock = Number((await catalog.row(code).locator('[data-col="stock"]').innerText()).replace(/\D/g, '')) || 0;
    if (!ordered.has(code) && stock >= pack * (packs + 1) && (extra === 0 || pack > 1)) {
      chosen = { code, pack };
      break;
    }
  }
  if (!chosen) throw new Error(`the demo price list has nothing to order for ${query}`);
  const { code } = chosen;
  ordered.add(code);
  const quantity = chosen.pack * packs + extra;
  await catalog.orderQuantity(code, quantity);
  await order.waitForLine(code, quantity);
}

describe('screens', () => {
  const sessions = porterSessions();
  let session: PorterSession;

  beforeAll(() => {
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    fs.mkdirSync(path.dirname(README_SHOT), { recursive: true });
  });

  it('takes the README screenshot: the demo catalog, a search, an order in progress', async () => {
    session = await sessions.open({ demo: true });
    const { catalog, order, page } = session;
    expect(await catalog.priceListCount.innerText()).toBe('позиций: 5\u00a0000');

    await orderFirstFound(catalog, order, 'шоколад горький', 2);
    await orderFirstFound(catalog, order, 'чай черный', 3);
    await orderFirstFound(catalog, order, 'молоко здравушка', 1, 2);
    expect(await order.page.getByTestId('problem-badge').count()).toBeGreaterThan(0);
    await orderFirstFound(catalog, order, 'молоко', 4);
    await order.waitUntilSaved();
    expect(await order.lines.count()).toBe(4);
    await catalog.search.press('End');

    await page.screenshot({ path: README_SHOT });
    fs.copyFileSync(README_SHOT, path.join(SHOTS_DIR, 'catalog.png'));
    await order.root.screenshot({ path: path.join(SHOTS_DIR, 'order-panel.png') });
    expect(fs.statSync(README_SHOT).size).toBeGreaterThan(50_000);
  });

  it('takes the README screenshots of an order with flagged lines and of the history', async () => {
    session = await sessions.open({ demo: true });
    const { page, order, server } = session;
    const find = async (query: string, count: number) =>
      (await callApi(server, 'searchItems', { query, filters: { inStock: true }, offset: 0, limit: count })).items;
    const dairy = await find('молоко', 3);
    const tea = await find('чай', 2);
    const sweets = await find('шоколад', 2);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const packs = (n: number) => (item: { code: string; packMultiple: number }) => ({
      itemCode: item.code,
      quantity: item.packMultiple * n,
    });
    const sent: { number: string }[] = [];
    for (const [offset, lines, comment] of [
      [-21, [...dairy, ...tea].map(packs(2)), ''],
      [-14, [...dairy, ...sweets].map(packs(3)), 'Привезти до 10:00'],
      [-7, [...dairy, ...tea, ...sweets].map(packs(2)), ''],
    ] as const) {
      const draft = await callApi(server, 'createDraft', {});
      await callApi(server, 'setOrderLineQuantities', { orderId: draft.id, lines: [...lines] });
      await callApi(server, 'setOrderDetails', { orderId: draft.id, deliveryDate: day(offset), comment });
      sent.push(await callApi(server, 'submitOrder', { orderId: draft.id }));
    }

    // The supplier's next price list: two items dearer, one gone.
    const dearer = new Set([dairy[0]!.code, sweets[0]!.code]);
    const gone = tea[1]!.code;
    const next = path.join(session.workDir, 'прайс-следующий.csv');
    await writeDemoPriceList(next, (items) =>
      items
        .filter((item) => item.code !== gone)
        .map((item) => (dearer.has(item.code) ? { ...item, priceKopecks: Math.round(item.priceKopecks * 1.08) } : item)),
    );
    await seedPriceList(server, next);
    await page.reload();
    await page.locator('[data-testid="app"][data-state="ready"]').waitFor({ state: 'attached' });

    await page.keyboard.press('Alt+2');
    const newest = page.locator(`[data-testid="history-row"][data-number="${sent[2]!.number}"]`);
    await newest.waitFor();
    await page.screenshot({ path: README_HISTORY_SHOT });
    await newest.click();
    await page.getByTestId('history-detail').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'history-detail.png') });

    await page.getByTestId('history-repeat').click();
    await page.locator('[data-testid="app"][data-screen="order"]').waitFor();
    await order.line(gone).locator('[data-kind="notInPriceList"]').waitFor();
    // One more line typed off the pack multiple.
    const extra = (await find('сок', 5)).find((item) => item.packMultiple > 1)!;
    await session.catalog.searchFor('сок');
    await session.catalog.orderQuantity(extra.code, extra.packMultiple + 1);
    await order.waitForLine(extra.code, extra.packMultiple + 1);
    await order.waitUntilSaved();
    await session.catalog.search.focus();
    await page.screenshot({ path: README_CHECKS_SHOT });
    expect(Number(await page.getByTestId('order-attention').getAttribute('data-count'))).toBe(4);
  });

  it('captures the empty state, the import mapping and the import result', async () => {
    session = await sessions.open();
    const { catalog, importDialog, page } = session;
    await catalog.emptyState.waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'empty.png') });

    await importDialog.open(catalog.importButton, writeSlicePriceList(session.workDir));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'import-mapping.png') });
    await importDialog.startButton.click();
    await importDialog.result.waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'import-result.png') });

    await importDialog.closeButton.click();
    await importDialog.dialog.waitFor({ state: 'detached' });
    await catalog.switchLocale('EN');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await catalog.searchFor('молоко');
    await catalog.orderQuantity('000124', 5);
    await session.order.waitForLine('000124', 5);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'catalog-en.png') });
  });
});
