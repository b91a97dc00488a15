import { parentPort, type MessagePort } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import type { BuildProgress, BuiltCatalog } from './buildCatalog';
import { buildCatalogFromReader, type CatalogBuildRequest } from './catalogBuilder';

/**
 * Worker-thread entry: builds one catalog file and reports progress, so a million-row
 * import never blocks the thread that answers searches and saves drafts.
 */
export type ImportInbound =
  /** reader: where a table's parse worker sends its batches (absent for CommerceML). */
  { type: 'build'; request: CatalogBuildRequest; reader?: MessagePort } | { type: 'cancel' };
export type ImportOutbound =
  { type: 'progress'; progress: BuildProgress } | { type: 'done'; result: BuiltCatalog } | { type: 'failed'; error: PorterErrorData };

const port = parentPort;
if (!port) throw new Error('importWorker must run in a worker thread');
const controller = new AbortController();
const send = (message: ImportOutbound) => port.postMessage(message);

port.on('message', (message: ImportInbound) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  const build = buildCatalogFromReader(message.reader);
  build(message.request, (progress) => send({ type: 'progress', progress }), controller.signal).then(
    (result) => send({ type: 'done', result }),
    (error: unknown) =>
      send({
        type: 'failed',
        error:
          error instanceof PorterError
            ? error.toData()
            : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      }),
  );
});
