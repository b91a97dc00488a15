import { parentPort } from 'node:worker_threads';
import { PorterError } from '../../../shared/errors';
import { buildCatalogInThisThread, type CatalogBuildRequest } from './catalogBuilder';

/**
 * Worker-thread entry: builds one catalog file and reports progress, so a million-row
 * import never blocks the thread that answers searches and saves drafts.
 */
type Inbound = { type: 'build'; request: CatalogBuildRequest } | { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('importWorker must run in a worker thread');
const controller = new AbortController();

port.on('message', (message: Inbound) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  buildCatalogInThisThread(message.request, (progress) => port.postMessage({ type: 'progress', progress }), controller.signal).then(
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
