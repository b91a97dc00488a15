import type { PorterApi } from '../../../shared/contract';
import { PorterError } from '../../../shared/errors';
import { parseOrderLinesText, type ParsedOrderLines } from '../../../shared/orderLinesText';
import { smallestValidQuantity, stepQuantity } from '../../../shared/quantity';
import type { PriceListService } from '../catalog/priceListService';
import type { OrderExchange } from '../exchange/exchange';
import type { FileRegistry } from '../files';
import type { PdfFonts } from '../resources';
import type { StoreProfileService } from '../store/storeProfile';
import { APP_VERSION } from '../version';
import { matchOrderLines, readOrderLinesFile } from './orderLinesImport';
import { orderPdfFileName, renderOrderPdf } from './orderPdf';
import type { OrderService } from './orderService';
import { suggestionsFor } from './orderSuggestions';
import { porterOrderFileName, writePorterOrderFile } from './porterOrderFile';
import { repeatOrigin, repricedDraft, templateOrigin } from './repeatOrder';

export interface OrderApiDeps {
  orders: OrderService;
  priceLists: PriceListService;
  files: FileRegistry;
  store: StoreProfileService;
  /** Fonts the PDF embeds: `pdfFonts(resourcesDir)`. */
  fonts: PdfFonts;
  /** Exchange: submission through the outbox, and the delivery and confirmation shown on sent orders. */
  exchange?: OrderExchange;
}

export type OrderApi = Pick<
  PorterApi,
  | 'getCurrentDraft'
  | 'listDrafts'
  | 'createDraft'
  | 'getOrder'
  | 'deleteDraft'
  | 'setOrderDetails'
  | 'setOrderLineQuantity'
  | 'setOrderLineQuantities'
  | 'acceptLinePrice'
  | 'scanBarcode'
  | 'pasteOrderLines'
  | 'importOrderLines'
  | 'getSuggestions'
  | 'submitOrder'
  | 'exportOrder'
  | 'orderPdf'
  | 'listOrderHistory'
  | 'repeatOrder'
  | 'saveTemplate'
  | 'listTemplates'
  | 'deleteTemplate'
  | 'startFromTemplate'
>;

/** The order methods of the contract, over the order service and the current price list. */
export function createOrderApi({ orders, priceLists, files, store, fonts, exchange }: OrderApiDeps): OrderApi {
  const addLines = (orderId: string, parsed: ParsedOrderLines) => {
    const { additions, report } = matchOrderLines(parsed, priceLists.current);
    if (additions.length > 0) orders.addQuantities(orderId, additions);
    return { order: orders.get(orderId), report };
  };

  return {
    getCurrentDraft: async () => orders.currentDraft(),
    listDrafts: async () => ({ drafts: orders.listDrafts() }),
    createDraft: async () => orders.get(orders.createDraft()),
    getOrder: async ({ orderId }) => (exchange ? exchange.annotate(orders.get(orderId)) : orders.get(orderId)),
    deleteDraft: async ({ orderId }) => ({ deleted: orders.deleteDraft(orderId) }),
    setOrderDetails: async ({ orderId, deliveryDate, comment }) => orders.setDetails(orderId, deliveryDate, comment),
    setOrderLineQuantity: async ({ orderId, itemCode, quantity }) => orders.setLineQuantity(orderId, itemCode, quantity),
    setOrderLineQuantities: async ({ orderId, lines }) => orders.setLineQuantities(orderId, lines),
    acceptLinePrice: async ({ orderId, itemCode }) => orders.acceptLinePrice(orderId, itemCode),

    scanBarcode: async ({ orderId, barcode }) => {
      const draft = orders.draft(orderId);
      const item = priceLists.current?.itemByBarcode(barcode.trim()) ?? null;
      if (!item) throw new PorterError('BARCODE_NOT_FOUND', `No item with barcode ${barcode} in the current price list`, { barcode });
      const rules = { packMultiple: item.packMultiple, minOrderQuantity: item.minOrderQuantity, stock: null };
      const existing = draft.lines.find((l) => l.itemCode === item.code);
      const quantity = existing ? stepQuantity(existing.quantity, 1, rules) : smallestValidQuantity(rules);
      return { order: orders.setLineQuantity(orderId, item.code, quantity), itemCode: item.code, quantity };
    },
    pasteOrderLines: async ({ orderId, text }) => {
      orders.draft(orderId);
      return addLines(orderId, parseOrderLinesText(text));
    },
    importOrderLines: async ({ orderId, fileId }) => {
      orders.draft(orderId);
      const file = files.get(fileId);
      return addLines(orderId, await readOrderLinesFile(file.path, file.name));
    },
    getSuggestions: async ({ orderId }) => suggestionsFor(orders.get(orderId), orders.history, priceLists.current, orders.now()),

    submitOrder: async ({ orderId }) => (exchange ? exchange.submit(orderId) : orders.submit(orderId)),
    exportOrder: async ({ orderId }) => {
      const order = orders.markExported(orderId);
      return {
        fileName: porterOrderFileName(order),
        content: writePorterOrderFile(order, order.exportedAt!, APP_VERSION, store.profile()),
      };
    },
    orderPdf: async ({ orderId }) => {
      const order = orders.get(orderId);
      const profile = store.profile();
      const current = priceLists.currentInfo;
      const pdf = await renderOrderPdf({
        order,
        store: profile,
        supplierName: current?.supplierName ?? '',
        priceListName: orders.priceListName(order.priceListId) ?? current?.sourceName ?? '',
        locale: profile.locale,
        fonts,
      });
      return { fileName: orderPdfFileName(order), base64: pdf.toString('base64') };
    },
    listOrderHistory: async ({ query, limit }) => {
      const history = orders.history.list(query, limit);
      return { orders: exchange ? exchange.annotateSummaries(history) : history };
    },

    repeatOrder: async ({ orderId }) => {
      const source = orders.get(orderId);
      const lines = orders.storedLines(orderId);
      if (lines.length === 0) throw new PorterError('ORDER_EMPTY', `Order ${source.number} has no lines to repeat`);
      const content = repricedDraft(repeatOrigin(source.number), { ...source, lines }, priceLists.current);
      return orders.get(orders.createDraft(content));
    },
    saveTemplate: async ({ orderId, name }) => {
      const order = orders.get(orderId);
      return orders.templates.save(name, orders.storedLines(orderId), order.pricesIncludeVat);
    },
    listTemplates: async () => ({ templates: orders.templates.list() }),
    deleteTemplate: async ({ templateId }) => ({ deleted: orders.templates.delete(templateId) }),
    startFromTemplate: async ({ templateId }) => {
      const template = orders.templates.get(templateId);
      const content = repricedDraft(templateOrigin(template.name), { ...template, priceListId: null }, priceLists.current);
      return orders.get(orders.createDraft(content));
    },
  };
}
