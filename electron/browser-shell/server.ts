import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { JobState } from '../../shared/domain';
import type { PorterCore } from '../core/core';
import { dispatch } from '../core/dispatch';
import { createLogger } from '../core/logger';
import { CONTENT_SECURITY_POLICY } from '../core/securityPolicy';

const log = createLogger('browser-shell');
const MAX_API_BODY = 1 << 20;
const MAX_UPLOAD = 2 * 1024 * 1024 * 1024;
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
  /** Loopback only: the shell has no other protection than the token. */
  host?: '127.0.0.1';
  token?: string;
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A page on another site must not reach us by a DNS name pointed at 127.0.0.1.
    if (!isLoopbackHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden host');
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && queryToken !== null) {
      if (!sameToken(queryToken, token))
        return sendText(res, 401, 'Unauthorized: the token in the address is wrong. Use the URL printed by npm run serve.');
      res.writeHead(302, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      return void res.end();
    }
    if (!isAuthorized(req, token))
      return sendText(res, 401, 'Unauthorized: open the URL printed by npm run serve (it carries the access token).');

    if (url.pathname.startsWith('/api/') && req.method === 'POST') {
      const body = await readBody(req, MAX_API_BODY);
      if (body === null) {
        // The rest of the body is never read: close the connection rather than leave it half-consumed.
        res.setHeader('Connection', 'close');
        res.on('finish', () => req.destroy());
        return sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body too large' } });
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not JSON' } });
      }
      const result = await dispatch(core.api, url.pathname.slice('/api/'.length), input);
      return sendJson(res, 200, result);
    }
    if (url.pathname === '/upload' && req.method === 'POST') return upload(req, res, url);
    if (url.pathname === '/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      for (const job of core.jobs.running()) res.write(`data: ${JSON.stringify(job)}\n\n`);
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, url.pathname);
    sendText(res, 405, 'Method not allowed');
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = (url.searchParams.get('name') ?? 'upload').slice(0, 255);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD)
      return sendJson(res, 413, { ok: false, error: { code: 'FILE_TOO_LARGE', message: `${name} is larger than 2 GiB` } });
    const target = core.files.uploadPath(name);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_UPLOAD) req.destroy(new Error('upload too large'));
    });
    try {
      await pipeline(req, fs.createWriteStream(target));
    } catch (error) {
      fs.rmSync(target, { force: true });
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'FILE_UNREADABLE', message: `Upload of ${name} failed: ${(error as Error).message}` },
      });
    }
    const file = core.files.register(target, name);
    sendJson(res, 200, { ok: true, value: { fileId: file.fileId, name: file.name } });
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return sendText(res, 404, 'Not found');
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return sendText(res, 404, 'Not found');
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      });
      fs.createReadStream(file).pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host}:${port}/?token=${token}`;
  log.info('browser shell listening', { port });
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

function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

function isAuthorized(req: http.IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return true;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie !== undefined && sameToken(cookie.slice(TOKEN_COOKIE.length + 1), token);
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
function sameToken(given: string, token: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
