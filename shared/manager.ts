import { z } from 'zod';
import { isoDateSchema, priceListInfoSchema } from './domain';
import { supplierOrderStatusSchema } from './exchange';
import { ERROR_CODES } from './errors';
import { ORDER_COLUMN_NAMES } from './orderColumns';

/**
 * Manager mode, the supplier's side: the stores directory and the order book (every order that
 * arrived, as received and as the manager made it), with the problems found in each order.
 * Money is in integer kopecks.
 */
const kopecks = z.number().int();

/** Who this Porter works for: a store composing orders, or a supplier's manager processing them. */
export const APP_MODES = ['store', 'manager'] as const;
export const appModeSchema = z.enum(APP_MODES);
export type AppMode = z.infer<typeof appModeSchema>;

// ── Stores directory ────────────────────────────────────────────────────────────────────────

export const storeEntrySchema = z.object({
  /** The store's code at the supplier (1C counterparty code), kept as text. */
  customerCode: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(300),
  /** The price type it buys at (CommerceML ТипЦены); '' for the default. */
  priceType: z.string().trim().max(200),
  /** ISO weekdays the supplier delivers to it (1 = Monday). */
  deliveryDays: z.array(z.number().int().min(1).max(7)).max(7),
  contact: z.string().trim().max(300),
  phone: z.string().trim().max(100),
  email: z.string().trim().max(300),
});
export type StoreEntry = z.infer<typeof storeEntrySchema>;

// ── Order book ──────────────────────────────────────────────────────────────────────────────

export const RECEIVED_ORDER_STATES = ['new', 'accepted', 'rejected', 'held', 'exported'] as const;
export const receivedOrderStateSchema = z.enum(RECEIVED_ORDER_STATES);
export type ReceivedOrderState = z.infer<typeof receivedOrderStateSchema>;

/** How an order reached the manager: the exchange API, the watched folder, a file opened, the demo history. */
export const ORDER_SOURCES = ['api', 'folder', 'file', 'demo'] as const;
export const orderSourceSchema = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof orderSourceSchema>;

/**
 * What a received order is checked for, against the current price list and the stores directory:
 * unknownStore, unknownPriceType (the store's price type, per the directory, is not in the price list),
 * unknownItem (not in the list, or without a price of the store's type), priceDiffers (the store's price vs
 * the current one of its price type, and the price list the store ordered from), notPackMultiple, belowMinimum, duplicate (same order id, or the same store
 * with identical lines on the same day), overStock (the whole batch's demand for an item above its stock).
 */
export const PROBLEM_KINDS = [
  'unknownStore',
  'unknownPriceType',
  'unknownItem',
  'priceDiffers',
  'notPackMultiple',
  'belowMinimum',
  'duplicate',
  'overStock',
] as const;
export const problemKindSchema = z.enum(PROBLEM_KINDS);
export type ProblemKind = z.infer<typeof problemKindSchema>;

export const orderProblemSchema = z.object({
  kind: problemKindSchema,
  /** The line it is about; null for the whole order (unknown store, unknown price type, duplicate). */
  lineNumber: z.number().int().nullable(),
  itemCode: z.string().nullable(),
  /** priceDiffers: the store's price, the current one, the price list the store ordered from. */
  storePriceKopecks: kopecks.optional(),
  currentPriceKopecks: kopecks.optional(),
  priceListId: z.string().nullable().optional(),
  /** notPackMultiple / belowMinimum: the rule broken, and the nearest valid quantity. */
  packMultiple: z.number().int().optional(),
  minOrderQuantity: z.number().int().optional(),
  suggestedQuantity: z.number().optional(),
  /** overStock: the stock, and the demand of every order in the batch for the item. */
  stock: z.number().nullable().optional(),
  demand: z.number().optional(),
  /** duplicate: the order it repeats. */
  duplicateOf: z.number().int().optional(),
  /** unknownPriceType: the store's price type; unknownItem: the store's type the item has no price of (absent: not in the list at all). */
  priceType: z.string().optional(),
  /** unknownPriceType: the price types the list has. */
  availablePriceTypes: z.array(z.string()).optional(),
});
export type OrderProblem = z.infer<typeof orderProblemSchema>;

export const receivedOrderSummarySchema = z.object({
  id: z.number().int(),
  storeCode: z.string(),
  storeName: z.string(),
  /** The order's document id (a Porter order id, a CommerceML Ид). */
  orderId: z.string(),
  number: z.string(),
  format: z.string(),
  source: orderSourceSchema,
  /** The file's name, or the store's name in the exchange API. */
  sourceName: z.string(),
  /** When it arrived (ISO instant). */
  receivedAt: z.string(),
  /** The date the store put on it. */
  orderedOn: isoDateSchema,
  deliveryDate: isoDateSchema.nullable(),
  lineCount: z.number().int(),
  /** What the store pays as the order stands now (VAT included). */
  grossKopecks: kopecks,
  state: receivedOrderStateSchema,
  stateReason: z.string(),
  problemKinds: z.array(problemKindSchema),
  problemCount: z.number().int(),
  /** The store's answer status, once a confirmation was sent (API stores) or written (file stores). */
  supplierStatus: supplierOrderStatusSchema.nullable(),
});
export type ReceivedOrderSummary = z.infer<typeof receivedOrderSummarySchema>;

export const receivedOrderLineViewSchema = z.object({
  lineNumber: z.number().int(),
  itemCode: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  orderedQuantity: z.number(),
  quantity: z.number(),
  /** The store's price, as ordered. */
  orderedPriceKopecks: kopecks,
  priceKopecks: kopecks,
  /** In percent as ordered (a historical 18 included); null when the order states none. */
  vatRate: z.number().nullable(),
  amountKopecks: kopecks,
});
export type ReceivedOrderLineView = z.infer<typeof receivedOrderLineViewSchema>;

export const orderChangeSchema = z.object({
  id: z.number().int(),
  lineNumber: z.number().int().nullable(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type OrderChange = z.infer<typeof orderChangeSchema>;

export const receivedOrderDetailSchema = receivedOrderSummarySchema.extend({
  comment: z.string(),
  priceListId: z.string().nullable(),
  pricesIncludeVat: z.boolean(),
  lines: z.array(receivedOrderLineViewSchema),
  problems: z.array(orderProblemSchema),
  changes: z.array(orderChangeSchema),
});
export type ReceivedOrderDetail = z.infer<typeof receivedOrderDetailSchema>;

export const orderBookFilterSchema = z.object({
  states: z.array(receivedOrderStateSchema).optional(),
  /** true: only orders with problems; false: only clean ones. */
  hasProblems: z.boolean().optional(),
  problemKinds: z.array(problemKindSchema).optional(),
  storeCode: z.string().max(100).optional(),
  deliveryDate: isoDateSchema.optional(),
  /** Number, store name or code, item code (case and ё folded). */
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(10_000).default(1000),
  offset: z.number().int().min(0).default(0),
});
export type OrderBookFilter = z.input<typeof orderBookFilterSchema>;

/** What taking one file (or one API request) into the order book did. */
export const intakeResultSchema = z.object({
  fileName: z.string(),
  /** imported: new orders; duplicate: every order in it was already in the book; failed: nothing was taken in. */
  outcome: z.enum(['imported', 'duplicate', 'failed']),
  orderIds: z.array(z.number().int()),
  duplicates: z.array(z.object({ number: z.string(), existingId: z.number().int() })),
  /** failed: why, naming the file, line and field. */
  error: z.string().nullable(),
  /** failed: the error's code (ORDER_COLUMNS_UNKNOWN: the UI offers to map the columns). */
  errorCode: z.enum(ERROR_CODES).nullable().optional(),
  /** ORDER_COLUMNS_UNKNOWN: the file's headings, in their order, to map to order columns. */
  headings: z.array(z.string()).optional(),
  /** ORDER_COLUMNS_UNKNOWN: the column each heading names by itself (null: none), to start the mapping from. */
  headingColumns: z.array(z.enum(ORDER_COLUMN_NAMES).nullable()).optional(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

// ── Column mappings of order tables, remembered per source ──────────────────────────────────

export const orderColumnSchema = z.enum(ORDER_COLUMN_NAMES);
/** A heading → the order column it holds (null: a column Porter leaves out); keyed by the heading as written. */
export const orderColumnMappingInputSchema = z.object({
  headings: z.array(z.string().max(500)).min(1).max(500),
  mapping: z.record(z.string().max(500), orderColumnSchema.nullable()),
});
export type OrderColumnMappingInput = z.infer<typeof orderColumnMappingInputSchema>;
export const orderColumnMappingSchema = z.object({
  /** The source: the file's headings, normalised and joined; files with the same headings are read with this mapping. */
  signature: z.string(),
  headings: z.array(z.string()),
  /** Every heading, with the column it is read as (null: left out). */
  mapping: z.record(z.string(), orderColumnSchema.nullable()),
  savedAt: z.string(),
});
export type OrderColumnMapping = z.infer<typeof orderColumnMappingSchema>;

// ── Watched exchange folder ─────────────────────────────────────────────────────────────────

/** The supplier's exchange folder that stores (or their carriers) drop order files into. */
export const orderFolderSettingsSchema = z.object({
  /** An absolute path (a local folder or a network share); '' when none is set. */
  path: z.string().trim().max(4000),
  enabled: z.boolean(),
});
export type OrderFolderSettings = z.infer<typeof orderFolderSettingsSchema>;

export const orderFolderStateSchema = orderFolderSettingsSchema.extend({
  /** Whether the folder is being watched now. */
  watching: z.boolean(),
  /** Why the last look at the folder failed (unreachable share, no permission); null when it worked. */
  error: z.string().nullable(),
  /** When the folder was last looked through (ISO instant). */
  lastPassAt: z.string().nullable(),
  /** Files seen that are still being written: taken in once they stop changing. */
  waiting: z.array(z.string()),
});
export type OrderFolderState = z.infer<typeof orderFolderStateSchema>;

export const FOLDER_INTAKE_OUTCOMES = ['imported', 'duplicate', 'quarantined'] as const;

/** What the watched folder did with one file: taken in (then moved into imported/), or quarantined with the reason. */
export const folderIntakeEventSchema = z.object({
  fileName: z.string(),
  /** When it was taken in or quarantined (ISO instant). */
  at: z.string(),
  /** duplicate: the same file (by content) or every order in it was taken in before; nothing new was stored. */
  outcome: z.enum(FOLDER_INTAKE_OUTCOMES),
  /** The orders it brought into the book. */
  orderIds: z.array(z.number().int()),
  /** Orders in it that were in the book already. */
  duplicates: z.array(z.object({ number: z.string(), existingId: z.number().int() })),
  /** quarantined: why, naming the file, line and field; '' otherwise. */
  reason: z.string(),
  /** Where the file went, relative to the folder ("imported/…", "quarantine/…"); null while it could not be moved yet. */
  movedTo: z.string().nullable(),
});
export type FolderIntakeEvent = z.infer<typeof folderIntakeEventSchema>;

// ── Outputs: the back office, the warehouse, the stores ─────────────────────────────────────

/** A file the core made for the user: the shell saves it (a save dialog in Electron, a download in a browser). */
export const downloadFileSchema = z.object({ fileName: z.string(), base64: z.string() });
export type DownloadFile = z.infer<typeof downloadFileSchema>;

export const BACK_OFFICE_FORMATS = ['commerceml', 'xlsx', 'csv'] as const;
export const backOfficeFormatSchema = z.enum(BACK_OFFICE_FORMATS);
export type BackOfficeFormat = z.infer<typeof backOfficeFormatSchema>;
/** perOrder: one file per order (several come as one .zip); perBatch: all the orders in one file. */
export const EXPORT_GROUPINGS = ['perOrder', 'perBatch'] as const;
export const exportGroupingSchema = z.enum(EXPORT_GROUPINGS);
export type ExportGrouping = z.infer<typeof exportGroupingSchema>;

export const exportOrdersInputSchema = z.object({
  ids: z.array(z.number().int()).min(1).max(10_000),
  format: backOfficeFormatSchema,
  grouping: exportGroupingSchema,
  /** Orders exported before are refused unless this says to export them again on purpose. */
  again: z.boolean().optional(),
});
export type ExportOrdersInput = z.input<typeof exportOrdersInputSchema>;

/** A record of what was handed to the back office, when, in which file. */
export const orderExportSchema = z.object({
  id: z.number().int(),
  format: backOfficeFormatSchema,
  grouping: exportGroupingSchema,
  fileName: z.string(),
  /** ISO instant. */
  createdAt: z.string(),
  orders: z.array(z.object({ id: z.number().int(), number: z.string(), storeCode: z.string(), storeName: z.string() })),
});
export type OrderExport = z.infer<typeof orderExportSchema>;

export const PICK_LIST_FORMATS = ['xlsx', 'pdf'] as const;
export const pickListInputSchema = z.object({ deliveryDate: isoDateSchema, format: z.enum(PICK_LIST_FORMATS) });

/** One item to pick for a delivery date: summed over the accepted orders, with the orders it came from. */
export const pickListItemSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  quantity: z.number(),
  orders: z.array(
    z.object({ id: z.number().int(), storeCode: z.string(), storeName: z.string(), number: z.string(), quantity: z.number() }),
  ),
});
export type PickListItem = z.infer<typeof pickListItemSchema>;

/** The answer file written for an order that came as a file: into the exchange folder's outgoing/, or for the shell to save. */
export const answerFileSchema = z.object({
  fileName: z.string(),
  /** Where it was written (the exchange folder's outgoing/ subfolder); null when it is handed to the user instead. */
  savedTo: z.string().nullable(),
  /** The Porter confirmation file (JSON) for the shell to save; null when it went into the folder. */
  content: z.string().nullable(),
});
export type AnswerFile = z.infer<typeof answerFileSchema>;

/** The order after its store was answered; answerFile for orders that came as files (null when answered through the exchange API). */
export const storeAnswerResultSchema = receivedOrderDetailSchema.extend({
  answerFile: answerFileSchema.nullable(),
  /** Every answer file written (a merge of orders that came as files answers each of them); answerFile is the first. */
  answerFiles: z.array(answerFileSchema),
});
export type StoreAnswerResult = z.infer<typeof storeAnswerResultSchema>;

// ── Price list publishing ───────────────────────────────────────────────────────────────────

const diffItemSchema = z.object({ code: z.string(), name: z.string(), priceKopecks: kopecks });
/** What a new price list changes against the published one (item codes compared); the lists are capped, the counts are whole. */
export const priceListDiffSchema = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  priceChanged: z.number().int(),
  addedItems: z.array(diffItemSchema),
  removedItems: z.array(diffItemSchema),
  changedItems: z.array(diffItemSchema.extend({ oldPriceKopecks: kopecks })),
});
export type PriceListDiff = z.infer<typeof priceListDiffSchema>;

/** A price list imported with publish: false, waiting to be published, and what it would change; null fields when none waits. */
export const stagedPriceListSchema = z.object({
  staged: priceListInfoSchema.nullable(),
  published: priceListInfoSchema.nullable(),
  changes: priceListDiffSchema.nullable(),
});
export type StagedPriceList = z.infer<typeof stagedPriceListSchema>;
