import type Database from 'better-sqlite3';
import type { PriceListService } from '../catalog/priceListService';
import type { ExchangeInbox, InboxOptions } from '../exchange/server/inbox';
import { PorterError } from '../../../shared/errors';
import { receivedOrderFromPorterFile } from '../orders/porterOrderFile';
import { AppModeSetting } from './appMode';
import { OrderBook } from './orderBook';
import { StoreAnswers } from './storeAnswers';
import { StoresDirectory } from './storesDirectory';

export interface ManagerDeps {
  db: Database.Database;
  priceLists: PriceListService;
  clock?: () => Date;
}

/**
 * Manager mode: the app mode, the stores directory and the order book every received order lands in.
 * The exchange API hands each order it receives to `takeFromExchange`, inside its own transaction.
 */
export class Manager {
  readonly mode: AppModeSetting;
  readonly stores: StoresDirectory;
  readonly book: OrderBook;
  readonly answers: StoreAnswers;
  private inbox: ExchangeInbox | null = null;

  constructor(private readonly deps: ManagerDeps) {
    const clock = deps.clock ?? (() => new Date());
    this.mode = new AppModeSetting(deps.db);
    this.stores = new StoresDirectory(deps.db, clock);
    this.book = new OrderBook(deps.db, (code) => deps.priceLists.current?.itemByCode(code)?.category ?? '', clock);
    this.answers = new StoreAnswers(
      deps.db,
      this.book,
      () => {
        if (!this.inbox) throw new PorterError('INTERNAL', 'The exchange inbox is not attached to manager mode');
        return this.inbox;
      },
      clock,
    );
  }

  /** The exchange API's inbox, which answers the stores that ordered through it. */
  attachInbox(inbox: ExchangeInbox): void {
    this.inbox = inbox;
  }

  /** An order the exchange API received: filed under the store its token belongs to. */
  readonly takeFromExchange: NonNullable<InboxOptions['onReceived']> = ({ inboxId, store, file, receivedAt }) => {
    const order = receivedOrderFromPorterFile(file, { id: store.id, code: store.customerCode, name: store.name });
    this.book.intake(order, { source: 'api', sourceName: store.name, inboxId, receivedAt, priceListId: file.order.priceListId });
  };
}
