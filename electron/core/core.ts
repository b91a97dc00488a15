import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PorterApi } from '../../shared/contract';
import { buildCatalogInThisThread, type CatalogBuilder } from './catalog/catalogBuilder';
import { PriceListService } from './catalog/priceListService';
import type { FileRegistry } from './files';
import type { JobRegistry } from './jobs/jobRegistry';
import { createLogger } from './logger';
import { createCatalogApi } from './catalog/catalogApi';
import { createOrderApi } from './orders/orderApi';
import { OrderService } from './orders/orderService';
import { StoreProfileService } from './store/storeProfile';
import { pdfFonts } from './resources';
import { APP_VERSION } from './version';
import type { DatabaseKeeper, DatabaseKeeperOptions } from './maintenance/databaseKeeper';
import { startWithRecovery, type SessionContext } from './maintenance/coreWithRecovery';
import { createMaintenanceApi } from './maintenance/maintenanceApi';
import { UpdateSettingsStore } from './updates/updateSettingsStore';
import { Exchange, type ExchangeOptions } from './exchange/exchange';
import { createExchangeApi } from './exchange/exchangeApi';
import type { FolderWatcherOptions } from './manager/folderWatcher';
import { Manager } from './manager/manager';
import { createManagerApi } from './manager/managerApi';
import { createManagerOutputsApi } from './manager/outputsApi';
import { DemoHistoryLoader } from './insights/demoLoad';
import { createInsightsApi } from './insights/insightsApi';
import { InsightsService } from './insights/insightsService';
import { localIsoDate } from '../../shared/suggestions';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  /** Where catalog builds run; the app passes a worker-thread builder. */
  catalogBuilder?: CatalogBuilder;
  /** A price list imported on first run when there is none (the demo data). */
  firstRunPriceList?: string;
  /**
   * Manager mode: the demo order history (resources/demo: stores.csv, order-history.csv.gz) loaded into an
   * empty order book on start in manager mode or on switching to it, so the insights show something at once.
   */
  firstRunOrderHistory?: string;
  /** The day insights are computed for and the demo history is anchored to (YYYY-MM-DD); the computer's date when absent. */
  today?: string;
  /** The app's resources (fonts for PDFs); the repository's resources/ when absent. */
  resourcesDir?: string;
  /** Backups: how many are kept, how old the newest may get, how often a running core checks (tests shorten them). */
  maintenance?: Omit<DatabaseKeeperOptions, 'dataDir' | 'jobs'>;
  /** Exchange: the outbox sender's timing and the exchange server's limits (tests shorten them). */
  exchange?: ExchangeOptions;
  /** Manager mode: the watched exchange folder's timing (tests shorten it or drive its passes). */
  manager?: { folder?: FolderWatcherOptions };
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
  /** The database's keeper: startup state (ready or recovery), backups, restore. */
  maintenance: DatabaseKeeper<PorterCore>;
  /** Exchange: the outbox and its sender (store side), the exchange API server and inbox (manager mode). */
  exchange: Exchange;
  /** Manager mode: the app mode, the stores directory, the order book. */
  manager: Manager;
  /** Manager mode: the insights of the order book. */
  insights: InsightsService;
  close(): void;
}

/**
 * Starts the core. A database that is damaged, unreadable or from a newer Porter does not stop
 * it: the core starts in recovery (maintenance/coreWithRecovery.ts) and waits for the user to
 * restore a backup or start empty; the services below then start on the database chosen — and
 * again after any restore.
 */
export function createCore(options: CoreOptions): Promise<PorterCore> {
  return startWithRecovery(options, startSession);
}

/** The services over one open database. */
async function startSession(options: CoreOptions, { db, files, jobs, maintenance }: SessionContext): Promise<PorterCore> {
  const priceLists = new PriceListService(db, options.dataDir, jobs, files, options.catalogBuilder ?? buildCatalogInThisThread);
  const store = new StoreProfileService(db);
  const updateSettings = new UpdateSettingsStore(db);
  const orders = new OrderService(db, () => priceLists.current);
  const manager = new Manager({ db, priceLists, ...(options.manager?.folder ? { folder: options.manager.folder } : {}) });
  const exchange = new Exchange(
    {
      db,
      dataDir: options.dataDir,
      orders,
      priceLists,
      onOrderReceived: manager.takeFromExchange,
      storeProfile: () => store.profile(),
    },
    options.exchange,
  );
  manager.attachInbox(exchange.inbox);

  if (!priceLists.current && options.firstRunPriceList) {
    log.info('first run: importing the demo price list', { file: options.firstRunPriceList });
    await priceLists.importFile(options.firstRunPriceList, path.basename(options.firstRunPriceList));
  }

  const today = () => options.today ?? localIsoDate(new Date());
  const itemByCode = (code: string) => priceLists.current?.itemByCode(code) ?? null;
  const insights = new InsightsService({ db, book: manager.book, stores: manager.stores, itemByCode, today });
  const demoHistory = options.firstRunOrderHistory
    ? new DemoHistoryLoader(options.firstRunOrderHistory, { db, book: manager.book, stores: manager.stores, itemByCode, today })
    : null;
  if (demoHistory && manager.mode.get() === 'manager') await demoHistory.loadIfEmpty();
  const managerApi = createManagerApi(manager, files);

  const api: PorterApi = {
    getAppInfo: async () => ({
      version: APP_VERSION,
      dataDir: options.dataDir,
      locale: store.profile().locale,
      mode: manager.mode.get(),
      priceList: priceLists.currentInfo,
    }),
    setLocale: async ({ locale }) => ({ locale: store.setLocale(locale) }),
    previewPriceListImport: ({ fileId, headerRow }) => priceLists.preview(fileId, headerRow),
    startPriceListImport: async (input) => priceLists.startImport(input),
    getJob: async ({ jobId }) => jobs.get(jobId),
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    getUpdateSettings: async () => updateSettings.settings(),
    setUpdateSettings: async (settings) => updateSettings.setSettings(settings),
    getStoreProfile: async () => store.profile(),
    setStoreProfile: async (profile) => store.setProfile(profile),
    ...createCatalogApi(priceLists, () => orders.orderedItemCodes()),
    ...createOrderApi({ orders, priceLists, files, store, fonts: pdfFonts(options.resourcesDir ?? REPOSITORY_RESOURCES), exchange }),
    ...createExchangeApi(exchange),
    ...managerApi,
    // Switching to manager mode with an empty order book loads the demo history, as a start in manager mode does.
    setAppMode: async (input) => {
      const result = await managerApi.setAppMode(input);
      if (result.mode === 'manager') await demoHistory?.loadIfEmpty();
      return result;
    },
    ...createInsightsApi({ insights, locale: () => store.profile().locale, db, orders, catalog: () => priceLists.current }),
    ...createManagerOutputsApi({
      db,
      dataDir: options.dataDir,
      manager,
      files,
      priceLists,
      store,
      fonts: pdfFonts(options.resourcesDir ?? REPOSITORY_RESOURCES),
    }),
    ...createMaintenanceApi(maintenance),
  };
  await exchange.start();
  manager.start();

  return {
    api,
    dataDir: options.dataDir,
    db,
    files,
    jobs,
    priceLists,
    orders,
    maintenance,
    exchange,
    manager,
    insights,
    close() {
      manager.close();
      exchange.close();
      priceLists.close();
      db.close();
    },
  };
}
