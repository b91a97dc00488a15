import { Worker } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import type { BuildProgress, BuiltCatalog } from './buildCatalog';
import type { CatalogBuilder } from './catalogBuilder';

type Outbound =
  { type: 'progress'; progress: BuildProgress } | { type: 'done'; result: BuiltCatalog } | { type: 'failed'; error: PorterErrorData };

/** Runs each build in a fresh worker thread (the built importWorker.js next to the shell's bundle). */
export function workerCatalogBuilder(workerFile: string): CatalogBuilder {
  return (request, onProgress, signal) =>
    new Promise<BuiltCatalog>((resolve, reject) => {
      // The inserting side holds a few batches at a time: a small heap keeps its garbage from inflating memory.
      const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = () => worker.postMessage({ type: 'cancel' });
      signal.addEventListener('abort', onAbort);
      worker.on('message', (message: Outbound) => {
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') finish(() => resolve(message.result));
        else finish(() => reject(new PorterError(message.error.code, message.error.message, message.error.details)));
      });
      worker.on('error', (error) => finish(() => reject(new PorterError('INTERNAL', `Import worker failed: ${error.message}`))));
      worker.on('exit', (code) =>
        finish(() => reject(new PorterError('INTERNAL', `Import worker stopped unexpectedly (exit code ${code})`))),
      );
      worker.postMessage({ type: 'build', request });
    });
}
