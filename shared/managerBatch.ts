import { z } from 'zod';

/**
 * Manager mode: what the manager does to received orders — a line edited by hand, or one action on a
 * selection of orders (a batch). Every change is recorded (who, when, old → new, why); a batch is
 * recorded under one id and can be undone as a whole until any of its orders is exported.
 */

/** Who made a change, as the change log shows it; 'manager' unless the caller says. */
const actorSchema = z.string().trim().min(1).max(100).optional();
const orderIdsSchema = z.array(z.number().int()).min(1).max(10_000);

/** cutToStock: serve earlier orders first, or give every order its share of the stock. */
export const CUT_MODES = ['arrival', 'proportional'] as const;
/** reprice: take the current price list's price, or keep the price the store ordered at (and settle the difference). */
export const REPRICE_MODES = ['current', 'keep'] as const;

export const BATCH_ACTION_KINDS = ['accept', 'reject', 'hold', 'cutToStock', 'roundToPack', 'reprice', 'merge', 'splitByCategory'] as const;
export const batchActionKindSchema = z.enum(BATCH_ACTION_KINDS);
export type BatchActionKind = z.infer<typeof batchActionKindSchema>;

export const batchActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), orderIds: orderIdsSchema, actor: actorSchema }),
  z.object({ kind: z.literal('reject'), orderIds: orderIdsSchema, reason: z.string().trim().min(1).max(500), actor: actorSchema }),
  z.object({ kind: z.literal('hold'), orderIds: orderIdsSchema, reason: z.string().trim().max(500).optional(), actor: actorSchema }),
  z.object({ kind: z.literal('cutToStock'), orderIds: orderIdsSchema, mode: z.enum(CUT_MODES), actor: actorSchema }),
  z.object({ kind: z.literal('roundToPack'), orderIds: orderIdsSchema, actor: actorSchema }),
  z.object({ kind: z.literal('reprice'), orderIds: orderIdsSchema, mode: z.enum(REPRICE_MODES), actor: actorSchema }),
  /** Each store's selected orders for the same delivery date become one: the earliest keeps the lines. */
  z.object({ kind: z.literal('merge'), orderIds: orderIdsSchema, actor: actorSchema }),
  /** Each selected order with lines in several categories becomes one order per category, numbered "N/1", "N/2"… */
  z.object({ kind: z.literal('splitByCategory'), orderIds: orderIdsSchema, actor: actorSchema }),
]);
export type BatchAction = z.input<typeof batchActionSchema>;

/**
 * Why an order of the selection was left as it was: notOpen — rejected (only accept and hold reopen
 * an order); mergedOrSplit — closed by a merge or split (undo that batch instead); nothingToMerge — no
 * other selected order of its store for its delivery date; oneCategory — all its lines are in one category;
 * unknownPriceType — reprice: its store's price type is not in the price list, so there is no current price.
 */
export const BATCH_SKIP_REASONS = ['notOpen', 'mergedOrSplit', 'nothingToMerge', 'oneCategory', 'unknownPriceType'] as const;

export const batchResultSchema = z.object({
  /** null when nothing needed changing (no batch was recorded). */
  batchId: z.string().nullable(),
  /** The selected orders that changed (merge: the surviving and the merged ones; split: the split ones). */
  changedOrders: z.array(z.number().int()),
  summary: z.object({
    kind: batchActionKindSchema,
    changedLines: z.number().int(),
    /** splitByCategory: the new orders. */
    createdOrders: z.array(z.number().int()),
    skipped: z.array(z.object({ id: z.number().int(), number: z.string(), reason: z.enum(BATCH_SKIP_REASONS) })),
    /** In English, for the log; the screens build their own text from the fields. */
    description: z.string(),
  }),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const batchInfoSchema = z.object({
  batchId: z.string(),
  kind: batchActionKindSchema,
  /** In English, as recorded: what was done to how many orders (a rejection's reason included). */
  description: z.string(),
  actor: z.string(),
  at: z.string(),
  orderCount: z.number().int(),
});
export type BatchInfo = z.infer<typeof batchInfoSchema>;

export const undoResultSchema = z.object({
  batchId: z.string(),
  /** Orders put back as they were. */
  restoredOrders: z.array(z.number().int()),
  /** Orders the batch had created (a split), removed again. */
  removedOrders: z.array(z.number().int()),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

export const lineEditSchema = z
  .object({
    id: z.number().int(),
    lineNumber: z.number().int().min(1),
    quantity: z.number().min(0).max(1_000_000_000).optional(),
    priceKopecks: z.number().int().min(0).max(1_000_000_000_000).optional(),
    reason: z.string().trim().max(500).default(''),
    actor: actorSchema,
  })
  .refine((e) => e.quantity !== undefined || e.priceKopecks !== undefined, { message: 'Give a quantity or a price', path: ['quantity'] });
export type LineEdit = z.input<typeof lineEditSchema>;
