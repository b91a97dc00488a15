import { z } from 'zod';
import { isoDateSchema } from './domain';
import { receivedOrderStateSchema, storeEntrySchema } from './manager';

/**
 * What the insights screens get from the core (electron/core/insights/insightsService.ts), computed by
 * shared/insights from the order book: the lists of the insights view, and one store's card. Store
 * codes are the stores directory's customer codes; money is in integer kopecks; dates are YYYY-MM-DD.
 */
const kopecks = z.number().int();
const customerCode = z.string().min(1).max(100);

export const periodFiguresSchema = z.object({ orders: z.number().int(), amountKopecks: kopecks });
export type PeriodFiguresView = z.infer<typeof periodFiguresSchema>;

export const rhythmStatusSchema = z.enum(['ok', 'due', 'overdue', 'unknown']);

/** A store whose next order is due today or overdue, by its own rhythm. */
export const dueStoreSchema = z.object({
  customerCode: z.string(),
  name: z.string(),
  phone: z.string(),
  status: z.enum(['due', 'overdue']),
  /** Its usual days between orders. */
  intervalDays: z.number(),
  daysSinceLast: z.number().int(),
  /** Days past the expected next order (0 when due today). */
  daysLate: z.number().int(),
  /** Days since the last order ÷ the usual interval (1.4 = 40 % later than usual). */
  lateness: z.number(),
  lastOrderOn: isoDateSchema,
  nextDueOn: isoDateSchema,
  /** The order book's id and number of its last order, to open it. */
  lastOrderId: z.number().int().nullable(),
  lastOrderNumber: z.string().nullable(),
  averageOrderKopecks: kopecks,
});
export type DueStore = z.infer<typeof dueStoreSchema>;

export const stoppedItemViewSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  /** Weeks it was bought in the earlier window. */
  weeksBought: z.number().int(),
  lastBoughtOn: isoDateSchema,
});
export type StoppedItemView = z.infer<typeof stoppedItemViewSchema>;

export const slippingStoreViewSchema = z.object({
  customerCode: z.string(),
  name: z.string(),
  phone: z.string(),
  /** The last 8 weeks, the 8 before, and the same 8 weeks a year earlier (null: no history that far back). */
  recent: periodFiguresSchema,
  before: periodFiguresSchema,
  yearAgo: periodFiguresSchema.nullable(),
  valueRatio: z.number(),
  frequencyRatio: z.number(),
  lastOrderId: z.number().int().nullable(),
  lastOrderNumber: z.string().nullable(),
});
export type SlippingStoreView = z.infer<typeof slippingStoreViewSchema>;

/** A store that stopped buying items it used to buy every week or two. */
export const stoppedItemsStoreSchema = z.object({
  customerCode: z.string(),
  name: z.string(),
  items: z.array(stoppedItemViewSchema),
});
export type StoppedItemsStore = z.infer<typeof stoppedItemsStoreSchema>;

export const gapViewSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  /** The current price list's price; null when the item is not in it. */
  priceKopecks: kopecks.nullable(),
  /** How likely the store takes it up (0–1): how regularly similar stores buy it, weighted by similarity. */
  likelihood: z.number(),
  /** What similar stores spend on it per week. */
  weeklyKopecks: kopecks,
  /** likelihood × weeklyKopecks: what the store would likely add per week (the ranking). */
  expectedWeeklyKopecks: kopecks,
  /** The similar stores that buy it regularly (customer codes). */
  peers: z.array(z.string()),
});
export type GapView = z.infer<typeof gapViewSchema>;

/** A store's assortment gaps, summed: the stores that could buy the most more come first. */
export const gapStoreSchema = z.object({
  customerCode: z.string(),
  name: z.string(),
  gapCount: z.number().int(),
  /** What its ten most likely gaps would add per week. */
  expectedWeeklyKopecks: kopecks,
  topGaps: z.array(gapViewSchema),
});
export type GapStore = z.infer<typeof gapStoreSchema>;

export const seasonalViewSchema = z.object({
  /** The item code, or the category name. */
  key: z.string(),
  /** The item's name (the category's name for a category). */
  name: z.string(),
  category: z.string(),
  /** Average quantity per ISO week 1–53 (index 0 is week 1). */
  weekly: z.array(z.number()),
  /** The weeks with the highest demand, highest first. */
  peakWeeks: z.array(z.number().int()),
  /** Demand in the coming six weeks ÷ an average week (2 = twice the usual). */
  comingIndex: z.number(),
  /** The highest week ÷ an average week. */
  peakIndex: z.number(),
});
export type SeasonalView = z.infer<typeof seasonalViewSchema>;

export const insightsOverviewSchema = z.object({
  /** The day the insights are for. */
  today: isoDateSchema,
  /** ISO week of today (1–53). */
  currentWeek: z.number().int(),
  storeCount: z.number().int(),
  orderCount: z.number().int(),
  /** The history the insights were computed from; null when the order book is empty. */
  firstOrderOn: isoDateSchema.nullable(),
  lastOrderOn: isoDateSchema.nullable(),
  /** Overdue first (the latest against their own rhythm first), then due today. */
  due: z.array(dueStoreSchema),
  /** Worst first. */
  slipping: z.array(slippingStoreViewSchema),
  /** Stores with the most stopped items first. */
  stoppedItems: z.array(stoppedItemsStoreSchema),
  /** The stores whose gaps are worth the most first. */
  gaps: z.array(gapStoreSchema),
  seasonality: z.object({
    /** Every category, by name. */
    categories: z.array(seasonalViewSchema),
    /** The items whose season is coming (highest comingIndex first), then the most seasonal others. */
    items: z.array(seasonalViewSchema),
  }),
  /** How long reading the order book and computing took (ms), when they were done for this answer; 0 from the cache. */
  computedMs: z.number(),
});
export type InsightsOverview = z.infer<typeof insightsOverviewSchema>;

export const topItemViewSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  quantity: z.number(),
  amountKopecks: kopecks,
  orders: z.number().int(),
  lastOrderedOn: isoDateSchema,
});
export type TopItemView = z.infer<typeof topItemViewSchema>;

export const storeCardOrderSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  orderedOn: isoDateSchema,
  lineCount: z.number().int(),
  grossKopecks: kopecks,
  state: receivedOrderStateSchema,
});

export const storeCardSchema = z.object({
  today: isoDateSchema,
  customerCode: z.string(),
  name: z.string(),
  /** The stores directory's entry (contact, phone, e-mail, delivery days); null when the store is not in it. */
  directory: storeEntrySchema.nullable(),
  orderCount: z.number().int(),
  firstOrderOn: isoDateSchema.nullable(),
  lastOrderOn: isoDateSchema.nullable(),
  totalKopecks: kopecks,
  averageOrderKopecks: kopecks,
  /** null when it has no orders. */
  rhythm: z
    .object({
      status: rhythmStatusSchema,
      intervalDays: z.number().nullable(),
      daysSinceLast: z.number().int(),
      lateness: z.number().nullable(),
      nextDueOn: isoDateSchema.nullable(),
    })
    .nullable(),
  /** The last 8 weeks against the 8 before and a year earlier; null when it has no orders. */
  trend: z
    .object({
      recent: periodFiguresSchema,
      before: periodFiguresSchema,
      yearAgo: periodFiguresSchema.nullable(),
      valueRatio: z.number().nullable(),
      frequencyRatio: z.number().nullable(),
    })
    .nullable(),
  slipping: z.boolean(),
  /** Order value per week for the last 52 weeks, oldest first; the last week ends today. */
  weeklyKopecks: z.array(kopecks),
  /** Orders by weekday, Monday first. */
  ordersByWeekday: z.array(z.number().int()),
  topItems: z.array(topItemViewSchema),
  stoppedItems: z.array(stoppedItemViewSchema),
  gaps: z.array(gapViewSchema),
  /** The order book's id of its last order. */
  lastOrderId: z.number().int().nullable(),
  /** Its latest orders, newest first. */
  recentOrders: z.array(storeCardOrderSchema),
});
export type StoreCard = z.infer<typeof storeCardSchema>;

export const GAP_LIST_FORMATS = ['xlsx', 'csv'] as const;
export const gapListInputSchema = z.object({ customerCode, format: z.enum(GAP_LIST_FORMATS) });
export type GapListInput = z.infer<typeof gapListInputSchema>;
export const storeCardInputSchema = z.object({ customerCode });

// ── Store mode: hints on the order screen from the store's own sent orders ────────────────────

export const orderHintsSchema = z.object({
  today: isoDateSchema,
  /** Today's weekday, Monday 0. */
  weekday: z.number().int().min(0).max(6),
  /** Categories the store orders mostly on one weekday ("you usually order dairy on Mondays"). */
  habits: z.array(
    z.object({
      category: z.string(),
      /** Monday 0 … Sunday 6. */
      weekday: z.number().int().min(0).max(6),
      /** Sent orders that had the category, and the share of them sent on that weekday. */
      orders: z.number().int(),
      share: z.number(),
      /** The order asked about already has a line of the category. */
      inOrder: z.boolean(),
    }),
  ),
  /** Items bought nearly every week that the last eight weeks left out, not in the order ("still needed?"). */
  stopped: z.array(
    z.object({
      itemCode: z.string(),
      name: z.string(),
      unit: z.string(),
      weeksBought: z.number().int(),
      lastBoughtOn: isoDateSchema,
      /** The quantity of its last order: what "add" puts in. */
      lastQuantity: z.number(),
    }),
  ),
});
export type OrderHints = z.infer<typeof orderHintsSchema>;
