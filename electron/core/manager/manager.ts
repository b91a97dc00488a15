import type Database from 'better-sqlite3';
import type { PriceListService } from '../catalog/priceListService';
import type { ExchangeInbox, InboxOptions } from '../exchange/server/inbox';
import { PorterError } from '../../../shared/errors';
import { receivedOrderFromPorterFile } from '../orders/porterOrderFile';
import { AppModeSetting } from './appMode';
import { FolderWatcher, type FolderWatcherOptions } from './folderWatcher';
import { OrderColumnMappings } from './orderColumnMappings';
import { OrderIntake } from './orderIntake';
import { OrderBook } from './orderBook';
import { OrderChecks } from './orderChecks';
import { OrderEdits } from './orderEdits';
import { OrderExports } from './orderExports';
import { OrderFolderSetting } from './folderFiles';
import { StoreAnswers } from './storeAnswers';
import { StoresDirectory } from './storesDirectory';

export interface ManagerDeps {
  db: Database.Database;
  priceLists: PriceListService;
  clock?: () => Date;
  /** The watched exchange folder's timing (tests shorten it, or drive its passes themselves). */
  folder?: FolderWatcherOptions;
}

/**
 * Manager mode: the app mode, the stores directory and the order book every received order lands in.
 * The exchange API hands each order it receives to `takeFromExchange`, inside its own transaction.
 */
export class Manager {
  readonly mode: AppModeSetting;
  readonly stores: StoresDirectory;
  readonly book: OrderBook;
  /** The checks of every open order against the price list and stores directory (the book's problem finder). */
  readonly checks: OrderChecks;
  /** Line edits and batch actions, recorded and undoable until exported. */
  readonly edits: OrderEdits;
  readonly answers: StoreAnswers;
  /** Accepted orders handed to the back office, and the record of every export. */
  readonly exports: OrderExports;
  /** Order files taken into the book: opened by the manager, or found in the watched folder. */
  readonly intake: OrderIntake;
  /** Column mappings of order tables with headings Porter does not know, remembered per source. */
  readonly columnMappings: OrderColumnMappings;
  readonly folder: FolderWatcher;
  private inbox: ExchangeInbox | null = null;

  constructor(private readonly deps: ManagerDeps) {
    const clock = deps.clock ?? (() => new Date());
    this.mode = new AppModeSetting(deps.db);
    this.stores = new StoresDirectory(deps.db, clock);
    const categoriesOf = (codes: readonly string[]): Map<string, string> => {
      const rules = deps.priceLists.current?.itemRulesByCodes(codes);
      return new Map(rules ? [...rules].map(([code, r]) => [code, r.category]) : []);
    };
    this.book = new OrderBook(deps.db, categoriesOf, clock);
    this.checks = new OrderChecks(deps.db, this.book, () => deps.priceLists.current);
    this.book.setProblemFinder(this.checks.finder);
    this.edits = new OrderEdits(deps.db, this.book, this.checks, clock);
    this.columnMappings = new OrderColumnMappings(deps.db, clock);
    this.intake = new OrderIntake(deps.db, this.book, clock, this.columnMappings.lookup);
    this.folder = new FolderWatcher(deps.db, this.intake, deps.folder, clock);
    this.answers = new StoreAnswers(
      deps.db,
      this.book,
      () => {
        if (!this.inbox) throw new PorterError('INTERNAL', 'The exchange inbox is not attached to manager mode');
        return this.inbox;
      },
      clock,
      {
        // Orders that came as files are answered into the watched folder's outgoing/ when there is one.
        folder: () => new OrderFolderSetting(deps.db).get().path,
        vatRateOf: (code) => deps.priceLists.current?.itemByCode(code)?.vatRate ?? null,
      },
    );
    this.exports = new OrderExports({
      db: deps.db,
      book: this.book,
      itemIds: (codes) => deps.priceLists.itemRefs(codes),
      barcodeOf: (code) => deps.priceLists.current?.itemByCode(code)?.barcode ?? '',
      clock,
    });
  }

  /** Starts what runs in the background: the watched folder, when one is set. */
  start(): void {
    this.folder.start();
  }

  /** Stops the background work before the database closes. */
  close(): void {
    this.folder.close();
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
