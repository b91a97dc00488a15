import type Database from 'better-sqlite3';
import type { AnswerFile, StoreAnswerResult } from '../../../shared/manager';
import type { VatRate } from '../../../shared/money';
import type { ExchangeInbox } from '../exchange/server/inbox';
import { AnswerPlanner } from './answerPlan';
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
 * into the exchange folder's outgoing/ (or handed to the manager to send on). A merged or split order
 * answers each order its stores sent (answerPlan.ts).
 */
export class StoreAnswers {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly inbox: () => ExchangeInbox,
    private readonly clock: () => Date = () => new Date(),
    private readonly files: FileAnswerDeps = { folder: () => '', vatRateOf: () => null },
  ) {
    this.planner = new AnswerPlanner(db, book);
  }

  private readonly planner: AnswerPlanner;

  /**
   * Sends (API orders) or writes (file orders) the answer to every store order the order stands for
   * (itself, or the orders of its merge or split: AnswerPlanner), all in one transaction. Answer files
   * are written last, so a file that cannot be written leaves no answer recorded.
   */
  answer(id: number): StoreAnswerResult {
    const plan = this.planner.plan(id);
    const at = this.clock().toISOString();
    const answerFiles: AnswerFile[] = [];
    this.db.transaction(() => {
      const confirmations = [];
      for (const { order, inboxId, answers } of plan) {
        if (inboxId !== null) {
          const sent = this.inbox().confirm(inboxId, answers, order.stateReason);
          this.recordAnswer(order.id, sent.status, '', at);
          continue;
        }
        const confirmation = fileConfirmation(order, answers, this.files.vatRateOf, at);
        this.recordAnswer(order.id, confirmation.status, `${order.sourceName} → ${confirmation.confirmationId}`, at);
        confirmations.push(confirmation);
      }
      for (const confirmation of confirmations) answerFiles.push(deliverConfirmationFile(confirmation, this.files.folder(), at));
    })();
    return { ...this.book.get(id), answerFile: answerFiles[0] ?? null, answerFiles };
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
