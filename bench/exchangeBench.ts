// Submission throughput: a store core's outbox drained over loopback HTTP into a manager-mode core's
// inbox, next to the same-run baseline of plain sequential POSTs of the same bodies without the outbox.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PorterCore } from '../electron/core/core';
import { exchangeRequest } from '../electron/core/exchange/client/exchangeHttp';
import { closeLogFile, configureLogFile } from '../electron/core/logger';
import { inboxCounts, receivedEvents, startManager, startStore } from '../tests/builders/exchangePair';
import type { ListedItem } from '../tests/builders/orderPriceLists';
import { generateItems } from '../tests/builders/priceLists';
import { elapsedMs, f1, median, seconds } from './measure';

export interface ExchangeBenchOptions {
  orders: number;
  linesPerOrder: number;
  runs: number;
  /** Removed by the caller. */
  workDir: string;
}

/**
 * Runs the section in a child process: the core logs every delivered and received order, and the
 * child quiets stderr (its log file still gets them, as the app's core process writes them).
 */
export function runExchangeBench(options: ExchangeBenchOptions): void {
  const self = fileURLToPath(import.meta.url);
  const { orders, linesPerOrder, runs, workDir } = options;
  const result = spawnSync(process.execPath, [self, '--child-exchange', workDir, String(orders), String(linesPerOrder), String(runs)], {
    stdio: 'inherit',
    env: { ...process.env, PORTER_LOG_LEVEL: 'warn' },
  });
  if (result.status !== 0) throw new Error(`exchange bench child failed (exit ${result.status ?? result.signal})`);
}

/** The child's side: `--child-exchange <workDir> <orders> <lines per order> <runs>`. */
export async function childExchangeBench(args: readonly string[]): Promise<void> {
  const [workDir, orders, linesPerOrder, runs] = args;
  await exchangeBench({ workDir: workDir!, orders: Number(orders), linesPerOrder: Number(linesPerOrder), runs: Number(runs) });
}

async function exchangeBench({ orders, linesPerOrder, runs, workDir }: ExchangeBenchOptions): Promise<void> {
  const dir = fs.mkdtempSync(path.join(workDir, 'exchange-'));
  configureLogFile({ dir: path.join(dir, 'logs'), process: 'core' });
  const items = benchItems(linesPerOrder);
  const { core: manager, url } = await startManager(path.join(dir, 'manager'), {}, items);
  let store: PorterCore | null = null;
  try {
    const viaOutbox = await manager.api.addExchangeStore({ name: 'Магазин (outbox)', customerCode: 'B-1', priceType: '' });
    // The raw POSTs come from a store of their own, so its events never reach the outbox's store.
    const viaRawPosts = await manager.api.addExchangeStore({ name: 'Магазин (raw POST)', customerCode: 'B-2', priceType: '' });
    // The app's sender settings, not started: orders queue up until the run starts it. Confirmations
    // are not fetched, so the figure is submission alone (the baseline fetches none either).
    store = await startStore(
      path.join(dir, 'store'),
      { sender: { autoStart: false }, confirmationsIntervalMs: 0 },
      { url, token: viaOutbox.token },
      items,
    );
    console.log(
      `\n== exchange: ${orders.toLocaleString('en')} queued orders × ${linesPerOrder} lines over loopback HTTP` +
        ` (store and manager-mode cores in one process, the app's sender settings, confirmations not fetched)`,
    );

    const outbox: number[] = [];
    const baseline: number[] = [];
    let queueMs = 0;
    let bodyBytes = 0;
    for (let run = 0; run < runs; run++) {
      const queued = await queueOrders(store, orders, items, run);
      queueMs += queued.ms;
      bodyBytes = queued.bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / orders;
      // Alternate the order so neither side always runs on the warmer databases.
      if (run % 2 === 1) baseline.push(await rawPosts(manager, url, viaRawPosts.token, queued.bodies));
      outbox.push(await drainOutbox(store, manager, queued.ids));
      if (run % 2 === 0) baseline.push(await rawPosts(manager, url, viaRawPosts.token, queued.bodies));
    }

    const rate = (ms: number) => `${Math.round((orders / ms) * 1000).toLocaleString('en')} orders/s`;
    console.log(
      `queueing (draft + ${linesPerOrder} lines + submit, outbox entry in the same transaction): ${seconds(queueMs / runs)} s per ${orders.toLocaleString('en')} orders;` +
        ` body ${f1(bodyBytes / 1024)} KB on average`,
    );
    console.log(
      `outbox sender, queued → all sent and each in the inbox exactly once: ${seconds(median(outbox))} s (${rate(median(outbox))});` +
        ` runs ${outbox.map(seconds).join(', ')} s`,
    );
    console.log(
      `raw POSTs of the same bodies, sequential, keep-alive, new keys:      ${seconds(median(baseline))} s (${rate(median(baseline))});` +
        ` runs ${baseline.map(seconds).join(', ')} s`,
    );
    const overhead = (median(outbox) - median(baseline)) / orders;
    console.log(
      `  outbox overhead: ${overhead.toFixed(2)} ms per order (${(median(outbox) / median(baseline)).toFixed(2)}× the raw POSTs)`,
    );
  } finally {
    store?.close();
    manager.close();
    closeLogFile();
  }
}

/** Items the orders are made of: one per line, no pack or minimum rules, plenty in stock. */
function benchItems(count: number): ListedItem[] {
  return [...generateItems(Math.max(1, count), 7)].map((item) => ({
    code: item.code,
    name: item.name,
    barcode: item.barcode,
    unit: item.unit,
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: item.priceKopecks,
    stock: 1_000_000,
    vatRate: item.vatRate,
  }));
}

/** Submits `count` orders while the sender is stopped; returns their ids and the bodies their outbox entries hold. */
async function queueOrders(
  store: PorterCore,
  count: number,
  items: readonly ListedItem[],
  run: number,
): Promise<{ ids: string[]; bodies: string[]; ms: number }> {
  const pendingBefore = store.exchange.outbox.pendingCount();
  const started = process.hrtime.bigint();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const draft = await store.api.createDraft({});
    const lines = items.map((item, k) => ({ itemCode: item.code, quantity: 1 + ((run + i + k) % 7) }));
    await store.api.setOrderLineQuantities({ orderId: draft.id, lines });
    const submitted = await store.api.submitOrder({ orderId: draft.id });
    if (submitted.delivery?.state !== 'queued') {
      throw new Error(`order ${submitted.number} was not queued (delivery: ${JSON.stringify(submitted.delivery ?? null)})`);
    }
    ids.push(submitted.id);
  }
  const ms = elapsedMs(started);
  const pending = store.exchange.outbox.pendingCount() - pendingBefore;
  if (pending !== count) throw new Error(`${pending} of ${count} submitted orders are in the outbox`);
  const bodies = store.db
    .prepare<[string], string>('SELECT body FROM exchange_outbox WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY rowid')
    .pluck()
    .all(JSON.stringify(ids));
  return { ids, bodies, ms };
}

/**
 * Starts the sender and times until every order is delivered: the sender's onSent is the signal.
 * A watchdog (every 250 ms) fails the run as soon as an attempt failed (on loopback without faults
 * that is a defect, and its backoff would be in the figure) or nothing moved for a minute.
 */
async function drainOutbox(store: PorterCore, manager: PorterCore, ids: readonly string[]): Promise<number> {
  const sender = store.exchange.sender;
  const notifyApp = sender.onSent;
  const idsJson = JSON.stringify(ids);
  const failed = store.db.prepare<[string], { n: number; code: string | null; reason: string | null }>(
    `SELECT count(*) AS n, max(last_error_code) AS code, max(last_error) AS reason FROM exchange_outbox
      WHERE (last_error_code IS NOT NULL OR attempts > 1) AND order_id IN (SELECT value FROM json_each(?))`,
  );
  const failure = () => {
    const found = failed.get(idsJson)!;
    return found.n === 0 ? null : new Error(`${found.n} orders failed an attempt to send: ${found.code} ${found.reason}`);
  };
  let watchdog: NodeJS.Timeout | undefined;
  let ms: number;
  const started = process.hrtime.bigint();
  try {
    await new Promise<void>((resolve, reject) => {
      let delivered = 0;
      let lastProgress = Date.now();
      sender.onSent = () => {
        notifyApp();
        delivered++;
        lastProgress = Date.now();
        if (delivered === ids.length) resolve();
      };
      watchdog = setInterval(() => {
        const error = failure();
        if (error) reject(error);
        else if (Date.now() - lastProgress > 60_000)
          reject(new Error(`no order delivered for a minute: ${delivered} of ${ids.length} sent`));
      }, 250);
      sender.start();
    });
    ms = elapsedMs(started);
  } finally {
    clearInterval(watchdog);
    sender.stop();
    sender.onSent = notifyApp;
  }
  // A retry that succeeded between two looks of the watchdog still counted an attempt.
  const error = failure();
  if (error) throw error;
  const pending = store.exchange.outbox.pendingCount();
  if (pending !== 0) throw new Error(`the outbox still holds ${pending} entries after all ${ids.length} were reported sent`);
  expectOnceEach(manager, ids, 'outbox');
  return ms;
}

/**
 * The baseline: the same bodies POSTed one after another with the same HTTP client and agent settings
 * the sender uses, but nothing stored on the sending side. Each body gets a new order id (and key),
 * so the server does the same work as for a new order instead of replaying a stored answer.
 */
async function rawPosts(manager: PorterCore, url: string, token: string, bodies: readonly string[]): Promise<number> {
  const requests = bodies.map((body) => {
    const document = JSON.parse(body) as { order: { id: string } };
    const id = crypto.randomUUID();
    return { id, body: `${JSON.stringify({ ...document, order: { ...document.order, id } }, null, 2)}\n` };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const started = process.hrtime.bigint();
  try {
    for (const request of requests) {
      const answer = await exchangeRequest(
        { baseUrl: url, token },
        { method: 'POST', path: '/v1/orders', body: request.body, headers: { 'Idempotency-Key': request.id } },
        { timeoutMs: 30_000, agent },
      );
      if (answer.status !== 201) throw new Error(`raw POST of order ${request.id}: HTTP ${answer.status} ${answer.text}`);
    }
  } finally {
    agent.destroy();
  }
  const ms = elapsedMs(started);
  expectOnceEach(
    manager,
    requests.map((r) => r.id),
    'raw POST',
  );
  return ms;
}

/** Every order exactly once in the manager's inbox, with one "received" event; throws otherwise. */
function expectOnceEach(manager: PorterCore, ids: readonly string[], via: string): void {
  const counts = inboxCounts(manager);
  const events = receivedEvents(manager);
  const wrong = ids.filter((id) => counts.get(id) !== 1 || events.get(id) !== 1);
  if (wrong.length > 0) {
    const sample = wrong.slice(0, 3).map((id) => `${id}: ${counts.get(id) ?? 0} in the inbox, ${events.get(id) ?? 0} received events`);
    throw new Error(`${via}: ${wrong.length} of ${ids.length} orders are not in the inbox exactly once (${sample.join('; ')})`);
  }
}
