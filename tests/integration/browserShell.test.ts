import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Porter</title>');
  fs.writeFileSync(path.join(work.dir, 'secret.txt'), 'not for the browser');
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
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: shell.port, method, path: pathname, headers: options.headers }, (res) => {
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

  it('refuses a foreign Host header (DNS rebinding) and paths outside the renderer', async () => {
    expect((await request('GET', '/', { headers: { ...auth(), Host: 'evil.example:80' } })).status).toBe(403);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const reply = await request('GET', p, { headers: auth() });
      expect(reply.status, p).toBe(404);
      expect(reply.body).not.toContain('not for the browser');
    }
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
