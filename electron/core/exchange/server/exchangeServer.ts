import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PorterError } from '../../../../shared/errors';
import { createLogger } from '../../logger';
import { EXCHANGE_API_NAME, EXCHANGE_API_VERSION, type Ping } from '../wire';
import type { ExchangeStore, ExchangeStores } from './exchangeStores';
import { apiError, type ApiAnswer, type ExchangeInbox } from './inbox';
import type { PriceListFeed } from './priceListFeed';

const log = createLogger('exchange.server');

export interface ExchangeServerDeps {
  stores: ExchangeStores;
  inbox: ExchangeInbox;
  priceList: PriceListFeed;
  supplierName: () => string;
  maxBodyBytes: number;
}

type Route = 'ping' | 'priceList' | 'orders' | 'confirmations';
const ROUTES: Record<string, { route: Route; method: 'GET' | 'POST' }> = {
  '/v1/ping': { route: 'ping', method: 'GET' },
  '/v1/price-list': { route: 'priceList', method: 'GET' },
  '/v1/orders': { route: 'orders', method: 'POST' },
  '/v1/confirmations': { route: 'confirmations', method: 'GET' },
};

/**
 * The exchange API (docs/exchange-api.openapi.yaml) served by Porter in manager mode: a plain Node
 * http server, so a small supplier needs no other backend. Listens only when the manager turns it on.
 */
export class ExchangeHttpServer {
  private server: http.Server | null = null;

  constructor(private readonly deps: ExchangeServerDeps) {}

  get address(): AddressInfo | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address : null;
  }

  async listen(port: number, bindAddress: string): Promise<AddressInfo> {
    await this.close();
    const server = http.createServer({ requestTimeout: 60_000, headersTimeout: 30_000 }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        log.error('request failed', { url: req.url, error: error instanceof Error ? error.stack : String(error) });
        if (!res.headersSent) send(res, apiError(500, 'INTERNAL', 'Internal error'));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, bindAddress, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((error: unknown) => {
      throw new PorterError('EXCHANGE_SERVER_START_FAILED', `Cannot listen on ${bindAddress}:${port}: ${(error as Error).message}`, {
        port,
        bindAddress,
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    log.info('exchange API listening', { address: address.address, port: address.port });
    return address;
  }

  /** Stops listening and cuts open connections (a request in flight is answered by the store's retry). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://exchange.invalid');
    const match = ROUTES[url.pathname.replace(/\/+$/, '')];
    if (!match) return send(res, apiError(404, 'NOT_FOUND', `No ${url.pathname} in the Porter exchange API`));
    if (req.method !== match.method && !(match.method === 'GET' && req.method === 'HEAD')) {
      return send(res, apiError(405, 'METHOD_NOT_ALLOWED', `${url.pathname} accepts ${match.method}`, { Allow: match.method }));
    }
    const store = this.authenticate(req);
    if (!store) {
      req.resume();
      return send(
        res,
        apiError(401, 'UNAUTHORIZED', 'A valid store token is required: Authorization: Bearer <token>', {
          'WWW-Authenticate': 'Bearer realm="porter-exchange"',
        }),
      );
    }
    try {
      switch (match.route) {
        case 'ping':
          return send(res, { status: 200, body: this.ping(store) });
        case 'priceList':
          return await this.priceList(req, res, store, url);
        case 'confirmations':
          return send(res, this.confirmations(store, url));
        case 'orders':
          return send(res, await this.orders(req, store));
      }
    } catch (error) {
      if (isBusy(error)) return send(res, apiError(503, 'UNAVAILABLE', 'The database is busy; retry shortly', { 'Retry-After': '1' }));
      throw error;
    }
  }

  private authenticate(req: http.IncomingMessage): ExchangeStore | null {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match ? this.deps.stores.byToken(match[1]!) : null;
  }

  private ping(store: ExchangeStore): Ping {
    return {
      api: EXCHANGE_API_NAME,
      apiVersion: EXCHANGE_API_VERSION,
      supplierName: this.deps.supplierName(),
      store: { name: store.name, customerCode: store.customerCode, priceType: store.priceType },
      serverTime: new Date().toISOString(),
    };
  }

  private async orders(req: http.IncomingMessage, store: ExchangeStore): Promise<ApiAnswer> {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.trim() === '' || key.length > 200) {
      req.resume();
      return apiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'POST /v1/orders needs an Idempotency-Key header: the order id (1–200 characters)');
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json');
    }
    const body = await readBody(req, this.deps.maxBodyBytes);
    if (body === null) return apiError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${this.deps.maxBodyBytes} bytes`);
    return this.deps.inbox.receive(store, key.trim(), body);
  }

  private confirmations(store: ExchangeStore, url: URL): ApiAnswer {
    const cursor = url.searchParams.get('cursor') ?? '0';
    if (!/^\d{1,15}$/.test(cursor)) return apiError(400, 'INVALID_CURSOR', `${cursor} is not a cursor this server issued`);
    const limitText = url.searchParams.get('limit') ?? '200';
    const limit = /^\d{1,4}$/.test(limitText) ? Math.min(1000, Math.max(1, Number(limitText))) : 200;
    return { status: 200, body: this.deps.inbox.events(store.id, Number(cursor), limit) };
  }

  private async priceList(req: http.IncomingMessage, res: http.ServerResponse, store: ExchangeStore, url: URL): Promise<void> {
    const list = this.deps.priceList.current();
    if (!list) return send(res, apiError(404, 'NO_PRICE_LIST', 'The supplier has not published a price list yet'));
    try {
      this.deps.priceList.checkPriceType(list, store.priceType);
    } catch (error) {
      if (!(error instanceof PorterError) || error.code !== 'PRICE_TYPE_UNKNOWN') throw error;
      // Someone else's prices would be worse than none: the store keeps the list it has and says why; the manager reads it here.
      log.warn('a store asked for a price type the published price list does not have', {
        store: store.name,
        customerCode: store.customerCode,
        priceType: store.priceType,
        available: error.details?.available,
      });
      return send(res, apiError(409, 'PRICE_TYPE_UNKNOWN', `Store "${store.name}": ${error.message}`));
    }
    const etag = this.deps.priceList.etag(list, store.priceType);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    if (req.method === 'HEAD') return void res.end();
    await this.deps.priceList.write(list, store.priceType, url.searchParams.get('since'), (chunk) => writeChunk(res, chunk));
    res.end();
  }
}

function send(res: http.ServerResponse, answer: ApiAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  res.end(text);
}

function writeChunk(res: http.ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the client went away'));
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    res.once('drain', resolve);
    res.once('close', () => reject(new Error('the client went away')));
  });
}

/** The body as text, or null when it is larger than the limit (the rest is not read). */
async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
