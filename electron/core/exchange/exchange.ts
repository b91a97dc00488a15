import path from 'node:path';
import type Database from 'better-sqlite3';
import type {
  ExchangeServerSettings,
  ExchangeServerState,
  Order,
  OrderSummary,
  PriceListSyncResult,
  PriceListSyncStatus,
  StoreProfile,
} from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { PriceListService } from '../catalog/priceListService';
import { createLogger } from '../logger';
import type { OrderService } from '../orders/orderService';
import { writePorterOrderFile } from '../orders/porterOrderFile';
import { APP_VERSION } from '../version';
import { DEFAULT_SENDER_OPTIONS, OutboxSender, type SenderOptions } from './client/outboxSender';
import { StoreConfirmations } from './client/confirmations';
import { ExchangeFailure } from './client/exchangeHttp';
import { Outbox } from './client/outbox';
import { PriceListSync } from './client/priceListSync';
import { ExchangeSettingsStore } from './exchangeSettings';
import { ExchangeHttpServer } from './server/exchangeServer';
import { ExchangeStores } from './server/exchangeStores';
import { ExchangeInbox, type InboxOptions } from './server/inbox';
import { PriceListFeed } from './server/priceListFeed';

const log = createLogger('exchange');
const DEFAULT_PRICE_LIST_SYNC_MS = 30 * 60_000;

export interface ExchangeOptions {
  /** Sender timing (tests shorten it); autoStart false leaves the outbox unsent (a test's "crash before sending"). */
  sender?: Partial<SenderOptions> & { autoStart?: boolean };
  server?: {
    inProgressLeaseMs?: number;
    maxBodyBytes?: number;
    afterClaim?: (idempotencyKey: string) => Promise<void>;
  };
  /** How often confirmations are fetched while a connection is set, and after an order is delivered; 0: only on request. */
  confirmationsIntervalMs?: number;
  /** The deadline of "test connection" and of a confirmations request. */
  requestTimeoutMs?: number;
  /**
   * How often the price list is synced while a connection is set (also once on start and after the
   * connection is saved); 0: only when the purchaser asks. Default 30 minutes.
   */
  priceListSyncIntervalMs?: number;
  /** The deadline of one price list request (a large list takes a while on a slow line). Default 5 minutes. */
  priceListTimeoutMs?: number;
}

export interface ExchangeDeps {
  db: Database.Database;
  dataDir: string;
  orders: OrderService;
  priceLists: PriceListService;
  clock?: () => Date;
  /** The manager's order book takes in each order the API receives, in the same transaction. */
  onOrderReceived?: InboxOptions['onReceived'];
  /** The store's profile: the order files it sends say which store they come from. */
  storeProfile?: () => Pick<StoreProfile, 'storeName' | 'customerCode'>;
}

/** What the order methods need from the exchange: submission through the outbox, and the order's delivery and confirmation. */
export interface OrderExchange {
  submit(orderId: string): Order;
  annotate(order: Order): Order;
  annotateSummaries(orders: OrderSummary[]): OrderSummary[];
}

/**
 * The exchange with the supplier, both ends. Store side: the connection settings, the outbox and its
 * sender, the supplier's confirmations. Manager side: the exchange API server (off unless the manager
 * turns it on), the stores allowed to use it, the inbox of received orders.
 */
export class Exchange implements OrderExchange {
  readonly settings: ExchangeSettingsStore;
  readonly outbox: Outbox;
  readonly sender: OutboxSender;
  readonly confirmations: StoreConfirmations;
  readonly priceListSync: PriceListSync;
  readonly stores: ExchangeStores;
  readonly inbox: ExchangeInbox;
  readonly server: ExchangeHttpServer;
  private serverError: string | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private syncing: Promise<{ events: number; ordersUpdated: number }> | null = null;
  private syncAgain = false;
  private priceListTimer: NodeJS.Timeout | null = null;
  private priceListSyncing: Promise<PriceListSyncResult> | null = null;
  /** Asked for while one ran (the connection changed meanwhile): one more after it. */
  private priceListSyncAgain = false;
  /** Cancels a price list request in flight when the core closes. */
  private readonly closing = new AbortController();
  private closed = false;
  private readonly clock: () => Date;
  /** The deadline of "test connection" and of a confirmations request. */
  readonly requestTimeoutMs: number;

  constructor(
    private readonly deps: ExchangeDeps,
    private readonly options: ExchangeOptions = {},
  ) {
    const { db } = deps;
    this.clock = deps.clock ?? (() => new Date());
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.settings = new ExchangeSettingsStore(db);
    this.outbox = new Outbox(db);
    this.confirmations = new StoreConfirmations(db, this.settings);
    this.priceListSync = new PriceListSync(db, deps.priceLists, () => this.settings.connection(), this.clock);
    this.sender = new OutboxSender(this.outbox, () => this.settings.connection(), {
      ...DEFAULT_SENDER_OPTIONS,
      random: Math.random,
      clock: this.clock,
      ...options.sender,
    });
    this.sender.onSent = () => this.requestSync();
    this.stores = new ExchangeStores(db);
    this.inbox = new ExchangeInbox(db, {
      inProgressLeaseMs: options.server?.inProgressLeaseMs ?? 60_000,
      clock: this.clock,
      ...(options.server?.afterClaim ? { afterClaim: options.server.afterClaim } : {}),
      ...(deps.onOrderReceived ? { onReceived: deps.onOrderReceived } : {}),
    });
    this.server = new ExchangeHttpServer({
      stores: this.stores,
      inbox: this.inbox,
      priceList: new PriceListFeed(db, path.join(deps.dataDir, 'catalogs')),
      supplierName: () => deps.priceLists.currentInfo?.supplierName ?? '',
      maxBodyBytes: options.server?.maxBodyBytes ?? 20 * 1024 * 1024,
    });
  }

  /** Starts the sender and, when the manager turned it on, the exchange API server. */
  async start(): Promise<void> {
    if (this.options.sender?.autoStart !== false) this.sender.start();
    this.schedulePoll();
    this.schedulePriceListSync();
    const server = this.settings.server();
    if (server.enabled) {
      try {
        await this.startServer(server);
      } catch (error) {
        // Porter still opens: the manager sees why the server is not running in its settings.
        log.error('exchange API server did not start', { error: (error as Error).message });
      }
    }
  }

  close(): void {
    this.closed = true;
    this.sender.stop();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (this.priceListTimer) clearInterval(this.priceListTimer);
    this.priceListTimer = null;
    this.closing.abort();
    void this.server.close();
  }

  // ── Store side ───────────────────────────────────────────────────────────────────────────

  /**
   * Submits a draft. With a connection set, the order's status change and its outbox entry (with the
   * exact body to send) are one transaction: either the order is submitted and will be delivered, or
   * nothing happened. Without one, the order is recorded as sent and the purchaser exports a file.
   */
  submit(orderId: string): Order {
    const connection = this.settings.connection();
    if (connection.mode === 'none') return this.annotate(this.deps.orders.submit(orderId));
    const order = this.deps.db.transaction(() => {
      const submitted = this.deps.orders.submit(orderId);
      const body = writePorterOrderFile(
        submitted,
        submitted.submittedAt ?? this.clock().toISOString(),
        APP_VERSION,
        this.deps.storeProfile?.(),
      );
      this.outbox.enqueue(submitted.id, body, connection.mode === 'folder' ? 'folder' : 'http', this.clock());
      return submitted;
    })();
    this.sender.wake();
    return this.annotate(order);
  }

  annotate(order: Order): Order {
    if (order.status === 'draft') return order;
    return { ...order, delivery: this.outbox.entry(order.id), confirmation: this.confirmations.get(order.id) };
  }

  annotateSummaries(orders: OrderSummary[]): OrderSummary[] {
    const ids = orders.filter((o) => o.status !== 'draft').map((o) => o.id);
    const delivery = this.outbox.states(ids);
    const supplier = this.confirmations.statuses(ids);
    return orders.map((o) => ({ ...o, deliveryState: delivery.get(o.id) ?? null, supplierStatus: supplier.get(o.id) ?? null }));
  }

  /** Fetches confirmations; calls made while one runs share it (one cursor, one writer). */
  syncConfirmations(): Promise<{ events: number; ordersUpdated: number }> {
    if (this.syncing) return this.syncing;
    this.syncing = this.confirmations
      .sync({ timeoutMs: this.requestTimeoutMs })
      .catch((error: unknown) => {
        if (error instanceof ExchangeFailure) throw new PorterError(error.code, error.message, { httpStatus: error.httpStatus });
        throw error;
      })
      .finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  /** Fetches the supplier's price list; calls made while one runs share it. */
  syncPriceList(): Promise<PriceListSyncResult> {
    if (this.priceListSyncing) return this.priceListSyncing;
    this.priceListSyncing = this.priceListSync
      .sync({ timeoutMs: this.options.priceListTimeoutMs ?? 300_000, signal: this.closing.signal })
      .finally(() => {
        this.priceListSyncing = null;
        if (this.priceListSyncAgain) {
          this.priceListSyncAgain = false;
          this.requestPriceListSync();
        }
      });
    return this.priceListSyncing;
  }

  priceListSyncStatus(): PriceListSyncStatus {
    return this.priceListSync.status(this.priceListSyncing !== null);
  }

  /** A sync in the background (on start, on the schedule, after the connection is saved): failures are only recorded. */
  requestPriceListSync(): void {
    if (this.closed || (this.options.priceListSyncIntervalMs ?? DEFAULT_PRICE_LIST_SYNC_MS) <= 0) return;
    if (this.settings.connection().mode !== 'http') return;
    if (this.priceListSyncing) {
      this.priceListSyncAgain = true;
      return;
    }
    // A file being imported now is the purchaser's choice: the next scheduled sync comes after it.
    if (this.deps.priceLists.importing) return;
    this.syncPriceList().catch((error: unknown) => {
      if (!this.closed) log.info('price list not synced', { error: (error as Error).message });
    });
  }

  private schedulePriceListSync(): void {
    const every = this.options.priceListSyncIntervalMs ?? DEFAULT_PRICE_LIST_SYNC_MS;
    if (every <= 0) return;
    this.requestPriceListSync();
    this.priceListTimer = setInterval(() => this.requestPriceListSync(), every);
    this.priceListTimer.unref();
  }

  private requestSync(): void {
    if (this.closed || (this.options.confirmationsIntervalMs ?? 60_000) <= 0) return;
    if (this.settings.connection().mode !== 'http') return;
    if (this.syncing) {
      if (!this.syncAgain) {
        this.syncAgain = true;
        void this.syncing
          .finally(() => {
            this.syncAgain = false;
            this.requestSync();
          })
          .catch(() => {});
      }
      return;
    }
    this.syncConfirmations().catch((error: unknown) => {
      if (!this.closed) log.info('confirmations not fetched', { error: (error as Error).message });
    });
  }

  private schedulePoll(): void {
    const every = this.options.confirmationsIntervalMs ?? 60_000;
    if (every <= 0) return;
    this.pollTimer = setInterval(() => this.requestSync(), every);
    this.pollTimer.unref();
  }

  // ── Manager side ─────────────────────────────────────────────────────────────────────────

  serverState(): ExchangeServerState {
    const address = this.server.address;
    return {
      ...this.settings.server(),
      listening: address ? { address: address.address, port: address.port } : null,
      lastError: this.serverError,
      stores: this.stores.list(),
    };
  }

  async configureServer(settings: ExchangeServerSettings): Promise<ExchangeServerState> {
    this.settings.setServer(settings);
    if (settings.enabled) await this.startServer(settings);
    else {
      await this.server.close();
      this.serverError = null;
    }
    return this.serverState();
  }

  private async startServer(settings: ExchangeServerSettings): Promise<void> {
    try {
      await this.server.listen(settings.port, settings.bindAddress);
      this.serverError = null;
    } catch (error) {
      this.serverError = (error as Error).message;
      throw error;
    }
  }
}
