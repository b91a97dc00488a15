import type { Order, StoreProfile } from '../../../shared/domain';
import {
  PORTER_FILE_VERSION,
  PORTER_ORDER_FORMAT as ORDER_FORMAT,
  porterOrderFileSchema,
  type PorterOrderFile,
  type PorterOrderStore,
  type ReceivedOrder,
} from '../../../shared/exchange';
import { NO_RECEIVED_ORDER_STATUS } from '../../../shared/exchange';
import { localDateTime, orderCustomer, receivedTotals } from '../formats/orderDocument';
import { fileFieldError, readPorterJson } from '../formats/porterJson/porterJsonFile';

/** Porter's own order file, version 1. Its JSON Schema is docs/schemas/porter-order.v1.schema.json. */
export const PORTER_ORDER_FORMAT = ORDER_FORMAT;
export const PORTER_ORDER_VERSION = PORTER_FILE_VERSION;

export function porterOrderFileName(order: Order): string {
  // The order id in the name: exporting twice never looks like a second order to the supplier.
  return `porter-order-${order.number}-${order.id}.json`;
}

/** The store an order file names, from the store's profile: absent when the profile names neither. */
export function porterOrderStore(profile: Pick<StoreProfile, 'storeName' | 'customerCode'> | undefined): PorterOrderStore | undefined {
  if (!profile) return undefined;
  const store = { name: profile.storeName.trim(), customerCode: profile.customerCode.trim() };
  return store.name === '' && store.customerCode === '' ? undefined : store;
}

/**
 * The file's content as an object, before it is written. `store` is the sending store's profile: a file
 * carried through an exchange folder says by it whose order it is (the exchange API knows the store by its token).
 */
export function porterOrderDocument(
  order: Order,
  exportedAt: string,
  appVersion: string,
  store?: Pick<StoreProfile, 'storeName' | 'customerCode'>,
): PorterOrderFile {
  const from = porterOrderStore(store);
  return {
    format: PORTER_ORDER_FORMAT,
    version: PORTER_ORDER_VERSION,
    generator: `Porter ${appVersion}`,
    exportedAt,
    // Written only when the profile names the store, like the optional order fields below.
    ...(from ? { store: from } : {}),
    order: {
      id: order.id,
      number: order.number,
      createdAt: order.createdAt,
      // Written only when set: an order without them is exactly what a first version-1 reader expects.
      ...(order.deliveryDate !== null ? { deliveryDate: order.deliveryDate } : {}),
      ...(order.comment !== '' ? { comment: order.comment } : {}),
      priceListId: order.priceListId,
      currency: 'RUB',
      pricesIncludeVat: order.pricesIncludeVat,
      lines: order.lines.map((line, index) => ({
        lineNumber: index + 1,
        itemCode: line.itemCode,
        name: line.name,
        barcode: line.barcode,
        unit: line.unit,
        quantity: line.quantity,
        priceKopecks: line.priceKopecks,
        vatRate: line.vatRate,
        amountKopecks: line.amountKopecks,
        vatKopecks: line.vatKopecks,
      })),
      totals: order.totals,
    },
  };
}

export function serializePorterOrderFile(file: PorterOrderFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

export function writePorterOrderFile(
  order: Order,
  exportedAt: string,
  appVersion: string,
  store?: Pick<StoreProfile, 'storeName' | 'customerCode'>,
): string {
  return serializePorterOrderFile(porterOrderDocument(order, exportedAt, appVersion, store));
}

/**
 * Reads an order file (this Porter's or a store's older one): validated against version 1, every
 * error naming the file and field. Writing what it returns gives back the same bytes.
 */
export function readPorterOrderFile(text: string, fileName: string): PorterOrderFile {
  const file = readPorterJson(text, fileName, PORTER_ORDER_FORMAT, PORTER_ORDER_VERSION, porterOrderFileSchema);
  file.order.lines.forEach((line, index) => {
    if (line.lineNumber !== index + 1) {
      throw fileFieldError(fileName, `order.lines[${index}].lineNumber`, `expected ${index + 1}, the lines are numbered in order`);
    }
    if (line.amountKopecks !== line.priceKopecks * line.quantity) {
      throw fileFieldError(fileName, `order.lines[${index}].amountKopecks`, 'is not priceKopecks × quantity');
    }
  });
  return file;
}

/**
 * The customer a file names in its `store` field, as the other Porter writers name it (orderCustomer);
 * all empty for a file without one: the order book files it under no store and its checks flag it.
 */
export function porterFileCustomer(file: PorterOrderFile): ReceivedOrder['customer'] {
  return file.store ? orderCustomer({ storeName: file.store.name, customerCode: file.store.customerCode }) : { id: '', code: '', name: '' };
}

/** An order file as the supplier's inbox shows it. */
export function receivedOrderFromPorterFile(
  file: PorterOrderFile,
  customer: ReceivedOrder['customer'],
  offsetMinutes?: number,
): ReceivedOrder {
  const { order } = file;
  // Dated when it was exported, as the other formats date an order (orderMoment): what the supplier received.
  const { date, time } = localDateTime(file.exportedAt, offsetMinutes);
  return {
    format: 'porter-json',
    id: order.id,
    number: order.number,
    date,
    time,
    number1c: null,
    date1c: null,
    operation: 'Заказ товара',
    role: 'Покупатель',
    currency: order.currency,
    customer,
    comment: order.comment ?? '',
    deliveryDate: order.deliveryDate ?? null,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemId: '',
      itemCode: line.itemCode,
      barcode: line.barcode,
      name: line.name,
      unit: line.unit,
      unitCode: '',
      quantity: line.quantity,
      priceKopecks: line.priceKopecks,
      amountKopecks: line.amountKopecks,
      vatRate: line.vatRate,
      vatKopecks: line.vatKopecks,
      vatIncluded: order.pricesIncludeVat,
    })),
    totals: receivedTotals(order.totals, order.lines, order.pricesIncludeVat),
    status: NO_RECEIVED_ORDER_STATUS,
    requisites: [],
  };
}
