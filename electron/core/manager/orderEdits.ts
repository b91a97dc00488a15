import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrderDetail } from '../../../shared/manager';
import {
  batchActionSchema,
  lineEditSchema,
  type BatchAction,
  type BatchInfo,
  type BatchResult,
  type LineEdit,
  type UndoResult,
} from '../../../shared/managerBatch';
import { createLogger } from '../logger';
import {
  cutToStock,
  merge,
  reprice,
  roundToPack,
  setStates,
  splitByCategory,
  type ActionContext,
  type ActionOutcome,
} from './batchActions';
import { listBatches, undoBatch } from './batchUndo';
import { ChangeLog, DEFAULT_ACTOR, FIELD, selectOrders, setLinePrice, setLineQuantity, type LineRow, type OrderRow } from './orderChanges';
import type { OrderBook } from './orderBook';
import type { OrderChecks } from './orderChecks';

const log = createLogger('manager.edits');

type ParsedAction = z.output<typeof batchActionSchema>;

/** Input checked here too: the core is called directly (tests, the command line), not only through the contract. */
function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new PorterError('INVALID_INPUT', `Invalid input${field ? ` at ${field}` : ''}: ${issue.message}`, { field });
}

/** Why, as every change row of the action records it (a rejection's or hold's own reason when given). */
function reasonOf(action: ParsedAction): string {
  switch (action.kind) {
    case 'accept':
      return 'Accepted';
    case 'reject':
      return action.reason;
    case 'hold':
      return action.reason || 'Held';
    case 'cutToStock':
      return action.mode === 'arrival' ? 'Cut to stock by arrival' : 'Cut to stock proportionally';
    case 'roundToPack':
      return 'Rounded to the pack multiple';
    case 'reprice':
      return action.mode === 'current' ? 'Repriced to the current price list' : "Kept the store's price";
    case 'merge':
      return "Merged the store's orders for the same delivery date";
    case 'splitByCategory':
      return 'Split by category';
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(action: ParsedAction, changedOrders: number, outcome: ActionOutcome): string {
  switch (action.kind) {
    case 'accept':
      return `Accepted ${plural(changedOrders, 'order')}`;
    case 'reject':
      return `Rejected ${plural(changedOrders, 'order')}: ${action.reason}`;
    case 'hold':
      return `Held ${plural(changedOrders, 'order')}${action.reason ? `: ${action.reason}` : ''}`;
    case 'merge':
      return `Merged ${plural(changedOrders, 'order')} into ${outcome.survivors ?? 0}`;
    case 'splitByCategory':
      return `Split ${plural(changedOrders, 'order')} by category into ${plural(outcome.createdOrders.length, 'order')}`;
    default:
      return `${reasonOf(action)}: ${plural(outcome.changedLines, 'line')} in ${plural(changedOrders, 'order')}`;
  }
}

/**
 * The manager's changes to received orders: lines edited by hand, and batch actions on a selection,
 * each recorded in the change log (orderChanges.ts) under one batch id and undoable as a whole until
 * any of its orders is exported (batchUndo.ts). An exported order refuses every change.
 */
export class OrderEdits {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly checks: OrderChecks,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Sets a line's quantity and/or price, recording old → new and why. */
  editLine(raw: LineEdit): ReceivedOrderDetail {
    const edit = parse(lineEditSchema, raw);
    this.db.transaction(() => {
      const [order] = selectOrders(this.db, [edit.id]) as [OrderRow];
      if (order.state === 'rejected') {
        throw new PorterError('ORDER_NOT_EDITABLE', `Order ${order.number} is rejected: accept or hold it before changing its lines`, {
          field: 'state',
        });
      }
      const line = this.db
        .prepare<[number, number], LineRow>('SELECT * FROM received_order_lines WHERE received_order_id = ? AND line_number = ?')
        .get(edit.id, edit.lineNumber);
      if (!line) throw new PorterError('NOT_FOUND', `Order ${order.number} has no line ${edit.lineNumber}`, { field: 'lineNumber' });
      const changes = new ChangeLog(this.db, null, edit.actor ?? DEFAULT_ACTOR, this.clock().toISOString());
      if (edit.quantity !== undefined && edit.quantity !== line.quantity)
        setLineQuantity(this.db, changes, line, edit.quantity, edit.reason);
      if (edit.priceKopecks !== undefined && edit.priceKopecks !== line.price_kopecks) {
        setLinePrice(this.db, changes, line, edit.priceKopecks, edit.reason);
      }
    })();
    this.book.touch();
    return this.book.get(edit.id);
  }

  /** One action on a selection of orders, all or nothing. */
  apply(raw: BatchAction): BatchResult {
    const action = parse(batchActionSchema, raw);
    const batchId = randomUUID();
    const transact = this.db.transaction((): BatchResult => {
      const orders = selectOrders(this.db, action.orderIds);
      const changes = new ChangeLog(this.db, batchId, action.actor ?? DEFAULT_ACTOR, this.clock().toISOString());
      const ctx: ActionContext = { db: this.db, log: changes, checks: this.checks, reason: reasonOf(action) };
      const outcome = this.run(ctx, orders, action);
      const created = new Set(outcome.createdOrders);
      const changedOrders = [...changes.touched].filter((id) => !created.has(id));
      const description = describe(action, changedOrders.length, outcome);
      if (changedOrders.length > 0) changes.record(changedOrders[0]!, null, FIELD.batch, null, action.kind, description);
      return {
        batchId: changedOrders.length > 0 ? batchId : null,
        changedOrders,
        summary: {
          kind: action.kind,
          changedLines: outcome.changedLines,
          createdOrders: outcome.createdOrders,
          skipped: outcome.skipped,
          description,
        },
      };
    });
    const result = transact();
    if (result.batchId) {
      this.book.touch();
      log.info('batch action', { batchId, kind: action.kind, orders: result.changedOrders.length, lines: result.summary.changedLines });
    }
    return result;
  }

  private run(ctx: ActionContext, orders: OrderRow[], action: ParsedAction): ActionOutcome {
    switch (action.kind) {
      case 'accept':
      case 'reject':
      case 'hold':
        return setStates(ctx, orders, action);
      case 'cutToStock':
        return cutToStock(ctx, orders, action);
      case 'roundToPack':
        return roundToPack(ctx, orders);
      case 'reprice':
        return reprice(ctx, orders, action);
      case 'merge':
        return merge(ctx, orders);
      case 'splitByCategory':
        return splitByCategory(ctx, orders);
    }
  }

  undo(batchId: string, actor: string = DEFAULT_ACTOR): UndoResult {
    const result = undoBatch(this.db, batchId, actor, this.clock().toISOString());
    this.book.touch();
    log.info('batch undone', { batchId, orders: result.restoredOrders.length, removed: result.removedOrders.length });
    return result;
  }

  listBatches(limit = 50): BatchInfo[] {
    return listBatches(this.db, limit);
  }
}
