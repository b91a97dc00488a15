/** The fields of a price list row that an import maps file columns onto. */
export const PRICE_LIST_FIELDS = [
  'code',
  'name',
  'barcode',
  'unit',
  'packMultiple',
  'minOrderQuantity',
  'price',
  'stock',
  'vatRate',
  'category',
] as const;
export type PriceListField = (typeof PRICE_LIST_FIELDS)[number];

/** Fields without which a row cannot become an item. */
export const REQUIRED_PRICE_LIST_FIELDS: readonly PriceListField[] = ['code', 'name', 'price'];
