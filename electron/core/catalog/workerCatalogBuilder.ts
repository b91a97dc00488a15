import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PorterError } from '../../../shared/errors';
import type { BuiltCatalog } from './buildCatalog';
import type { CatalogBuilder } from './catalogBuilder';
import type { ImportInbound, ImportOutbound } from './importWorker';
import { spawnItemReader, startReading } from './workerItemBatches';

/** The threads of one build: the import worker, and the parse worker that reads a table for it. */
interface BuildThreads {
  filePath: string;
  importer: Worker;
  reader: Worker | null;
}

/**
 * Runs each build in fresh worker threads: importWorker.js, and for a table parseWorker.js beside it. Both are
 * started at once (prepare starts them even before the options are known), not the reader by the import
 * worker once it has loaded: a thread takes about 0.1 s to start on a slow machine.
 */
export function workerCatalogBuilder(workerFile: string): CatalogBuilder {
  const parseWorkerFile = path.join(path.dirname(workerFile), 'parseWorker.js');
  let prepared: BuildThreads | null = null;
  const spawn = (filePath: string, table: boolean): BuildThreads => ({
    filePath,
    // The inserting side holds a few batches at a time: a small heap keeps its garbage from inflating memory.
    importer: new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } }),
    reader: table ? spawnItemReader(parseWorkerFile, filePath) : null,
  });
  const stop = (threads: BuildThreads) => {
    void threads.importer.terminate();
    void threads.reader?.terminate();
  };

  const build: CatalogBuilder = (request, onProgress, signal) =>
    new Promise<BuiltCatalog>((resolve, reject) => {
      const table = request.format === 'table';
      const threads = prepared?.filePath === request.filePath ? prepared : spawn(request.filePath, table);
      if (prepared && prepared !== threads) stop(prepared);
      prepared = null;
      const { importer } = threads;
      importer.ref();
      // Prepared before the format was known: a CommerceML exchange is read by the import worker itself.
      if (!table) void threads.reader?.terminate();
      const reader = table ? threads.reader : null;
      reader?.ref();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        fn();
        stop(threads);
      };
      const onAbort = () => importer.postMessage({ type: 'cancel' } satisfies ImportInbound);
      signal.addEventListener('abort', onAbort);
      importer.on('message', (message: ImportOutbound) => {
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') finish(() => resolve(message.result));
        else finish(() => reject(new PorterError(message.error.code, message.error.message, message.error.details)));
      });
      const failed = (what: string) => (error: Error) =>
        finish(() => reject(new PorterError('INTERNAL', `${what} failed: ${error.message}`)));
      const stopped = (what: string) => (code: number) =>
        finish(() => reject(new PorterError('INTERNAL', `${what} stopped unexpectedly (exit code ${code})`)));
      importer.on('error', failed('Import worker'));
      importer.on('exit', stopped('Import worker'));
      if (!reader) {
        importer.postMessage({ type: 'build', request } satisfies ImportInbound);
        return;
      }
      reader.on('error', failed('Price list reader'));
      // It ends by itself (code 0) once the import worker has closed its port.
      reader.on('exit', (code) => code !== 0 && stopped('Price list reader')(code));
      const port = startReading(reader, { filePath: request.filePath, fileName: request.fileName, options: request.options });
      importer.postMessage({ type: 'build', request, reader: port } satisfies ImportInbound, [port]);
    });

  build.prepare = (filePath) => {
    if (prepared?.filePath === filePath) return;
    if (prepared) stop(prepared);
    prepared = spawn(filePath, true);
    // Waiting threads do not keep the process alive (the command line exits when it is done).
    prepared.importer.unref();
    prepared.reader?.unref();
  };
  build.dispose = () => {
    if (prepared) stop(prepared);
    prepared = null;
  };
  return build;
}
