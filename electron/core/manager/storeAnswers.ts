import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { AnswerFile, ReceivedOrderDetail, StoreAnswerResult } from '../../../shared/manager';
import type { VatRate } from '../../../shared/money';
import type { ExchangeInbox, LineAnswer } from '../exchange/server/inbox';
import { deliverConfirmationFile, fileConfirmation } from './fileAnswers';
import type { OrderBook } from './orderBook';

/** How orders that came as files are answered: the exchange folder (its outgoing/ gets the file; '' for none), VAT rates to fall back on. */
export interface FileAnswerDeps {
  folder: () => string;
  vatRateOf: (itemCode: string) => VatRate | null;
}

/**
 * The manager's answer to a store, line by line, from the order as the manager left it: each line's
 * quantity and price against what the store ordered (a rejected order: nothing delivered). An order
 * that came through the exchange API is answered through it — the store fetches the confirmation by
 * cursor and shows it in its history; one that came as a file gets a Porter confirmation file, written
 * into the exchange folder's outgoing/ (or handed to the manager to send on).
 */
export class StoreAnswers {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly inbox: () => ExchangeInbox,
    private readonly clock: () => Date = () => new Date(),
    private readonly files: FileAnswerDeps = { folder: () => '', vatRateOf: () => null },
  ) {}

  /** The answer each line gets, from the order as it stands. */
  static lineAnswers(order: ReceivedOrderDetail): LineAnswer[] {
    const rejected = order.state === 'rejected';
    return order.lines.flatMap((line): LineAnswer[] => {
      const confirmedQuantity = rejected ? 0 : line.quantity;
      const unchanged = confirmedQuantity === line.orderedQuantity && line.priceKopecks === line.orderedPriceKopecks;
      if (unchanged) return [];
      if (!Number.isInteger(confirmedQuantity) || confirmedQuantity > line.orderedQuantity) {
        throw new PorterError(
          'INVALID_INPUT',
          `Order ${order.number}, line ${line.lineNumber}: ${confirmedQuantity} cannot be confirmed for ${line.orderedQuantity} ordered`,
          { field: 'quantity' },
        );
      }
      return [{ lineNumber: line.lineNumber, confirmedQuantity, priceKopecks: line.priceKopecks }];
    });
  }

  /** Sends (API orders) or writes (file orders) the answer for an accepted, rejected or exported order. */
  answer(id: number): StoreAnswerResult {
    const order = this.book.get(id);
    if (order.state !== 'accepted' && order.state !== 'rejected' && order.state !== 'exported') {
      throw new PorterError('INVALID_INPUT', `Order ${order.number} is ${order.state}: accept or reject it before answering the store`, {
        field: 'state',
      });
    }
    const inboxId = this.db.prepare<[number], number | null>('SELECT inbox_id FROM received_orders WHERE id = ?').pluck().get(id) ?? null;
    const at = this.clock().toISOString();
    let answerFile: AnswerFile | null = null;
    this.db.transaction(() => {
      if (inboxId !== null) {
        const sent = this.inbox().confirm(inboxId, StoreAnswers.lineAnswers(order), order.stateReason);
        this.recordAnswer(id, sent.status, '', at);
        return;
      }
      const confirmation = fileConfirmation(order, StoreAnswers.lineAnswers(order), this.files.vatRateOf, at);
      this.recordAnswer(id, confirmation.status, `${order.sourceName} → ${confirmation.confirmationId}`, at);
      // Written last in the transaction: a file that cannot be written leaves no answer recorded.
      answerFile = deliverConfirmationFile(confirmation, this.files.folder(), at);
    })();
    return { ...this.book.get(id), answerFile };
  }

  /** The answer in the order's change log; its new value is the status the store was told. */
  private recordAnswer(id: number, status: string, reason: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO received_order_changes (received_order_id, line_number, field, old_value, new_value, reason, actor, at)
         VALUES (?, NULL, 'answer', NULL, ?, ?, 'manager', ?)`,
      )
      .run(id, status, reason, at);
  }
}
