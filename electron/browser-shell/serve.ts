import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerCatalogBuilder } from '../core/catalog/workerCatalogBuilder';
import { createCore } from '../core/core';
import { configureLogFile, LOG_DIR_NAME } from '../core/logger';
import { defaultDataDir } from '../core/paths';
import { demoPriceListPath } from '../core/resources';
import { demoOrderHistoryDir } from '../core/insights/demoLoad';
import { APP_MODES } from '../../shared/manager';
import { isLoopbackAddress } from './guards';
import { startBrowserShell } from './server';

/**
 * `npm run serve [-- --data-dir DIR] [--port N] [--no-demo] [--host ADDRESS] [--mode store|manager] [--today YYYY-MM-DD]`:
 * Porter in a browser, on this computer only. `--host` is the deliberate way to open it to a
 * network: it must be given with an address, and anything but a loopback address prints a warning.
 * `--mode manager` (or `--manager`) starts it in manager mode and keeps that setting, as switching
 * in the settings would (for demos and end-to-end tests). `--no-demo` skips the demo price list and
 * the demo order history (which manager mode loads into an empty order book). `--today` fixes the day
 * the insights are computed for and the demo history is anchored to (the demo's own day is 2026-11-29),
 * so a demo or a test shows the same lists whatever the date; the computer's date otherwise.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    return value;
  };
  const modeArgument = args.includes('--manager') ? 'manager' : valueOf('--mode');
  const mode = APP_MODES.find((m) => m === modeArgument);
  if (modeArgument !== undefined && mode === undefined) throw new Error(`--mode must be ${APP_MODES.join(' or ')}, not ${modeArgument}`);
  const today = valueOf('--today');
  if (today !== undefined && !isIsoDate(today)) throw new Error(`--today must be a date as YYYY-MM-DD, not ${today}`);
  const host = valueOf('--host') ?? '127.0.0.1';
  const exposed = !isLoopbackAddress(host);
  if (exposed) {
    process.stderr.write(
      `WARNING: --host ${host}: Porter will answer other computers on the network. Its only protection is the token in ` +
        'the printed address, and it speaks plain HTTP, so anyone who can watch the network can read the token and ' +
        'the orders. Use this only on a network you trust.\n',
    );
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const dataDir = path.resolve(valueOf('--data-dir') ?? defaultDataDir());
  configureLogFile({ dir: path.join(dataDir, LOG_DIR_NAME), process: 'browser-shell' });
  const core = await createCore({
    dataDir,
    catalogBuilder: workerCatalogBuilder(path.join(here, 'importWorker.js')),
    firstRunPriceList: args.includes('--no-demo') ? undefined : demoPriceListPath(path.join(root, 'resources')),
    firstRunOrderHistory: args.includes('--no-demo') ? undefined : demoOrderHistoryDir(path.join(root, 'resources')),
    ...(today ? { today } : {}),
    resourcesDir: path.join(root, 'resources'),
  });
  const shell = await startBrowserShell({
    core,
    rendererDir: path.join(root, 'out', 'renderer'),
    port: Number(valueOf('--port') ?? 0),
    host,
    exposeBeyondLoopback: exposed,
  });
  // A damaged database does not stop the shell: the page offers the backups (nothing has been changed yet).
  const problem = core.maintenance.startupState().problem;
  if (mode && !problem) await core.api.setAppMode({ mode });
  if (problem) {
    process.stderr.write(
      `WARNING: ${problem.code}: ${problem.message}\nOpen the page to restore a backup; the file has not been changed.\n`,
    );
  }
  process.stdout.write(`Porter is running. Data folder: ${dataDir}\nOpen in a browser: ${shell.url}\n`);
  const stop = () => {
    void shell.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`porter serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
