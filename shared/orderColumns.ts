/**
 * The columns of an order table that an order file's headings can be mapped to (no zod here: the
 * renderer imports it). electron/core/formats/orderTable/orderTableColumns.ts checks it lists the same.
 */
export const ORDER_COLUMN_NAMES = [
  'number',
  'date',
  'store',
  'customerCode',
  'itemCode',
  'barcode',
  'name',
  'unit',
  'quantity',
  'price',
  'vatRate',
  'amount',
  'vat',
  'vatIncluded',
  'deliveryDate',
  'comment',
  'orderId',
] as const;
export type OrderColumnName = (typeof ORDER_COLUMN_NAMES)[number];
