import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ed25519PublicKey, generateSigningKeyPair, signManifest } from '../../electron/core/updates/manifestSignature';
import { checkSignedFeed, type FetchFromFeed } from '../../electron/core/updates/signedFeed';
import { SignedFeedProvider, signedFeedOptions, UpdateRefusedError } from '../../electron/main/updates/signedFeedProvider';

/**
 * The update gate against a real feed: an HTTPS server on 127.0.0.1 (a self-signed certificate
 * the fetcher trusts, as the system would trust the supplier's) serving manifests, signatures and
 * installers, and logging every request. Each refusal must happen before the installer is asked for.
 */

interface Feed {
  url: string;
  files: Map<string, Buffer>;
  log: string[];
  server: http.Server;
}

const supplier = generateSigningKeyPair();
const stranger = generateSigningKeyPair();
const publicKey = ed25519PublicKey(supplier.publicKeyPem);
const CURRENT = '1.0.0';
let tls: { cert: string; key: string };
let secureFeed: Feed;
let plainFeed: Feed;

function listen(server: http.Server, scheme: 'http' | 'https', files: Map<string, Buffer>, log: string[]): Promise<Feed> {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://feed').pathname;
    log.push(pathname);
    const body = files.get(pathname);
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `${scheme}://127.0.0.1:${port}/porter/`, files, log, server });
    }),
  );
}

/** The test's fetcher: Node's http/https, trusting the feed's certificate. It would fetch http too: refusing is the gate's job. */
const fetchFromFeed: FetchFromFeed = (url, maxBytes) =>
  new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { ca: tls.cert }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return req.destroy();
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });

const sha512 = (bytes: Buffer) => crypto.createHash('sha512').update(bytes).digest('base64');

/** A release as electron-builder publishes it: the installer and the manifest naming it with its sha512. */
function release(version: string, options: { fileUrl?: string } = {}) {
  const installerName = `Porter-Setup-${version}.exe`;
  const installer = Buffer.from(`installer of Porter ${version}\n`.repeat(200));
  const url = options.fileUrl ?? installerName;
  const manifest = Buffer.from(
    `version: ${version}\nfiles:\n  - url: ${url}\n    sha512: ${sha512(installer)}\n    size: ${installer.length}\n` +
      `path: ${url}\nsha512: ${sha512(installer)}\nreleaseDate: '2026-11-29T10:00:00.000Z'\n`,
  );
  return { installerName, installer, manifest };
}

/** Puts a release on the feed: latest.yml, its signature (unless none) and the installer. */
function publish(feed: Feed, files: { manifest: Buffer; signature?: string | null; installerName: string; installer: Buffer }) {
  feed.files.clear();
  feed.files.set('/porter/latest.yml', files.manifest);
  if (files.signature !== null)
    feed.files.set('/porter/latest.yml.sig', Buffer.from(files.signature ?? signManifest(files.manifest, supplier.privateKeyPem)));
  feed.files.set(`/porter/${files.installerName}`, files.installer);
}

const check = (feed: Feed, currentVersion = CURRENT) =>
  checkSignedFeed({ feedUrl: feed.url, channelFile: 'latest.yml', currentVersion, publicKey, fetch: fetchFromFeed });
const installerRequests = (feed: Feed) => feed.log.filter((p) => p.endsWith('.exe'));

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  tls = { cert: pems.cert, key: pems.private };
  secureFeed = await listen(https.createServer(tls), 'https', new Map(), []);
  plainFeed = await listen(http.createServer(), 'http', new Map(), []);
});
afterAll(async () => {
  for (const feed of [secureFeed, plainFeed]) await new Promise((resolve) => feed.server.close(resolve));
});
beforeEach(() => {
  secureFeed.log.length = 0;
  plainFeed.log.length = 0;
});

describe('signed update feed', () => {
  it('accepts a signed newer release, having fetched only the manifest and its signature', async () => {
    const next = release('1.2.0');
    publish(secureFeed, next);
    const result = await check(secureFeed);
    expect(result.kind).toBe('update-available');
    if (result.kind !== 'update-available') return;
    expect(result.manifest.version).toBe('1.2.0');
    expect(result.manifest.fileUrls.map((u) => u.href)).toEqual([`${secureFeed.url}Porter-Setup-1.2.0.exe`]);
    expect(secureFeed.log).toEqual(['/porter/latest.yml', '/porter/latest.yml.sig']);

    // What electron-updater would then download matches the sha512 the signature covers.
    const installer = await fetchFromFeed(result.manifest.fileUrls[0]!, 1 << 20);
    expect(sha512(installer.body)).toBe(result.manifest.files[0]!.sha512);
  });

  it('refuses a manifest whose version was changed after signing, before asking for any installer', async () => {
    const next = release('1.2.0');
    const signature = signManifest(next.manifest, supplier.privateKeyPem);
    publish(secureFeed, {
      ...next,
      manifest: Buffer.from(next.manifest.toString().replace('version: 1.2.0', 'version: 9.0.0')),
      signature,
    });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-invalid' });
    expect(secureFeed.log).toEqual(['/porter/latest.yml', '/porter/latest.yml.sig']);
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses a manifest whose sha512 was changed after signing (a swapped installer), before asking for it', async () => {
    const next = release('1.2.0');
    const signature = signManifest(next.manifest, supplier.privateKeyPem);
    const evil = Buffer.from('not the supplier installer');
    const tampered = Buffer.from(next.manifest.toString().replaceAll(sha512(next.installer), sha512(evil)));
    expect(tampered.equals(next.manifest)).toBe(false);
    publish(secureFeed, { manifest: tampered, signature, installerName: next.installerName, installer: evil });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-invalid' });
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses a manifest signed with another key', async () => {
    const next = release('1.2.0');
    publish(secureFeed, { ...next, signature: signManifest(next.manifest, stranger.privateKeyPem) });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-invalid' });
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses a manifest without a signature, or with a malformed one', async () => {
    const next = release('1.2.0');
    publish(secureFeed, { ...next, signature: null });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-missing' });
    publish(secureFeed, { ...next, signature: 'c2lnbmF0dXJl\n' });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-invalid' });
    publish(secureFeed, { ...next, signature: '' });
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'signature-invalid' });
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses a downgrade even when it is properly signed (an old release replayed)', async () => {
    const old = release('0.9.0');
    publish(secureFeed, old);
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'downgrade' });
    expect(await check(secureFeed, '1.0.0')).toMatchObject({ kind: 'refused', reason: 'downgrade' });
    publish(secureFeed, release('1.0.0-rc.1'));
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'downgrade' });
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('reports the current version as up to date', async () => {
    publish(secureFeed, release(CURRENT));
    expect(await check(secureFeed)).toEqual({ kind: 'up-to-date', version: CURRENT });
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses an http:// feed without sending it a single request', async () => {
    publish(plainFeed, release('1.2.0'));
    expect(plainFeed.url.startsWith('http://')).toBe(true);
    expect(await check(plainFeed)).toMatchObject({ kind: 'refused', reason: 'insecure-feed' });
    expect(plainFeed.log).toEqual([]);
    expect(secureFeed.log).toEqual([]);
  });

  it('refuses a signed manifest that points at an installer over http', async () => {
    const port = new URL(plainFeed.url).port;
    publish(secureFeed, release('1.2.0', { fileUrl: `http://127.0.0.1:${port}/porter/Porter-Setup-1.2.0.exe` }));
    expect(await check(secureFeed)).toMatchObject({ kind: 'refused', reason: 'insecure-artifact' });
    expect(plainFeed.log).toEqual([]);
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('refuses a signed manifest that is not a usable manifest', async () => {
    for (const text of [
      'version: [1',
      'version: 1.2\nfiles: []\n',
      'version: 1.2.0\nfiles: []\n',
      'version: 1.2.0\nfiles:\n  - url: x.exe\n    sha512: abc\n',
    ]) {
      const manifest = Buffer.from(text);
      publish(secureFeed, { manifest, installerName: 'x.exe', installer: Buffer.from('x') });
      expect(await check(secureFeed), text).toMatchObject({ kind: 'refused', reason: 'manifest-invalid' });
    }
    expect(installerRequests(secureFeed)).toEqual([]);
  });
});

describe('electron-updater provider over the signed feed', () => {
  const runtime = (platform: ProviderRuntimeOptions['platform']) =>
    ({ platform, isUseMultipleRangeRequest: false, executor: undefined }) as unknown as ProviderRuntimeOptions;
  const provider = (feed: Feed, platform: ProviderRuntimeOptions['platform'] = 'win32') =>
    new SignedFeedProvider(
      signedFeedOptions({ feedUrl: feed.url, currentVersion: CURRENT, publicKey, fetch: fetchFromFeed, arch: 'x64' }),
      null,
      runtime(platform),
    );

  it('gives electron-updater the verified manifest and the installer it names', async () => {
    const next = release('1.2.0');
    publish(secureFeed, next);
    const updates = provider(secureFeed);
    const info = await updates.getLatestVersion();
    expect(info.version).toBe('1.2.0');
    const files = updates.resolveFiles(info);
    expect(files.map((f) => [f.url.href, f.info.sha512])).toEqual([[`${secureFeed.url}Porter-Setup-1.2.0.exe`, sha512(next.installer)]]);
    expect(secureFeed.log).toEqual(['/porter/latest.yml', '/porter/latest.yml.sig']);
  });

  it('fails the check with a coded error when the gate refuses, so electron-updater downloads nothing', async () => {
    const next = release('1.2.0');
    publish(secureFeed, { ...next, signature: signManifest(next.manifest, stranger.privateKeyPem) });
    const updates = provider(secureFeed);
    const failure = await updates.getLatestVersion().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpdateRefusedError);
    expect((failure as UpdateRefusedError).code).toBe('ERR_PORTER_UPDATE_SIGNATURE_INVALID');
    expect(installerRequests(secureFeed)).toEqual([]);
  });

  it('is not fooled by a feed that changes the manifest after the check (time of check, time of use)', async () => {
    const next = release('1.2.0');
    publish(secureFeed, next);
    const updates = provider(secureFeed);
    const info = await updates.getLatestVersion();
    // The server now swaps in another installer and a manifest naming it.
    const evil = Buffer.from('not the supplier installer');
    publish(secureFeed, {
      manifest: Buffer.from(next.manifest.toString().replaceAll(sha512(next.installer), sha512(evil))),
      signature: 'x',
      installerName: next.installerName,
      installer: evil,
    });
    const files = updates.resolveFiles(info);
    expect(files[0]!.info.sha512).toBe(sha512(next.installer));
    expect(secureFeed.log).toEqual(['/porter/latest.yml', '/porter/latest.yml.sig']);
    // And update information that did not come from the gate is refused outright.
    expect(() => updates.resolveFiles({ ...info })).toThrow(UpdateRefusedError);
  });

  it('asks for the manifest of its platform', async () => {
    const next = release('1.2.0');
    secureFeed.files.clear();
    secureFeed.files.set('/porter/latest-linux.yml', next.manifest);
    secureFeed.files.set('/porter/latest-linux.yml.sig', Buffer.from(signManifest(next.manifest, supplier.privateKeyPem)));
    expect((await provider(secureFeed, 'linux').getLatestVersion()).version).toBe('1.2.0');
    expect(secureFeed.log).toEqual(['/porter/latest-linux.yml', '/porter/latest-linux.yml.sig']);
  });
});

describe('update settings', () => {
  it('keeps the feed and quiet hours in the settings table; refuses an http feed; an empty feed turns updates off', async () => {
    const { createCore } = await import('../../electron/core/core');
    const { tempDataDir } = await import('../builders/dataDir');
    const data = tempDataDir('porter-update-settings');
    const core = await createCore({ dataDir: data.dir });
    try {
      expect((await core.api.getUpdateSettings({})).feedUrl).toMatch(/^https:\/\//);
      await expect(core.api.setUpdateSettings({ feedUrl: 'http://updates.example.ru/porter/', quietHours: null })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      const saved = await core.api.setUpdateSettings({
        feedUrl: 'https://opt.example.ru/porter/',
        quietHours: { startHour: 22, endHour: 5 },
      });
      expect(saved).toEqual({ feedUrl: 'https://opt.example.ru/porter/', quietHours: { startHour: 22, endHour: 5 } });
      expect(await core.api.setUpdateSettings({ feedUrl: null, quietHours: null })).toEqual({ feedUrl: null, quietHours: null });
    } finally {
      core.close();
      data.remove();
    }
  });
});
