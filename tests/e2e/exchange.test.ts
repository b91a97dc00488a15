import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeSettingsPanel } from './support/ExchangeSettingsPanel';
import { HistoryScreen } from './support/HistoryScreen';
import { startPorter, type PorterServer } from './support/porterServer';
import { callApi, seedPriceList } from './support/seed';
import { porterSessions, type PorterSession } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const SHOTS_DIR = process.env.PORTER_SHOTS_DIR ?? path.join(os.tmpdir(), 'porter-exchange-shots');
const { milk, chocolate, honey } = SLICE_ITEMS;

/** A second Porter serving the exchange API, as a supplier's manager would: the slice price list published. */
async function startSupplier(workDir: string): Promise<{ server: PorterServer; url: string; token: string }> {
  const server = await startPorter();
  try {
    await seedPriceList(server, writeSlicePriceList(workDir, 'supplier.csv'));
    const state = await callApi(server, 'setExchangeServer', { enabled: true, port: 0, bindAddress: '127.0.0.1' });
    const { token } = await callApi(server, 'addExchangeStore', { name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' });
    return { server, url: `http://127.0.0.1:${state.listening!.port}`, token };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A server that refuses every order as the supplier would refuse a wrong one (422): the outbox gives up at once. */
async function startRefusingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res
      .writeHead(422, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'INVALID_ORDER', message: 'Покупатель К-0042 заблокирован до сверки' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('exchange with the supplier, store side', () => {
  const sessions = porterSessions();
  let supplier: { server: PorterServer; url: string; token: string } | null = null;
  let refusing: { url: string; close: () => Promise<void> } | null = null;
  afterEach(async () => {
    await supplier?.server.stop();
    supplier = null;
    await refusing?.close();
    refusing = null;
  });

  it('sets up the connection in the settings, says exactly what failed, and brings the price list', async () => {
    const session: PorterSession = await sessions.open();
    const { page } = session;
    supplier = await startSupplier(session.workDir);
    const exchange = new ExchangeSettingsPanel(page);

    await page.keyboard.press('Alt+4');
    await exchange.waitUntilReady();
    await exchange.chooseMode('http');

    // Nothing listens on the port: said in words, not as an error code.
    const closedPort = new URL(supplier.url);
    closedPort.port = String(Number(closedPort.port) === 65535 ? 65534 : Number(closedPort.port) + 1);
    await exchange.url.fill(closedPort.href);
    await exchange.token.fill('wrong-token');
    let result = await exchange.testConnection();
    expect([result.ok, result.code]).toEqual([false, 'EXCHANGE_REFUSED']);
    expect(result.text).toContain('Сервер поставщика отклонил соединение');

    // The right address, a wrong key.
    await exchange.url.fill(supplier.url);
    result = await exchange.testConnection();
    expect([result.ok, result.code]).toEqual([false, 'EXCHANGE_UNAUTHORIZED']);
    expect(result.text).toContain('Поставщик не принял ключ доступа магазина');
    expect(result.text).toContain('HTTP 401');

    // The key the supplier issued: the supplier knows the store.
    await exchange.token.fill(supplier.token);
    result = await exchange.testConnection();
    expect(result.ok).toBe(true);
    expect(result.text).toContain('«Магазин у дома»');
    expect(result.text).toContain('код клиента К-0042');

    // Saved: the key is never shown again, only that one is saved; the price list comes by itself.
    await exchange.save();
    expect(await exchange.token.inputValue()).toBe('');
    expect(await exchange.token.getAttribute('data-token-set')).toBe('true');
    expect(await exchange.token.getAttribute('placeholder')).toContain('ключ сохранён');
    await exchange.waitForLastSync('updated');
    expect(await exchange.changes()).toEqual({ added: Object.keys(SLICE_ITEMS).length, changed: 0, removed: 0 });
    const supplierInfo = await callApi(supplier.server, 'getAppInfo', {});
    expect(await exchange.version.innerText()).toBe(supplierInfo.priceList!.id);
    // The header shows the new price list at once.
    await page.locator('[data-testid="price-list-count"]', { hasText: String(Object.keys(SLICE_ITEMS).length) }).waitFor();

    await exchange.root.scrollIntoViewIfNeeded();
    await exchange.root.screenshot({ path: path.join(SHOTS_DIR, 'settings-exchange.png') });

    // Nothing new at the supplier: "Sync now" says so and changes nothing.
    await exchange.syncNow.click();
    await exchange.waitForLastSync('unchanged');
    expect(await exchange.lastSync.innerText()).toContain('изменений нет');
  });

  it('shows an order that needs attention, sends it again, and shows the supplier’s answer line by line', async () => {
    let orderNumber = '';
    const session: PorterSession = await sessions.open({
      before: async (server, workDir) => {
        await seedPriceList(server, writeSlicePriceList(workDir));
        supplier = await startSupplier(workDir);
        refusing = await startRefusingServer();
        // Connected to a server that refuses the order: the order needs attention at once.
        await callApi(server, 'setExchangeSettings', { mode: 'http', url: refusing.url, token: supplier.token, folder: '' });
        const draft = await callApi(server, 'createDraft', {});
        await callApi(server, 'setOrderLineQuantities', {
          orderId: draft.id,
          lines: [
            { itemCode: milk.code, quantity: 24 },
            { itemCode: chocolate.code, quantity: 40 },
            { itemCode: honey.code, quantity: 3 },
          ],
        });
        orderNumber = (await callApi(server, 'submitOrder', { orderId: draft.id })).number;
      },
    });
    const { page, server } = session;
    const history = new HistoryScreen(page);

    // The header counts the unsent order; History lists it with the reason.
    await page.locator('[data-testid="outbox-badge"][data-attention="true"]').waitFor();
    await page.keyboard.press('Alt+2');
    await history.waitUntilReady();
    const entry = history.outboxEntry(orderNumber, 'needsAttention');
    await entry.waitFor();
    expect(await entry.getByTestId('outbox-reason').innerText()).toContain('Поставщик отклонил заказ');
    expect(await entry.getByTestId('outbox-reason').innerText()).toContain('заблокирован до сверки');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'history-outbox.png') });

    // The supplier's real address now; "Send again" from the keyboard: the order is delivered.
    await callApi(server, 'setExchangeSettings', { mode: 'http', url: supplier!.url, folder: '' });
    await entry.getByTestId('outbox-retry').focus();
    await page.keyboard.press('Enter');
    await history.outbox.waitFor({ state: 'detached' });
    await history
      .supplierCell(orderNumber)
      .locator('[data-testid="delivery-state"][data-state="sent"], [data-testid="supplier-status"]')
      .waitFor();
    expect(await history.outboxBadge.count()).toBe(0);

    // The manager confirms with the milk cut to one pack.
    const inbox = await callApi(supplier!.server, 'listInbox', { limit: 10 });
    const received = inbox.orders.find((o) => o.orderNumber === orderNumber)!;
    expect(received.lines.map((l) => [l.itemCode, l.quantity])).toEqual([
      [milk.code, 24],
      [chocolate.code, 40],
      [honey.code, 3],
    ]);
    await callApi(supplier!.server, 'confirmInboxOrder', {
      inboxId: received.inboxId,
      comment: 'Молока сейчас только 12 шт.',
      lines: [{ lineNumber: 1, confirmedQuantity: 12 }],
    });

    // The store opens the order and checks for answers: ordered vs confirmed, the cut line marked.
    await history.openWithKeyboard(orderNumber);
    await history.checkAnswersButton.click();
    await page.locator('[data-testid="supplier-answer"][data-status="partiallyAccepted"]').waitFor();
    expect(await history.line(milk.code).getAttribute('data-answer')).toBe('cut');
    expect(await history.line(milk.code).getAttribute('data-confirmed-quantity')).toBe('12');
    expect(await history.line(chocolate.code).getAttribute('data-answer')).toBe('confirmed');
    expect(await history.supplierAnswer.innerText()).toContain('Молока сейчас только 12 шт.');
    expect(await page.getByTestId('supplier-cut-count').getAttribute('data-count')).toBe('1');
    // 12 × 89,90 + 40 × 115,00 + 3 × 450,00 = 7 028,80 (prices with VAT)
    expect((await history.confirmedTotal.innerText()).replace(/\s/g, '')).toBe('7028,80');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'history-confirmed.png') });

    // Back in the list, the order shows the supplier's status.
    await history.backWithKeyboard();
    await history.supplierCell(orderNumber).locator('[data-testid="supplier-status"][data-status="partiallyAccepted"]').waitFor();
  });
});
