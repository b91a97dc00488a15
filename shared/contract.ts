import { z } from 'zod';
import {
  catalogViewSchema,
  categorySchema,
  importOptionsSchema,
  isoDateSchema,
  lineImportReportSchema,
  orderSummarySchema,
  storeProfileSchema,
  suggestionSchema,
  templateSummarySchema,
  importPreviewSchema,
  itemSchema,
  jobStateSchema,
  localeSchema,
  orderSchema,
  priceListInfoSchema,
} from './domain';
import { backupIdSchema, backupInfoSchema, startupStateSchema } from './domain';
// Exchange
import {
  connectionTestSchema,
  exchangeServerSettingsSchema,
  exchangeServerStateSchema,
  exchangeSettingsSchema,
  inboxOrderSchema,
  outboxEntrySchema,
  outboxStateSchema,
  priceListSyncResultSchema,
  priceListSyncStatusSchema,
  supplierOrderStatusSchema,
} from './domain';
// Manager mode
import { appModeSchema, orderBookFilterSchema, receivedOrderDetailSchema, receivedOrderSummarySchema, storeEntrySchema } from './manager';
import {
  folderIntakeEventSchema,
  intakeResultSchema,
  orderColumnMappingInputSchema,
  orderColumnMappingSchema,
  orderFolderSettingsSchema,
  orderFolderStateSchema,
} from './manager';
import { downloadFileSchema, exportOrdersInputSchema, orderExportSchema, pickListInputSchema, storeAnswerResultSchema } from './manager';
import { stagedPriceListSchema } from './manager';
import { batchActionSchema, batchInfoSchema, batchResultSchema, lineEditSchema, undoResultSchema } from './managerBatch';
// Insights
import { gapListInputSchema, insightsOverviewSchema, orderHintsSchema, storeCardInputSchema, storeCardSchema } from './insightsView';

/**
 * The API contract between the renderer and the core: one entry per method with its
 * input and output schema. The Electron IPC handlers, the browser shell's HTTP handler
 * and the renderer's client all derive their types from this object.
 */
const hour = z.number().int().min(0).max(23);
const updateSettingsSchema = z.object({
  feedUrl: z.string().max(2000).nullable(),
  quietHours: z.object({ startHour: hour, endHour: hour }).nullable(),
});

const orderId = z.string().min(1).max(100);
const itemCode = z.string().min(1).max(200);
const quantity = z.number().int().min(0).max(1_000_000_000);

export const contract = {
  getAppInfo: {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      locale: localeSchema,
      /** Store: composing orders; manager: processing the stores' orders. */
      mode: appModeSchema,
      priceList: priceListInfoSchema.nullable(),
    }),
  },
  setAppMode: {
    input: z.object({ mode: appModeSchema }),
    output: z.object({ mode: appModeSchema }),
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
    /** One page of the catalog as the grid shows it: search text, category, filters, sort. */
    input: catalogViewSchema.extend({
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
  listCategories: {
    input: z.object({}),
    output: z.object({ categories: z.array(categorySchema) }),
  },
  getStoreProfile: {
    input: z.object({}),
    output: storeProfileSchema,
  },
  setStoreProfile: {
    input: storeProfileSchema,
    output: storeProfileSchema,
  },
  /** The draft the purchaser worked on last (a new one when there is none). */
  getCurrentDraft: {
    input: z.object({}),
    output: orderSchema,
  },
  listDrafts: {
    input: z.object({}),
    output: z.object({ drafts: z.array(orderSummarySchema) }),
  },
  createDraft: {
    input: z.object({}),
    output: orderSchema,
  },
  getOrder: {
    input: z.object({ orderId }),
    output: orderSchema,
  },
  /** Deletes a draft (only drafts can be deleted). */
  deleteDraft: {
    input: z.object({ orderId }),
    output: z.object({ deleted: z.boolean() }),
  },
  setOrderDetails: {
    input: z.object({ orderId, deliveryDate: isoDateSchema.nullable(), comment: z.string().max(2000) }),
    output: orderSchema,
  },
  setOrderLineQuantity: {
    input: z.object({ orderId, itemCode, quantity }),
    output: orderSchema,
  },
  /** Several quantities in one step (accepted suggestions); 0 removes a line. */
  setOrderLineQuantities: {
    input: z.object({ orderId, lines: z.array(z.object({ itemCode, quantity })).max(10_000) }),
    output: orderSchema,
  },
  /** Takes the current price list's price for a line and clears its price-changed flag. */
  acceptLinePrice: {
    input: z.object({ orderId, itemCode }),
    output: orderSchema,
  },
  /** A scanned barcode: one pack of the item, or one more pack when it is already in the order. */
  scanBarcode: {
    input: z.object({ orderId, barcode: z.string().min(1).max(100) }),
    output: z.object({ order: orderSchema, itemCode: z.string(), quantity }),
  },
  /** Lines pasted from Excel or a text file: code or barcode, then quantity, one line each. */
  pasteOrderLines: {
    input: z.object({ orderId, text: z.string().max(5_000_000) }),
    output: z.object({ order: orderSchema, report: lineImportReportSchema }),
  },
  /** Lines from a CSV or XLSX file the user picked (code or barcode, quantity). */
  importOrderLines: {
    input: z.object({ orderId, fileId: z.string().min(1).max(200) }),
    output: z.object({ order: orderSchema, report: lineImportReportSchema }),
  },
  /** Quantities proposed from this store's own history for the order's delivery date (today when none). */
  getSuggestions: {
    input: z.object({ orderId }),
    output: z.object({ forDate: isoDateSchema, suggestions: z.array(suggestionSchema) }),
  },
  /** Sends the draft to the supplier: it becomes read-only and appears in the history. */
  submitOrder: {
    input: z.object({ orderId }),
    output: orderSchema,
  },
  exportOrder: {
    input: z.object({ orderId }),
    /** The Porter order file: the shell saves it (save dialog in Electron, download in a browser). */
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  /** A4 PDF of the order (store, supplier, lines, totals), base64-encoded for the shell to save. */
  orderPdf: {
    input: z.object({ orderId }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /** Submitted and exported orders, newest first; the query matches number, comment, item code or name. */
  listOrderHistory: {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(1000) }),
    output: z.object({ orders: z.array(orderSummarySchema) }),
  },
  /** A new draft with a previous order's lines re-priced against the current price list. */
  repeatOrder: {
    input: z.object({ orderId }),
    output: orderSchema,
  },
  saveTemplate: {
    input: z.object({ orderId, name: z.string().trim().min(1).max(200) }),
    output: templateSummarySchema,
  },
  listTemplates: {
    input: z.object({}),
    output: z.object({ templates: z.array(templateSummarySchema) }),
  },
  deleteTemplate: {
    input: z.object({ templateId: z.string().min(1).max(100) }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** A new draft from a template's lines, priced from the current price list. */
  startFromTemplate: {
    input: z.object({ templateId: z.string().min(1).max(100) }),
    output: orderSchema,
  },
  // Updates
  /** The supplier's update feed (https only; null: no updates) and the quiet hours for unasked downloads. */
  getUpdateSettings: {
    input: z.object({}),
    output: updateSettingsSchema,
  },
  setUpdateSettings: {
    input: updateSettingsSchema,
    output: updateSettingsSchema,
  },
  // Backups and diagnostics
  /** Whether the core opened the database or waits in recovery for the user's choice; answers in both states. */
  getStartupState: {
    input: z.object({}),
    output: startupStateSchema,
  },
  /** Backups of the main database, newest first; keep: how many are kept; lastFailure: the last automatic backup that failed. */
  listBackups: {
    input: z.object({}),
    output: z.object({
      backups: z.array(backupInfoSchema),
      keep: z.number().int(),
      lastFailure: z.object({ at: z.string(), message: z.string() }).nullable(),
    }),
  },
  createBackup: {
    input: z.object({}),
    output: backupInfoSchema,
  },
  /** Replaces the database with a backup; the file it replaces is kept aside (keptAside), then the UI reloads. */
  restoreBackup: {
    input: z.object({ backupId: backupIdSchema }),
    output: z.object({ restored: backupInfoSchema, keptAside: z.string().nullable() }),
  },
  /** Recovery only: the damaged file is moved aside (keptAside) and a new, empty database is created. */
  startWithEmptyDatabase: {
    input: z.object({}),
    output: z.object({ keptAside: z.string().nullable() }),
  },
  /** A .zip for support (logs, versions, settings without secrets, the database's integrity), base64-encoded for the shell to save. */
  saveDiagnostics: {
    input: z.object({}),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  // Exchange (store side): the connection to the supplier, the outbox, confirmations
  getExchangeSettings: {
    input: z.object({}),
    output: exchangeSettingsSchema,
  },
  /** token: absent keeps the stored one, '' removes it. Changing settings retries queued orders at once. */
  setExchangeSettings: {
    input: z.object({
      mode: z.enum(['none', 'http', 'folder']),
      url: z.string().trim().max(2000),
      token: z.string().trim().max(500).optional(),
      folder: z.string().trim().max(2000),
    }),
    output: exchangeSettingsSchema,
  },
  /** Tries the connection (the given values, else the stored ones; folder: that exchange folder) and says exactly what failed. */
  testConnection: {
    input: z.object({
      url: z.string().trim().max(2000).optional(),
      token: z.string().trim().max(500).optional(),
      folder: z.string().trim().max(2000).optional(),
    }),
    output: connectionTestSchema,
  },
  /** Orders on their way to the supplier (every state when states is absent), oldest first. */
  listOutbox: {
    input: z.object({ states: z.array(outboxStateSchema).optional() }),
    output: z.object({ entries: z.array(outboxEntrySchema) }),
  },
  /** Sends an entry again now: a needsAttention entry starts over with a fresh count of attempts. */
  retryOutboxEntry: {
    input: z.object({ orderId }),
    output: outboxEntrySchema,
  },
  /** Fetches the supplier's confirmations and status changes since the last time. */
  syncConfirmations: {
    input: z.object({}),
    output: z.object({ events: z.number().int(), ordersUpdated: z.number().int() }),
  },
  /** The supplier's version of the price list the store has, and how the last sync went. */
  getPriceListSync: {
    input: z.object({}),
    output: priceListSyncStatusSchema,
  },
  /** Fetches the supplier's price list (a delta since the store's version when it can) and makes it current. */
  syncPriceList: {
    input: z.object({}),
    output: priceListSyncResultSchema,
  },
  // Exchange (manager mode): the exchange API server, the stores it serves, the inbox
  getExchangeServer: {
    input: z.object({}),
    output: exchangeServerStateSchema,
  },
  /** Saves the server settings and starts or stops it accordingly. */
  setExchangeServer: {
    input: exchangeServerSettingsSchema,
    output: exchangeServerStateSchema,
  },
  /** A store allowed to connect; the token is returned this once and stored only as a hash. */
  addExchangeStore: {
    input: z.object({
      name: z.string().trim().min(1).max(200),
      customerCode: z.string().trim().max(100),
      priceType: z.string().trim().max(200),
    }),
    output: z.object({ storeId: z.string(), token: z.string() }),
  },
  revokeExchangeStore: {
    input: z.object({ storeId: z.string().min(1).max(100) }),
    output: z.object({ revoked: z.boolean() }),
  },
  /** Orders received from stores, newest first. */
  listInbox: {
    input: z.object({ limit: z.number().int().min(1).max(10_000) }),
    output: z.object({ orders: z.array(inboxOrderSchema) }),
  },
  /** The manager's line-level answer to a received order; lines not listed are confirmed as ordered. */
  confirmInboxOrder: {
    input: z.object({
      inboxId: z.number().int(),
      comment: z.string().max(2000).optional(),
      lines: z
        .array(
          z.object({
            lineNumber: z.number().int().min(1),
            /** Up to the ordered quantity (0: not delivered); of the replacement item when there is one. */
            confirmedQuantity: quantity,
            /** The price to invoice; the ordered price when absent. */
            priceKopecks: z.number().int().min(0).optional(),
            replacement: z
              .object({
                itemCode: z.string().min(1).max(200),
                name: z.string().max(1000),
                barcode: z.string().max(200),
                unit: z.string().max(50),
              })
              .optional(),
            comment: z.string().max(2000).optional(),
          }),
        )
        .max(10_000),
    }),
    output: inboxOrderSchema,
  },
  setInboxOrderStatus: {
    input: z.object({ inboxId: z.number().int(), status: supplierOrderStatusSchema, comment: z.string().max(2000).optional() }),
    output: inboxOrderSchema,
  },
  // Manager mode: the order book and the stores directory
  /** Received orders, oldest first, with their problems; filtered. */
  listReceivedOrders: {
    input: orderBookFilterSchema,
    output: z.object({ orders: z.array(receivedOrderSummarySchema) }),
  },
  getReceivedOrder: {
    input: z.object({ id: z.number().int() }),
    output: receivedOrderDetailSchema,
  },
  /** Sends (exchange API) or writes (a confirmation file) an accepted, rejected or exported order's line-level answer to its store. */
  answerStore: {
    input: z.object({ id: z.number().int() }),
    /** Orders that came as files: answerFile is the Porter confirmation, written into the exchange folder's outgoing/ or for the shell to save. */
    output: storeAnswerResultSchema,
  },
  listStores: {
    input: z.object({}),
    output: z.object({ stores: z.array(storeEntrySchema) }),
  },
  /** Adds or updates stores by customer code, all or none. */
  saveStores: {
    input: z.object({ stores: z.array(storeEntrySchema).max(100_000) }),
    output: z.object({ saved: z.number().int() }),
  },
  removeStore: {
    input: z.object({ customerCode: z.string().min(1).max(100) }),
    output: z.object({ removed: z.boolean() }),
  },
  // Manager mode: line edits and batch actions, recorded and undoable until exported
  /** Sets a received line's quantity and/or price; recorded with who, when, old → new and why. */
  editReceivedLine: {
    input: lineEditSchema,
    output: receivedOrderDetailSchema,
  },
  /** One action on a selection of orders (accept, reject, hold, cut to stock, round, reprice, merge, split), all or nothing. */
  applyBatchAction: {
    input: batchActionSchema,
    output: batchResultSchema,
  },
  /** Puts back everything a batch action changed; refused once any of its orders is exported or changed again since. */
  undoBatch: {
    input: z.object({ batchId: z.string().min(1).max(100), actor: z.string().trim().min(1).max(100).optional() }),
    output: undoResultSchema,
  },
  /** Recent batch actions that can still be undone, newest first. */
  listBatches: {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ batches: z.array(batchInfoSchema) }),
  },
  // Manager mode: order files the manager opens, and the watched exchange folder
  /** Takes order files (Porter JSON, CommerceML, CSV, XLSX) into the order book, each file all or nothing, each on its own. */
  importOrderFiles: {
    input: z.object({ fileIds: z.array(z.string().min(1).max(100)).min(1).max(1000) }),
    output: z.object({ results: z.array(intakeResultSchema) }),
  },
  /**
   * Remembers which order column each heading of an order table holds, for every file with the same
   * headings (the same sender); refused without a quantity and a code or barcode, or with a column twice.
   */
  saveOrderColumnMapping: {
    input: orderColumnMappingInputSchema,
    output: orderColumnMappingSchema,
  },
  listOrderColumnMappings: {
    input: z.object({}),
    output: z.object({ mappings: z.array(orderColumnMappingSchema) }),
  },
  deleteOrderColumnMapping: {
    input: z.object({ signature: z.string().min(1).max(100_000) }),
    output: z.object({ deleted: z.boolean() }),
  },
  getOrderFolder: {
    input: z.object({}),
    output: orderFolderStateSchema,
  },
  /** Saves the watched folder and starts or stops watching it. */
  setOrderFolder: {
    input: orderFolderSettingsSchema,
    output: orderFolderStateSchema,
  },
  /** What the watched folder did with the latest files, newest first. */
  listFolderIntake: {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.object({ events: z.array(folderIntakeEventSchema) }),
  },
  // Manager mode: outputs to the back office, the warehouse and the stores; the stores directory from a file
  /**
   * Accepted orders to the back office (CommerceML that 1C loads, XLSX, CSV), one file per order (several
   * as one .zip) or one per batch; the orders become exported. Orders exported before are refused
   * (ORDERS_ALREADY_EXPORTED, listing them and when) unless `again` says so. The file is for the shell to save.
   */
  exportOrders: {
    input: exportOrdersInputSchema,
    output: z.object({ file: downloadFileSchema, export: orderExportSchema }),
  },
  /** What was exported to the back office when, newest first. */
  listExports: {
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(200) }),
    output: z.object({ exports: z.array(orderExportSchema) }),
  },
  /** The consolidated pick list of the accepted orders for a delivery date, as XLSX or a printable A4 PDF. */
  pickList: {
    input: pickListInputSchema,
    output: downloadFileSchema.extend({ orderCount: z.number().int(), itemCount: z.number().int() }),
  },
  /** Adds or updates stores from a CSV or XLSX file (code, name, price type, delivery days, contact, phone, e-mail), all or none. */
  importStores: {
    input: z.object({ fileId: z.string().min(1).max(200) }),
    output: z.object({ saved: z.number().int() }),
  },
  // Manager mode: price list publishing (startPriceListImport with publish: false stages a list for review)
  /** The list waiting to be published, the published one, and what publishing would change (added, removed, price changed). */
  getStagedPriceList: {
    input: z.object({}),
    output: stagedPriceListSchema,
  },
  /** Makes the staged list current: the published version stores get by sync and orders are checked against. */
  publishPriceList: {
    input: z.object({}),
    output: z.object({ priceList: priceListInfoSchema }),
  },
  discardStagedPriceList: {
    input: z.object({}),
    output: z.object({ discarded: z.boolean() }),
  },
  /** The published price list as a Porter price list file for one store of the directory, with its price type. */
  exportStorePriceList: {
    input: z.object({ customerCode: z.string().min(1).max(100) }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  // Manager mode: insights (shared/insightsView.ts)
  /** Due and overdue stores by their own rhythm, slipping stores, stopped items, gaps per store, seasonality. */
  getInsights: {
    input: z.object({}),
    output: insightsOverviewSchema,
  },
  /** One store: contact, order history, rhythm, trend, top items, stopped items, gaps, latest orders. */
  getStoreCard: {
    input: storeCardInputSchema,
    output: storeCardSchema,
  },
  /** A store's assortment gaps as XLSX or CSV, the most likely additions first, for the shell to save. */
  exportGapList: {
    input: gapListInputSchema,
    output: downloadFileSchema,
  },
  /** Store mode: hints for a draft from the store's own sent orders (usual weekday per category, items it stopped ordering). */
  getOrderHints: {
    input: z.object({ orderId }),
    output: orderHintsSchema,
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
