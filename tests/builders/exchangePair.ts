import { createCore, type PorterCore } from '../../electron/core/core';
import type { ExchangeOptions } from '../../electron/core/exchange/exchange';
import type { Order } from '../../shared/domain';
import { DAIRY_AND_MORE, importListedPriceList, type ListedItem } from './orderPriceLists';
import { seededRandom } from './random';

/** Sender timing for tests: retries within milliseconds, a short request deadline, a seeded jitter. */
export function fastExchange(seed = 1, overrides: ExchangeOptions = {}): ExchangeOptions {
  return {
    ...overrides,
    sender: { baseDelayMs: 10, maxDelayMs: 80, requestTimeoutMs: 1_500, random: seededRandom(seed), ...overrides.sender },
    confirmationsIntervalMs: overrides.confirmationsIntervalMs ?? 0,
    priceListSyncIntervalMs: overrides.priceListSyncIntervalMs ?? 0,
    requestTimeoutMs: overrides.requestTimeoutMs ?? 2_000,
  };
}

/** A manager-mode core serving the exchange API on a loopback port, with the price list imported. */
export async function startManager(
  dataDir: string,
  options: ExchangeOptions = {},
  items: readonly ListedItem[] = DAIRY_AND_MORE,
): Promise<{ core: PorterCore; url: string }> {
  const core = await createCore({ dataDir, exchange: options });
  if (items.length > 0) await importListedPriceList(core, 'supplier-prices', items, { supplierName: 'ООО «Молочный путь»' });
  const state = await core.api.setExchangeServer({ enabled: true, port: 0, bindAddress: '127.0.0.1' });
  return { core, url: `http://127.0.0.1:${state.listening!.port}` };
}

/** Restarts the manager's server on the same port (after a core restart). */
export async function listenAgain(core: PorterCore, url: string): Promise<void> {
  await core.api.setExchangeServer({ enabled: true, port: Number(new URL(url).port), bindAddress: '127.0.0.1' });
}

/** A store-mode core with the same price list; connected to `url` with `token` when given. */
export async function startStore(
  dataDir: string,
  options: ExchangeOptions,
  connection?: { url: string; token: string },
  items: readonly ListedItem[] | null = DAIRY_AND_MORE,
): Promise<PorterCore> {
  const core = await createCore({ dataDir, exchange: options });
  if (items && !core.priceLists.current) await importListedPriceList(core, 'prices', items);
  if (connection) await core.api.setExchangeSettings({ mode: 'http', url: connection.url, token: connection.token, folder: '' });
  return core;
}

/** A new draft with a few lines (varied by `variant`), submitted. */
export async function submitNewOrder(core: PorterCore, variant = 0): Promise<Order> {
  const draft = await core.api.createDraft({});
  const lines = [
    { itemCode: '000123', quantity: 12 * (1 + (variant % 3)) },
    { itemCode: '000200', quantity: 40 + 20 * (variant % 2) },
    ...(variant % 4 === 0 ? [{ itemCode: '000300', quantity: 1 }] : []),
  ];
  await core.api.setOrderLineQuantities({ orderId: draft.id, lines });
  return core.api.submitOrder({ orderId: draft.id });
}

/** Waits for a condition the test cannot be told about (a background sender), polling briefly. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The store's outbox entries not yet sent. */
export async function pending(core: PorterCore): Promise<number> {
  return (await core.api.listOutbox({ states: ['queued', 'sending', 'needsAttention'] })).entries.length;
}

/** How many times each store order id is in the manager's inbox. */
export function inboxCounts(manager: PorterCore): Map<string, number> {
  const rows = manager.db
    .prepare("SELECT idempotency_key AS id, count(*) AS n FROM exchange_inbox WHERE request_state = 'done' GROUP BY idempotency_key")
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** How many "received" events the manager logged per store order id (a second receipt would log a second one). */
export function receivedEvents(manager: PorterCore): Map<string, number> {
  const rows = manager.db
    .prepare(
      `SELECT json_extract(payload, '$.orderId') AS id, count(*) AS n FROM exchange_events
        WHERE json_extract(payload, '$.type') = 'status' AND json_extract(payload, '$.status') = 'received' GROUP BY id`,
    )
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
