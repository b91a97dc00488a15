import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { JobState } from '../../shared/domain';
import type { PorterCore } from '../core/core';
import { dispatch } from '../core/dispatch';
import { createLogger } from '../core/logger';
import { CONTENT_SECURITY_POLICY } from '../core/securityPolicy';
import {
  allowedHost,
  BODY_LIMITS,
  declaredLength,
  isLoopbackAddress,
  readLimitedBody,
  refuseBody,
  tokensMatch,
  type BodyLimits,
} from './guards';
import { findStaticFile } from './staticFiles';

const log = createLogger('browser-shell');
const TOKEN_COOKIE = 'porter_token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BrowserShellOptions {
  core: PorterCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /**
   * Where to listen: 127.0.0.1 unless told otherwise. The shell has no protection but the token
   * and speaks plain HTTP, so any other address must be asked for with `exposeBeyondLoopback`.
   */
  host?: string;
  exposeBeyondLoopback?: boolean;
  token?: string;
  /** Body caps (defaults: BODY_LIMITS); tests lower them. */
  limits?: Partial<BodyLimits>;
}

export interface BrowserShell {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser shell: the same renderer and the same contract as the Electron app, over
 * HTTP on 127.0.0.1. Every request must carry the per-launch token (the printed URL sets
 * it as a cookie); without it the answer is 401 and nothing is read or changed.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { core } = options;
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const exposed = !isLoopbackAddress(host);
  if (exposed && options.exposeBeyondLoopback !== true)
    throw new Error(`Refusing to listen on ${host}: the browser shell is for this computer only (127.0.0.1)`);
  const limits: BodyLimits = { ...BODY_LIMITS, ...options.limits };
  const rendererDir = path.resolve(options.rendererDir);
  const eventClients = new Set<http.ServerResponse>();
  const unsubscribe = core.jobs.subscribe((job: JobState) => {
    const frame = `data: ${JSON.stringify(job)}\n\n`;
    for (const client of eventClients) client.write(frame);
  });
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('request failed', { url: req.url, error: (error as Error).message });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    // Routing and static files use the path as sent; only the query string goes through URL.
    const pathname = target.split(/[?#]/, 1)[0]!;
    const url = new URL(target.startsWith('/') ? target : '/', 'http://localhost');
    // A page on another site must not reach us by a DNS name pointed at 127.0.0.1.
    if (!allowedHost(req.headers.host, port, host, exposed)) return sendText(res, 403, 'Forbidden host');
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && pathname === '/' && queryToken !== null) {
      if (!tokensMatch(queryToken, token))
        return sendText(res, 401, 'Unauthorized: the token in the address is wrong. Use the URL printed by npm run serve.');
      res.writeHead(302, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      return void res.end();
    }
    if (!isAuthorized(req, token))
      return sendText(res, 401, 'Unauthorized: open the URL printed by npm run serve (it carries the access token).');

    if (pathname.startsWith('/api/') && req.method === 'POST') {
      const read = await readLimitedBody(req, limits.apiBytes);
      if (!read.ok) {
        if (read.reason === 'aborted') return void res.destroy();
        return refuseBody(req, res, 413, {
          ok: false,
          error: { code: 'INVALID_INPUT', message: `Request body larger than ${limits.apiBytes} bytes` },
        });
      }
      let input: unknown;
      try {
        input = read.body.length === 0 ? {} : JSON.parse(read.body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not JSON' } });
      }
      const result = await dispatch(core.api, pathname.slice('/api/'.length), input);
      return sendJson(res, 200, result);
    }
    if (pathname === '/upload' && req.method === 'POST') return upload(req, res, url);
    if (pathname === '/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      for (const job of core.jobs.running()) res.write(`data: ${JSON.stringify(job)}\n\n`);
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, pathname);
    sendText(res, 405, 'Method not allowed');
  }

  /** The body streams to a file in the upload folder; past the cap the answer is 413 and the partial file is removed. */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = (url.searchParams.get('name') ?? 'upload').slice(0, 255);
    const tooLarge = {
      ok: false,
      error: { code: 'FILE_TOO_LARGE', message: `${name} is larger than ${Math.floor(limits.uploadBytes / (1024 * 1024))} MB` },
    };
    const declared = declaredLength(req);
    if (declared !== undefined && declared > limits.uploadBytes) return refuseBody(req, res, 413, tooLarge);

    const target = core.files.uploadPath(name);
    let received = 0;
    let exceeded = false;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received <= limits.uploadBytes) return callback(null, chunk);
        exceeded = true;
        callback(new Error('upload too large'));
      },
    });
    // pipe, not pipeline, from the request: on error pipeline would destroy the request and its
    // socket, and the client would never read the 413.
    req.pipe(cap);
    const onClose = () => {
      if (!req.complete) cap.destroy(new Error('the client went away'));
    };
    req.once('close', onClose);
    const out = fs.createWriteStream(target);
    try {
      await pipeline(cap, out);
    } catch (error) {
      req.unpipe(cap);
      // The file is opened asynchronously: wait until the stream has let go of it, or it could
      // appear again after being removed.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      fs.rmSync(target, { force: true });
      if (exceeded) return refuseBody(req, res, 413, tooLarge);
      if (!req.complete) return void res.destroy();
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'FILE_UNREADABLE', message: `Upload of ${name} failed: ${(error as Error).message}` },
      });
    } finally {
      req.off('close', onClose);
    }
    const file = core.files.register(target, name);
    sendJson(res, 200, { ok: true, value: { fileId: file.fileId, name: file.name } });
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const found = await findStaticFile(rendererDir, pathname);
    if (found.status !== 200) return sendText(res, found.status, found.status === 400 ? 'Bad path' : 'Not found');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(found.file)] ?? 'application/octet-stream',
      'Content-Length': found.size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    // A browser that goes away mid-file is not an error of ours.
    await pipeline(fs.createReadStream(found.file), res).catch(() => res.destroy());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${urlHost(host)}:${port}/?token=${token}`;
  log.info('browser shell listening', { host, port });
  return {
    url,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of eventClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The address to print: a wildcard address is opened as 127.0.0.1 on this computer; IPv6 goes in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function isAuthorized(req: http.IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokensMatch(auth.slice(7), token)) return true;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie !== undefined && tokensMatch(cookie.slice(TOKEN_COOKIE.length + 1), token);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
