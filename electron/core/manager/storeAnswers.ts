import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrderDetail } from '../../../shared/manager';
import type { ExchangeInbox, LineAnswer } from '../exchange/server/inbox';
import type { OrderBook } from './orderBook';

/**
 * The manager's answer to a store, line by line, from the order as the manager left it: each line's
 * quantity and price against what the store ordered (a rejected order: nothing delivered). An order
 * that came through the exchange API is answered through it — the store fetches the confirmation by
 * cursor and shows it in its history.
 */
export class StoreAnswers {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly inbox: () => ExchangeInbox,
    private readonly clock: () => Date = () => new Date(),
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

  /** Sends the answer for an accepted or rejected order. */
  answer(id: number): ReceivedOrderDetail {
    const order = this.book.get(id);
    if (order.state !== 'accepted' && order.state !== 'rejected' && order.state !== 'exported') {
      throw new PorterError('INVALID_INPUT', `Order ${order.number} is ${order.state}: accept or reject it before answering the store`, {
        field: 'state',
      });
    }
    const inboxId = this.db.prepare<[number], number | null>('SELECT inbox_id FROM received_orders WHERE id = ?').pluck().get(id) ?? null;
    if (inboxId === null) {
      throw new PorterError(
        'INVALID_INPUT',
        `Order ${order.number} came as a file (${order.sourceName}): its answer is written as a confirmation file, not sent`,
        { field: 'source' },
      );
    }
    this.db.transaction(() => {
      this.inbox().confirm(inboxId, StoreAnswers.lineAnswers(order), order.stateReason);
      this.db
        .prepare(
          `INSERT INTO received_order_changes (received_order_id, line_number, field, old_value, new_value, reason, actor, at)
           VALUES (?, NULL, 'answer', NULL, ?, '', 'manager', ?)`,
        )
        .run(id, order.state, this.clock().toISOString());
    })();
    return this.book.get(id);
  }
}
