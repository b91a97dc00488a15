import path from 'node:path';
import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { PorterApi } from '../../../shared/contract';
import type { PriceListService } from '../catalog/priceListService';
import { PriceListFeed } from '../exchange/server/priceListFeed';
import type { FileRegistry } from '../files';
import type { PdfFonts } from '../resources';
import type { StoreProfileService } from '../store/storeProfile';
import type { Manager } from './manager';
import { pickListFor, writePickListXlsx } from './pickList';
import { renderPickListPdf } from './pickListPdf';
import { storePriceListFile } from './storePriceList';
import { readStoresFile } from './storesImport';

export interface ManagerOutputsDeps {
  db: Database.Database;
  /** The data folder: its catalogs/ hold the published price list the exchange API serves. */
  dataDir: string;
  manager: Manager;
  files: FileRegistry;
  priceLists: PriceListService;
  /** The app's language (the pick list is printed in it). */
  store: StoreProfileService;
  fonts: PdfFonts;
  clock?: () => Date;
}

export type ManagerOutputsApi = Pick<
  PorterApi,
  | 'exportOrders'
  | 'listExports'
  | 'pickList'
  | 'importStores'
  | 'getStagedPriceList'
  | 'publishPriceList'
  | 'discardStagedPriceList'
  | 'exportStorePriceList'
>;

/**
 * The manager's outputs: exports to the back office, the pick list, price list publishing (the current
 * price list is the published one: what the exchange API serves and orders are checked against), and
 * the stores directory from a file.
 */
export function createManagerOutputsApi(deps: ManagerOutputsDeps): ManagerOutputsApi {
  const { db, manager, files, priceLists, store, fonts } = deps;
  const now = deps.clock ?? (() => new Date());
  const feed = new PriceListFeed(db, path.join(deps.dataDir, 'catalogs'));
  return {
    exportOrders: async (input) => {
      const { export: record, file } = await manager.exports.exportOrders(input);
      return { file: { fileName: file.fileName, base64: file.bytes.toString('base64') }, export: record };
    },
    listExports: async ({ limit }) => ({ exports: manager.exports.list(limit) }),
    pickList: async ({ deliveryDate, format }) => {
      const list = pickListFor(db, deliveryDate);
      const locale = store.profile().locale;
      const stem = `pick-list-${deliveryDate}`;
      const bytes =
        format === 'xlsx'
          ? await writePickListXlsx(list, locale)
          : await renderPickListPdf({
              list,
              locale,
              supplierName: priceLists.currentInfo?.supplierName ?? '',
              printedAt: now().toISOString(),
              fonts,
            });
      return { fileName: `${stem}.${format}`, base64: bytes.toString('base64'), orderCount: list.orderCount, itemCount: list.items.length };
    },
    importStores: async ({ fileId }) => {
      const file = files.get(fileId);
      return { saved: manager.stores.save(await readStoresFile(file.path, file.name)) };
    },
    getStagedPriceList: async () => ({
      staged: priceLists.staged,
      published: priceLists.currentInfo,
      changes: priceLists.stagedChanges(),
    }),
    publishPriceList: async () => ({ priceList: priceLists.publishStaged() }),
    discardStagedPriceList: async () => ({ discarded: priceLists.discardStaged() }),
    exportStorePriceList: async ({ customerCode }) => {
      const entry = manager.stores.get(customerCode);
      if (!entry) throw new PorterError('NOT_FOUND', `No store ${customerCode} in the stores directory`, { field: 'customerCode' });
      return storePriceListFile(feed, entry);
    },
  };
}
