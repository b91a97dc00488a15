import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { BATCH_SKIP_REASONS, BatchAction } from '../../../shared/managerBatch';
import { checkQuantity, nearestValidQuantity } from '../../../shared/quantity';
import {
  asText,
  closedByMergeOrSplit,
  FIELD,
  linesOf,
  OPEN_STATES,
  OPEN_STATES_SQL,
  setLinePrice,
  setLineQuantity,
  setOrderState,
  type ChangeLog,
  type LineRow,
  type OrderRow,
} from './orderChanges';
import { currentPriceFor, type OrderChecks } from './orderChecks';
import type { StorePricing } from './storePricing';
import { allocateStock } from './stockAllocation';

export interface Skip {
  id: number;
  number: string;
  reason: (typeof BATCH_SKIP_REASONS)[number];
}

/** What one action did, for the batch's summary. */
export interface ActionOutcome {
  changedLines: number;
  createdOrders: number[];
  skipped: Skip[];
  /** merge: how many orders the selection's merged ones became. */
  survivors?: number;
}

export interface ActionContext {
  db: Database.Database;
  log: ChangeLog;
  checks: OrderChecks;
  /** Why, as each change row records it. */
  reason: string;
}

type Kind<K extends BatchAction['kind']> = Extract<BatchAction, { kind: K }>;

const isOpen = (o: OrderRow) => (OPEN_STATES as readonly string[]).includes(o.state);

/** The selection split into the open orders an action works on and the others, which it skips. */
function openOnly(orders: readonly OrderRow[]): { open: OrderRow[]; skipped: Skip[] } {
  return {
    open: orders.filter(isOpen),
    skipped: orders.filter((o) => !isOpen(o)).map((o) => ({ id: o.id, number: o.number, reason: 'notOpen' as const })),
  };
}

/** accept, hold, reject: every selected order gets the state, except those a merge or split closed. */
export function setStates(
  ctx: ActionContext,
  orders: readonly OrderRow[],
  action: Kind<'accept'> | Kind<'hold'> | Kind<'reject'>,
): ActionOutcome {
  const closed = closedByMergeOrSplit(
    ctx.db,
    orders.map((o) => o.id),
  );
  const state = action.kind === 'accept' ? 'accepted' : action.kind === 'hold' ? 'held' : 'rejected';
  const stateReason = action.kind === 'accept' ? '' : (action.reason ?? '');
  const skipped: Skip[] = [];
  for (const order of orders) {
    if (closed.has(order.id)) skipped.push({ id: order.id, number: order.number, reason: 'mergedOrSplit' });
    else setOrderState(ctx.db, ctx.log, order, state, stateReason, ctx.reason);
  }
  return { changedLines: 0, createdOrders: [], skipped };
}

/** The open selected orders' lines with the rules of their items in the current price list. */
function linesWithRules(ctx: ActionContext, orders: readonly OrderRow[]) {
  const lines = linesOf(
    ctx.db,
    orders.map((o) => o.id),
  );
  const rules = ctx.checks.rulesFor([...lines.values()].flat().map((l) => l.item_code));
  return { lines, rules };
}

/**
 * Cuts the selection's lines of every item whose demand (the selection's plus the other open
 * orders', which keep theirs) is above its stock, down to what is left for the selection: by
 * arrival or proportionally, to pack multiples at or above the minimum. Never above the stock,
 * never a quantity off the pack; a line may be cut to 0.
 */
export function cutToStock(ctx: ActionContext, orders: readonly OrderRow[], action: Kind<'cutToStock'>): ActionOutcome {
  ctx.checks.requirePriceList('cut orders to stock');
  const { open, skipped } = openOnly(orders);
  const { lines, rules } = linesWithRules(ctx, open);
  const byItem = new Map<string, { line: LineRow; arrival: OrderRow }[]>();
  for (const order of [...open].sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id - b.id)) {
    for (const line of lines.get(order.id)!) {
      const item = rules.get(line.item_code);
      if (!item || item.stock === null || item.stockAtLeast || line.quantity <= 0) continue;
      const claims = byItem.get(line.item_code);
      if (claims) claims.push({ line, arrival: order });
      else byItem.set(line.item_code, [{ line, arrival: order }]);
    }
  }
  if (byItem.size === 0) return { changedLines: 0, createdOrders: [], skipped };
  const elsewhere = new Map(
    ctx.db
      .prepare<[string, string], [string, number]>(
        `SELECT l.item_code, sum(l.quantity) FROM received_order_lines l JOIN received_orders o ON o.id = l.received_order_id
         WHERE o.state IN ${OPEN_STATES_SQL} AND l.quantity > 0 AND l.item_code IN (SELECT value FROM json_each(?))
           AND o.id NOT IN (SELECT value FROM json_each(?)) GROUP BY l.item_code`,
      )
      .raw()
      .all(JSON.stringify([...byItem.keys()]), JSON.stringify(open.map((o) => o.id))),
  );
  let changedLines = 0;
  for (const [code, claims] of byItem) {
    const item = rules.get(code)!;
    const demand = claims.reduce((sum, c) => sum + c.line.quantity, 0) + (elsewhere.get(code) ?? 0);
    if (demand <= item.stock!) continue;
    const available = item.stock! - (elsewhere.get(code) ?? 0);
    const allocated = allocateStock(
      claims.map((c) => c.line.quantity),
      available,
      item,
      action.mode,
    );
    claims.forEach(({ line }, i) => {
      if (allocated[i] !== line.quantity) {
        setLineQuantity(ctx.db, ctx.log, line, allocated[i]!, ctx.reason);
        changedLines++;
      }
    });
  }
  return { changedLines, createdOrders: [], skipped };
}

/** Every line off its pack multiple or below its minimum goes to the nearest valid quantity (shared/quantity.ts). */
export function roundToPack(ctx: ActionContext, orders: readonly OrderRow[]): ActionOutcome {
  ctx.checks.requirePriceList('round quantities to pack multiples');
  const { open, skipped } = openOnly(orders);
  const { lines, rules } = linesWithRules(ctx, open);
  let changedLines = 0;
  for (const line of [...lines.values()].flat()) {
    const item = rules.get(line.item_code);
    if (!item) continue;
    const quantityRules = { packMultiple: item.packMultiple, minOrderQuantity: item.minOrderQuantity, stock: null };
    if (checkQuantity(line.quantity, quantityRules).length === 0) continue;
    setLineQuantity(ctx.db, ctx.log, line, nearestValidQuantity(line.quantity, quantityRules), ctx.reason);
    changedLines++;
  }
  return { changedLines, createdOrders: [], skipped };
}

/**
 * current: every line takes the current price list's price (in the order's VAT basis). keep: every
 * line keeps (or gets back) the price the store ordered at, and where that differs from the current
 * one the difference is recorded as settled against this current price (a priceKept row): the
 * priceDiffers check is quiet about it until the price list changes the price again.
 *
 * The current price is that of the store's own price type, as the checks weigh it (storePricing.ts):
 * a line whose item has no price of that type is left as it is (the checks call it an unknown item),
 * and an order of a store whose type the list lacks is skipped (unknownPriceType) — there is no
 * current price to take or to settle against.
 */
export function reprice(ctx: ActionContext, orders: readonly OrderRow[], action: Kind<'reprice'>): ActionOutcome {
  ctx.checks.requirePriceList('reprice orders');
  const { open: selected, skipped } = openOnly(orders);
  const pricing = ctx.checks.pricingOf([...new Set(selected.map((o) => o.store_code))]);
  const open = selected.filter((o) => pricing.get(o.store_code)!.kind !== 'unknown');
  for (const o of selected) {
    if (pricing.get(o.store_code)!.kind === 'unknown') skipped.push({ id: o.id, number: o.number, reason: 'unknownPriceType' });
  }
  const lines = linesOf(
    ctx.db,
    open.map((o) => o.id),
  );
  // The rules once per pricing (the main price, or one price type) for the codes of its stores' orders.
  const byPricing = new Map<number | null, { pricing: StorePricing; codes: string[] }>();
  for (const order of open) {
    const p = pricing.get(order.store_code)!;
    const key = p.kind === 'typed' ? p.priceTypeId : null;
    let group = byPricing.get(key);
    if (!group) byPricing.set(key, (group = { pricing: p, codes: [] }));
    for (const line of lines.get(order.id)!) group.codes.push(line.item_code);
  }
  const rules = new Map([...byPricing].map(([key, group]) => [key, ctx.checks.rulesFor(group.codes, group.pricing)]));
  const kept = action.mode === 'keep' ? keptPrices(ctx.db, open) : new Map<string, string | null>();
  let changedLines = 0;
  for (const order of open) {
    const p = pricing.get(order.store_code)!;
    const orderRules = rules.get(p.kind === 'typed' ? p.priceTypeId : null)!;
    for (const line of lines.get(order.id)!) {
      const item = orderRules.get(line.item_code);
      if (!item) continue;
      const current = currentPriceFor(item, order.prices_include_vat === 1);
      if (action.mode === 'current') {
        if (line.price_kopecks === current) continue;
        setLinePrice(ctx.db, ctx.log, line, current, ctx.reason);
        changedLines++;
        continue;
      }
      const restores = line.price_kopecks !== line.ordered_price_kopecks;
      if (restores) setLinePrice(ctx.db, ctx.log, line, line.ordered_price_kopecks, ctx.reason);
      const before = kept.get(`${order.id}:${line.line_number}`) ?? null;
      const settles = line.ordered_price_kopecks !== current && before !== asText(current);
      if (settles) ctx.log.record(order.id, line.line_number, FIELD.priceKept, before, asText(current), ctx.reason);
      if (restores || settles) changedLines++;
    }
  }
  return { changedLines, createdOrders: [], skipped };
}

function keptPrices(db: Database.Database, orders: readonly OrderRow[]): Map<string, string | null> {
  const kept = new Map<string, string | null>();
  const rows = db
    .prepare<[string], { received_order_id: number; line_number: number; new_value: string | null }>(
      `SELECT received_order_id, line_number, new_value FROM received_order_changes
       WHERE received_order_id IN (SELECT value FROM json_each(?)) AND field = '${FIELD.priceKept}' ORDER BY id`,
    )
    .all(JSON.stringify(orders.map((o) => o.id)));
  for (const r of rows) kept.set(`${r.received_order_id}:${r.line_number}`, r.new_value);
  return kept;
}

/**
 * Each store's selected open orders for the same delivery date (and VAT basis) become one: the
 * earliest received keeps its number and gets the others' lines — a line of the same item at the
 * same price is summed into its line (what was ordered too), any other is appended — and the others
 * are rejected with the reason "merged into N" (and a mergedInto record the store's answer can read).
 */
export function merge(ctx: ActionContext, orders: readonly OrderRow[]): ActionOutcome {
  const { open, skipped } = openOnly(orders);
  const groups = new Map<string, OrderRow[]>();
  for (const order of open) {
    const key = JSON.stringify([order.store_code, order.delivery_date, order.prices_include_vat]);
    const group = groups.get(key);
    if (group) group.push(order);
    else groups.set(key, [order]);
  }
  const lines = linesOf(
    ctx.db,
    open.map((o) => o.id),
  );
  const insertLine = ctx.db.prepare(
    `INSERT INTO received_order_lines (received_order_id, line_number, item_code, name, unit, category, ordered_quantity, quantity,
       ordered_price_kopecks, price_kopecks, vat_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateLine = ctx.db.prepare(
    'UPDATE received_order_lines SET quantity = ?, ordered_quantity = ? WHERE received_order_id = ? AND line_number = ?',
  );
  let changedLines = 0;
  let survivors = 0;
  for (const group of groups.values()) {
    if (group.length < 2) {
      skipped.push({ id: group[0]!.id, number: group[0]!.number, reason: 'nothingToMerge' });
      continue;
    }
    group.sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id - b.id);
    const [survivor, ...merged] = group as [OrderRow, ...OrderRow[]];
    survivors++;
    const kept = lines.get(survivor.id)!;
    const before = new Map(kept.map((l) => [l.line_number, { quantity: l.quantity, ordered: l.ordered_quantity }]));
    const added: (LineRow & { from: { order: number; line: number } })[] = [];
    let nextNumber = Math.max(0, ...kept.map((l) => l.line_number)) + 1;
    // The same item at the same price (and VAT) is one line: summed, not repeated.
    const keyOf = (l: LineRow) => JSON.stringify([l.item_code, l.price_kopecks, l.vat_rate]);
    const byKey = new Map<string, LineRow>();
    for (const line of kept) if (!byKey.has(keyOf(line))) byKey.set(keyOf(line), line);
    for (const order of merged) {
      for (const line of lines.get(order.id)!) {
        const same = byKey.get(keyOf(line));
        if (same) {
          same.quantity += line.quantity;
          same.ordered_quantity += line.ordered_quantity;
        } else {
          const appended = {
            ...line,
            received_order_id: survivor.id,
            line_number: nextNumber++,
            from: { order: order.id, line: line.line_number },
          };
          added.push(appended);
          byKey.set(keyOf(appended), appended);
        }
      }
    }
    for (const line of kept) {
      const was = before.get(line.line_number)!;
      if (was.quantity === line.quantity && was.ordered === line.ordered_quantity) continue;
      updateLine.run(line.quantity, line.ordered_quantity, survivor.id, line.line_number);
      if (was.quantity !== line.quantity) {
        ctx.log.record(survivor.id, line.line_number, FIELD.quantity, asText(was.quantity), asText(line.quantity), ctx.reason);
      }
      if (was.ordered !== line.ordered_quantity) {
        ctx.log.record(
          survivor.id,
          line.line_number,
          FIELD.orderedQuantity,
          asText(was.ordered),
          asText(line.ordered_quantity),
          ctx.reason,
        );
      }
      changedLines++;
    }
    for (const line of added) {
      insertLine.run(
        survivor.id,
        line.line_number,
        line.item_code,
        line.name,
        line.unit,
        line.category,
        line.ordered_quantity,
        line.quantity,
        line.ordered_price_kopecks,
        line.price_kopecks,
        line.vat_rate,
      );
      const value = { itemCode: line.item_code, quantity: line.quantity, priceKopecks: line.price_kopecks, from: line.from };
      ctx.log.record(survivor.id, line.line_number, FIELD.lineAdded, null, JSON.stringify(value), ctx.reason);
      changedLines++;
    }
    for (const order of merged) {
      setOrderState(ctx.db, ctx.log, order, 'rejected', `merged into ${survivor.number}`, ctx.reason);
      ctx.log.record(order.id, null, FIELD.mergedInto, null, String(survivor.id), ctx.reason);
    }
  }
  return { changedLines, createdOrders: [], skipped, survivors };
}

/**
 * Each selected open order with lines in more than one category becomes one new order per category
 * (in the order the categories first appear), numbered "N/1", "N/2"… and keeping the store's line
 * numbers, state and arrival time; the order itself is rejected with the reason "split into N/1, N/2"
 * and keeps its lines as the store sent them.
 */
export function splitByCategory(ctx: ActionContext, orders: readonly OrderRow[]): ActionOutcome {
  const { open, skipped } = openOnly(orders);
  const lines = linesOf(
    ctx.db,
    open.map((o) => o.id),
  );
  const exists = ctx.db.prepare<[string, string], number>('SELECT id FROM received_orders WHERE store_code = ? AND order_id = ?').pluck();
  const copyOrder = ctx.db.prepare(
    `INSERT INTO received_orders (store_code, store_name, order_id, number, format, source, source_name, inbox_id, ordered_on, received_at,
       delivery_date, comment, price_list_id, prices_include_vat, state, state_reason, document)
     SELECT store_code, store_name, ?, ?, format, source, source_name, NULL, ordered_on, received_at,
       delivery_date, comment, price_list_id, prices_include_vat, state, state_reason, document FROM received_orders WHERE id = ?`,
  );
  const copyLines = ctx.db.prepare(
    `INSERT INTO received_order_lines (received_order_id, line_number, item_code, name, unit, category, ordered_quantity, quantity,
       ordered_price_kopecks, price_kopecks, vat_rate)
     SELECT ?, line_number, item_code, name, unit, category, ordered_quantity, quantity, ordered_price_kopecks, price_kopecks, vat_rate
     FROM received_order_lines WHERE received_order_id = ? AND line_number IN (SELECT value FROM json_each(?))`,
  );
  const createdOrders: number[] = [];
  let changedLines = 0;
  for (const order of open) {
    const byCategory = new Map<string, number[]>();
    for (const line of lines.get(order.id)!) {
      const numbers = byCategory.get(line.category);
      if (numbers) numbers.push(line.line_number);
      else byCategory.set(line.category, [line.line_number]);
    }
    if (byCategory.size < 2) {
      skipped.push({ id: order.id, number: order.number, reason: 'oneCategory' });
      continue;
    }
    const parts: { id: number; number: string }[] = [];
    [...byCategory.values()].forEach((lineNumbers, index) => {
      const orderId = `${order.order_id}/${index + 1}`;
      const number = `${order.number}/${index + 1}`;
      if (exists.get(order.store_code, orderId) !== undefined) {
        throw new PorterError('INVALID_INPUT', `Order ${order.number} cannot be split: the store already has an order ${orderId}`, {
          field: 'orderIds',
        });
      }
      const id = Number(copyOrder.run(orderId, number, order.id).lastInsertRowid);
      copyLines.run(id, order.id, JSON.stringify(lineNumbers));
      ctx.log.record(id, null, FIELD.splitFrom, null, String(order.id), ctx.reason);
      parts.push({ id, number });
      createdOrders.push(id);
      changedLines += lineNumbers.length;
    });
    setOrderState(ctx.db, ctx.log, order, 'rejected', `split into ${parts.map((p) => p.number).join(', ')}`, ctx.reason);
    ctx.log.record(order.id, null, FIELD.splitInto, null, JSON.stringify(parts.map((p) => p.id)), ctx.reason);
  }
  return { changedLines, createdOrders, skipped };
}
