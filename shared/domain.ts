import { z } from 'zod';
import { VAT_RATES } from './money';
import { PRICE_LIST_FIELDS } from './priceListFields';
import { ERROR_CODES } from './errors';

export const vatRateSchema = z.literal(VAT_RATES);
const kopecks = z.number().int();
const quantity = z.number().int().min(0).max(1_000_000_000);
export const localeSchema = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const itemSchema = z.object({
  code: z.string(),
  name: z.string(),
  barcode: z.string(),
  unit: z.string(),
  packMultiple: z.number().int().min(1),
  minOrderQuantity: z.number().int().min(0),
  priceKopecks: kopecks,
  vatRate: vatRateSchema,
  stock: z.number().int().nullable(),
  category: z.string(),
});
export type Item = z.infer<typeof itemSchema>;

export const priceListInfoSchema = z.object({
  id: z.string(),
  sourceName: z.string(),
  importedAt: z.string(),
  itemCount: z.number().int(),
  categoryCount: z.number().int(),
  pricesIncludeVat: z.boolean(),
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
]);

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

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(['draft']),
  createdAt: z.string(),
  updatedAt: z.string(),
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
