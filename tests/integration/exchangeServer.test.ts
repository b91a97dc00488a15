import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PorterCore } from '../../electron/core/core';
import { readPorterConfirmation } from '../../electron/core/formats/porterJson/confirmationFile';
import { readPorterPriceList } from '../../electron/core/formats/porterJson/priceListFile';
import type { PorterPriceListFile } from '../../shared/exchange';
import { tempDataDir } from '../builders/dataDir';
import { startManager } from '../builders/exchangePair';
import { DAIRY_AND_MORE, importListedPriceList } from '../builders/orderPriceLists';

/**
 * The supplier's end of the exchange API, spoken to as a supplier's IT would test their own backend:
 * raw HTTP against Porter in manager mode.
 */
const work = tempDataDir('porter-exchange-server');
let manager: PorterCore;
let url: string;
let token: string;
let otherToken: string;
let storeId: string;
let release: (() => void) | null = null;
let held: Promise<void> | null = null;
/** Called when a request has claimed its key (the server's afterClaim hook). */
let onClaim: (() => void) | null = null;

beforeAll(async () => {
  ({ core: manager, url } = await startManager(work.dir, {
    server: {
      maxBodyBytes: 64 * 1024,
      // Holds a request between its claim and its commit when a test asks for it.
      afterClaim: async () => {
        onClaim?.();
        if (held) await held;
      },
    },
  }));
  ({ storeId, token } = await manager.api.addExchangeStore({ name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' }));
  ({ token: otherToken } = await manager.api.addExchangeStore({ name: 'Второй магазин', customerCode: 'К-0043', priceType: 'Опт 2' }));
});
afterAll(() => {
  manager.close();
  work.remove();
});

const call = (path: string, init: RequestInit & { bearer?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  const bearer = init.bearer === undefined ? token : init.bearer;
  if (bearer !== null) headers.set('Authorization', `Bearer ${bearer}`);
  return fetch(`${url}${path}`, { ...init, headers });
};
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

let nextOrder = 1;
/** A Porter order file as a store writes it (docs/schemas/porter-order.v1.schema.json). */
function orderFile(id: string, quantity = 24) {
  return {
    format: 'porter.order',
    version: 1,
    generator: 'Porter test',
    exportedAt: '2026-11-30T08:00:00.000Z',
    order: {
      id,
      number: `P-${String(nextOrder++).padStart(6, '0')}`,
      createdAt: '2026-11-30T07:55:00.000Z',
      deliveryDate: '2026-12-02',
      priceListId: null,
      currency: 'RUB',
      pricesIncludeVat: true,
      lines: [
        {
          lineNumber: 1,
          itemCode: '000123',
          name: 'Молоко',
          barcode: '',
          unit: 'шт',
          quantity,
          priceKopecks: 8990,
          vatRate: 10,
          amountKopecks: 8990 * quantity,
          vatKopecks: 0,
        },
        {
          lineNumber: 2,
          itemCode: '000200',
          name: 'Шоколад',
          barcode: '',
          unit: 'шт',
          quantity: 40,
          priceKopecks: 11500,
          vatRate: 22,
          amountKopecks: 460000,
          vatKopecks: 0,
        },
      ],
      totals: { netKopecks: 0, vatKopecks: 0, grossKopecks: 1, byRate: [] },
    },
  };
}
const post = (key: string | null, body: unknown, bearer?: string) =>
  call('/v1/orders', {
    method: 'POST',
    ...(bearer ? { bearer } : {}),
    headers: { 'Content-Type': 'application/json', ...(key === null ? {} : { 'Idempotency-Key': key }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('exchange API server (manager mode)', () => {
  it('is off by default, and tells a busy port apart', async () => {
    const dir = tempDataDir('porter-exchange-off');
    const { createCore } = await import('../../electron/core/core');
    const fresh = await createCore({ dataDir: dir.dir });
    try {
      expect(await fresh.api.getExchangeServer({})).toMatchObject({ enabled: false, listening: null, stores: [] });
      const port = Number(new URL(url).port);
      await expect(fresh.api.setExchangeServer({ enabled: true, port, bindAddress: '127.0.0.1' })).rejects.toMatchObject({
        code: 'EXCHANGE_SERVER_START_FAILED',
      });
      expect((await fresh.api.getExchangeServer({})).lastError).toMatch(/EADDRINUSE/);
    } finally {
      fresh.close();
      dir.remove();
    }
  });

  it('keeps only a hash of each store token', () => {
    const dump = JSON.stringify(manager.db.prepare('SELECT * FROM exchange_stores').all());
    expect(dump).not.toContain(token);
    expect(dump).toContain('Магазин у дома');
  });

  it('answers ping for a valid token, 401 without one, 404 for a path it does not serve, 405 for a wrong method', async () => {
    const ping = await call('/v1/ping');
    expect(ping.status).toBe(200);
    expect(await ping.json()).toMatchObject({
      api: 'porter-exchange',
      apiVersion: 1,
      supplierName: 'ООО «Молочный путь»',
      store: { name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' },
    });

    const anonymous = await call('/v1/ping', { bearer: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorCode(anonymous)).toBe('UNAUTHORIZED');
    expect((await call('/v1/ping', { bearer: 'pt_not-a-token' })).status).toBe(401);

    const wrongPath = await call('/api/v1/ping');
    expect([wrongPath.status, await errorCode(wrongPath)]).toEqual([404, 'NOT_FOUND']);
    const wrongMethod = await call('/v1/orders');
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('stores an order once per Idempotency-Key: 201, then the stored answer replayed as 200, 422 for another body', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000001';
    const file = orderFile(id);
    const first = await post(id, file);
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as Record<string, unknown>;
    expect(receipt).toMatchObject({ orderId: id, status: 'received' });

    // The same order again, formatted differently (key order, whitespace): the same answer, replayed.
    const reordered = JSON.stringify(
      { order: file.order, version: 1, format: 'porter.order', exportedAt: file.exportedAt, generator: file.generator },
      null,
      4,
    );
    const again = await post(id, reordered);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);

    const changed = await post(id, { ...file, order: { ...file.order, lines: file.order.lines.slice(0, 1) } });
    expect([changed.status, await errorCode(changed)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

    const inbox = (await manager.api.listInbox({ limit: 100 })).orders.filter((o) => o.orderId === id);
    expect(inbox).toHaveLength(1);
    // The total comes from the lines, not from the file's stated totals.
    expect(inbox[0]).toMatchObject({ storeName: 'Магазин у дома', lineCount: 2, grossKopecks: 8990 * 24 + 460000, status: 'received' });
  });

  it('answers 409 while a request with the same key is still being processed', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000002';
    const file = orderFile(id);
    held = new Promise<void>((resolve) => (release = resolve));
    const claimed = new Promise<void>((resolve) => (onClaim = resolve));
    try {
      const slow = post(id, file);
      // The first request now holds its claim (the server said so through afterClaim).
      await claimed;
      onClaim = null;
      const concurrent = await post(id, file);
      expect([concurrent.status, concurrent.headers.get('retry-after'), await errorCode(concurrent)]).toEqual([
        409,
        '1',
        'REQUEST_IN_PROGRESS',
      ]);
      held = null;
      release!();
      expect((await slow).status).toBe(201);
      expect((await post(id, file)).status).toBe(200);
    } finally {
      held = null;
      release!();
    }
  });

  it('refuses malformed requests without remembering them', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000003';
    const noKey = await post(null, orderFile(id));
    expect([noKey.status, await errorCode(noKey)]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const notJson = await post(id, '{"format": "porter.order",');
    expect([notJson.status, await errorCode(notJson)]).toEqual([400, 'INVALID_JSON']);
    const wrongType = await call('/v1/orders', {
      method: 'POST',
      headers: { 'Idempotency-Key': id, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect([wrongType.status, await errorCode(wrongType)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const otherId = await post(id, orderFile('somebody-else'));
    const valid = orderFile(id);
    expect([otherId.status, await errorCode(otherId)]).toEqual([422, 'INVALID_ORDER']);
    const noLines = await post(id, { ...valid, order: { ...valid.order, lines: [] } });
    expect([noLines.status, await errorCode(noLines)]).toEqual([422, 'INVALID_ORDER']);
    const huge = await post(id, { ...valid, padding: 'я'.repeat(40_000) });
    expect([huge.status, await errorCode(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // None of these was kept: the key is still free for the real order.
    expect((await post(id, valid)).status).toBe(201);
  });

  it('scopes keys per store: the same key from another store is another order', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000001';
    expect((await post(id, orderFile(id, 36), otherToken)).status).toBe(201);
  });

  it('serves the price list with an ETag per price type, 304 when unchanged, and a delta since the previous version', async () => {
    type Answer = { kind: string; since: string | null; removedCodes: string[]; file: PorterPriceListFile };
    const full = await call('/v1/price-list');
    expect(full.status).toBe(200);
    const etag = full.headers.get('etag')!;
    const answer = (await full.json()) as Answer;
    // The list is a Porter price list file: the formats' own reader takes it as it is.
    const file = readPorterPriceList(JSON.stringify(answer.file), 'price-list answer');
    const list = file.priceList;
    expect(etag).toBe(`"${list.id}"`);
    expect(answer).toMatchObject({ kind: 'full', since: null, removedCodes: [] });
    expect(list).toMatchObject({ currency: 'RUB', priceType: '', supplierName: 'ООО «Молочный путь»' });
    expect(list.items.map((i) => i.code)).toEqual(DAIRY_AND_MORE.map((i) => i.code));

    expect((await call('/v1/price-list', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const other = await call('/v1/price-list', { bearer: otherToken, headers: { 'If-None-Match': etag } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(((await other.json()) as Answer).file.priceList.priceType).toBe('Опт 2');

    // A new price list: one price changed, one item gone, one new.
    const next = DAIRY_AND_MORE.filter((i) => i.code !== '000125').map((i) => (i.code === '000123' ? { ...i, priceKopecks: 9290 } : i));
    await importListedPriceList(manager, 'prices-2', [...next, { code: '000999', name: 'Ряженка 4%', priceKopecks: 6100, vatRate: 10 }], {
      supplierName: 'ООО «Молочный путь»',
    });
    expect((await call('/v1/price-list', { headers: { 'If-None-Match': etag } })).status).toBe(200);
    const delta = (await (await call(`/v1/price-list?since=${encodeURIComponent(list.id)}`)).json()) as Answer;
    expect([delta.kind, delta.since]).toEqual(['delta', list.id]);
    expect(readPorterPriceList(JSON.stringify(delta.file), 'delta').priceList.items.map((i) => [i.code, i.priceKopecks])).toEqual([
      ['000123', 9290],
      ['000999', 6100],
    ]);
    expect(delta.removedCodes).toEqual(['000125']);
    const unknown = (await (await call('/v1/price-list?since=no-such-version')).json()) as Answer;
    expect([unknown.kind, unknown.file.priceList.items.length]).toEqual(['full', 6]);
    const current = (await (await call(`/v1/price-list?since=${encodeURIComponent(delta.file.priceList.id)}`)).json()) as Answer;
    expect([current.kind, current.file.priceList.items.length, current.removedCodes.length]).toEqual(['delta', 0, 0]);
  });

  it('logs status changes and line-level confirmations per store, read by cursor', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000004';
    expect((await post(id, orderFile(id))).status).toBe(201);
    const inboxId = (await manager.api.listInbox({ limit: 100 })).orders.find((o) => o.orderId === id && o.storeId === storeId)!.inboxId;
    await expect(manager.api.confirmInboxOrder({ inboxId, lines: [{ lineNumber: 1, confirmedQuantity: 25 }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const confirmed = await manager.api.confirmInboxOrder({
      inboxId,
      comment: 'Молоко — сколько есть',
      lines: [{ lineNumber: 1, confirmedQuantity: 12 }],
    });
    expect(confirmed.status).toBe('partiallyAccepted');

    type Page = { events: ({ cursor: string; orderId: string } & Record<string, unknown>)[]; nextCursor: string; hasMore: boolean };
    const all: Page['events'] = [];
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const response = await call(`/v1/confirmations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await response.json()) as Page;
      all.push(...body.events);
      cursor = body.nextCursor;
      if (!body.hasMore) break;
    }
    const mine = all.filter((e) => e.orderId === id);
    expect(mine.map((e) => e.type)).toEqual(['status', 'confirmation']);
    expect(mine[0]).toMatchObject({ status: 'received' });
    // The confirmation is Porter's confirmation document: the formats' reader takes it as a file.
    const document = readPorterConfirmation(
      JSON.stringify({
        format: 'porter.confirmation',
        version: 1,
        generator: 'test',
        exportedAt: '2026-11-30T10:00:00.000Z',
        confirmation: mine[1]!.confirmation,
      }),
      'event',
    ).confirmation;
    expect(document).toMatchObject({
      orderId: id,
      status: 'partiallyAccepted',
      comment: 'Молоко — сколько есть',
      deliveryDate: '2026-12-02',
    });
    expect(document.lines.map((l) => [l.lineNumber, l.state, l.orderedQuantity, l.confirmedQuantity, l.priceKopecks])).toEqual([
      [1, 'cut', 24, 12, 8990],
      [2, 'confirmed', 40, 40, 11500],
    ]);
    expect(document.totals.grossKopecks).toBe(12 * 8990 + 40 * 11500);
    // Cursors only grow; a store never sees another store's events.
    expect(all.map((e) => Number(e.cursor))).toEqual([...all.map((e) => Number(e.cursor))].sort((a, b) => a - b));
    const other = (await (await call('/v1/confirmations', { bearer: otherToken })).json()) as Page;
    expect(other.events.every((e) => e.orderId !== id)).toBe(true);
    const after = (await (await call(`/v1/confirmations?cursor=${cursor}`)).json()) as Page;
    expect(after).toEqual({ events: [], nextCursor: cursor, hasMore: false });
    const bad = await call('/v1/confirmations?cursor=abc');
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('stops answering a revoked token', async () => {
    const { storeId: id, token: temporary } = await manager.api.addExchangeStore({ name: 'Временный', customerCode: '', priceType: '' });
    expect((await call('/v1/ping', { bearer: temporary })).status).toBe(200);
    expect(await manager.api.revokeExchangeStore({ storeId: id })).toEqual({ revoked: true });
    expect((await call('/v1/ping', { bearer: temporary })).status).toBe(401);
  });
});
