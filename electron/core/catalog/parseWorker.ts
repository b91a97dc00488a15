import { parentPort } from 'node:worker_threads';
import { PorterError } from '../../../shared/errors';
import { openTabularSource } from '../formats/openTabularSource';
import { readItemBatches, type RowOptions } from './itemBatches';

/**
 * Worker-thread entry that reads and validates a price list while another thread inserts
 * what it sends: on two cores, parsing and SQLite's inserts overlap instead of taking turns.
 * At most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays bounded: the inserting side,
 * which also fills the search index, is the slower one, and two waiting batches keep it busy.
 */
const MAX_IN_FLIGHT = 2;

export interface ParseRequest {
  filePath: string;
  fileName: string;
  options: RowOptions;
}

type Inbound = { type: 'start'; request: ParseRequest } | { type: 'ack' } | { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('parseWorker must run in a worker thread');
const controller = new AbortController();
let inFlight = 0;
let wakeUp: (() => void) | null = null;

port.on('message', (message: Inbound) => {
  if (message.type === 'cancel') controller.abort();
  if (message.type === 'ack' || message.type === 'cancel') {
    inFlight = Math.max(0, inFlight - 1);
    wakeUp?.();
    wakeUp = null;
  }
  if (message.type === 'start') void run(message.request);
});

async function run(request: ParseRequest): Promise<void> {
  try {
    const source = await openTabularSource(request.filePath, request.fileName);
    for await (const batch of readItemBatches(source, request.options, controller.signal)) {
      while (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) await new Promise<void>((resolve) => (wakeUp = resolve));
      if (controller.signal.aborted) break;
      inFlight++;
      port!.postMessage({ type: 'batch', batch }, [batch.numbers.buffer as ArrayBuffer]);
    }
    port!.postMessage({ type: 'end' });
  } catch (error) {
    port!.postMessage({
      type: 'error',
      error:
        error instanceof PorterError
          ? error.toData()
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    });
  }
}
