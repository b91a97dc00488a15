import fs from 'node:fs';
import path from 'node:path';
import { readPorterConfirmation } from '../../formats/porterJson/confirmationFile';
import { createLogger } from '../../logger';
import type { StoredEvent } from '../wire';
import { ExchangeFailure } from './exchangeHttp';

const log = createLogger('exchange');

/** Where a supplier's Porter writes its answers in a shared exchange folder (manager/fileAnswers.ts). */
export const OUTGOING_DIR = 'outgoing';
/** Where the store moves the answers it has taken, so the next look does not read them again. */
export const TAKEN_DIR = 'taken';

/**
 * The supplier's answers in the exchange folder: each complete Porter confirmation file in
 * `<folder>/outgoing/` about one of this store's orders is applied (in one transaction per file,
 * through `apply`) and then moved into `outgoing/taken/`. Answers about other stores' orders stay
 * where they are; a file that cannot be read is left in place and logged with its reason.
 */
export function takeFolderConfirmations(
  folder: string,
  apply: (event: StoredEvent) => boolean,
): { events: number; ordersUpdated: Set<string> } {
  const dir = path.join(folder, OUTGOING_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (!fs.existsSync(folder)) {
        throw new ExchangeFailure('EXCHANGE_FOLDER_UNAVAILABLE', `The exchange folder ${folder} is not reachable`, true);
      }
      return { events: 0, ordersUpdated: new Set() };
    }
    throw new ExchangeFailure('EXCHANGE_FOLDER_UNAVAILABLE', `Cannot read ${dir}: ${(error as Error).message}`, true);
  }
  const ordersUpdated = new Set<string>();
  let events = 0;
  for (const name of names.sort()) {
    if (name.startsWith('.') || !name.toLowerCase().endsWith('.json')) continue;
    const file = path.join(dir, name);
    let event: StoredEvent;
    try {
      const { confirmation, exportedAt } = readPorterConfirmation(fs.readFileSync(file, 'utf8'), name);
      event = { type: 'confirmation', orderId: confirmation.orderId, at: exportedAt, confirmation };
    } catch (error) {
      log.warn('an answer in the exchange folder was not read', { file, error: (error as Error).message });
      continue;
    }
    if (!apply(event)) continue;
    events++;
    ordersUpdated.add(event.orderId);
    moveAside(dir, name);
  }
  return { events, ordersUpdated };
}

function moveAside(dir: string, name: string): void {
  const takenDir = path.join(dir, TAKEN_DIR);
  try {
    fs.mkdirSync(takenDir, { recursive: true });
    fs.renameSync(path.join(dir, name), path.join(takenDir, name));
  } catch (error) {
    // Applied already; applying it again next time changes nothing (the latest confirmation wins).
    log.warn('an answer taken from the exchange folder was not moved aside', { file: name, error: (error as Error).message });
  }
}
