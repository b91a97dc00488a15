import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ExchangeFailure } from './exchangeHttp';

/**
 * Delivers an order into the exchange folder (a network share, a synced cloud folder, a USB stick).
 * The file appears complete or not at all (written aside, flushed, then renamed), and its name carries
 * the order id: writing it again replaces the same file, so the supplier never sees a second order.
 */
export async function writeOrderToFolder(folder: string, entry: { orderId: string; orderNumber: string; body: string }): Promise<string> {
  if (folder.trim() === '') throw new ExchangeFailure('EXCHANGE_NOT_CONFIGURED', 'No exchange folder is set', false);
  const safeNumber = entry.orderNumber.replace(/[^\p{L}\p{N}._-]+/gu, '_');
  const target = path.join(folder, `porter-order-${safeNumber}-${entry.orderId}.json`);
  // A dot-name the folder watcher ignores while it is being written.
  const partial = path.join(folder, `.porter-${crypto.randomUUID()}.partial`);
  try {
    const handle = await fs.open(partial, 'wx');
    try {
      await handle.writeFile(entry.body, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(partial, target);
    return target;
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ExchangeFailure(
      'EXCHANGE_FOLDER_UNAVAILABLE',
      `Cannot write the order into ${folder}: ${(error as Error).message} (${code})`,
      false,
    );
  }
}
