import fs from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/domain';
import type { ElectronBridge } from '../../shared/shell';
import { formatMoney } from '../../shared/money';
import { tempDataDir } from '../builders/dataDir';
import { electronBinary } from './electronBinary';
import { PorterWindow } from './porterWindow';

const executablePath = electronBinary();
const hasElectron = executablePath !== null;
if (!hasElectron) {
  console.warn(
    '[electron tests skipped] no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1) — ' +
      'install it with `node node_modules/electron/install.js` (and run under a display, e.g. xvfb-run) to run tests/electron.',
  );
}

const root = path.resolve(import.meta.dirname, '..', '..');
const mainEntry = path.join(root, 'out', 'main', 'index.js');
// What the preload put on the window (page.evaluate callbacks run there, so each one names it inline).
type PageGlobals = { porter: ElectronBridge };

describe.skipIf(!hasElectron)('Electron app: the order-entry slice', () => {
  let app: ElectronApplication;
  let porter: PorterWindow;
  let data: ReturnType<typeof tempDataDir>;

  beforeAll(async () => {
    data = tempDataDir('porter-electron');
    if (!fs.existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run \`npx electron-vite build\` first`);
    // The test must run the built page, never a dev server a developer happens to have running.
    const dropped = new Set(['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE']);
    const env: Record<string, string> = { PORTER_LOG_LEVEL: 'warn' };
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !dropped.has(key)) env[key] ??= value;
    // Chromium refuses its OS sandbox as root (CI containers); the renderer keeps sandbox: true either way.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: executablePath!,
      args: [mainEntry, '--data-dir', data.dir, ...rootOnly],
      env,
      cwd: root,
    });
    porter = new PorterWindow(await app.firstWindow());
  });

  afterAll(async () => {
    await app?.close();
    data?.remove();
  });

  it('opens the demo catalog in the given data folder', async () => {
    await porter.ready.waitFor({ timeout: 60_000 });
    const info = await porter.page.evaluate(() => (globalThis as unknown as PageGlobals).porter.getAppInfo({}));
    expect(info).toMatchObject({ ok: true, value: { dataDir: data.dir } });
    expect(fs.existsSync(data.dir) && fs.readdirSync(data.dir).length).toBeGreaterThan(0);
  });

  it('gives the page named functions only: no Node, no ipcRenderer', async () => {
    const exposed = await porter.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      keys: Object.keys((globalThis as { porter?: object }).porter ?? {}),
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.keys).toContain('searchItems');
    expect(exposed.keys).not.toContain('ipcRenderer');
    expect(exposed.keys).not.toContain('invoke');
  });

  it('finds milk, takes a quantity and shows the order total the core computed', async () => {
    await porter.search.fill('молоко');
    const row = porter.catalogRows(/молоко/i).first();
    await row.waitFor();
    await porter.quantityIn(row).fill('12');
    await porter.quantityIn(row).press('Enter');

    const draft = async () => {
      const result = await porter.page.evaluate(() => (globalThis as unknown as PageGlobals).porter.getCurrentDraft({}));
      return result.ok ? (result.value as Order) : null;
    };
    await expect.poll(async () => (await draft())?.lines.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const order = (await draft())!;
    expect(order.lines[0]!.name).toMatch(/молоко/i);
    expect(order.totals.grossKopecks).toBeGreaterThan(0);
    const shown = formatMoney(order.totals.grossKopecks, 'ru');
    await expect
      .poll(async () => (await porter.orderTotal.innerText()).replace(/\s/g, ' '), { timeout: 10_000 })
      .toContain(shown.replace(/\s/g, ' '));
  });
});
