import { z } from 'zod';
import { VAT_RATES } from './money';
import { PRICE_LIST_FIELDS } from './priceListFields';
import { ERROR_CODES } from './errors';

export const vatRateSchema = z.literal(VAT_RATES);
const kopecks = z.number().int();
const quantity = z.number().int().min(0).max(1_000_000_000);
export const localeSchema = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof localeSchema>;

/** An item as a price list states it. */
export const priceListItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  barcode: z.string(),
  unit: z.string(),
  packMultiple: z.number().int().min(1),
  minOrderQuantity: z.number().int().min(0),
  priceKopecks: kopecks,
  vatRate: vatRateSchema,
  stock: z.number().int().nullable(),
  /** The price list said "more than N": stock is a lower bound. */
  stockAtLeast: z.boolean(),
  category: z.string(),
});
export type PriceListItem = z.infer<typeof priceListItemSchema>;

/** An item as the catalog shows it: as stated, compared with the previous price list. */
export const itemSchema = priceListItemSchema.extend({
  /** Not in the previous price list (false when there is no previous price list). */
  isNew: z.boolean(),
  /** The price in the previous price list when it differs from this one, else null. */
  previousPriceKopecks: kopecks.nullable(),
});
export type Item = z.infer<typeof itemSchema>;

export const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  itemCount: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

export const CATALOG_SORT_COLUMNS = ['code', 'name', 'unit', 'packMultiple', 'price', 'stock', 'vatRate'] as const;
export const catalogViewSchema = z.object({
  query: z.string().max(200),
  /** Items of this category and its subcategories; null or absent: all. */
  categoryId: z.number().int().nullable().optional(),
  filters: z
    .object({
      inStock: z.boolean(),
      /** Items in this store's submitted or exported orders. */
      orderedBefore: z.boolean(),
      newItems: z.boolean(),
      priceChanged: z.boolean(),
    })
    .partial()
    .optional(),
  /** Absent: file order (or relevance while searching). */
  sort: z
    .object({ column: z.enum(CATALOG_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .nullable()
    .optional(),
});
export type CatalogView = z.infer<typeof catalogViewSchema>;

export const priceListInfoSchema = z.object({
  id: z.string(),
  sourceName: z.string(),
  /** The supplier as the price list names it (its letterhead), or ''. */
  supplierName: z.string(),
  importedAt: z.string(),
  itemCount: z.number().int(),
  categoryCount: z.number().int(),
  pricesIncludeVat: z.boolean(),
  /** The supplier's minimum order sum (VAT-inclusive) when the price list states one. */
  minOrderKopecks: kopecks.nullable(),
});
export type PriceListInfo = z.infer<typeof priceListInfoSchema>;

export const priceListFieldSchema = z.enum(PRICE_LIST_FIELDS);
/** Field → zero-based column index in the file. */
export const columnMappingSchema = z.partialRecord(priceListFieldSchema, z.number().int().min(0).max(10_000));
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importPreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'commerceml']),
  encoding: z.string(),
  delimiter: z.string(),
  /** One-based row number of the header as the user sees it in a spreadsheet. */
  headerRow: z.number().int().min(1),
  headings: z.array(z.string()),
  mapping: columnMappingSchema,
  sampleRows: z.array(z.array(z.string())),
  pricesIncludeVat: z.boolean(),
  /** Read from the rows above the header (the import stores what it finds there the same way). */
  supplierName: z.string().optional(),
  minOrderKopecks: kopecks.nullable().optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importOptionsSchema = z.object({
  fileId: z.string().min(1).max(200),
  headerRow: z.number().int().min(1).max(1_000_000),
  mapping: columnMappingSchema,
  pricesIncludeVat: z.boolean(),
  defaultVatRate: vatRateSchema,
  /**
   * false: the list is built and kept aside (staged) for the manager to review what changed against the
   * published one, and becomes current only when published (manager mode). Absent or true: current at once.
   */
  publish: z.boolean().optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export const REJECTION_CODES = [
  'required',
  'invalidPrice',
  'negativePrice',
  'invalidNumber',
  'notWholeNumber',
  'invalidBarcode',
  'invalidVatRate',
  'duplicateCode',
  'tooLong',
  /** A CommerceML offer for a product the catalog (import.xml) does not have. */
  'unknownProduct',
] as const;
export const rejectedRowSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  /** Stable code the UI translates. */
  code: z.enum(REJECTION_CODES),
  value: z.string(),
  /** The same in English words, for the command line and logs. */
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

export const importReportSchema = z.object({
  priceList: priceListInfoSchema,
  items: z.number().int(),
  categories: z.number().int(),
  rejected: z.array(rejectedRowSchema),
  /** Rejected rows beyond those listed (the list is capped so a hopeless file stays readable). */
  rejectedNotListed: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const errorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const jobPhaseSchema = z.enum(['reading', 'indexing', 'finishing']);
export const jobStateSchema = z.object({
  jobId: z.string(),
  kind: z.literal('priceListImport'),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: jobPhaseSchema,
  /** Bytes read so far and the file size, while reading; steps while indexing. */
  done: z.number(),
  total: z.number(),
  rows: z.number().int(),
  result: importReportSchema.optional(),
  error: errorDataSchema.optional(),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const quantityProblemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notPackMultiple'), packMultiple: z.number().int(), suggested: z.number().int() }),
  z.object({ kind: z.literal('belowMinimum'), minimum: z.number().int(), suggested: z.number().int() }),
  z.object({ kind: z.literal('overStock'), stock: z.number().int() }),
  z.object({ kind: z.literal('notInPriceList') }),
  /** The line's price differs from the current price list's, or was re-priced when the order was repeated. */
  z.object({ kind: z.literal('priceChanged'), fromKopecks: kopecks, toKopecks: kopecks }),
]);
export type LineProblem = z.infer<typeof quantityProblemSchema>;

export const orderLineSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  barcode: z.string(),
  unit: z.string(),
  packMultiple: z.number().int().min(1),
  minOrderQuantity: z.number().int().min(0),
  priceKopecks: kopecks,
  vatRate: vatRateSchema,
  quantity,
  amountKopecks: kopecks,
  vatKopecks: kopecks,
  grossKopecks: kopecks,
  problems: z.array(quantityProblemSchema),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const vatRateTotalSchema = z.object({
  rate: vatRateSchema,
  netKopecks: kopecks,
  vatKopecks: kopecks,
  grossKopecks: kopecks,
});

export const orderStatusSchema = z.enum(['draft', 'submitted', 'exported']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
/** YYYY-MM-DD */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// Exchange ─────────────────────────────────────────────────────────────────────────────────────
/** An order submitted over a connection waits in the outbox: queued → sending → sent, or needsAttention. */
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'needsAttention'] as const;
export const outboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxEntrySchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  state: outboxStateSchema,
  transport: z.enum(['http', 'folder']),
  attempts: z.number().int(),
  /** When the sender tries next (ISO time), for a queued entry. */
  nextAttemptAt: z.string().nullable(),
  /** The last failure: a stable code (ERROR_CODES) and the words of the server or the network. */
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/**
 * The order's status at the supplier: the values of SUPPLIER_ORDER_STATUSES in shared/exchange.ts, listed
 * again because shared/exchange.ts imports this module (tests/unit/exchangeApiDocument.test.ts keeps them equal).
 */
export const SUPPLIER_ORDER_STATUSES = ['received', 'accepted', 'partiallyAccepted', 'rejected', 'onHold', 'shipped', 'cancelled'] as const;
export const supplierOrderStatusSchema = z.enum(SUPPLIER_ORDER_STATUSES);
export type SupplierOrderStatus = z.infer<typeof supplierOrderStatusSchema>;

/**
 * One ordered line as the supplier answered it — ordered vs confirmed, like an EDI ORDRSP line: the
 * confirmation line of shared/exchange.ts (confirmed: as ordered; cut: fewer, 0 = not delivered;
 * replaced: `replacement` is delivered instead).
 */
export const supplierAnswerLineSchema = z.object({
  lineNumber: z.number().int().min(1),
  itemCode: z.string(),
  orderedQuantity: quantity,
  state: z.enum(['confirmed', 'cut', 'replaced']),
  confirmedQuantity: quantity,
  /** The price the supplier will invoice, per unit. */
  priceKopecks: kopecks,
  vatRate: vatRateSchema,
  replacement: z.object({ itemCode: z.string(), name: z.string(), barcode: z.string(), unit: z.string() }).nullable(),
  comment: z.string(),
});
export type SupplierAnswerLine = z.infer<typeof supplierAnswerLineSchema>;

/** What the supplier has said about an order: its status, and its latest line-level confirmation if any. */
export const supplierAnswerSchema = z.object({
  status: supplierOrderStatusSchema,
  updatedAt: z.string(),
  comment: z.string(),
  /** The latest confirmation (null, with no lines, while only a status is known). */
  confirmationId: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** The order's number in the supplier's back office, '' when not known. */
  supplierNumber: z.string(),
  lines: z.array(supplierAnswerLineSchema),
  /** Of the confirmed quantities at the confirmed prices. */
  totals: z.object({ netKopecks: kopecks, vatKopecks: kopecks, grossKopecks: kopecks }).nullable(),
});
export type SupplierAnswer = z.infer<typeof supplierAnswerSchema>;

/** How the store reaches the supplier: not at all (export files by hand), the exchange API, or a folder. */
export const exchangeSettingsSchema = z.object({
  mode: z.enum(['none', 'http', 'folder']),
  url: z.string().max(2000),
  /** The token is never sent back to the UI, only whether one is stored. */
  tokenSet: z.boolean(),
  folder: z.string().max(2000),
});
export type ExchangeSettings = z.infer<typeof exchangeSettingsSchema>;

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** What failed, as an error code (EXCHANGE_DNS, EXCHANGE_REFUSED, EXCHANGE_TLS, EXCHANGE_UNAUTHORIZED…); null when ok. */
  code: z.string().nullable(),
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The store as the supplier knows it, when connected. */
  store: z.object({ name: z.string(), customerCode: z.string(), priceType: z.string() }).nullable(),
  supplierName: z.string().nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

/** What a price list sync changed, item codes compared with the list that was current before. */
export const priceListChangesSchema = z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int() });
export type PriceListChanges = z.infer<typeof priceListChangesSchema>;

/** The answer of "sync the price list now": a new list became current, or the store's is the supplier's latest. */
export const priceListSyncResultSchema = z.object({
  outcome: z.enum(['updated', 'unchanged']),
  /** How the new list came: all of it, or what changed since the store's version; null when unchanged. */
  kind: z.enum(['full', 'delta']).nullable(),
  /** The supplier's version (its price list id) and publication time the store now has. */
  version: z.string().nullable(),
  publishedAt: z.string().nullable(),
  priceList: priceListInfoSchema.nullable(),
  changes: priceListChangesSchema,
});
export type PriceListSyncResult = z.infer<typeof priceListSyncResultSchema>;

/** The price list sync as the settings show it: the version the store has and how the last sync went. */
export const priceListSyncStatusSchema = z.object({
  version: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The current price list is the one the sync brought (false: a file was imported since, or none came yet). */
  isCurrent: z.boolean(),
  syncing: z.boolean(),
  lastSync: z
    .object({
      at: z.string(),
      outcome: z.enum(['updated', 'unchanged', 'failed']),
      kind: z.enum(['full', 'delta']).nullable(),
      changes: priceListChangesSchema.nullable(),
      /** Why it failed: an error code (EXCHANGE_…) and the words of the server or the network. */
      errorCode: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type PriceListSyncStatus = z.infer<typeof priceListSyncStatusSchema>;

/** Manager mode: the exchange API server Porter serves itself (off by default). */
export const exchangeServerSettingsSchema = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(0).max(65535),
  bindAddress: z.string().min(1).max(200),
});
export type ExchangeServerSettings = z.infer<typeof exchangeServerSettingsSchema>;
export const exchangeServerStateSchema = exchangeServerSettingsSchema.extend({
  /** Where it listens now (port 0 in the settings: the port the system chose); null when stopped. */
  listening: z.object({ address: z.string(), port: z.number().int() }).nullable(),
  lastError: z.string().nullable(),
  stores: z.array(z.object({ id: z.string(), name: z.string(), customerCode: z.string(), priceType: z.string(), createdAt: z.string() })),
});
export type ExchangeServerState = z.infer<typeof exchangeServerStateSchema>;

/** An order received by the exchange server (manager mode), with the manager's confirmation when there is one. */
export const inboxOrderSchema = z.object({
  inboxId: z.number().int(),
  storeId: z.string(),
  storeName: z.string(),
  /** The store's order id (its Idempotency-Key). */
  orderId: z.string(),
  orderNumber: z.string(),
  receivedAt: z.string(),
  status: supplierOrderStatusSchema,
  deliveryDate: z.string().nullable(),
  lineCount: z.number().int(),
  grossKopecks: kopecks,
  lines: z.array(
    z.object({
      lineNumber: z.number().int(),
      itemCode: z.string(),
      name: z.string(),
      quantity,
      priceKopecks: kopecks,
      vatRate: vatRateSchema,
    }),
  ),
  confirmation: supplierAnswerSchema.nullable(),
});
export type InboxOrder = z.infer<typeof inboxOrderSchema>;

/** What an order and its one-line summary share. */
const orderHeaderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  deliveryDate: isoDateSchema.nullable(),
  comment: z.string(),
});
export type OrderHeader = z.infer<typeof orderHeaderSchema>;

export const orderSchema = orderHeaderSchema.extend({
  /**
   * Where a draft came from, for the UI to render in its language: `repeat:<order number>` (e.g.
   * "repeat:P-000012"), `template:<template name>` (e.g. "template:weekly dairy"), or '' for a draft
   * started by hand. Split at the first ':'; a template name may itself contain ':'.
   */
  origin: z.string(),
  /** Lines with at least one problem. */
  attentionCount: z.number().int(),
  /** The supplier's minimum order sum, when the price list states one, and whether this order reaches it. */
  minimumOrder: z.object({ kopecks: kopecks, met: z.boolean() }).nullable(),
  priceListId: z.string().nullable(),
  pricesIncludeVat: z.boolean(),
  lines: z.array(orderLineSchema),
  totals: z.object({
    netKopecks: kopecks,
    vatKopecks: kopecks,
    grossKopecks: kopecks,
    byRate: z.array(vatRateTotalSchema),
  }),
  // Exchange: the order's outbox entry (submitted over a connection) and the supplier's answer, when there are.
  delivery: outboxEntrySchema.nullable().optional(),
  confirmation: supplierAnswerSchema.nullable().optional(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderSummarySchema = orderHeaderSchema.extend({
  lineCount: z.number().int(),
  grossKopecks: kopecks,
  // Exchange: where the order is on its way to the supplier, and the supplier's status for it.
  deliveryState: outboxStateSchema.nullable().optional(),
  supplierStatus: supplierOrderStatusSchema.nullable().optional(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const templateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lineCount: z.number().int(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

/** Why a pasted or imported line did not go into the order. */
export const UNMATCHED_LINE_REASONS = ['unknownItem', 'invalidQuantity', 'unreadable'] as const;
export const lineImportReportSchema = z.object({
  added: z.number().int(),
  unmatched: z.array(
    z.object({
      /** One-based line (clipboard) or row (file). */
      row: z.number().int(),
      reference: z.string(),
      reason: z.enum(UNMATCHED_LINE_REASONS),
      text: z.string(),
    }),
  ),
});
export type LineImportReport = z.infer<typeof lineImportReportSchema>;

export const suggestionSchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Proposed quantity, a pack multiple and at least the minimum. */
  quantity: z.number().int().min(1),
  /** What is in the order now (0 when not). */
  currentQuantity: z.number().int(),
  /** For the explanation: "ordered 48 every 7 days on average; last order 5 days ago". */
  averageQuantity: z.number(),
  averageIntervalDays: z.number().nullable(),
  orderCount: z.number().int(),
  lastOrderedOn: isoDateSchema,
  daysSinceLast: z.number().int(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const storeProfileSchema = z.object({
  storeName: z.string().max(200),
  /** The store's customer code at the supplier. */
  customerCode: z.string().max(100),
  /** The supplier's price type for this store (CommerceML ТипЦены), empty for the default. */
  priceType: z.string().max(200),
  locale: localeSchema,
});
export type StoreProfile = z.infer<typeof storeProfileSchema>;

// Backups and diagnostics
/** Why a backup of the main database was taken. */
export const BACKUP_REASONS = ['daily', 'manual', 'beforeMigration', 'beforeRestore'] as const;
export const backupReasonSchema = z.enum(BACKUP_REASONS);
export type BackupReason = z.infer<typeof backupReasonSchema>;

/** A backup's id is its file name in dataDir/backups (checked against this pattern before any file is touched). */
export const BACKUP_ID_PATTERN = /^porter-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[A-Za-z0-9-]{1,40}\.sqlite$/;
export const backupIdSchema = z.string().max(200).regex(BACKUP_ID_PATTERN);

export const backupInfoSchema = z.object({
  id: backupIdSchema,
  createdAt: z.string(),
  sizeBytes: z.number().int().min(0),
  reason: backupReasonSchema,
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** What keeps the core from opening the main database; it then waits in "recovery" for the user's choice. */
export const startupProblemSchema = z.object({
  code: z.enum(['DB_CORRUPT', 'DB_OPEN_FAILED', 'DB_NEWER_VERSION']),
  message: z.string(),
  /** The database file, in full. */
  file: z.string(),
  /** SQLite's own words ("file is not a database"), for support. */
  sqliteMessage: z.string(),
});
export type StartupProblem = z.infer<typeof startupProblemSchema>;

export const startupStateSchema = z.object({
  state: z.enum(['ready', 'recovery']),
  dataDir: z.string(),
  problem: startupProblemSchema.nullable(),
});
export type StartupState = z.infer<typeof startupStateSchema>;
