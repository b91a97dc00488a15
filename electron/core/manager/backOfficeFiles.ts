import yazl from 'yazl';
import { divideRounded } from '../../../shared/money';
import type { BackOfficeFormat, ReceivedOrderLineView } from '../../../shared/manager';
import {
  COMMERCEML_ORDERS_TAIL,
  commerceMlDocumentXml,
  commerceMlOrdersHead,
  type CommerceMlOrderDocument,
} from '../formats/commerceml/ordersWriter';
import { localDateTime } from '../formats/orderDocument';
import { orderTableRow, writeOrderTableCsv, writeOrderTableXlsx, type OrderTableRow } from '../formats/orderTable/orderTableWriter';

/** A received order as it stands, with what the back office needs to know about its store. */
export interface OrderToExport {
  id: number;
  /** The order's document id as the store sent it. */
  orderId: string;
  number: string;
  storeCode: string;
  /** The store's name in the stores directory, else as the order named it. */
  storeName: string;
  /** YYYY-MM-DD, as the store dated it; time: HH:MM:SS when the order stated one. */
  orderedOn: string;
  time: string | null;
  receivedAt: string;
  deliveryDate: string | null;
  comment: string;
  pricesIncludeVat: boolean;
  lines: ReceivedOrderLineView[];
}

export interface BackOfficeFileOptions {
  /** The supplier's item ids (CommerceML offer Ид) by item code: 1C finds the goods by them. */
  itemIds: ReadonlyMap<string, string>;
  /** Barcodes by item code, from the current price list. */
  barcodeOf: (itemCode: string) => string;
  /** ISO instant the file is made. */
  now: string;
  /** Minutes east of UTC for times written; the machine's zone by default. */
  offsetMinutes?: number;
}

export interface WrittenFile {
  fileName: string;
  bytes: Buffer;
}

/** A line's VAT as the order book counts it: in the amount when prices include VAT, on top otherwise; null rate: none. */
export function lineVat(amountKopecks: number, vatRate: number | null, pricesIncludeVat: boolean): number {
  if (!vatRate) return 0;
  return pricesIncludeVat ? divideRounded(amountKopecks * vatRate, 100 + vatRate) : divideRounded(amountKopecks * vatRate, 100);
}

/** The order's totals from its lines as they stand: gross is what the grid shows (OrderBook.grossOf). */
export function orderTotalsOf(order: Pick<OrderToExport, 'lines' | 'pricesIncludeVat'>): { grossKopecks: number; vatKopecks: number } {
  let amount = 0;
  let vat = 0;
  for (const line of order.lines) {
    amount += line.amountKopecks;
    vat += lineVat(line.amountKopecks, line.vatRate, order.pricesIncludeVat);
  }
  return { grossKopecks: order.pricesIncludeVat ? amount : amount + vat, vatKopecks: vat };
}

/**
 * The CommerceML Ид of an exported order. A Porter order id (a UUID) is unique on its own; any other id
 * is unique only within its store (two Bitrix sites both number from 1), so the store's code goes in front.
 */
export function documentIdOf(order: Pick<OrderToExport, 'orderId' | 'storeCode'>): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(order.orderId)
    ? order.orderId
    : `${order.storeCode}-${order.orderId}`;
}

/** A received order as the CommerceML Документ 1C loads: the store's customer code and name, the lines as the manager left them. */
export function commerceMlDocumentOf(order: OrderToExport, options: BackOfficeFileOptions): CommerceMlOrderDocument {
  const totals = orderTotalsOf(order);
  return {
    id: documentIdOf(order),
    number: order.number,
    date: order.orderedOn,
    time: order.time ?? localDateTime(order.receivedAt, options.offsetMinutes).time,
    customer: { id: order.storeCode, name: order.storeName },
    comment: order.comment,
    pricesIncludeVat: order.pricesIncludeVat,
    grossKopecks: totals.grossKopecks,
    vatKopecks: totals.vatKopecks,
    lines: order.lines.map((line) => ({
      itemId: options.itemIds.get(line.itemCode) ?? line.itemCode,
      itemCode: line.itemCode,
      barcode: options.barcodeOf(line.itemCode),
      name: line.name,
      unit: line.unit,
      priceKopecks: line.priceKopecks,
      quantity: line.quantity,
      amountKopecks: line.amountKopecks,
      vatRate: line.vatRate,
      vatKopecks: lineVat(line.amountKopecks, line.vatRate, order.pricesIncludeVat),
    })),
    requisites: [
      { name: 'Код покупателя', value: order.storeCode },
      ...(order.deliveryDate !== null ? [{ name: 'Дата доставки', value: order.deliveryDate }] : []),
      { name: 'Источник', value: 'Porter' },
    ],
  };
}

/** A received order as rows of Porter's order table (the columns a store's CSV/XLSX order has). */
export function orderTableRowsOf(order: OrderToExport, options: BackOfficeFileOptions): OrderTableRow[] {
  const head = {
    number: order.number,
    date: order.orderedOn,
    store: order.storeName,
    customerCode: order.storeCode,
    deliveryDate: order.deliveryDate,
    comment: order.comment,
    orderId: order.orderId,
    pricesIncludeVat: order.pricesIncludeVat,
  };
  return order.lines.map((line) =>
    orderTableRow(
      head,
      {
        itemCode: line.itemCode,
        barcode: options.barcodeOf(line.itemCode),
        name: line.name,
        unit: line.unit,
        quantity: line.quantity,
        priceKopecks: line.priceKopecks,
        vatRate: line.vatRate,
        amountKopecks: line.amountKopecks,
        vatKopecks: lineVat(line.amountKopecks, line.vatRate, order.pricesIncludeVat),
      },
      // The back office's import templates are Russian, whatever language the manager reads.
      'ru',
    ),
  );
}

const EXTENSIONS: Record<BackOfficeFormat, string> = { commerceml: 'xml', xlsx: 'xlsx', csv: 'csv' };

/** Orders as one file of the format, complete in memory before anyone records it as exported. */
export async function backOfficeFile(
  orders: readonly OrderToExport[],
  format: BackOfficeFormat,
  fileName: string,
  options: BackOfficeFileOptions,
): Promise<WrittenFile> {
  const name = `${fileName}.${EXTENSIONS[format]}`;
  switch (format) {
    case 'commerceml': {
      const generatedAt = `${localDateTime(options.now, options.offsetMinutes).date}T${localDateTime(options.now, options.offsetMinutes).time}`;
      // Document by document into bytes: the text of a whole day's batch is longer than a string may be.
      const parts = [Buffer.from(commerceMlOrdersHead(generatedAt), 'utf8')];
      for (const order of orders) parts.push(Buffer.from(commerceMlDocumentXml(commerceMlDocumentOf(order, options)), 'utf8'));
      parts.push(Buffer.from(COMMERCEML_ORDERS_TAIL, 'utf8'));
      return { fileName: name, bytes: Buffer.concat(parts) };
    }
    case 'csv':
      return {
        fileName: name,
        bytes: Buffer.from(
          writeOrderTableCsv(
            orders.flatMap((o) => orderTableRowsOf(o, options)),
            'ru',
          ),
          'utf8',
        ),
      };
    case 'xlsx':
      return {
        fileName: name,
        bytes: await writeOrderTableXlsx(
          orders.flatMap((o) => orderTableRowsOf(o, options)),
          'ru',
        ),
      };
  }
}

/** "20261129-110000" in local time, for file names. */
export function fileStampOf(iso: string, offsetMinutes?: number): string {
  const { date, time } = localDateTime(iso, offsetMinutes);
  return `${date.replace(/-/g, '')}-${time.replace(/:/g, '')}`;
}

/** Letters, digits, dot, dash and underscore only, so every file system and archive takes the name. */
export function safeFileName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'order';
}

/** Files as one .zip (one file per order, handed over as one download). */
export function zipOf(files: readonly WrittenFile[], fileName: string, now: string): Promise<WrittenFile> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(now);
  for (const file of files) zip.addBuffer(file.bytes, file.fileName, { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve({ fileName: `${fileName}.zip`, bytes: Buffer.concat(chunks) }));
  });
}
