import fs from 'node:fs';
import path from 'node:path';
import { writeCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersWriter';
import { writeOrdersCsv, writeOrdersXlsx } from '../../electron/core/formats/orderTable/orderTableWriter';
import { writePorterOrderFile } from '../../electron/core/orders/porterOrderFile';
import type { StoreProfile } from '../../shared/domain';
import { buildOrder, type LineSpec } from './commerceml';

/** The order file formats a supplier's manager gets from stores: Porter JSON, CommerceML, CSV, XLSX. */
export const ORDER_FILE_FORMATS = ['json', 'xml', 'csv', 'xlsx'] as const;
export type OrderFileFormat = (typeof ORDER_FILE_FORMATS)[number];

export interface OrderFileSpec {
  store: { customerCode: string; name: string };
  /** The order's document id (deterministic, unique per order). */
  id: string;
  number: string;
  format: OrderFileFormat;
  deliveryDate: string | null;
  lines: LineSpec[];
  /** When the store made it (ISO instant). */
  createdAt: string;
}

/** A store's own order as its Porter would hold it, priced with VAT included. */
function orderOf(spec: OrderFileSpec) {
  return buildOrder(spec.lines, {
    id: spec.id,
    number: spec.number,
    createdAt: spec.createdAt,
    updatedAt: spec.createdAt,
    exportedAt: spec.createdAt,
    deliveryDate: spec.deliveryDate,
    comment: '',
    priceListId: null,
  });
}

const profileOf = (store: OrderFileSpec['store']): StoreProfile => ({
  storeName: store.name,
  customerCode: store.customerCode,
  priceType: '',
  locale: 'ru',
});

export function orderFileName(spec: OrderFileSpec): string {
  return `order-${spec.store.customerCode}-${spec.number}.${spec.format}`;
}

/**
 * Writes one order as a store (or its 1C) sends it, in the spec's format, with the store named the way
 * that format names it (Porter JSON's `store`, CommerceML's Контрагент, the table's customer columns).
 */
export async function writeOrderFile(dir: string, spec: OrderFileSpec): Promise<string> {
  const order = orderOf(spec);
  const store = profileOf(spec.store);
  const file = path.join(dir, orderFileName(spec));
  switch (spec.format) {
    case 'json':
      fs.writeFileSync(file, writePorterOrderFile(order, spec.createdAt, '0.1.0', store));
      break;
    case 'xml':
      fs.writeFileSync(file, writeCommerceMlOrders([order], { store, generatedAt: spec.createdAt.slice(0, 19), offsetMinutes: 180 }));
      break;
    case 'csv':
      fs.writeFileSync(file, writeOrdersCsv([order], { store, offsetMinutes: 180 }));
      break;
    case 'xlsx':
      fs.writeFileSync(file, await writeOrdersXlsx([order], { store, offsetMinutes: 180 }));
      break;
  }
  return file;
}

/**
 * An order table with one quantity that is not a number: the row and column a reader must name.
 * Returns the file and the row (1-based, as a spreadsheet counts) holding the bad cell.
 */
export function writeBrokenCsvOrder(dir: string, spec: Omit<OrderFileSpec, 'format'>): { file: string; row: number } {
  const rows = writeOrdersCsv([orderOf({ ...spec, format: 'csv' })], { store: profileOf(spec.store), offsetMinutes: 180 }).split('\r\n');
  const heading = rows[0]!.replace(/^\uFEFF/, '').split(';');
  const quantityColumn = heading.indexOf('Количество');
  if (quantityColumn < 0) throw new Error('the order table has no Количество column');
  const row = 3;
  const cells = rows[row - 1]!.split(';');
  cells[quantityColumn] = 'два';
  rows[row - 1] = cells.join(';');
  const file = path.join(dir, orderFileName({ ...spec, format: 'csv' }));
  fs.writeFileSync(file, rows.join('\r\n'));
  return { file, row };
}
