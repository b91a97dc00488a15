import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PorterApi } from '../../shared/contract';
import { buildCatalogInThisThread, type CatalogBuilder } from './catalog/catalogBuilder';
import { PriceListService } from './catalog/priceListService';
import { openMainDatabase } from './db/database';
import { FileRegistry } from './files';
import { JobRegistry } from './jobs/jobRegistry';
import { createLogger } from './logger';
import { createCatalogApi } from './catalog/catalogApi';
import { createOrderApi } from './orders/orderApi';
import { OrderService } from './orders/orderService';
import { StoreProfileService } from './store/storeProfile';
import { pdfFonts } from './resources';
import { APP_VERSION } from './version';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  /** Where catalog builds run; the app passes a worker-thread builder. */
  catalogBuilder?: CatalogBuilder;
  /** A price list imported on first run when there is none (the demo data). */
  firstRunPriceList?: string;
  /** The app's resources (fonts for PDFs); the repository's resources/ when absent. */
  resourcesDir?: string;
}

/** electron/core/ in the sources and out/node/ or out/main/ when built: the repository is two levels up. */
const REPOSITORY_RESOURCES = path.resolve(import.meta.dirname, '..', '..', 'resources');

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
  const store = new StoreProfileService(db);
  const orders = new OrderService(db, () => priceLists.current);

  if (!priceLists.current && options.firstRunPriceList) {
    log.info('first run: importing the demo price list', { file: options.firstRunPriceList });
    await priceLists.importFile(options.firstRunPriceList, path.basename(options.firstRunPriceList));
  }

  const api: PorterApi = {
    getAppInfo: async () => ({
      version: APP_VERSION,
      dataDir: options.dataDir,
      locale: store.profile().locale,
      priceList: priceLists.currentInfo,
    }),
    setLocale: async ({ locale }) => ({ locale: store.setLocale(locale) }),
    previewPriceListImport: ({ fileId, headerRow }) => priceLists.preview(fileId, headerRow),
    startPriceListImport: async (input) => priceLists.startImport(input),
    getJob: async ({ jobId }) => jobs.get(jobId),
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    getStoreProfile: async () => store.profile(),
    setStoreProfile: async (profile) => store.setProfile(profile),
    ...createCatalogApi(priceLists, () => orders.orderedItemCodes()),
    ...createOrderApi({ orders, priceLists, files, store, fonts: pdfFonts(options.resourcesDir ?? REPOSITORY_RESOURCES) }),
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
