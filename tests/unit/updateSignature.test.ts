import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ed25519PublicKey,
  generateSigningKeyPair,
  keyFingerprint,
  publicKeyPemOf,
  signatureFileName,
  signManifest,
  verifyManifestSignature,
} from '../../electron/core/updates/manifestSignature';
import { UPDATE_PUBLIC_KEY_PEM } from '../../electron/core/updates/updatePublicKey';
import {
  channelFileName,
  compareVersions,
  downloadDecision,
  feedUrlProblem,
  isValidVersion,
  isWithinQuietHours,
  msUntilQuietHours,
} from '../../electron/core/updates/updatePolicy';
import { tempDataDir } from '../builders/dataDir';

const supplier = generateSigningKeyPair();
const stranger = generateSigningKeyPair();
const supplierKey = ed25519PublicKey(supplier.publicKeyPem);
const manifest = Buffer.from(
  "version: 1.2.0\nfiles:\n  - url: Porter-Setup-1.2.0.exe\n    sha512: abc\nreleaseDate: '2026-11-29T10:00:00.000Z'\n",
);

describe('manifest signature', () => {
  it('verifies a signature of the exact manifest bytes by the supplier key', () => {
    const signature = signManifest(manifest, supplier.privateKeyPem);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    expect(verifyManifestSignature(manifest, signature, supplierKey)).toBe(true);
    // Line endings of the .sig file do not matter; the manifest's bytes do.
    expect(verifyManifestSignature(manifest, `${signature.trim()}\r\n`, supplierKey)).toBe(true);
  });

  it('refuses the signature once any byte of the manifest changes, even trailing whitespace', () => {
    const signature = signManifest(manifest, supplier.privateKeyPem);
    expect(verifyManifestSignature(Buffer.concat([manifest, Buffer.from('\n')]), signature, supplierKey)).toBe(false);
    expect(verifyManifestSignature(Buffer.from(manifest.toString().replace('1.2.0', '1.2.1')), signature, supplierKey)).toBe(false);
    const flipped = Buffer.from(manifest);
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyManifestSignature(flipped, signature, supplierKey)).toBe(false);
  });

  it('refuses a signature by another key', () => {
    expect(verifyManifestSignature(manifest, signManifest(manifest, stranger.privateKeyPem), supplierKey)).toBe(false);
  });

  it('refuses malformed signature files without throwing', () => {
    const good = signManifest(manifest, supplier.privateKeyPem).trim();
    for (const text of [
      '',
      '\n',
      'not base64!',
      good.slice(0, -4),
      `${good}AAAA`,
      `${good} extra`,
      Buffer.alloc(64).toString('hex'),
      `${good}\n${good}`,
    ]) {
      expect(verifyManifestSignature(manifest, text, supplierKey), JSON.stringify(text)).toBe(false);
    }
  });

  it('accepts only Ed25519 keys', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => ed25519PublicKey(rsa)).toThrow(/not Ed25519/);
    expect(() => ed25519PublicKey(ec)).toThrow(/not Ed25519/);
    const ecPrivate = crypto
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => signManifest(manifest, ecPrivate)).toThrow(/not Ed25519/);
  });

  it('builds in an Ed25519 public key, the documented development key', () => {
    const builtIn = ed25519PublicKey(UPDATE_PUBLIC_KEY_PEM);
    expect(keyFingerprint(builtIn)).toBe('31c968d0c850d928');
    expect(UPDATE_PUBLIC_KEY_PEM).not.toMatch(/PRIVATE/);
  });

  it('names the signature file after the manifest', () => {
    expect(signatureFileName('latest-linux.yml')).toBe('latest-linux.yml.sig');
    expect(keyFingerprint(ed25519PublicKey(publicKeyPemOf(supplier.privateKeyPem)))).toBe(keyFingerprint(supplierKey));
  });
});

describe('update policy', () => {
  it('accepts only https feeds without credentials, query or fragment', () => {
    expect(feedUrlProblem('https://updates.example.ru/porter/')).toBeNull();
    expect(feedUrlProblem('http://updates.example.ru/porter/')).toMatch(/https/);
    expect(feedUrlProblem('HTTP://updates.example.ru/')).toMatch(/https/);
    expect(feedUrlProblem('ftp://updates.example.ru/')).toMatch(/https/);
    expect(feedUrlProblem('file:///C:/updates/')).toMatch(/https/);
    expect(feedUrlProblem('https://user:pw@updates.example.ru/')).toMatch(/user name/);
    expect(feedUrlProblem('https://updates.example.ru/?channel=beta')).toMatch(/query/);
    expect(feedUrlProblem('updates.example.ru')).toMatch(/not a URL/);
  });

  it('orders versions by semantic-version precedence', () => {
    const ordered = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareVersions(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
    expect(compareVersions('1.2.0+build.5', '1.2.0')).toBe(0);
  });

  it('knows a version number from anything else', () => {
    for (const v of ['1.2.0', '0.1.0', '10.20.30-rc.1+abc']) expect(isValidVersion(v), v).toBe(true);
    for (const v of ['1.2', 'v1.2.0', '01.2.0', '1.2.0-', '1.2.0 ', '']) expect(isValidVersion(v), v).toBe(false);
    expect(() => compareVersions('1.2', '1.2.0')).toThrow(/Not a version/);
  });

  it('reads the manifest electron-updater reads on each platform', () => {
    expect(channelFileName('win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });

  const at = (hour: number, minute = 0) => new Date(2026, 10, 29, hour, minute);

  it('tells the quiet hours, also across midnight', () => {
    const night = { startHour: 2, endHour: 5 };
    expect([1, 2, 4, 5].map((h) => isWithinQuietHours(at(h, 30), night))).toEqual([false, true, true, false]);
    const evening = { startHour: 22, endHour: 5 };
    expect([21, 22, 0, 4, 5, 12].map((h) => isWithinQuietHours(at(h), evening))).toEqual([false, true, true, true, false, false]);
    expect(isWithinQuietHours(at(3), { startHour: 3, endHour: 3 })).toBe(false);
    expect(msUntilQuietHours(at(1, 30), night)).toBe(30 * 60 * 1000);
    expect(msUntilQuietHours(at(6), night)).toBe(20 * 60 * 60 * 1000);
    expect(msUntilQuietHours(at(3), night)).toBe(0);
  });

  it('downloads only after a yes, or during the quiet hours', () => {
    const quiet = { startHour: 2, endHour: 5 };
    expect(downloadDecision({ now: at(12), quietHours: quiet, userAnswer: 'not-asked' })).toEqual({ action: 'ask-user' });
    expect(downloadDecision({ now: at(12), quietHours: quiet, userAnswer: 'yes' })).toEqual({ action: 'download', because: 'user-agreed' });
    expect(downloadDecision({ now: at(3), quietHours: quiet, userAnswer: 'not-asked' })).toEqual({
      action: 'download',
      because: 'quiet-hours',
    });
    expect(downloadDecision({ now: at(3), quietHours: quiet, userAnswer: 'later' })).toEqual({
      action: 'download',
      because: 'quiet-hours',
    });
    expect(downloadDecision({ now: at(12), quietHours: quiet, userAnswer: 'later' })).toEqual({
      action: 'wait-for-quiet-hours',
      delayMs: 14 * 60 * 60 * 1000,
    });
    expect(downloadDecision({ now: at(3), quietHours: null, userAnswer: 'not-asked' })).toEqual({ action: 'ask-user' });
    expect(downloadDecision({ now: at(3), quietHours: null, userAnswer: 'later' })).toEqual({ action: 'wait-for-next-check' });
  });
});

describe('npm run sign-update', () => {
  const work = tempDataDir('porter-sign');
  afterAll(() => work.remove());
  const root = path.join(import.meta.dirname, '..', '..');
  const run = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'sign-update.ts'), ...args],
      {
        cwd: work.dir,
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('generates a key pair, signs a manifest that then verifies, and refuses a key Porter does not know', async () => {
    const generated = await run('--generate-key', 'release.pem');
    expect(generated.code, generated.stderr).toBe(0);
    expect(fs.statSync(path.join(work.dir, 'release.pem')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(work.dir, 'release.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(generated.stdout).toContain(fs.readFileSync(path.join(work.dir, 'release.pem.pub'), 'utf8').trim());
    expect((await run('--generate-key', 'release.pem')).stderr).toMatch(/not overwriting/);

    fs.writeFileSync(path.join(work.dir, 'latest.yml'), manifest);
    const refused = await run('latest.yml', '--key', 'release.pem');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not the one built into Porter/);
    expect(fs.existsSync(path.join(work.dir, 'latest.yml.sig'))).toBe(false);

    const signed = await run('latest.yml', '--key', 'release.pem', '--any-key');
    expect(signed.code, signed.stderr).toBe(0);
    const signature = fs.readFileSync(path.join(work.dir, 'latest.yml.sig'), 'utf8');
    const publicKey = ed25519PublicKey(fs.readFileSync(path.join(work.dir, 'release.pem.pub'), 'utf8'));
    expect(verifyManifestSignature(manifest, signature, publicKey)).toBe(true);

    expect((await run('--verify', 'latest.yml', '--public-key', 'release.pem.pub')).code).toBe(0);
    // Against the key built into Porter (whose private half nobody has) the same signature fails.
    const builtIn = await run('--verify', 'latest.yml');
    expect(builtIn.code).toBe(1);
    expect(builtIn.stderr).toMatch(/not a valid signature/);
  }, 60_000);
});
