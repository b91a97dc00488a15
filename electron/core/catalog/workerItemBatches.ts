import fs from 'node:fs';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import type { ItemBatch } from './itemBatches';
import type { ParseRequest } from './parseWorker';

type Outbound = { type: 'batch'; batch: ItemBatch } | { type: 'end' } | { type: 'error'; error: PorterErrorData };

/**
 * A CSV reader holds a few batches at a time: a small heap makes V8 collect often instead of
 * growing (a million-row import stays within its memory budget). A workbook's shared strings
 * must all be in memory, so XLSX gets room.
 */
function readerMemoryLimits(filePath: string): ResourceLimits {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  const isZip = head.readUInt32LE(0) === 0x04034b50;
  return isZip ? { maxYoungGenerationSizeMb: 16 } : { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };
}

/** Item batches read by a parse worker (see parseWorker.ts), acknowledged one by one as they are consumed. */
export async function* workerItemBatches(workerFile: string, request: ParseRequest, signal?: AbortSignal): AsyncGenerator<ItemBatch> {
  const worker = new Worker(workerFile, { resourceLimits: readerMemoryLimits(request.filePath) });
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
