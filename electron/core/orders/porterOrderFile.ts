import type { Order } from '../../../shared/domain';

/** Porter's own order file, version 1. Its JSON Schema is docs/schemas/porter-order.v1.schema.json. */
export const PORTER_ORDER_FORMAT = 'porter.order';
export const PORTER_ORDER_VERSION = 1;

export function porterOrderFileName(order: Order): string {
  // The order id in the name: exporting twice never looks like a second order to the supplier.
  return `porter-order-${order.number}-${order.id}.json`;
}

export function writePorterOrderFile(order: Order, exportedAt: string, appVersion: string): string {
  const file = {
    format: PORTER_ORDER_FORMAT,
    version: PORTER_ORDER_VERSION,
    generator: `Porter ${appVersion}`,
    exportedAt,
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
  return JSON.stringify(file, null, 2) + '\n';
}
