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
  format: z.enum(['csv', 'xlsx']),
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
});
export type Order = z.infer<typeof orderSchema>;

export const orderSummarySchema = orderHeaderSchema.extend({
  lineCount: z.number().int(),
  grossKopecks: kopecks,
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
