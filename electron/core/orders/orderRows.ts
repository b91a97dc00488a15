import type { Item, OrderHeader, OrderStatus, PriceListInfo } from '../../../shared/domain';
import type { VatRate } from '../../../shared/money';
import type { StoredLine } from './lineChecks';

/** What the orders module needs from the current price list (the catalog reader provides it). */
export interface PriceListLookup {
  readonly info: PriceListInfo;
  itemByCode(code: string): Item | null;
  itemByBarcode(barcode: string): Item | null;
}

/** A new draft's lines and the VAT basis their prices are stated in. */
export interface DraftContent {
  origin: string;
  lines: StoredLine[];
  priceListId: string | null;
  pricesIncludeVat: boolean;
}

export interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  exported_at: string | null;
  delivery_date: string | null;
  comment: string;
  origin: string;
  price_list_id: string | null;
  prices_include_vat: number;
  min_order_kopecks: number | null;
  line_count: number | null;
  gross_kopecks: number | null;
}

export interface LineRow {
  item_code: string;
  name: string;
  barcode: string;
  unit: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  vat_rate: number;
  stock: number | null;
  quantity: number;
  repriced_from_kopecks: number | null;
}

export const LINE_COLUMNS =
  'item_code, name, barcode, unit, pack_multiple, min_order_quantity, price_kopecks, vat_rate, stock, quantity, repriced_from_kopecks';

/** The columns every view of an order shows. */
export function orderHeader(row: OrderRow): OrderHeader {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    exportedAt: row.exported_at,
    deliveryDate: row.delivery_date,
    comment: row.comment,
  };
}

export function toStoredLine(row: LineRow): StoredLine {
  return {
    itemCode: row.item_code,
    name: row.name,
    barcode: row.barcode,
    unit: row.unit,
    packMultiple: row.pack_multiple,
    minOrderQuantity: row.min_order_quantity,
    priceKopecks: row.price_kopecks,
    vatRate: row.vat_rate as VatRate,
    stock: row.stock,
    quantity: row.quantity,
    repricedFromKopecks: row.repriced_from_kopecks,
  };
}

/** The values of a line in LINE_COLUMNS order, for an INSERT. */
export function lineValues(line: StoredLine): (string | number | null)[] {
  return [
    line.itemCode,
    line.name,
    line.barcode,
    line.unit,
    line.packMultiple,
    line.minOrderQuantity,
    line.priceKopecks,
    line.vatRate,
    line.stock,
    line.quantity,
    line.repricedFromKopecks,
  ];
}

export function orderNumber(sequence: number): string {
  return `P-${String(sequence).padStart(6, '0')}`;
}

const MAX_CACHED_ITEMS = 20_000;
const itemCaches = new WeakMap<PriceListLookup, Map<string, Item | null>>();

/**
 * An item by code, remembered per price list: a catalog file never changes once built (a new import is
 * a new reader), and the order panel re-reads the same few hundred lines after every keystroke.
 */
export function itemByCode(catalog: PriceListLookup, code: string): Item | null {
  let cache = itemCaches.get(catalog);
  if (!cache) {
    cache = new Map<string, Item | null>();
    itemCaches.set(catalog, cache);
  }
  const known = cache.get(code);
  if (known !== undefined) return known;
  if (cache.size >= MAX_CACHED_ITEMS) cache.clear();
  const item = catalog.itemByCode(code);
  cache.set(code, item);
  return item;
}
