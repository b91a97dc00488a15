import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCore, type PorterCore } from '../../electron/core/core';
import { MAIN_DATABASE_FILE } from '../../electron/core/db/database';
import { migration0001 } from '../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../electron/core/db/migrations/0002_order_delivery';
import { migration0003 } from '../../electron/core/db/migrations/0003_store_ordering';
import { orderSchema, orderSummarySchema } from '../../shared/domain';
import { tempDataDir } from '../builders/dataDir';
import { fastExchange, pending, startManager, startStore, submitNewOrder, until } from '../builders/exchangePair';
import { startFaultProxy, type FaultProxy } from '../builders/faultProxy';

/** The store's end: connection settings, test connection, submission through the outbox, confirmations. */
const managerDir = tempDataDir('porter-exchange-manager');
let manager: PorterCore;
let managerUrl: string;
let token: string;
let storeDir: { dir: string; remove: () => void };
let store: PorterCore | null = null;
const servers: { close: () => unknown }[] = [];

beforeAll(async () => {
  ({ core: manager, url: managerUrl } = await startManager(managerDir.dir));
  ({ token } = await manager.api.addExchangeStore({ name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' }));
});
afterAll(() => {
  manager.close();
  managerDir.remove();
});
beforeEach(() => {
  storeDir = tempDataDir('porter-exchange-store');
});
afterEach(async () => {
  store?.close();
  store = null;
  for (const s of servers.splice(0)) await s.close();
  storeDir.remove();
});

const inboxHas = async (orderId: string) =>
  (await manager.api.listInbox({ limit: 10_000 })).orders.filter((o) => o.orderId === orderId).length;

/** A local HTTP(S) server answering every request with `handler`. */
async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return (server.address() as AddressInfo).port;
}

describe('submitting without a connection', () => {
  it('records the order as sent, as before: nothing queued, the purchaser exports a file', async () => {
    store = await startStore(storeDir.dir, fastExchange());
    const order = orderSchema.parse(await submitNewOrder(store));
    expect(order.status).toBe('submitted');
    expect(order.delivery).toBeNull();
    expect(await store.api.listOutbox({})).toEqual({ entries: [] });
    expect((await store.api.getExchangeSettings({})).mode).toBe('none');
  });
});

describe('connection settings and test connection', () => {
  beforeEach(async () => {
    store = await startStore(storeDir.dir, fastExchange(1, { requestTimeoutMs: 400 }));
  });

  it('never shows the token again, and refuses an address that is not http(s)', async () => {
    const saved = await store!.api.setExchangeSettings({ mode: 'http', url: managerUrl, token, folder: '' });
    expect(saved).toEqual({ mode: 'http', url: managerUrl, tokenSet: true, folder: '' });
    expect(JSON.stringify(await store!.api.getExchangeSettings({}))).not.toContain(token);
    await expect(store!.api.setExchangeSettings({ mode: 'http', url: 'ftp://supplier', folder: '' })).rejects.toMatchObject({
      code: 'EXCHANGE_INVALID_URL',
    });
    // Settings saved without a token keep the stored one.
    expect(await store!.api.setExchangeSettings({ mode: 'http', url: managerUrl, folder: '' })).toMatchObject({ tokenSet: true });
  });

  it('says exactly what failed: DNS, refused, TLS, token, not the Porter API, timeout', async () => {
    const test = (url: string, t = token) => store!.api.testConnection({ url, token: t });

    expect(await test(managerUrl)).toMatchObject({ ok: true, code: null, store: { name: 'Магазин у дома', customerCode: 'К-0042' } });
    expect(await test('http://no-such-host.invalid')).toMatchObject({ ok: false, code: 'EXCHANGE_DNS' });

    const closed = http.createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await test(`http://127.0.0.1:${closedPort}`)).toMatchObject({ ok: false, code: 'EXCHANGE_REFUSED' });

    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec', curve: 'P-256' });
    const tlsPort = await listen(https.createServer({ cert: pems.cert, key: pems.private }, (_req, res) => res.end('{}')));
    const tls = await test(`https://127.0.0.1:${tlsPort}`);
    expect(tls).toMatchObject({ ok: false, code: 'EXCHANGE_TLS' });
    expect(tls.message).toMatch(/certificate/i);

    expect(await test(managerUrl, 'pt_wrong')).toMatchObject({ ok: false, code: 'EXCHANGE_UNAUTHORIZED', httpStatus: 401 });
    expect(await test(`${managerUrl}/porter`)).toMatchObject({ ok: false, code: 'EXCHANGE_NOT_PORTER_API', httpStatus: 404 });
    const website = await listen(
      http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Добро пожаловать</html>')),
    );
    expect(await test(`http://127.0.0.1:${website}`)).toMatchObject({ ok: false, code: 'EXCHANGE_NOT_PORTER_API', httpStatus: 200 });

    const silent = await listen(http.createServer(() => {}));
    expect(await test(`http://127.0.0.1:${silent}`)).toMatchObject({ ok: false, code: 'EXCHANGE_TIMEOUT' });
    expect(await store!.api.testConnection({})).toMatchObject({ ok: false, code: 'EXCHANGE_NOT_CONFIGURED' });
  });
});

describe('submission through the outbox', () => {
  it('writes the submitted order and its outbox entry together, and the sender delivers it once', async () => {
    store = await startStore(storeDir.dir, fastExchange(2, { sender: { autoStart: false } }), { url: managerUrl, token });
    const order = await submitNewOrder(store);
    expect(order.status).toBe('submitted');
    expect(order.delivery).toMatchObject({ state: 'queued', attempts: 0, transport: 'http' });
    // One transaction: an empty draft is refused and leaves nothing in the outbox.
    const empty = await store.api.createDraft({});
    await expect(store.api.submitOrder({ orderId: empty.id })).rejects.toMatchObject({ code: 'ORDER_EMPTY' });
    expect((await store.api.listOutbox({})).entries.map((e) => e.orderId)).toEqual([order.id]);

    // When the outbox entry cannot be written, the order is not submitted either: it stays an editable draft.
    const doomed = await store.api.createDraft({});
    await store.api.setOrderLineQuantity({ orderId: doomed.id, itemCode: '000123', quantity: 12 });
    store.db.exec("CREATE TRIGGER outbox_full BEFORE INSERT ON exchange_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(store.api.submitOrder({ orderId: doomed.id })).rejects.toThrow(/disk full/);
    store.db.exec('DROP TRIGGER outbox_full');
    expect(await store.api.getOrder({ orderId: doomed.id })).toMatchObject({ status: 'draft', submittedAt: null });
    expect((await store.api.listOrderHistory({ query: '', limit: 10 })).orders.map((o) => o.id)).toEqual([order.id]);

    store.exchange.sender.start();
    await until('the order is sent', async () => (await pending(store!)) === 0);
    const sent = orderSchema.parse(await store.api.getOrder({ orderId: order.id }));
    expect(sent.delivery).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect(await inboxHas(order.id)).toBe(1);
    // The body sent is the Porter order file written when the order was submitted.
    const received = (await manager.api.listInbox({ limit: 10 })).orders.find((o) => o.orderId === order.id)!;
    expect(received).toMatchObject({ orderNumber: order.number, lineCount: order.lines.length, grossKopecks: order.totals.grossKopecks });
  });

  it('honours Retry-After, then delivers', async () => {
    const proxy: FaultProxy = await startFaultProxy(managerUrl);
    servers.push(proxy);
    proxy.setFaults([{ fault: { kind: 'unavailable', retryAfterSeconds: 1 }, times: 1 }]);
    store = await startStore(storeDir.dir, fastExchange(3), { url: proxy.url, token });
    const submittedAt = Date.now();
    const order = await submitNewOrder(store);
    await until(
      'the 503 is recorded',
      async () => (await store!.api.getOrder({ orderId: order.id })).delivery?.lastErrorCode === 'EXCHANGE_UNAVAILABLE',
    );
    const waiting = (await store.api.getOrder({ orderId: order.id })).delivery!;
    expect(waiting.state).toBe('queued');
    expect(waiting.lastError).toMatch(/503/);
    // The jitter alone would retry within 10 ms; the server asked for a second.
    expect(Date.parse(waiting.nextAttemptAt!) - submittedAt).toBeGreaterThanOrEqual(1000);
    await until('the order is sent', async () => (await pending(store!)) === 0);
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(1000);
    expect(proxy.stats.faults.unavailable).toBe(1);
    expect(await inboxHas(order.id)).toBe(1);
  });

  it('needs attention after the bounded number of failures, with the last reason; the purchaser retries', async () => {
    const proxy = await startFaultProxy(managerUrl);
    servers.push(proxy);
    proxy.setFaults([{ fault: { kind: 'closeSocket' } }]);
    store = await startStore(storeDir.dir, fastExchange(4, { sender: { maxAttempts: 3 } }), { url: proxy.url, token });
    const order = await submitNewOrder(store);
    await until(
      'the order needs attention',
      async () => (await store!.api.listOutbox({ states: ['needsAttention'] })).entries.length === 1,
    );
    const entry = (await store.api.getOrder({ orderId: order.id })).delivery!;
    expect(entry).toMatchObject({ state: 'needsAttention', attempts: 3, lastErrorCode: 'EXCHANGE_NETWORK' });
    expect(proxy.stats.faults.closeSocket).toBe(3);
    const history = (await store.api.listOrderHistory({ query: '', limit: 10 })).orders.map((o) => orderSummarySchema.parse(o));
    expect(history.find((o) => o.id === order.id)).toMatchObject({ deliveryState: 'needsAttention' });

    proxy.clearFaults();
    expect(await store.api.retryOutboxEntry({ orderId: order.id })).toMatchObject({ state: 'queued', attempts: 0 });
    await until('the order is sent', async () => (await pending(store!)) === 0);
    expect(await inboxHas(order.id)).toBe(1);
  });

  it("does not retry what the supplier refused (422): the order needs attention with the supplier's reason", async () => {
    store = await startStore(storeDir.dir, fastExchange(5, { sender: { autoStart: false } }), { url: managerUrl, token });
    const order = await submitNewOrder(store);
    // Somebody already used this order's id with another body: the supplier refuses the real one.
    // The same order file with another comment (what a buggy second writer would send).
    const queued = JSON.parse(
      store.db.prepare<[string], string>('SELECT body FROM exchange_outbox WHERE order_id = ?').pluck().get(order.id)!,
    ) as { order: { comment?: string } };
    queued.order.comment = 'другой заказ под тем же ключом';
    const impostor = await fetch(`${managerUrl}/v1/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': order.id, 'Content-Type': 'application/json' },
      body: JSON.stringify(queued),
    });
    expect(impostor.status).toBe(201);
    store.exchange.sender.start();
    await until(
      'the order needs attention',
      async () => (await store!.api.listOutbox({ states: ['needsAttention'] })).entries.length === 1,
    );
    const entry = (await store.api.getOrder({ orderId: order.id })).delivery!;
    expect(entry).toMatchObject({ state: 'needsAttention', attempts: 1, lastErrorCode: 'EXCHANGE_REJECTED' });
    expect(entry.lastError).toMatch(/422.*IDEMPOTENCY_KEY_REUSED/);
  });

  it("shows the supplier's confirmation line by line (ordered vs confirmed) in the order and its history", async () => {
    store = await startStore(storeDir.dir, fastExchange(6), { url: managerUrl, token });
    const order = await submitNewOrder(store, 4);
    await until('the order is sent', async () => (await pending(store!)) === 0);
    const inboxId = (await manager.api.listInbox({ limit: 10_000 })).orders.find((o) => o.orderId === order.id)!.inboxId;
    await manager.api.confirmInboxOrder({
      inboxId,
      comment: 'Ёлок осталось мало',
      lines: [
        { lineNumber: 1, confirmedQuantity: 6 },
        { lineNumber: 3, confirmedQuantity: 0 },
      ],
    });
    expect(await store.api.syncConfirmations({})).toMatchObject({ ordersUpdated: 1 });
    const confirmed = orderSchema.parse(await store.api.getOrder({ orderId: order.id }));
    expect(confirmed.confirmation).toMatchObject({ status: 'partiallyAccepted', comment: 'Ёлок осталось мало' });
    expect(confirmed.confirmation!.lines.map((l) => [l.itemCode, l.state, l.orderedQuantity, l.confirmedQuantity])).toEqual([
      ['000123', 'cut', 24, 6],
      ['000200', 'confirmed', 40, 40],
      ['000300', 'cut', 1, 0],
    ]);
    // A later status change reaches the store too; fetching again is harmless.
    await manager.api.setInboxOrderStatus({ inboxId, status: 'shipped' });
    await store.api.syncConfirmations({});
    expect(await store.api.syncConfirmations({})).toEqual({ events: 0, ordersUpdated: 0 });
    const history = (await store.api.listOrderHistory({ query: '', limit: 10 })).orders;
    expect(history.find((o) => o.id === order.id)).toMatchObject({ deliveryState: 'sent', supplierStatus: 'shipped' });
    expect((await store.api.getOrder({ orderId: order.id })).confirmation!.lines).toHaveLength(3);
  });

  it('delivers into an exchange folder under a name that carries the order id', async () => {
    const folder = path.join(storeDir.dir, 'exchange');
    store = await startStore(storeDir.dir, fastExchange(7));
    await expect(store.api.setExchangeSettings({ mode: 'folder', url: '', folder: '' })).rejects.toMatchObject({
      code: 'EXCHANGE_NOT_CONFIGURED',
    });
    await store.api.setExchangeSettings({ mode: 'folder', url: '', folder });
    expect(await store.api.testConnection({})).toMatchObject({ ok: false, code: 'EXCHANGE_FOLDER_UNAVAILABLE' });
    const order = await submitNewOrder(store);
    await until(
      'the folder failure is recorded',
      async () => (await store!.api.getOrder({ orderId: order.id })).delivery?.lastErrorCode === 'EXCHANGE_FOLDER_UNAVAILABLE',
    );
    fs.mkdirSync(folder);
    expect(await store.api.testConnection({})).toMatchObject({ ok: true });
    await store.api.retryOutboxEntry({ orderId: order.id });
    await until('the order is sent', async () => (await pending(store!)) === 0);
    expect(fs.readdirSync(folder)).toEqual([`porter-order-${order.number}-${order.id}.json`]);
    const file = JSON.parse(fs.readFileSync(path.join(folder, fs.readdirSync(folder)[0]!), 'utf8')) as { order: { id: string } };
    expect(file.order.id).toBe(order.id);
  });
});

describe('migration 0004 (exchange)', () => {
  it('seed → migrate → assert: orders sent before keep their state and are not queued for sending', async () => {
    const file = path.join(storeDir.dir, MAIN_DATABASE_FILE);
    const seed = new Database(file);
    for (const m of [migration0001, migration0002, migration0003]) m.up(seed);
    seed.pragma('user_version = 3');
    seed
      .prepare(
        `INSERT INTO orders (id, number, status, created_at, updated_at, submitted_at, price_list_id, prices_include_vat, line_count, gross_kopecks)
         VALUES ('o1', 'P-000001', 'submitted', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', NULL, 1, 1, 107880)`,
      )
      .run();
    seed.prepare("INSERT INTO order_lines VALUES ('o1', '000123', 'Молоко', '', 'шт', 12, 0, 8990, 10, 1200, 12, 1, NULL)").run();
    seed.close();

    store = await createCore({ dataDir: storeDir.dir, exchange: fastExchange() });
    const order = orderSchema.parse(await store.api.getOrder({ orderId: 'o1' }));
    expect(order).toMatchObject({
      status: 'submitted',
      delivery: null,
      confirmation: null,
      lines: [expect.objectContaining({ quantity: 12 })],
    });
    expect(await store.api.listOutbox({})).toEqual({ entries: [] });
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'exchange_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['exchange_events', 'exchange_folder_files', 'exchange_inbox', 'exchange_outbox', 'exchange_stores']);
  });
});
