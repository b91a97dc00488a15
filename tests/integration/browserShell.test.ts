import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS, tokensMatch } from '../../electron/browser-shell/guards';
import { startBrowserShell, type BrowserShell } from '../../electron/browser-shell/server';
import { workerCatalogBuilder } from '../../electron/core/catalog/workerCatalogBuilder';
import { createCore, type PorterCore } from '../../electron/core/core';
import type { JobState } from '../../shared/domain';
import { tempDataDir } from '../builders/dataDir';
import { generateItems, writePriceListCsv } from '../builders/priceLists';

const root = path.join(import.meta.dirname, '..', '..');
const work = tempDataDir('porter-shell');
let core: PorterCore;
let shell: BrowserShell;
const rendererDir = path.join(work.dir, 'renderer');

beforeAll(async () => {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Porter</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("porter")');
  // Files outside the renderer folder that no request may reach: a parent, a sibling with the same prefix, a symlink's target.
  fs.writeFileSync(path.join(work.dir, 'secret.txt'), 'not for the browser');
  fs.mkdirSync(path.join(work.dir, 'renderer-secret'));
  fs.writeFileSync(path.join(work.dir, 'renderer-secret', 'secret.txt'), 'not for the browser');
  fs.symlinkSync(path.join(work.dir, 'secret.txt'), path.join(rendererDir, 'link.txt'));
  core = await createCore({
    dataDir: path.join(work.dir, 'data'),
    catalogBuilder: workerCatalogBuilder(path.join(root, 'out', 'node', 'importWorker.js')),
  });
  shell = await startBrowserShell({ core, rendererDir });
});
afterAll(async () => {
  await shell.close();
  core.close();
  work.remove();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  method: string,
  pathname: string,
  options: { body?: string | Buffer; headers?: Record<string, string>; port?: number; setHost?: boolean } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const port = options.port ?? shell.port;
    const target = { host: '127.0.0.1', port, method, path: pathname, headers: options.headers, setHost: options.setHost ?? true };
    const req = http.request(target, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
const auth = () => ({ Authorization: `Bearer ${shell.token}` });
const call = async (method: string, input: unknown) => {
  const reply = await request('POST', `/api/${method}`, {
    body: JSON.stringify(input),
    headers: { ...auth(), 'Content-Type': 'application/json' },
  });
  return JSON.parse(reply.body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
};

describe('browser shell', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the right token with 401 and changes nothing', async () => {
    const before = await call('getAppInfo', {});
    for (const [method, pathname] of [
      ['POST', '/api/setLocale'],
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/events'],
      ['POST', '/upload?name=x.csv'],
    ] as const) {
      const reply = await request(method, pathname, { body: method === 'POST' ? '{"locale":"en"}' : undefined });
      expect(reply.status, pathname).toBe(401);
    }
    expect((await request('POST', '/api/setLocale', { body: '{"locale":"en"}', headers: { Authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    expect((await request('GET', '/?token=wrong')).status).toBe(401);
    expect(await call('getAppInfo', {})).toEqual(before);
    expect(fs.existsSync(path.join(core.dataDir, 'uploads'))).toBe(false);
  });

  it('the printed URL sets an HttpOnly cookie that then opens the app', async () => {
    const first = await request('GET', `/?token=${shell.token}`);
    expect(first.status).toBe(302);
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request('GET', '/', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Porter</title>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `127.0.0.1.evil.com:${shell.port}`, `10.0.0.5:${shell.port}`, `127.0.0.1:${shell.port + 1}`]) {
      expect((await request('GET', '/', { headers: { ...auth(), Host: host } })).status, host).toBe(403);
    }
    // No Host at all: Node's HTTP server itself answers 400 before our handler runs.
    expect([400, 403]).toContain((await request('GET', '/', { headers: auth(), setHost: false })).status);
    expect((await request('GET', '/', { headers: { ...auth(), Host: `localhost:${shell.port}` } })).status).toBe(200);
  });

  it('answers invalid input and unknown methods with error data, not a crash', async () => {
    expect(await call('setOrderLineQuantity', { orderId: 'x', itemCode: '1', quantity: -5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('dropDatabase', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const reply = await request('POST', '/api/getAppInfo', { body: '{not json', headers: auth() });
    expect(reply.status).toBe(400);
    const huge = await request('POST', '/api/searchItems', { body: Buffer.alloc(2 << 20, 0x20), headers: auth() });
    expect(huge.status).toBe(413);
  });

  it('uploads a price list, imports it with progress events, and keeps answering searches meanwhile', async () => {
    const csv = path.join(work.dir, 'prices.csv');
    await writePriceListCsv(csv, generateItems(300_000, 9));
    const events: JobState[] = [];
    const eventStream = http.get({ host: '127.0.0.1', port: shell.port, path: '/events', headers: auth() }, (res) => {
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        for (const f of frames) if (f.startsWith('data: ')) events.push(JSON.parse(f.slice(6)) as JobState);
      });
    });
    const upload = await request('POST', '/upload?name=prices.csv', { body: fs.readFileSync(csv), headers: auth() });
    const { fileId } = (JSON.parse(upload.body) as { value: { fileId: string } }).value;
    const preview = (await call('previewPriceListImport', { fileId })).value as { headerRow: number; mapping: Record<string, number> };
    const started = (
      await call('startPriceListImport', {
        fileId,
        headerRow: preview.headerRow,
        mapping: preview.mapping,
        pricesIncludeVat: true,
        defaultVatRate: 22,
      })
    ).value as { jobId: string };
    // The import runs in worker threads: the server answers while it is still running.
    const search = await call('searchItems', { query: 'молоко', offset: 0, limit: 10 });
    expect(search.ok).toBe(true);
    expect(((await call('getJob', { jobId: started.jobId })).value as JobState).state).toBe('running');
    let job = (await call('getJob', { jobId: started.jobId })).value as JobState;
    while (job.state === 'running') {
      await new Promise<void>((resolve) => core.jobs.subscribe(() => resolve()));
      job = (await call('getJob', { jobId: started.jobId })).value as JobState;
    }
    eventStream.on('error', () => {}); // destroying our own stream resets it
    eventStream.destroy();
    expect(job.state).toBe('done');
    expect(job.result?.items).toBe(300_000);
    const reading = events.filter((e) => e.jobId === started.jobId && e.phase === 'reading' && e.done > 0);
    expect(reading.length).toBeGreaterThan(1);
    expect(events.some((e) => e.phase === 'indexing')).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'done' });
    expect(((await call('searchItems', { query: '', offset: 0, limit: 1 })).value as { total: number }).total).toBe(300_000);
  });
});

/**
 * Sends a body the server may refuse before it has all of it: resolves with the answer as soon
 * as it arrives, whatever happens to the rest of the upload. `chunks` are written one by one,
 * so without a Content-Length header the body goes out chunked and only its size can stop it.
 */
function sendBody(pathname: string, chunks: Buffer[], options: { headers?: Record<string, string>; port?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port: options.port ?? shell.port, method: 'POST', path: pathname, headers: options.headers },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const writeNext = (index: number) => {
      if (answered || req.destroyed) return;
      if (index === chunks.length) return void req.end();
      req.write(chunks[index], () => setImmediate(() => writeNext(index + 1)));
    };
    writeNext(0);
  });
}

const listUploads = () => {
  const dir = path.join(core.dataDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};
const chunksOf = (total: number, size: number) =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => Buffer.alloc(Math.min(size, total - i * size), 0x61));

describe('browser shell token', () => {
  const sameLengthWrongToken = () => shell.token.slice(0, -1) + (shell.token.endsWith('A') ? 'B' : 'A');

  it('compares tokens exactly, whatever their length', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('ab', 'abc')).toBe(false);
    expect(tokensMatch('abcd', 'abc')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
    // Same UTF-16 length, different byte length: still a plain mismatch, not a thrown RangeError.
    expect(tokensMatch('ab\u00e9', 'abc')).toBe(false);
  });

  it('refuses a wrong token of the same length and of other lengths with 401, in header, cookie and address', async () => {
    const wrong = [sameLengthWrongToken(), shell.token.slice(0, -1), `${shell.token}x`, shell.token.slice(0, 8), ''];
    expect(wrong[0]).toHaveLength(shell.token.length);
    for (const token of wrong) {
      expect((await request('POST', '/api/getAppInfo', { body: '{}', headers: { Authorization: `Bearer ${token}` } })).status, token).toBe(
        401,
      );
      expect((await request('GET', '/index.html', { headers: { Cookie: `porter_token=${token}` } })).status, token).toBe(401);
      const viaAddress = await request('GET', `/?token=${encodeURIComponent(token)}`);
      expect(viaAddress.status, token).toBe(401);
      expect(viaAddress.headers['set-cookie'], token).toBeUndefined();
    }
  });
});

describe('browser shell body limits', () => {
  let small: BrowserShell;
  const limits = { apiBytes: 4096, uploadBytes: 64 * 1024 };
  beforeAll(async () => {
    small = await startBrowserShell({ core, rendererDir, limits });
  });
  afterAll(async () => {
    await small.close();
  });
  const smallAuth = () => ({ Authorization: `Bearer ${small.token}` });

  it('caps /api bodies at 1 MiB and /upload at 512 MiB by default', () => {
    expect(BODY_LIMITS).toEqual({ apiBytes: 1024 * 1024, uploadBytes: 512 * 1024 * 1024 });
  });

  it('answers an /api body over the cap with 413 and does not run the call', async () => {
    const locale = ((await call('getAppInfo', {})).value as { locale: string }).locale;
    const other = locale === 'en' ? 'ru' : 'en';
    // A valid call padded past the cap: had it run, the locale would have changed.
    const padded = (size: number) => Buffer.from(JSON.stringify({ locale: other }).padEnd(size, ' '));
    const declared = await sendBody('/api/setLocale', [padded(limits.apiBytes + 1)], {
      port: small.port,
      headers: { ...smallAuth(), 'Content-Type': 'application/json', 'Content-Length': String(limits.apiBytes + 1) },
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    const chunked = await sendBody(
      '/api/setLocale',
      chunksOf(limits.apiBytes * 4, 1000).map((c, i) => (i === 0 ? padded(1000) : c)),
      {
        port: small.port,
        headers: { ...smallAuth(), 'Content-Type': 'application/json' },
      },
    );
    expect(chunked.status).toBe(413);
    expect(((await call('getAppInfo', {})).value as { locale: string }).locale).toBe(locale);
  });

  it('runs an /api call whose body is exactly at the cap', async () => {
    const body = Buffer.from(JSON.stringify({}).padEnd(limits.apiBytes, ' '));
    const reply = await sendBody('/api/getAppInfo', [body], {
      port: small.port,
      headers: { ...smallAuth(), 'Content-Length': String(body.length) },
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });

  it('refuses the default 1 MiB cap plus one byte on the normal shell', async () => {
    const reply = await sendBody('/api/getAppInfo', [Buffer.alloc(BODY_LIMITS.apiBytes + 1, 0x20)], { headers: auth() });
    expect(reply.status).toBe(413);
  });

  it('answers an upload declared over the cap with 413 before reading it, and writes nothing', async () => {
    const before = listUploads();
    const reply = await sendBody('/upload?name=big.csv', chunksOf(limits.uploadBytes + 1, 16 * 1024), {
      port: small.port,
      headers: { ...smallAuth(), 'Content-Length': String(limits.uploadBytes + 1) },
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(listUploads()).toEqual(before);
  });

  it('stops a chunked upload at the cap with 413 and removes the partial file', async () => {
    const before = listUploads();
    const reply = await sendBody('/upload?name=big.csv', chunksOf(limits.uploadBytes * 4, 8 * 1024), {
      port: small.port,
      headers: smallAuth(),
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(listUploads()).toEqual(before);
  });

  it('accepts an upload of exactly the cap, chunked', async () => {
    const before = listUploads();
    const reply = await sendBody('/upload?name=exact.csv', chunksOf(limits.uploadBytes, 8 * 1024), {
      port: small.port,
      headers: smallAuth(),
    });
    expect(reply.status).toBe(200);
    const added = listUploads().filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(fs.statSync(path.join(core.dataDir, 'uploads', added[0]!)).size).toBe(limits.uploadBytes);
  });

  it('refuses a declared upload over the default 512 MiB cap without waiting for the body', async () => {
    const before = listUploads();
    const reply = await sendBody('/upload?name=huge.csv', [Buffer.alloc(1024, 0x61)], {
      headers: { ...auth(), 'Content-Length': String(BODY_LIMITS.uploadBytes + 1) },
    });
    expect(reply.status).toBe(413);
    expect(listUploads()).toEqual(before);
  });
});

describe('browser shell static files', () => {
  it('serves files of the renderer, HEAD without a body', async () => {
    expect((await request('GET', '/assets/app.js', { headers: auth() })).body).toBe('console.log("porter")');
    const head = await request('HEAD', '/index.html', { headers: auth() });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never serves a file outside out/renderer, whatever the encoding (400 or 404, never 500)', async () => {
    const outside = path.join(work.dir, 'secret.txt');
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/.%2e/secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      '/assets\\..\\..\\secret.txt',
      '/secret.txt%00',
      '/index.html%00.png',
      '/%00/../secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/%252e%252e/secret.txt',
      '/%25252e%25252e%25252fsecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      `/${encodeURIComponent(outside)}`,
      `/${outside.split('/').map(encodeURIComponent).join('%2f')}`,
      '/C:/Windows/win.ini',
      '/C:%5cWindows%5cwin.ini',
      '/../renderer-secret/secret.txt',
      '/%2e%2e/renderer-secret/secret.txt',
      '/link.txt',
      '/assets/',
      '/.',
    ];
    for (const attempt of attempts) {
      const reply = await request('GET', attempt, { headers: auth() });
      expect([400, 404], `${attempt} → ${reply.status}`).toContain(reply.status);
      expect(reply.body, attempt).not.toContain('not for the browser');
    }
  });
});

describe('browser shell listening address', () => {
  it('refuses to listen beyond loopback unless that is asked for explicitly', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      await expect(startBrowserShell({ core, rendererDir, host })).rejects.toThrow(/this computer only/);
    }
    const local = await startBrowserShell({ core, rendererDir, host: '127.0.0.1' });
    await local.close();
  });

  it('when told to listen on all interfaces, accepts IP addresses as Host but still needs the token', async () => {
    const open = await startBrowserShell({ core, rendererDir, host: '0.0.0.0', exposeBeyondLoopback: true });
    try {
      expect(open.url).toBe(`http://127.0.0.1:${open.port}/?token=${open.token}`);
      const lan = { Host: `10.0.0.5:${open.port}` };
      expect((await request('GET', '/index.html', { port: open.port, headers: lan })).status).toBe(401);
      expect(
        (await request('GET', '/index.html', { port: open.port, headers: { ...lan, Authorization: `Bearer ${open.token}` } })).status,
      ).toBe(200);
      const named = { Host: `porter.evil.example:${open.port}`, Authorization: `Bearer ${open.token}` };
      expect((await request('GET', '/index.html', { port: open.port, headers: named })).status).toBe(403);
    } finally {
      await open.close();
    }
  });

  it('npm run serve listens on 127.0.0.1 by default; --host must be given a value and warns for a network address', async () => {
    const serve = path.join(root, 'out', 'node', 'serve.js');
    const run = (args: string[]) =>
      new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [serve, '--data-dir', path.join(work.dir, 'serve-data'), '--no-demo', ...args], {
          env: { ...process.env, PORTER_LOG_LEVEL: 'warn' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes('Open in a browser')) child.kill('SIGTERM');
        });
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('error', reject);
        child.on('close', () => resolve({ stdout, stderr }));
      });
    const plain = await run([]);
    expect(plain.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(plain.stderr).not.toMatch(/WARNING/);
    const noValue = await run(['--host']);
    expect(noValue.stderr).toMatch(/--host needs a value/);
    const network = await run(['--host', '0.0.0.0']);
    expect(network.stderr).toMatch(/WARNING: --host 0\.0\.0\.0/);
    expect(network.stdout).toMatch(/Open in a browser: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
