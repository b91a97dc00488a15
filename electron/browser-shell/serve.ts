import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerCatalogBuilder } from '../core/catalog/workerCatalogBuilder';
import { createCore } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { demoPriceListPath } from '../core/resources';
import { startBrowserShell } from './server';

/** `npm run serve [-- --data-dir DIR] [--port N] [--no-demo]`: Porter in a browser, on this computer only. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const dataDir = path.resolve(valueOf('--data-dir') ?? defaultDataDir());
  const core = await createCore({
    dataDir,
    catalogBuilder: workerCatalogBuilder(path.join(here, 'importWorker.js')),
    firstRunPriceList: args.includes('--no-demo') ? undefined : demoPriceListPath(path.join(root, 'resources')),
    resourcesDir: path.join(root, 'resources'),
  });
  const shell = await startBrowserShell({ core, rendererDir: path.join(root, 'out', 'renderer'), port: Number(valueOf('--port') ?? 0) });
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

main().catch((error: unknown) => {
  process.stderr.write(`porter serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
