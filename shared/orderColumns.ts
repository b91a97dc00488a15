/**
 * The columns of an order as a table (one row per order line, the order's own fields repeated on
 * each), which an order file's headings are mapped to. No zod here: the renderer imports it too.
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
