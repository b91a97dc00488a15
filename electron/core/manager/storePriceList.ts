import { PorterError } from '../../../shared/errors';
import type { StoreEntry } from '../../../shared/manager';
import type { PriceListFeed } from '../exchange/server/priceListFeed';
import { checkPorterPriceList, serializePorterPriceList } from '../formats/porterJson/priceListFile';
import { safeFileName } from './backOfficeFiles';

/**
 * The published price list as a Porter price list file for one store (an offline one imports it as it
 * would a sync): exactly what the exchange API serves that store in full — the same feed, so the prices
 * of the store's price type (a type the list lacks is refused, naming the list's types) — checked against
 * the file format before it is handed over.
 */
export async function storePriceListFile(feed: PriceListFeed, store: StoreEntry): Promise<{ fileName: string; content: string }> {
  const list = feed.current();
  if (!list) throw new PorterError('NOT_FOUND', 'No price list is published yet: import and publish one first');
  let answer = '';
  try {
    await feed.write(list, store.priceType, null, async (chunk) => {
      answer += chunk;
    });
  } catch (error) {
    if (error instanceof PorterError && error.code === 'PRICE_TYPE_UNKNOWN') {
      throw new PorterError('PRICE_TYPE_UNKNOWN', `Store ${store.customerCode} "${store.name}": ${error.message}`, {
        ...error.details,
        field: 'priceType',
        customerCode: store.customerCode,
      });
    }
    throw error;
  }
  const fileName = `porter-price-list-${safeFileName(store.customerCode)}-${list.id.slice(0, 8)}.json`;
  const file = checkPorterPriceList((JSON.parse(answer) as { file: unknown }).file, fileName);
  return { fileName, content: serializePorterPriceList(file) };
}
