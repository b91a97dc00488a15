import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
// electron-builder's own loader and schema check, as `electron-builder` runs them before packaging.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../builders/dataDir';

const root = path.join(import.meta.dirname, '..', '..');
const work = tempDataDir('porter-packaging');
afterAll(() => work.remove());

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder configuration', () => {
  it('loads and passes electron-builder’s schema', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('ru.porter.app');
    expect(config.productName).toBe('Porter');
  });

  it('installs per user on Windows, and builds AppImage and deb on Linux, dmg and zip on macOS', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('unpacks better-sqlite3’s native module from the asar and rebuilds it for Electron', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**']));
    expect(config.npmRebuild).toBe(true);
  });

  it('has icons of the sizes each platform needs', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    expect(pngSize(path.join(root, config.mac!.icon!))).toEqual([512, 512]);
    const linuxIcons = path.join(root, config.linux!.icon!);
    expect(pngSize(path.join(linuxIcons, '256x256.png'))).toEqual([256, 256]);
    expect(pngSize(path.join(linuxIcons, '512x512.png'))).toEqual([512, 512]);
    const icoFile = fs.readFileSync(path.join(root, config.win!.icon!));
    expect(icoFile.readUInt16LE(2)).toBe(1); // an icon
    const count = icoFile.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => icoFile.readUInt8(6 + 16 * i) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });
});

describe('Electron fuses', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  /** A stand-in for the Electron executable: the fuse wire as Electron ships it (v1, nine fuses, defaults). */
  function fakeElectron(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const defaults = Buffer.from('101100011'); // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, asar checks off, …
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.alloc(4096, 0x90),
        Buffer.from(SENTINEL),
        Buffer.from([1, defaults.length]),
        defaults,
        Buffer.alloc(4096, 0x90),
      ]),
    );
  }
  const checkFuses = (target: string) =>
    promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'check-fuses.mjs'), target]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it('are flipped by the afterPack hook in the packaged binary of each platform, and check-fuses reads them back', async () => {
    const { afterPack } = (await import(path.join(root, 'scripts', 'after-pack.mjs'))) as {
      afterPack: (context: unknown) => Promise<void>;
    };
    const packager = { executableName: 'porter', appInfo: { productFilename: 'Porter' } };
    const layouts = [
      { platform: 'linux', dir: 'linux-unpacked', binary: 'porter' },
      { platform: 'win32', dir: 'win-unpacked', binary: 'Porter.exe' },
      { platform: 'darwin', dir: 'mac', binary: 'Porter.app/Contents/Frameworks/Electron Framework.framework/Electron Framework' },
    ];
    for (const layout of layouts) {
      const appOutDir = path.join(work.dir, layout.dir);
      fakeElectron(path.join(appOutDir, layout.binary));
      const target = layout.platform === 'darwin' ? path.join(appOutDir, 'Porter.app') : appOutDir;
      const before = await checkFuses(target);
      expect(before.code, layout.platform).toBe(1);
      expect(before.stdout).toMatch(/RunAsNode\s+on\s+WRONG/);

      await afterPack({ appOutDir, electronPlatformName: layout.platform, arch: 1, packager });
      const after = await checkFuses(target);
      expect(after.code, `${layout.platform}\n${after.stdout}`).toBe(0);
      expect(after.stdout).toMatch(/RunAsNode\s+off\s+ok/);
      expect(after.stdout).toMatch(/EnableNodeOptionsEnvironmentVariable\s+off\s+ok/);
      expect(after.stdout).toMatch(/EnableNodeCliInspectArguments\s+off\s+ok/);
      expect(after.stdout).toMatch(/EnableEmbeddedAsarIntegrityValidation\s+on\s+ok/);
      expect(after.stdout).toMatch(/OnlyLoadAppFromAsar\s+on\s+ok/);
      // The app is loaded from file://, so that fuse keeps Electron's default (on).
      expect(after.stdout).toMatch(/GrantFileProtocolExtraPrivileges\s+on\s+\(Electron default kept\)/);
    }
  });

  it('check-fuses fails on something that is not an Electron binary', async () => {
    const notElectron = path.join(work.dir, 'plain', 'porter');
    fs.mkdirSync(path.dirname(notElectron), { recursive: true });
    fs.writeFileSync(notElectron, 'just text');
    const result = await checkFuses(path.dirname(notElectron));
    expect(result.code).toBe(2);
  });
});
