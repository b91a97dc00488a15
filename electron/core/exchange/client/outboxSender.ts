import http from 'node:http';
import https from 'node:https';
import type { SupplierOrderStatus } from '../../../../shared/domain';
import { createLogger } from '../../logger';
import type { Connection } from '../exchangeSettings';
import { orderReceiptSchema } from '../wire';
import { retryDelay, type BackoffPolicy } from './backoff';
import { exchangeRequest, ExchangeFailure, statusFailure } from './exchangeHttp';
import { writeOrderToFolder } from './folderTransport';
import type { DueEntry, Outbox } from './outbox';

const log = createLogger('exchange.outbox');

export interface SenderOptions extends BackoffPolicy {
  /** Failed attempts after which an entry needs the purchaser's attention. */
  maxAttempts: number;
  /** The deadline of one request (connect, send, answer). */
  requestTimeoutMs: number;
  random: () => number;
  clock: () => Date;
}

export const DEFAULT_SENDER_OPTIONS: Omit<SenderOptions, 'random' | 'clock'> = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  maxAttempts: 8,
  requestTimeoutMs: 30_000,
};

/**
 * Sends the outbox, one entry at a time, oldest due first. Each order goes with its id as the
 * Idempotency-Key and the body stored when it was submitted, so however often an attempt is repeated
 * (a lost answer, a timeout, a restart in the middle) the supplier stores it once.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  /** Called after an order was delivered (the store then asks for confirmations). */
  onSent: () => void = () => {};

  constructor(
    private readonly outbox: Outbox,
    private readonly connection: () => Connection,
    private readonly options: SenderOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const requeued = this.outbox.requeueInterrupted(this.options.clock());
    if (requeued > 0) log.info('resuming entries cut off by the last exit', { requeued });
    this.wake();
  }

  /** Look at the outbox now (an order was submitted, settings changed, the purchaser asked for a retry). */
  wake(): void {
    this.schedule(0);
  }

  /** Stops sending; a request in flight is cut off and its entry stays 'sending' until the next start. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Resolves when the sender is idle (nothing due now); for tests and the command line. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delayMs);
    // Waiting to retry must not keep a command-line process alive.
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        while (!this.stopped && this.connection().mode !== 'none') {
          const entry = this.outbox.nextDue(this.options.clock().getTime());
          if (!entry) break;
          await this.send(entry);
        }
      } while (this.again && !this.stopped);
    })();
    try {
      await this.draining;
    } catch (error) {
      if (!this.stopped) log.error('sending stopped on an error', { error: error instanceof Error ? error.stack : String(error) });
    } finally {
      this.draining = null;
    }
    if (this.stopped) return;
    try {
      if (this.connection().mode === 'none') return;
      const next = this.outbox.nextDueAt();
      if (next !== null) this.schedule(Math.max(0, next - this.options.clock().getTime()));
    } catch (error) {
      log.error('cannot read the outbox', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async send(entry: DueEntry): Promise<void> {
    const connection = this.connection();
    const transport = connection.mode === 'folder' ? 'folder' : 'http';
    const attempts = this.outbox.markSending(entry.orderId, transport, this.options.clock());
    if (attempts === null) return;
    let status: SupplierOrderStatus | null;
    try {
      status = transport === 'folder' ? await this.deliverToFolder(entry, connection) : await this.post(entry, connection);
    } catch (error) {
      // Stopped mid-request (the core is closing): leave the entry 'sending' for the next start.
      if (this.stopped) return;
      this.failed(entry, attempts, error);
      return;
    }
    if (this.stopped) return;
    this.outbox.markSent(entry.orderId, status, this.options.clock());
    log.info('order delivered', { order: entry.orderNumber, attempts, transport });
    this.onSent();
  }

  private failed(entry: DueEntry, attempts: number, error: unknown): void {
    const failure =
      error instanceof ExchangeFailure
        ? error
        : new ExchangeFailure('EXCHANGE_NETWORK', error instanceof Error ? error.message : String(error), false);
    const now = this.options.clock();
    if (failure.permanent || attempts >= this.options.maxAttempts) {
      this.outbox.markNeedsAttention(entry.orderId, failure.code, failure.message, now);
      log.warn('order needs attention', { order: entry.orderNumber, attempts, code: failure.code, reason: failure.message });
      return;
    }
    const delay = retryDelay(attempts, this.options, this.options.random, failure.retryAfterMs);
    this.outbox.markRetry(entry.orderId, now.getTime() + delay, failure.code, failure.message, now);
    log.info('order will be retried', { order: entry.orderNumber, attempts, code: failure.code, inMs: delay });
  }

  private async post(entry: DueEntry, connection: Connection): Promise<SupplierOrderStatus> {
    if (connection.url === '') throw new ExchangeFailure('EXCHANGE_NOT_CONFIGURED', 'No supplier address is set', false);
    const answer = await exchangeRequest(
      { baseUrl: connection.url, token: connection.token },
      { method: 'POST', path: '/v1/orders', body: entry.body, headers: { 'Idempotency-Key': entry.orderId } },
      { timeoutMs: this.options.requestTimeoutMs, agent: connection.url.startsWith('https:') ? this.httpsAgent : this.httpAgent },
    );
    if (answer.status !== 200 && answer.status !== 201) throw statusFailure(answer, connection.url, this.options.clock().getTime());
    // A 2xx counts only when it is the API's receipt for this very order (not a proxy's or a portal's page).
    let receipt: unknown;
    try {
      receipt = JSON.parse(answer.text);
    } catch {
      receipt = null;
    }
    const parsed = orderReceiptSchema.safeParse(receipt);
    if (!parsed.success || parsed.data.orderId !== entry.orderId) {
      throw new ExchangeFailure(
        'EXCHANGE_NOT_PORTER_API',
        `HTTP ${answer.status} from ${connection.url} is not a receipt for order ${entry.orderNumber}`,
        false,
      );
    }
    return parsed.data.status;
  }

  private async deliverToFolder(entry: DueEntry, connection: Connection): Promise<null> {
    await writeOrderToFolder(connection.folder, entry);
    return null;
  }
}
