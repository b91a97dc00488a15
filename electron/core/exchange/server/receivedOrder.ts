import type { PorterOrderFile } from '../../../../shared/exchange';
import { PorterError } from '../../../../shared/errors';
import { readPorterOrderFile } from '../../orders/porterOrderFile';

/** What the API calls the body in its error messages. */
const BODY = 'request body';

/**
 * A received order body: a Porter order file, version 1, read by the same reader as a file dropped
 * into an exchange folder (orders/porterOrderFile.ts), plus what the API adds: at least one line,
 * and `order.id` equal to the Idempotency-Key. Returns the file, or why it is refused (422 INVALID_ORDER).
 */
export function readOrderBody(text: string, idempotencyKey: string): { file: PorterOrderFile } | { refused: string } {
  let file: PorterOrderFile;
  try {
    file = readPorterOrderFile(text, BODY);
  } catch (error) {
    if (error instanceof PorterError) return { refused: error.message };
    throw error;
  }
  if (file.order.lines.length === 0) return { refused: `${BODY}: field order.lines: an order needs at least one line` };
  if (file.order.id !== idempotencyKey) {
    return { refused: `${BODY}: field order.id: ${file.order.id} differs from the Idempotency-Key ${idempotencyKey}` };
  }
  return { file };
}

/** A body stored in the inbox (it was read when it arrived). */
export function storedOrderBody(text: string): PorterOrderFile | null {
  try {
    return readPorterOrderFile(text, BODY);
  } catch {
    return null;
  }
}

/** What the order comes to, summed from its lines (a stated total is never trusted). */
export function grossOf(order: PorterOrderFile['order']): number {
  return order.lines.reduce((sum, l) => sum + l.amountKopecks + (order.pricesIncludeVat ? 0 : l.vatKopecks), 0);
}
