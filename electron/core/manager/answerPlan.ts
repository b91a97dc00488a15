import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrder } from '../../../shared/exchange';
import type { ReceivedOrderDetail, ReceivedOrderLineView, ReceivedOrderState } from '../../../shared/manager';
import type { LineAnswer } from '../exchange/server/inbox';
import { FIELD } from './orderChanges';
import type { OrderBook } from './orderBook';

/** One order as its store sent it, and the answer each of its lines gets. */
export interface StoreOrderAnswer {
  /** The order as the store sent it: its lines as ordered (a merge or split changed the book's lines, not what the store asked for). */
  order: ReceivedOrderDetail;
  inboxId: number | null;
  answers: LineAnswer[];
}

const DECIDED: readonly ReceivedOrderState[] = ['accepted', 'rejected', 'exported'];

/**
 * Which store orders answering an order of the book answers, and with what. A store answers for the
 * orders it sent, whatever the manager did with them:
 * - an order on its own: line by line, as the manager left it;
 * - a merge: each store order of the group is answered from the merged order's lines — each item's
 *   quantity shared out over the group's lines of that item in arrival order, at the merged line's price;
 * - a split: the store order is answered from its parts, line by line (the parts keep the line numbers).
 * Asking for any order of a merge or split answers the whole group, once every deciding order is
 * accepted, rejected or exported.
 */
export class AnswerPlanner {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
  ) {}

  plan(id: number): StoreOrderAnswer[] {
    const splitFrom = this.link(id, FIELD.splitFrom);
    if (splitFrom !== null) return [this.splitAnswer(Number(splitFrom))];
    const split = this.link(id, FIELD.splitInto);
    if (split !== null) return [this.splitAnswer(id)];
    const mergedInto = this.link(id, FIELD.mergedInto);
    const survivor = mergedInto !== null ? Number(mergedInto) : id;
    const members = this.mergedMembers(survivor);
    if (members.length === 0) return [this.ownAnswer(id)];
    return this.mergeAnswers(survivor, members);
  }

  /** The latest value of a link between orders (null: none, or an undo removed it). */
  private link(id: number, field: string): string | null {
    return (
      this.db
        .prepare<[number, string], string | null>(
          'SELECT new_value FROM received_order_changes WHERE received_order_id = ? AND field = ? ORDER BY id DESC LIMIT 1',
        )
        .pluck()
        .get(id, field) ?? null
    );
  }

  /** The orders currently merged into a survivor. */
  private mergedMembers(survivor: number): number[] {
    const candidates = this.db
      .prepare<[string, string], number>(
        'SELECT DISTINCT received_order_id FROM received_order_changes WHERE field = ? AND new_value = ? ORDER BY received_order_id',
      )
      .pluck()
      .all(FIELD.mergedInto, String(survivor));
    return candidates.filter((id) => this.link(id, FIELD.mergedInto) === String(survivor));
  }

  private requireDecided(order: ReceivedOrderDetail): void {
    if (!DECIDED.includes(order.state)) {
      throw new PorterError('INVALID_INPUT', `Order ${order.number} is ${order.state}: accept or reject it before answering the store`, {
        field: 'state',
      });
    }
  }

  private inboxIdOf(id: number): number | null {
    return this.db.prepare<[number], number | null>('SELECT inbox_id FROM received_orders WHERE id = ?').pluck().get(id) ?? null;
  }

  /** The order as its store sent it: the document's lines, as ordered. */
  private asSent(id: number): ReceivedOrderDetail {
    const detail = this.book.get(id);
    const text = this.db.prepare<[number], string>('SELECT document FROM received_orders WHERE id = ?').pluck().get(id)!;
    const document = JSON.parse(text) as ReceivedOrder;
    const lines: ReceivedOrderLineView[] = document.lines.map((l) => ({
      lineNumber: l.lineNumber,
      itemCode: l.itemCode,
      name: l.name,
      unit: l.unit,
      category: '',
      orderedQuantity: l.quantity,
      quantity: l.quantity,
      orderedPriceKopecks: l.priceKopecks,
      priceKopecks: l.priceKopecks,
      vatRate: l.vatRate,
      amountKopecks: Math.round(l.quantity * l.priceKopecks),
    }));
    return { ...detail, lines };
  }

  /** An order on its own: each line as the manager left it (a rejected order: nothing). */
  private ownAnswer(id: number): StoreOrderAnswer {
    const order = this.book.get(id);
    this.requireDecided(order);
    const answers = order.lines.flatMap((line) =>
      answerLine(
        order.number,
        line.lineNumber,
        line.orderedQuantity,
        line.orderedPriceKopecks,
        order.state === 'rejected' ? 0 : line.quantity,
        line.priceKopecks,
      ),
    );
    return { order, inboxId: this.inboxIdOf(id), answers };
  }

  /** A split store order: each line from the part that holds it. */
  private splitAnswer(originalId: number): StoreOrderAnswer {
    const parts = JSON.parse(this.link(originalId, FIELD.splitInto) ?? '[]') as number[];
    const held = new Map<number, { quantity: number; priceKopecks: number }>();
    for (const partId of parts) {
      const part = this.book.get(partId);
      this.requireDecided(part);
      for (const line of part.lines) {
        held.set(line.lineNumber, { quantity: part.state === 'rejected' ? 0 : line.quantity, priceKopecks: line.priceKopecks });
      }
    }
    const order = this.asSent(originalId);
    const answers = order.lines.flatMap((line) => {
      const h = held.get(line.lineNumber) ?? { quantity: 0, priceKopecks: line.orderedPriceKopecks };
      return answerLine(order.number, line.lineNumber, line.orderedQuantity, line.orderedPriceKopecks, h.quantity, h.priceKopecks);
    });
    return { order, inboxId: this.inboxIdOf(originalId), answers };
  }

  /** A merge: the merged order's quantity of each item shared out over the group's lines of it, earliest order first. */
  private mergeAnswers(survivorId: number, members: readonly number[]): StoreOrderAnswer[] {
    const survivor = this.book.get(survivorId);
    this.requireDecided(survivor);
    const left = new Map<string, number>();
    const price = new Map<string, number>();
    for (const line of survivor.lines) {
      left.set(line.itemCode, (left.get(line.itemCode) ?? 0) + (survivor.state === 'rejected' ? 0 : line.quantity));
      if (!price.has(line.itemCode)) price.set(line.itemCode, line.priceKopecks);
    }
    const group = [survivorId, ...members]
      .map((id) => this.asSent(id))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id - b.id);
    const ordered = new Map<string, number>();
    for (const order of group) for (const l of order.lines) ordered.set(l.itemCode, (ordered.get(l.itemCode) ?? 0) + l.orderedQuantity);
    for (const [code, quantity] of left) {
      if (quantity > (ordered.get(code) ?? 0)) {
        throw new PorterError(
          'INVALID_INPUT',
          `Order ${survivor.number}: ${quantity} of ${code} cannot be confirmed for ${ordered.get(code) ?? 0} ordered by the merged orders`,
          { field: 'quantity' },
        );
      }
    }
    return group.map((order) => {
      const answers = order.lines.flatMap((line) => {
        const available = left.get(line.itemCode) ?? 0;
        const confirmed = Math.min(available, line.orderedQuantity);
        left.set(line.itemCode, available - confirmed);
        return answerLine(
          order.number,
          line.lineNumber,
          line.orderedQuantity,
          line.orderedPriceKopecks,
          confirmed,
          price.get(line.itemCode) ?? line.orderedPriceKopecks,
        );
      });
      return { order: { ...order, state: survivor.state, stateReason: survivor.stateReason }, inboxId: this.inboxIdOf(order.id), answers };
    });
  }
}

/** A line's answer when it differs from what was ordered; a quantity above the ordered one cannot be confirmed. */
function answerLine(
  number: string,
  lineNumber: number,
  orderedQuantity: number,
  orderedPriceKopecks: number,
  confirmedQuantity: number,
  priceKopecks: number,
): LineAnswer[] {
  if (confirmedQuantity === orderedQuantity && priceKopecks === orderedPriceKopecks) return [];
  if (!Number.isInteger(confirmedQuantity) || confirmedQuantity > orderedQuantity) {
    throw new PorterError(
      'INVALID_INPUT',
      `Order ${number}, line ${lineNumber}: ${confirmedQuantity} cannot be confirmed for ${orderedQuantity} ordered`,
      {
        field: 'quantity',
      },
    );
  }
  return [{ lineNumber, confirmedQuantity, priceKopecks }];
}
