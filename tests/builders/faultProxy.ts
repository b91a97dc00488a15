import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What goes wrong between the store and the supplier:
 * - dropResponse: the request reaches the server, the server commits, the answer is lost (socket cut);
 * - unavailable: the proxy answers 503 with Retry-After itself, the server never sees the request;
 * - delay: the answer is held this long (longer than the client's timeout: the client gives up while
 *   the server has committed);
 * - closeSocket: the connection is cut before anything is forwarded;
 * - hold: the answer is kept until release() (a test kills the store while its request is "in the air").
 */
export type Fault =
  | { kind: 'dropResponse' }
  | { kind: 'unavailable'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'closeSocket' }
  | { kind: 'hold' };

export interface FaultRule {
  fault: Fault;
  /** Only requests to this method and path (default: every request). */
  match?: { method?: string; path?: string };
  /** Applies to this many matching requests, then stops (default: until cleared). */
  times?: number;
  /** Applies to a matching request with this probability (a seeded random decides). */
  probability?: number;
}

export interface FaultProxy {
  url: string;
  /** Replaces the rules; an empty list lets everything through. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Forwarded requests, and faults applied by kind. */
  stats: { requests: number; forwarded: number; faults: Record<Fault['kind'], number>; upstreamStatuses: Record<number, number> };
  /** Resolves when a held answer has arrived from the server (so the server has committed). */
  nextHeld(): Promise<void>;
  /** Lets held answers go (or cuts them, when drop is true). */
  release(drop?: boolean): void;
  close(): Promise<void>;
}

/** A loopback HTTP proxy in front of `target` that injects faults on request. */
export async function startFaultProxy(target: string, random: () => number = Math.random): Promise<FaultProxy> {
  const upstream = new URL(target);
  let rules: (FaultRule & { left: number })[] = [];
  const stats = {
    requests: 0,
    forwarded: 0,
    faults: { dropResponse: 0, unavailable: 0, delay: 0, closeSocket: 0, hold: 0 },
    upstreamStatuses: {} as Record<number, number>,
  };
  const held: { deliver: (drop: boolean) => void }[] = [];
  let heldWaiters: (() => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const pickFault = (req: http.IncomingMessage): Fault | null => {
    const path = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
    for (const rule of rules) {
      if (rule.left <= 0) continue;
      if (rule.match?.method && rule.match.method !== req.method) continue;
      if (rule.match?.path && rule.match.path !== path) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.left--;
      return rule.fault;
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const fault = pickFault(req);
    if (fault) stats.faults[fault.kind]++;
    if (fault?.kind === 'closeSocket') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'unavailable') {
      req.resume();
      const body = JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Injected by the fault proxy' } });
      res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(fault.retryAfterSeconds) }).end(body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.forwarded++;
      const headers = { ...req.headers, host: upstream.host };
      const forward = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent: false },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const status = answer.statusCode ?? 0;
            stats.upstreamStatuses[status] = (stats.upstreamStatuses[status] ?? 0) + 1;
            // The server has answered (and so committed) by now; what reaches the client is up to the fault.
            const deliver = (drop: boolean) => {
              if (drop || res.destroyed) return void req.socket.destroy();
              const copy = { ...answer.headers };
              delete copy['transfer-encoding'];
              res.writeHead(answer.statusCode ?? 502, { ...copy, 'content-length': String(Buffer.concat(body).length) });
              res.end(Buffer.concat(body));
            };
            if (fault?.kind === 'dropResponse') return deliver(true);
            if (fault?.kind === 'delay') {
              const timer = setTimeout(() => {
                timers.delete(timer);
                deliver(false);
              }, fault.ms);
              timers.add(timer);
              return;
            }
            if (fault?.kind === 'hold') {
              held.push({ deliver });
              const waiters = heldWaiters;
              heldWaiters = [];
              waiters.forEach((w) => w());
              return;
            }
            deliver(false);
          });
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setFaults(next) {
      rules = next.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
    },
    clearFaults() {
      rules = [];
    },
    nextHeld() {
      if (held.length > 0) return Promise.resolve();
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    release(drop = false) {
      held.splice(0).forEach((h) => h.deliver(drop));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      held.splice(0).forEach((h) => h.deliver(true));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
