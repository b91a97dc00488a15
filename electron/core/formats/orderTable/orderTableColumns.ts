import { ORDER_COLUMN_NAMES, type OrderColumnName } from '../../../../shared/orderColumns';
import { normalizeSearchText } from '../../../../shared/search';

/** The columns of an order as a table: one row per order line, the order's own fields repeated on each. */
export const ORDER_TABLE_COLUMNS = ORDER_COLUMN_NAMES;
export type OrderTableColumn = OrderColumnName;

/** Columns holding text (codes kept as text, never numbers); the rest are numbers, dates and yes/no. */
export const TEXT_COLUMNS: ReadonlySet<OrderTableColumn> = new Set([
  'number',
  'store',
  'customerCode',
  'itemCode',
  'barcode',
  'name',
  'unit',
  'comment',
  'orderId',
]);

export const ORDER_TABLE_HEADINGS: Record<'ru' | 'en', Record<OrderTableColumn, string>> = {
  ru: {
    number: 'Номер заказа',
    date: 'Дата',
    store: 'Магазин',
    customerCode: 'Код клиента',
    itemCode: 'Код',
    barcode: 'Штрихкод',
    name: 'Наименование',
    unit: 'Ед.',
    quantity: 'Количество',
    price: 'Цена',
    vatRate: 'НДС, %',
    amount: 'Сумма',
    vat: 'Сумма НДС',
    vatIncluded: 'НДС в цене',
    deliveryDate: 'Дата доставки',
    comment: 'Комментарий',
    orderId: 'Ид заказа',
  },
  en: {
    number: 'Order number',
    date: 'Date',
    store: 'Store',
    customerCode: 'Customer code',
    itemCode: 'Code',
    barcode: 'Barcode',
    name: 'Name',
    unit: 'Unit',
    quantity: 'Quantity',
    price: 'Price',
    vatRate: 'VAT, %',
    amount: 'Amount',
    vat: 'VAT amount',
    vatIncluded: 'VAT included',
    deliveryDate: 'Delivery date',
    comment: 'Comment',
    orderId: 'Order id',
  },
};

const SYNONYMS: Record<OrderTableColumn, string[]> = {
  number: ['номер заказа', 'номер', 'заказ', 'order number', 'order no', 'order'],
  date: ['дата', 'дата заказа', 'date', 'order date'],
  store: ['магазин', 'покупатель', 'клиент', 'контрагент', 'store', 'customer', 'buyer'],
  customerCode: ['код клиента', 'код покупателя', 'код контрагента', 'customer code'],
  itemCode: ['код', 'код товара', 'артикул', 'sku', 'code', 'item code', 'article'],
  barcode: ['штрихкод', 'штрих код', 'шк', 'ean', 'barcode', 'gtin'],
  name: ['наименование', 'номенклатура', 'товар', 'name', 'item', 'product'],
  unit: ['ед', 'ед изм', 'единица', 'unit', 'uom'],
  quantity: ['количество', 'кол во', 'колво', 'кол', 'qty', 'quantity'],
  price: ['цена', 'price'],
  vatRate: ['ндс %', 'ставка ндс', 'ндс', 'vat %', 'vat rate', 'vat'],
  amount: ['сумма', 'amount', 'sum', 'total'],
  vat: ['сумма ндс', 'vat amount'],
  vatIncluded: ['ндс в цене', 'цена с ндс', 'vat included'],
  deliveryDate: ['дата доставки', 'delivery date'],
  comment: ['комментарий', 'comment'],
  orderId: ['ид заказа', 'id заказа', 'order id'],
};
const COLUMN_BY_HEADING = new Map<string, OrderTableColumn>(
  ORDER_TABLE_COLUMNS.flatMap((column) => SYNONYMS[column].map((heading) => [heading, column] as const)),
);

/** The column a heading names ("НДС, %" → vatRate), or null. A Map, so "__proto__" is just an unknown heading. */
export function columnForHeading(heading: string): OrderTableColumn | null {
  const key = normalizeSearchText(heading)
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
  return COLUMN_BY_HEADING.get(key) ?? null;
}

/** Characters that make a spreadsheet read a cell as a formula (and a leading quote, so the escape reverses exactly). */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * A text cell made inert: a value that Excel or LibreOffice would take for a formula ("=HYPERLINK(…)",
 * "+7 900…", "-5%", "@SUM") gets a leading apostrophe, the spreadsheet's own "this is text" mark.
 * A value that starts with an apostrophe gets one more, so reading strips exactly one.
 */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** What inertText did, undone. */
export function fromInertText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}
