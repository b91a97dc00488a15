import fs from 'node:fs';
import { MessageChannel, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import type { ItemBatch } from './itemBatches';
import type { ParseRequest, ReaderInbound, ReaderOutbound } from './parseWorker';

/**
 * A CSV reader holds a few batches at a time: a small heap makes V8 collect often instead of
 * growing (a million-row import stays within its memory budget). A workbook's shared strings
 * must all be in memory, so XLSX gets room.
 */
function readerMemoryLimits(filePath: string): ResourceLimits {
  const head = Buffer.alloc(4);
  try {
    const fd = fs.openSync(filePath, 'r');
    try {
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Unreadable: the reader itself reports it, with the file's name.
  }
  const isZip = head.readUInt32LE(0) === 0x04034b50;
  return isZip ? { maxYoungGenerationSizeMb: 16 } : { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 };
}

/** A parse worker (parseWorker.ts) for this file, waiting for startReading. */
export function spawnItemReader(parseWorkerFile: string, filePath: string): Worker {
  return new Worker(parseWorkerFile, { resourceLimits: readerMemoryLimits(filePath) });
}

/** Sets a parse worker reading; its batches arrive on the port returned, wherever that port is handed. */
export function startReading(reader: Worker, request: ParseRequest): MessagePort {
  const channel = new MessageChannel();
  const start: ReaderInbound = { type: 'start', request, port: channel.port2 };
  reader.postMessage(start, [channel.port2]);
  return channel.port1;
}

/** Item batches arriving on a parse worker's port, acknowledged one by one as they are consumed. */
export async function* receiveItemBatches(port: MessagePort, signal?: AbortSignal): AsyncGenerator<ItemBatch> {
  const queue: ReaderOutbound[] = [];
  let notify: (() => void) | null = null;
  port.on('message', (message: ReaderOutbound) => {
    queue.push(message);
    notify?.();
    notify = null;
  });
  const send = (message: ReaderInbound) => port.postMessage(message);
  const onAbort = () => send({ type: 'cancel' });
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'error') throw porterError(message.error);
      yield message.batch;
      send({ type: 'ack' });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    send({ type: 'cancel' });
    port.close();
  }
}

function porterError(error: PorterErrorData): PorterError {
  return new PorterError(error.code, error.message, error.details);
}
