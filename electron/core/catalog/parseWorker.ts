import { parentPort, type MessagePort } from 'node:worker_threads';
import { PorterError, type PorterErrorData } from '../../../shared/errors';
import { openTabularSource } from '../formats/openTabularSource';
import { readItemBatches, type ItemBatch, type RowOptions } from './itemBatches';

/**
 * Worker-thread entry that reads and validates a price list while another thread inserts
 * what it sends: on two cores, parsing and SQLite's inserts overlap instead of taking turns.
 * It is started beside the import worker (workerCatalogBuilder.ts), not by it, so both load at once, and
 * sends its batches through the port it is handed.
 * At most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays bounded: the inserting side,
 * which also fills the search index, is the slower one on average, and four waiting batches keep it busy
 * while this thread collects its garbage.
 */
const MAX_IN_FLIGHT = 4;

export interface ParseRequest {
  filePath: string;
  fileName: string;
  options: RowOptions;
}

/** To the parse worker: 'start' through its parent port, the rest through the port 'start' hands it. */
export type ReaderInbound = { type: 'start'; request: ParseRequest; port: MessagePort } | { type: 'ack' } | { type: 'cancel' };
export type ReaderOutbound = { type: 'batch'; batch: ItemBatch } | { type: 'end' } | { type: 'error'; error: PorterErrorData };

if (!parentPort) throw new Error('parseWorker must run in a worker thread');
parentPort.once('message', (message: ReaderInbound) => {
  if (message.type === 'start') void run(message.request, message.port);
});

async function run(request: ParseRequest, port: MessagePort): Promise<void> {
  const controller = new AbortController();
  let inFlight = 0;
  let wakeUp: (() => void) | null = null;
  port.on('message', (message: ReaderInbound) => {
    if (message.type === 'cancel') controller.abort();
    inFlight = Math.max(0, inFlight - 1);
    wakeUp?.();
    wakeUp = null;
  });
  const send = (message: ReaderOutbound, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    const source = await openTabularSource(request.filePath, request.fileName);
    for await (const batch of readItemBatches(source, request.options, controller.signal)) {
      while (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) await new Promise<void>((resolve) => (wakeUp = resolve));
      if (controller.signal.aborted) break;
      inFlight++;
      send({ type: 'batch', batch }, [batch.numbers.buffer as ArrayBuffer]);
    }
    send({ type: 'end' });
  } catch (error) {
    send({
      type: 'error',
      error:
        error instanceof PorterError
          ? error.toData()
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    });
  }
}
