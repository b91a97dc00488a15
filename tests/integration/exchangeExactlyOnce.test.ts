import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import { MAIN_DATABASE_FILE } from '../../electron/core/db/database';
import { tempDataDir } from '../builders/dataDir';
import type { DriverCommand, DriverReply } from '../builders/exchangeStoreDriver';
import {
  fastExchange,
  inboxCounts,
  listenAgain,
  pending,
  receivedEvents,
  startManager,
  startStore,
  submitNewOrder,
  until,
} from '../builders/exchangePair';
import { startFaultProxy, type Fault, type FaultProxy } from '../builders/faultProxy';
import { pick, seededRandom } from '../builders/random';

/**
 * Acceptance 4 of the exchange issue: a real store core talking over loopback HTTP to a real
 * manager-mode core, with faults injected by a proxy between them. Whatever happens on the way —
 * the answer lost after the server committed, 503 with Retry-After, an answer slower than the
 * client's deadline, a cut connection, the store killed after its local commit or with its request
 * in the air — once the faults stop every submitted order is in the supplier's inbox exactly once
 * and the store's outbox has nothing left to send.
 */
const managerDir = tempDataDir('porter-once-manager');
let manager: PorterCore;
let managerUrl: string;
let token: string;
let proxy: FaultProxy;

beforeAll(async () => {
  ({ core: manager, url: managerUrl } = await startManager(managerDir.dir));
  ({ token } = await manager.api.addExchangeStore({ name: 'Магазин у дома', customerCode: 'К-0042', priceType: '' }));
  proxy = await startFaultProxy(managerUrl, seededRandom(99));
});
afterAll(async () => {
  await proxy.close();
  manager.close();
  managerDir.remove();
});

const ORDERS = { method: 'POST', path: '/v1/orders' };

/** The invariant: each order exactly once in the inbox (one row, one "received" event), nothing left in the outbox. */
async function expectExactlyOnce(store: PorterCore | null, orderIds: readonly string[]): Promise<void> {
  const counts = inboxCounts(manager);
  const events = receivedEvents(manager);
  expect(orderIds.filter((id) => counts.get(id) !== 1 || events.get(id) !== 1)).toEqual([]);
  if (store) expect(await pending(store)).toBe(0);
}

describe('exactly once over a faulty network', () => {
  it('survives lost answers, 503 with Retry-After, answers slower than the deadline and cut connections', async () => {
    const dir = tempDataDir('porter-once-store');
    // The client gives up after 300 ms; the delayed answers come after 600 ms.
    const store = await startStore(dir.dir, fastExchange(11, { sender: { requestTimeoutMs: 300, maxAttempts: 50 } }), {
      url: proxy.url,
      token,
    });
    try {
      const faults: Fault[] = [
        { kind: 'dropResponse' },
        { kind: 'unavailable', retryAfterSeconds: 1 },
        { kind: 'delay', ms: 600 },
        { kind: 'closeSocket' },
      ];
      const ids: string[] = [];
      for (const [index, fault] of faults.entries()) {
        const before = { ...proxy.stats.faults };
        // Each fault hits the next two attempts to send.
        proxy.setFaults([{ fault, match: ORDERS, times: 2 }]);
        ids.push((await submitNewOrder(store, index)).id);
        ids.push((await submitNewOrder(store, index + 1)).id);
        await until(`both orders delivered through ${fault.kind}`, async () => (await pending(store)) === 0);
        expect(proxy.stats.faults[fault.kind] - before[fault.kind]).toBe(2);
      }
      await expectExactlyOnce(store, ids);
      // The server answered retries of committed orders from its idempotency record.
      expect(proxy.stats.upstreamStatuses[200]).toBeGreaterThanOrEqual(2);
      const sent = (await store.api.listOutbox({})).entries;
      expect(sent.map((e) => e.state)).toEqual(ids.map(() => 'sent'));
      expect(Math.max(...sent.map((e) => e.attempts))).toBeGreaterThan(1);
    } finally {
      proxy.clearFaults();
      store.close();
      dir.remove();
    }
  });
});

/** A store core in a child process, driven over IPC. */
class StoreProcess {
  private readonly child: ChildProcess;
  private replies: { resolve: (reply: DriverReply) => void; reject: (error: Error) => void }[] = [];

  constructor() {
    this.child = fork(path.join(import.meta.dirname, '..', 'builders', 'exchangeStoreDriver.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, PORTER_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: DriverReply) => this.replies.shift()?.resolve(reply));
    this.child.on('exit', (code, signal) => {
      for (const waiting of this.replies.splice(0)) waiting.reject(new Error(`store process exited (${code ?? signal})`));
    });
  }

  async call(command: DriverCommand): Promise<unknown> {
    const reply = await new Promise<DriverReply>((resolve, reject) => {
      this.replies.push({ resolve, reject });
      this.child.send(command);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }

  /** SIGKILL: no exit handlers, no closing the database — what a power cut or a killed task does. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** The outbox state of an order as stored on disk (read while the store is down). */
function storedState(dataDir: string, orderId: string): string | undefined {
  const db = new Database(path.join(dataDir, MAIN_DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[string], string>('SELECT state FROM exchange_outbox WHERE order_id = ?').pluck().get(orderId);
  } finally {
    db.close();
  }
}

describe('exactly once when the store process is killed', () => {
  it('after its local commit: the order waits in the outbox and goes after the restart', async () => {
    const dir = tempDataDir('porter-once-killed-commit');
    try {
      const first = new StoreProcess();
      // The sender does not run: the kill lands between the commit and any sending.
      await first.call({ cmd: 'start', dataDir: dir.dir, autoStart: false, seed: 21, connection: { url: proxy.url, token } });
      const orderId = (await first.call({ cmd: 'submit', variant: 1 })) as string;
      await first.kill();
      expect(storedState(dir.dir, orderId)).toBe('queued');
      expect(inboxCounts(manager).get(orderId)).toBeUndefined();

      const second = new StoreProcess();
      await second.call({ cmd: 'start', dataDir: dir.dir, autoStart: true, seed: 22 });
      await until('the restarted store sends the order', async () => (await second.call({ cmd: 'pending' })) === 0);
      await second.kill();
      await expectExactlyOnce(null, [orderId]);
      expect(storedState(dir.dir, orderId)).toBe('sent');
    } finally {
      dir.remove();
    }
  });

  it('after sending: the supplier has committed, the store dies before the answer; the restart resends and gets the stored answer', async () => {
    const dir = tempDataDir('porter-once-killed-sending');
    try {
      proxy.setFaults([{ fault: { kind: 'hold' }, match: ORDERS, times: 1 }]);
      const first = new StoreProcess();
      await first.call({ cmd: 'start', dataDir: dir.dir, autoStart: true, seed: 31, connection: { url: proxy.url, token } });
      const orderId = (await first.call({ cmd: 'submit', variant: 2 })) as string;
      // The server's answer has reached the proxy: the order is committed in the inbox.
      await proxy.nextHeld();
      expect(inboxCounts(manager).get(orderId)).toBe(1);
      await first.kill();
      proxy.release(true);
      expect(storedState(dir.dir, orderId)).toBe('sending');

      const replaysBefore = proxy.stats.upstreamStatuses[200] ?? 0;
      const second = new StoreProcess();
      await second.call({ cmd: 'start', dataDir: dir.dir, autoStart: true, seed: 32 });
      await until('the restarted store finishes sending', async () => (await second.call({ cmd: 'pending' })) === 0);
      await second.kill();
      await expectExactlyOnce(null, [orderId]);
      expect(storedState(dir.dir, orderId)).toBe('sent');
      expect((proxy.stats.upstreamStatuses[200] ?? 0) - replaysBefore).toBe(1);
    } finally {
      proxy.clearFaults();
      dir.remove();
    }
  });
});

describe('exactly once, model-based', () => {
  type Step = 'submit' | 'faultOn' | 'faultOff' | 'restartStore' | 'restartManager' | 'pause';
  const STEPS: Step[] = ['submit', 'submit', 'submit', 'faultOn', 'faultOn', 'faultOff', 'restartStore', 'restartManager', 'pause'];
  const FAULTS: Fault[] = [
    { kind: 'dropResponse' },
    { kind: 'unavailable', retryAfterSeconds: 0 },
    { kind: 'delay', ms: 450 },
    { kind: 'closeSocket' },
  ];

  it.each([101, 202, 303, 404])(
    'random sequences of submit / fault / restart (seed %i) end with every order in the inbox once',
    async (seed) => {
      const random = seededRandom(seed);
      const dir = tempDataDir(`porter-once-model-${seed}`);
      const options = fastExchange(seed, { sender: { requestTimeoutMs: 300, maxAttempts: 1000 } });
      let store: PorterCore | null = await startStore(dir.dir, options, { url: proxy.url, token });
      const submitted: string[] = [];
      const trace: string[] = [];
      const faultsBefore = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
      try {
        for (let step = 0; step < 40; step++) {
          const action = pick(random, STEPS);
          trace.push(action);
          switch (action) {
            case 'submit':
              submitted.push((await submitNewOrder(store, step)).id);
              break;
            case 'faultOn': {
              const fault = pick(random, FAULTS);
              trace.push(fault.kind);
              proxy.setFaults([{ fault, match: ORDERS, probability: 0.7 }]);
              break;
            }
            case 'faultOff':
              proxy.clearFaults();
              break;
            case 'restartStore':
              // Closed mid-flight: a request in the air is cut off and its entry stays 'sending' on disk.
              store.close();
              store = null;
              store = await startStore(dir.dir, options);
              break;
            case 'restartManager':
              manager.close();
              manager = await createCore({ dataDir: managerDir.dir });
              await listenAgain(manager, managerUrl);
              break;
            case 'pause':
              await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
              break;
          }
          // The sender works in the background: give it a moment under the current faults.
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(random() * 40)));
          // At no point does the supplier hold an order twice.
          expect([...receivedEvents(manager).values()].filter((n) => n > 1)).toEqual([]);
        }
        proxy.clearFaults();
        await until(`the outbox drains (${trace.join(' ')})`, async () => (await pending(store!)) === 0, 60_000);
        await expectExactlyOnce(store, submitted);
        // The sequence did put the exchange through faults (a seed that injects none would prove nothing).
        const injected = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0) - faultsBefore;
        expect(injected).toBeGreaterThan(0);
        expect((await store.api.listOutbox({})).entries.every((e) => e.state === 'sent' && e.lastErrorCode !== 'EXCHANGE_REJECTED')).toBe(
          true,
        );
      } finally {
        proxy.clearFaults();
        store?.close();
        dir.remove();
      }
    },
  );
});
