import { z } from 'zod';
import {
  importOptionsSchema,
  importPreviewSchema,
  itemSchema,
  jobStateSchema,
  localeSchema,
  orderSchema,
  priceListInfoSchema,
} from './domain';

/**
 * The API contract between the renderer and the core: one entry per method with its
 * input and output schema. The Electron IPC handlers, the browser shell's HTTP handler
 * and the renderer's client all derive their types from this object.
 */
export const contract = {
  getAppInfo: {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      locale: localeSchema,
      priceList: priceListInfoSchema.nullable(),
    }),
  },
  setLocale: {
    input: z.object({ locale: localeSchema }),
    output: z.object({ locale: localeSchema }),
  },
  previewPriceListImport: {
    /** headerRow: the row the user says holds the headings (detected when absent). */
    input: z.object({ fileId: z.string().min(1).max(200), headerRow: z.number().int().min(1).max(1000).optional() }),
    output: importPreviewSchema,
  },
  startPriceListImport: {
    input: importOptionsSchema,
    output: z.object({ jobId: z.string() }),
  },
  getJob: {
    input: z.object({ jobId: z.string().min(1).max(200) }),
    output: jobStateSchema,
  },
  cancelJob: {
    input: z.object({ jobId: z.string().min(1).max(200) }),
    output: z.object({ cancelled: z.boolean() }),
  },
  searchItems: {
    input: z.object({
      query: z.string().max(200),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(500),
    }),
    output: z.object({
      items: z.array(itemSchema),
      total: z.number().int(),
      /** False when the count was capped (a one-letter query over a million items). */
      totalExact: z.boolean(),
    }),
  },
  getCurrentDraft: {
    input: z.object({}),
    output: orderSchema,
  },
  setOrderLineQuantity: {
    input: z.object({
      orderId: z.string().min(1).max(100),
      itemCode: z.string().min(1).max(200),
      quantity: z.number().int().min(0).max(1_000_000_000),
    }),
    output: orderSchema,
  },
  exportOrder: {
    input: z.object({ orderId: z.string().min(1).max(100) }),
    /** The Porter order file: the shell saves it (save dialog in Electron, download in a browser). */
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What the core implements and what the renderer calls: one async function per method. */
export type PorterApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
