import { Worker } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import type { ItemBatch } from './itemBatches';
import type { ParseRequest } from './parseWorker';

type Outbound = { type: 'batch'; batch: ItemBatch } | { type: 'end' } | { type: 'error'; error: PorterErrorData };

/** Item batches read by a parse worker (see parseWorker.ts), acknowledged one by one as they are consumed. */
export async function* workerItemBatches(workerFile: string, request: ParseRequest, signal?: AbortSignal): AsyncGenerator<ItemBatch> {
  const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const queue: Outbound[] = [];
  let notify: (() => void) | null = null;
  const push = (message: Outbound) => {
    queue.push(message);
    notify?.();
    notify = null;
  };
  worker.on('message', push);
  worker.on('error', (error) =>
    push({ type: 'error', error: { code: 'INTERNAL', message: `Price list reader failed: ${error.message}` } }),
  );
  const onAbort = () => worker.postMessage({ type: 'cancel' });
  signal?.addEventListener('abort', onAbort);
  worker.postMessage({ type: 'start', request });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'error') throw new PorterError(message.error.code, message.error.message, message.error.details);
      yield message.batch;
      worker.postMessage({ type: 'ack' });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
