import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { PorterError } from '../../../shared/errors';
import { buildCatalogWithParseWorker, type CatalogBuildRequest } from './catalogBuilder';

/**
 * Worker-thread entry: builds one catalog file and reports progress, so a million-row
 * import never blocks the thread that answers searches and saves drafts.
 */
type Inbound = { type: 'build'; request: CatalogBuildRequest } | { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('importWorker must run in a worker thread');
const controller = new AbortController();
// Built next to this file by both bundlers (out/node and out/main).
const build = buildCatalogWithParseWorker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'parseWorker.js'));

port.on('message', (message: Inbound) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  build(message.request, (progress) => port.postMessage({ type: 'progress', progress }), controller.signal).then(
    (result) => port.postMessage({ type: 'done', result }),
    (error: unknown) =>
      port.postMessage({
        type: 'failed',
        error:
          error instanceof PorterError
            ? error.toData()
            : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      }),
  );
});
