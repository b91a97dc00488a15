import { z } from 'zod';
import { isoDateSchema, priceListItemSchema, vatRateSchema } from './domain';

/**
 * What crosses between a store and its supplier, whatever carried it (a file, the exchange API):
 * orders as the manager's inbox receives them, the supplier's line-level confirmations, and
 * Porter's own versioned file formats. Money is in integer kopecks; VAT is rounded per line.
 */
const kopecks = z.number().int();
const quantity = z.number().int().min(0).max(1_000_000_000);
/** HH:MM:SS */
const clockTimeSchema = z.string().regex(/^\d{2}:\d{2}:\d{2}$/);

// ---------------------------------------------------------------------------------------------
// Received orders: what the manager inbox shows, read from CommerceML, Porter JSON, CSV or XLSX.
// ---------------------------------------------------------------------------------------------

export const RECEIVED_ORDER_FORMATS = ['commerceml', 'porter-json', 'csv', 'xlsx'] as const;

export const receivedOrderLineSchema = z.object({
  lineNumber: z.number().int().min(1),
  /** The supplier's own id of the item (CommerceML Товар/Ид: a 1C GUID, or "product#characteristic"); '' when the file has none. */
  itemId: z.string(),
  /** The code or article the store ordered by; the item id when the document has neither. */
  itemCode: z.string(),
  /** EAN/GTIN as text, several separated by spaces; '' when absent. */
  barcode: z.string(),
  name: z.string(),
  /** Short unit name as shown on the line ("шт"). */
  unit: z.string(),
  /** The unit's OKEI code as written ("796"), kept as text; '' when absent. */
  unitCode: z.string(),
  /** In the line's unit; 1C writes fractions for weighed goods. */
  quantity: z.number().min(0),
  priceKopecks: kopecks,
  /** As the document states it (1C's own rounding), never recomputed. */
  amountKopecks: kopecks,
  /** In percent as written (historical 18 % included); null when the document states no rate. */
  vatRate: z.number().min(0).max(100).nullable(),
  /** As stated, else computed from the rate on this line; null when neither is known. */
  vatKopecks: kopecks.nullable(),
  /** Whether amountKopecks already contains the VAT (CommerceML УчтеноВСумме). */
  vatIncluded: z.boolean(),
});
export type ReceivedOrderLine = z.infer<typeof receivedOrderLineSchema>;

export const receivedOrderTotalsSchema = z.object({
  /** What the buyer pays: the document's stated sum, or computed from its lines when it states none. */
  grossKopecks: kopecks,
  /** The VAT in or on top of the lines (stated, else the sum of the lines' VAT; 0 when none is known). */
  vatKopecks: kopecks,
  /** grossKopecks − vatKopecks. */
  netKopecks: kopecks,
  /** The sum of the lines' amounts as stated. */
  linesKopecks: kopecks,
  /** False when VAT is added on top of the lines (УчтеноВСумме=false). */
  vatIncluded: z.boolean(),
  /**
   * Whether the stated total equals the lines (plus the VAT when it is added on top). A file's
   * total is never trusted or corrected silently: a mismatch is shown to the manager.
   */
  matchesLines: z.boolean(),
});
export type ReceivedOrderTotals = z.infer<typeof receivedOrderTotalsSchema>;

/** Where the supplier's back office says the order is (CommerceML ЗначенияРеквизитов); null: not stated. */
export const receivedOrderStatusSchema = z.object({
  /** "Статус заказа", e.g. "[N] Принят, ожидается оплата". */
  text: z.string().nullable(),
  /** "Статуса заказа ИД" / "Статус заказа ИД" (a 1C-Bitrix status letter such as N, P, F). */
  code: z.string().nullable(),
  /** "Отменен" */
  cancelled: z.boolean().nullable(),
  /** "Проведен": the back office has posted the document. */
  posted: z.boolean().nullable(),
  /** "Заказ оплачен" */
  paid: z.boolean().nullable(),
  /** "Доставка разрешена" */
  shipmentAllowed: z.boolean().nullable(),
  /** "Финальный статус" */
  final: z.boolean().nullable(),
  /** ПометкаУдаления: marked for deletion in the back office. */
  deleted: z.boolean().nullable(),
  /** "Дата изменения статуса", as written. */
  changedAt: z.string().nullable(),
  /** "Номер оплаты по 1С" / "Дата оплаты по 1С" */
  paymentNumber: z.string().nullable(),
  paymentDate: z.string().nullable(),
  /** "Номер отгрузки по 1С" / "Дата отгрузки по 1С" */
  shipmentNumber: z.string().nullable(),
  shipmentDate: z.string().nullable(),
});
export type ReceivedOrderStatus = z.infer<typeof receivedOrderStatusSchema>;

export const receivedOrderSchema = z.object({
  format: z.enum(RECEIVED_ORDER_FORMATS),
  /** The document's id: a Porter order id for orders Porter wrote (the idempotency key), CommerceML Ид otherwise. */
  id: z.string(),
  /** The number the sender gave it (Номер). */
  number: z.string(),
  date: isoDateSchema.nullable(),
  time: clockTimeSchema.nullable(),
  /** The back office's own number and date (Номер1С, Дата1С) once 1C has taken the order in. */
  number1c: z.string().nullable(),
  date1c: isoDateSchema.nullable(),
  /** ХозОперация, "Заказ товара" for orders. */
  operation: z.string(),
  /** Роль of the sender: "Покупатель" when a store wrote it, "Продавец" when a site or 1C did. */
  role: z.string(),
  currency: z.string(),
  customer: z.object({
    /** Контрагент/Ид */
    id: z.string(),
    /** The store's customer code at the supplier, when the document states it. */
    code: z.string(),
    name: z.string(),
  }),
  comment: z.string(),
  deliveryDate: isoDateSchema.nullable(),
  lines: z.array(receivedOrderLineSchema),
  totals: receivedOrderTotalsSchema,
  status: receivedOrderStatusSchema,
  /** Every document-level ЗначениеРеквизита as written, names and values as text. */
  requisites: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type ReceivedOrder = z.infer<typeof receivedOrderSchema>;

export const NO_RECEIVED_ORDER_STATUS: ReceivedOrderStatus = {
  text: null,
  code: null,
  cancelled: null,
  posted: null,
  paid: null,
  shipmentAllowed: null,
  final: null,
  deleted: null,
  changedAt: null,
  paymentNumber: null,
  paymentDate: null,
  shipmentNumber: null,
  shipmentDate: null,
};

// ---------------------------------------------------------------------------------------------
// Confirmations: the supplier's answer to an order, line by line (like an EDI ORDRSP).
// ---------------------------------------------------------------------------------------------

/** Where the order stands at the supplier. */
export const SUPPLIER_ORDER_STATUSES = ['received', 'accepted', 'partiallyAccepted', 'rejected', 'onHold', 'shipped', 'cancelled'] as const;
export const supplierOrderStatusSchema = z.enum(SUPPLIER_ORDER_STATUSES);
export type SupplierOrderStatus = z.infer<typeof supplierOrderStatusSchema>;

/**
 * confirmed: delivered as ordered; cut: fewer (0 = not delivered); replaced: another item
 * is delivered instead (replacement says which, confirmedQuantity how many of it).
 */
export const CONFIRMATION_LINE_STATES = ['confirmed', 'cut', 'replaced'] as const;

const confirmationItemSchema = z.strictObject({
  itemCode: z.string().min(1).max(200),
  name: z.string(),
  barcode: z.string(),
  unit: z.string(),
});

export const confirmationLineSchema = z
  .strictObject({
    /** The order's line number (one-based, as in the order file). */
    lineNumber: z.number().int().min(1),
    itemCode: z.string().min(1).max(200),
    orderedQuantity: quantity,
    state: z.enum(CONFIRMATION_LINE_STATES),
    confirmedQuantity: quantity,
    /** The price the supplier will invoice, per unit. */
    priceKopecks: kopecks.min(0),
    vatRate: vatRateSchema,
    replacement: confirmationItemSchema.nullable(),
    comment: z.string().max(2000),
  })
  .superRefine((line, ctx) => {
    const problem =
      line.state === 'confirmed' && line.confirmedQuantity !== line.orderedQuantity
        ? 'a confirmed line delivers the ordered quantity'
        : line.state === 'cut' && line.confirmedQuantity >= line.orderedQuantity
          ? 'a cut line delivers less than was ordered'
          : line.state === 'replaced' && line.replacement === null
            ? 'a replaced line names its replacement'
            : line.state !== 'replaced' && line.replacement !== null
              ? 'only a replaced line has a replacement'
              : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['state'] });
  });
export type ConfirmationLine = z.infer<typeof confirmationLineSchema>;

export const orderConfirmationSchema = z.strictObject({
  /** The order's id as the store generated it. */
  orderId: z.string().min(1).max(100),
  orderNumber: z.string(),
  /** Unique per answer: a supplier may confirm an order more than once; the latest confirmedAt wins. */
  confirmationId: z.string().min(1).max(100),
  confirmedAt: z.iso.datetime({ offset: true }),
  status: supplierOrderStatusSchema,
  /** The order's number in the supplier's back office (1C), '' when not known yet. */
  supplierNumber: z.string(),
  deliveryDate: isoDateSchema.nullable(),
  comment: z.string().max(2000),
  pricesIncludeVat: z.boolean(),
  lines: z.array(confirmationLineSchema),
  /** Of the confirmed quantities at the confirmed prices, VAT rounded per line. */
  totals: z.strictObject({ netKopecks: kopecks, vatKopecks: kopecks, grossKopecks: kopecks }),
});
export type OrderConfirmation = z.infer<typeof orderConfirmationSchema>;

// ---------------------------------------------------------------------------------------------
// Porter's own files. Each carries its format name and version; JSON Schemas in docs/schemas/.
// ---------------------------------------------------------------------------------------------

export const PORTER_PRICE_LIST_FORMAT = 'porter.price-list';
export const PORTER_CONFIRMATION_FORMAT = 'porter.confirmation';
export const PORTER_ORDER_FORMAT = 'porter.order';
export const PORTER_FILE_VERSION = 1;

export const porterPriceListItemSchema = z.strictObject({
  ...priceListItemSchema.omit({ category: true }).shape,
  code: z.string().min(1).max(100),
  name: z.string().min(1).max(1000),
  /** The item's category in `categories`, or null. */
  categoryId: z.string().nullable(),
});
export type PorterPriceListItem = z.infer<typeof porterPriceListItemSchema>;

export const porterPriceListSchema = z.strictObject({
  /** Changes with every publication; a store asks for changes since the id it has. */
  id: z.string().min(1).max(100),
  supplierName: z.string().max(200),
  /** The price type these prices are for (CommerceML ТипЦены), '' for the default. */
  priceType: z.string().max(200),
  currency: z.literal('RUB'),
  pricesIncludeVat: z.boolean(),
  minOrderKopecks: kopecks.min(0).nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
  /** Parents before their children. */
  categories: z.array(
    z.strictObject({ id: z.string().min(1).max(200), name: z.string().min(1).max(1000), parentId: z.string().nullable() }),
  ),
  items: z.array(porterPriceListItemSchema),
});
export type PorterPriceList = z.infer<typeof porterPriceListSchema>;

export const porterPriceListFileSchema = z.strictObject({
  format: z.literal(PORTER_PRICE_LIST_FORMAT),
  version: z.literal(PORTER_FILE_VERSION),
  generator: z.string(),
  exportedAt: z.iso.datetime({ offset: true }),
  priceList: porterPriceListSchema,
});
export type PorterPriceListFile = z.infer<typeof porterPriceListFileSchema>;

export const porterConfirmationFileSchema = z.strictObject({
  format: z.literal(PORTER_CONFIRMATION_FORMAT),
  version: z.literal(PORTER_FILE_VERSION),
  generator: z.string(),
  exportedAt: z.iso.datetime({ offset: true }),
  confirmation: orderConfirmationSchema,
});
export type PorterConfirmationFile = z.infer<typeof porterConfirmationFileSchema>;

const porterOrderLineSchema = z.strictObject({
  lineNumber: z.number().int().min(1),
  itemCode: z.string().min(1),
  name: z.string(),
  barcode: z.string(),
  unit: z.string(),
  quantity: z.number().int().min(1),
  priceKopecks: kopecks.min(0),
  vatRate: vatRateSchema,
  amountKopecks: kopecks,
  vatKopecks: kopecks,
});

const vatRateTotalSchema = z.strictObject({ rate: vatRateSchema, netKopecks: kopecks, vatKopecks: kopecks, grossKopecks: kopecks });

/**
 * The store an order file comes from, as its profile names it (added within version 1): how a file
 * dropped into the supplier's folder or opened by the manager says whose order it is. Absent in
 * files written before it, and when the store has not filled in its profile.
 */
export const porterOrderStoreSchema = z.strictObject({
  name: z.string().max(200),
  /** The store's customer code at the supplier, as text; '' when the store does not know it. */
  customerCode: z.string().max(100),
});
export type PorterOrderStore = z.infer<typeof porterOrderStoreSchema>;

/** The order file Porter has written since its first release (docs/schemas/porter-order.v1.schema.json). */
export const porterOrderFileSchema = z.strictObject({
  format: z.literal(PORTER_ORDER_FORMAT),
  version: z.literal(PORTER_FILE_VERSION),
  generator: z.string(),
  exportedAt: z.iso.datetime({ offset: true }),
  store: porterOrderStoreSchema.optional(),
  order: z.strictObject({
    id: z.string().min(1),
    number: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    deliveryDate: isoDateSchema.optional(),
    comment: z.string().max(2000).optional(),
    priceListId: z.string().nullable(),
    currency: z.literal('RUB'),
    pricesIncludeVat: z.boolean(),
    lines: z.array(porterOrderLineSchema),
    totals: z.strictObject({ netKopecks: kopecks, vatKopecks: kopecks, grossKopecks: kopecks, byRate: z.array(vatRateTotalSchema) }),
  }),
});
export type PorterOrderFile = z.infer<typeof porterOrderFileSchema>;
