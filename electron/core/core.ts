import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PorterApi } from '../../shared/contract';
import type { Locale } from '../../shared/domain';
import { PorterError } from '../../shared/errors';
import { buildCatalogInThisThread, type CatalogBuilder } from './catalog/catalogBuilder';
import { PriceListService } from './catalog/priceListService';
import { openMainDatabase } from './db/database';
import { FileRegistry } from './files';
import { JobRegistry } from './jobs/jobRegistry';
import { createLogger } from './logger';
import { OrderService } from './orders/orderService';
import { porterOrderFileName, writePorterOrderFile } from './orders/porterOrderFile';
import { APP_VERSION } from './version';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  /** Where catalog builds run; the app passes a worker-thread builder. */
  catalogBuilder?: CatalogBuilder;
  /** A price list imported on first run when there is none (the demo data). */
  firstRunPriceList?: string;
}

/** The core: owns the database and every service; shells call it through `api`. */
export interface PorterCore {
  api: PorterApi;
  dataDir: string;
  db: Database.Database;
  files: FileRegistry;
  jobs: JobRegistry;
  priceLists: PriceListService;
  orders: OrderService;
  close(): void;
}

export async function createCore(options: CoreOptions): Promise<PorterCore> {
  const { db } = await openMainDatabase(options.dataDir);
  const files = new FileRegistry(path.join(options.dataDir, 'uploads'));
  files.clearUploads();
  const jobs = new JobRegistry();
  const priceLists = new PriceListService(db, options.dataDir, jobs, files, options.catalogBuilder ?? buildCatalogInThisThread);
  const orders = new OrderService(db, () => priceLists.current);

  if (!priceLists.current && options.firstRunPriceList) {
    log.info('first run: importing the demo price list', { file: options.firstRunPriceList });
    await priceLists.importFile(options.firstRunPriceList, path.basename(options.firstRunPriceList));
  }

  const setting = (key: string): string | undefined =>
    db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;

  const api: PorterApi = {
    getAppInfo: async () => ({
      version: APP_VERSION,
      dataDir: options.dataDir,
      locale: (setting('locale') as Locale | undefined) ?? 'ru',
      priceList: priceLists.currentInfo,
    }),
    setLocale: async ({ locale }) => {
      db.prepare("INSERT INTO settings (key, value) VALUES ('locale', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
        locale,
      );
      return { locale };
    },
    previewPriceListImport: ({ fileId, headerRow }) => priceLists.preview(fileId, headerRow),
    startPriceListImport: async (input) => priceLists.startImport(input),
    getJob: async ({ jobId }) => jobs.get(jobId),
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    searchItems: async ({ query, offset, limit }) => {
      const catalog = priceLists.current;
      return catalog ? catalog.search(query, offset, limit) : { items: [], total: 0, totalExact: true };
    },
    getCurrentDraft: async () => orders.currentDraft(),
    setOrderLineQuantity: async ({ orderId, itemCode, quantity }) => orders.setLineQuantity(orderId, itemCode, quantity),
    exportOrder: async ({ orderId }) => {
      const order = orders.get(orderId);
      if (order.lines.length === 0) throw new PorterError('INVALID_INPUT', `Order ${order.number} has no lines to export`);
      return { fileName: porterOrderFileName(order), content: writePorterOrderFile(order, new Date().toISOString(), APP_VERSION) };
    },
  };

  return {
    api,
    dataDir: options.dataDir,
    db,
    files,
    jobs,
    priceLists,
    orders,
    close() {
      priceLists.close();
      db.close();
    },
  };
}
