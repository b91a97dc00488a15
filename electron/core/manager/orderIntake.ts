import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import type { ReceivedOrder } from '../../../shared/exchange';
import type { IntakeResult, OrderSource } from '../../../shared/manager';
import { isCommerceMlZip, isZip, looksLikeXml, openCommerceMlPackage } from '../formats/commerceml/exchangeFiles';
import { readCommerceMlOrders, type CommerceMlOrdersFacts } from '../formats/commerceml/ordersReader';
import type { OrderColumnLookup } from '../formats/orderTable/orderColumnMapping';
import { ORDER_TABLE_COLUMNS, ORDER_TABLE_HEADINGS, type OrderTableColumn } from '../formats/orderTable/orderTableColumns';
import { readOrderTable } from '../formats/orderTable/orderTableReader';
import { lineOfJsonField } from '../formats/porterJson/jsonLocation';
import { xmlFileInput, type XmlInput } from '../formats/xml/xmlStream';
import { createLogger } from '../logger';
import { porterFileCustomer, readPorterOrderFile, receivedOrderFromPorterFile } from '../orders/porterOrderFile';
import type { OrderBook } from './orderBook';

const log = createLogger('manager.intake');

/** How an order file is read; told by its bytes first, its name's extension where the bytes leave it open. */
export type OrderFileKind = 'porter-json' | 'commerceml' | 'table';

/** Everything one file holds, read and checked before anything is stored. */
export interface OrderFileContent {
  fileName: string;
  kind: OrderFileKind;
  orders: { order: ReceivedOrder; priceListId: string | null }[];
}

/** A Porter order file of 100,000 lines is ~30 MB; past this it is not an order file. */
export const MAX_ORDER_JSON_BYTES = 64 * 1024 * 1024;

/**
 * What kind of order file this is. A zip is 1C's CommerceML exchange when it holds .xml files and no
 * workbook, else an XLSX; text starting with "<" is CommerceML, with "{" a Porter file; a .json or
 * .xml name decides for text that starts otherwise (so its error says what is wrong with it as that);
 * anything else is read as a CSV table.
 */
export async function orderFileKind(filePath: string, fileName: string): Promise<OrderFileKind> {
  if (await isZip(filePath)) return (await isCommerceMlZip(filePath, fileName)) ? 'commerceml' : 'table';
  if (await looksLikeXml(filePath)) return 'commerceml';
  if (await startsLikeJson(filePath)) return 'porter-json';
  if (/\.json$/i.test(fileName)) return 'porter-json';
  if (/\.xml$/i.test(fileName)) return 'commerceml';
  return 'table';
}

/**
 * Reads every order in a file — all of them, before anything is stored — and checks what the order book
 * needs of each: an id to know it again by, and at least one line. Errors name the file, the line or row,
 * and the field.
 */
export async function readOrderFile(
  filePath: string,
  fileName: string,
  options: { mappings?: OrderColumnLookup } = {},
): Promise<OrderFileContent> {
  const kind = await orderFileKind(filePath, fileName);
  const orders =
    kind === 'porter-json'
      ? [await readPorterJsonOrder(filePath, fileName)]
      : kind === 'commerceml'
        ? (await readCommerceMlOrderFile(filePath, fileName)).map((order) => ({ order, priceListId: null }))
        : (await readOrderTable(filePath, fileName, options)).map((order) => ({ order, priceListId: null }));
  if (orders.length === 0) throw new PorterError('FILE_FORMAT', `${fileName}: the file holds no orders`, { file: fileName });
  for (const { order } of orders) checkOrder(order, fileName, kind);
  return { fileName, kind, orders };
}

async function readPorterJsonOrder(filePath: string, fileName: string): Promise<OrderFileContent['orders'][number]> {
  const bytes = await readWhole(filePath, fileName, MAX_ORDER_JSON_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PorterError('FILE_ENCODING', `${fileName}: not UTF-8 text; a Porter order file is always UTF-8`, { file: fileName });
  }
  let file;
  try {
    file = readPorterOrderFile(text, fileName);
  } catch (error) {
    throw withJsonLine(error, text, fileName);
  }
  if (file.order.lines.length === 0) {
    throw withJsonLine(
      new PorterError('FILE_FORMAT', `${fileName}: field order.lines: an order needs at least one line`, {
        file: fileName,
        field: 'order.lines',
      }),
      text,
      fileName,
    );
  }
  return { order: receivedOrderFromPorterFile(file, porterFileCustomer(file)), priceListId: file.order.priceListId };
}

/** A Porter file's field error with the line the field is on: "order.json, line 23: field order.lines[1].quantity: …". */
function withJsonLine(error: unknown, text: string, fileName: string): unknown {
  if (!(error instanceof PorterError) || !error.details?.field || error.details.row !== undefined) return error;
  const line = lineOfJsonField(text, error.details.field);
  if (line === null) return error;
  const prefix = `${fileName}: `;
  const message = error.message.startsWith(prefix)
    ? `${fileName}, line ${line}: ${error.message.slice(prefix.length)}`
    : `${error.message} (line ${line})`;
  return new PorterError(error.code, message, { ...error.details, row: line });
}

/** Orders from a CommerceML file, or from 1C's zip of them; a catalog or offers file is refused, not read as nothing. */
async function readCommerceMlOrderFile(filePath: string, fileName: string): Promise<ReceivedOrder[]> {
  const inputs: XmlInput[] = [];
  let close = () => {};
  if (await isZip(filePath)) {
    const exchange = await openCommerceMlPackage([{ path: filePath, name: fileName }]);
    close = () => exchange.close();
    for (const part of exchange.parts) {
      if (part.content !== 'orders') {
        close();
        throw new PorterError('FILE_FORMAT', `${part.input.name}: holds a CommerceML ${part.content}, not orders (Документ)`, {
          file: fileName,
        });
      }
      inputs.push(part.input);
    }
  } else {
    inputs.push(xmlFileInput(filePath, fileName));
  }
  try {
    const orders: ReceivedOrder[] = [];
    for (const input of inputs) {
      const facts: CommerceMlOrdersFacts = { schemaVersion: '', encoding: '', documents: 0, skipped: [] };
      for await (const order of readCommerceMlOrders(input, facts)) orders.push(order);
      if (facts.skipped.length > 0) {
        const skipped = facts.skipped.map((d) => `line ${d.line}: "${d.operation}"`).join(', ');
        if (orders.length === 0) {
          throw new PorterError('FILE_FORMAT', `${input.name}: no order in it (ХозОперация "Заказ товара"); its documents are ${skipped}`, {
            file: fileName,
            row: facts.skipped[0]!.line,
            field: 'ХозОперация',
          });
        }
        log.info('documents that are not orders were left out', { file: input.name, skipped });
      }
    }
    return orders;
  } finally {
    close();
  }
}

function checkOrder(order: ReceivedOrder, fileName: string, kind: OrderFileKind): void {
  const which = order.number ? `order ${order.number}` : 'an order';
  if (order.id.trim() === '') {
    const field = kind === 'commerceml' ? 'Ид' : `${ORDER_TABLE_HEADINGS.ru.orderId}" or "${ORDER_TABLE_HEADINGS.ru.number}`;
    throw new PorterError('FILE_FORMAT', `${fileName}: ${which} has no id to know it again by (field "${field}")`, {
      file: fileName,
      field: kind === 'commerceml' ? 'Ид' : 'orderId',
    });
  }
  if (order.lines.length === 0) {
    throw new PorterError('FILE_FORMAT', `${fileName}: ${which} has no lines (field ${kind === 'commerceml' ? 'Товары' : 'lines'})`, {
      file: fileName,
      field: kind === 'commerceml' ? 'Товары' : 'lines',
    });
  }
}

/** A failed intake's message: the error's own (it names the file, line and field), with the file's name put first when it lacks it. */
export function intakeError(error: unknown, fileName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(fileName) ? message : `${fileName}: ${message}`;
}

export function failedIntake(fileName: string, error: unknown): IntakeResult {
  const result: IntakeResult = { fileName, outcome: 'failed', orderIds: [], duplicates: [], error: intakeError(error, fileName) };
  if (error instanceof PorterError) {
    result.errorCode = error.code;
    const headings = error.details?.headings;
    const columns = error.details?.headingColumns;
    if (error.code === 'ORDER_COLUMNS_UNKNOWN' && Array.isArray(headings) && Array.isArray(columns)) {
      result.headings = headings.map(String);
      result.headingColumns = columns.map((c) => (typeof c === 'string' && isOrderColumn(c) ? c : null));
    }
  }
  return result;
}

function isOrderColumn(name: string): name is OrderTableColumn {
  return (ORDER_TABLE_COLUMNS as readonly string[]).includes(name);
}

/**
 * Takes order files into the manager's order book: a file is read whole first, then its orders are
 * stored in one transaction — all of them or, when anything is wrong, none. An order the book holds
 * already (same store, same order id) is reported as a duplicate and not stored again.
 */
export class OrderIntake {
  constructor(
    private readonly db: Database.Database,
    private readonly book: OrderBook,
    private readonly clock: () => Date = () => new Date(),
    /** Remembered column mappings of order tables whose headings Porter does not know. */
    private readonly mappings?: OrderColumnLookup,
  ) {}

  /** Reads a file whole (order tables with the remembered column mapping of their headings), storing nothing. */
  read(filePath: string, fileName: string): Promise<OrderFileContent> {
    return readOrderFile(filePath, fileName, this.mappings ? { mappings: this.mappings } : {});
  }

  /**
   * Stores what a file holds, in one transaction; `alsoRecord` runs inside it with the result (the
   * watched folder records the file there, so the record and the orders commit together).
   */
  take(content: OrderFileContent, source: OrderSource, alsoRecord?: (result: IntakeResult) => void): IntakeResult {
    const receivedAt = this.clock().toISOString();
    return this.db.transaction((): IntakeResult => {
      const result: IntakeResult = { fileName: content.fileName, outcome: 'duplicate', orderIds: [], duplicates: [], error: null };
      for (const { order, priceListId } of content.orders) {
        const outcome = this.book.intake(order, { source, sourceName: content.fileName, receivedAt, priceListId });
        if (outcome.kind === 'added') result.orderIds.push(outcome.id);
        else result.duplicates.push({ number: order.number, existingId: outcome.existingId });
      }
      if (result.orderIds.length > 0) result.outcome = 'imported';
      alsoRecord?.(result);
      return result;
    })();
  }

  /** Reads and stores one file; never throws for what is in the file: a failed result says why. */
  async importFile(filePath: string, fileName: string, source: OrderSource = 'file'): Promise<IntakeResult> {
    try {
      return this.take(await this.read(filePath, fileName), source);
    } catch (error) {
      if (!(error instanceof PorterError)) log.error('an order file could not be taken in', { file: fileName, error: String(error) });
      return failedIntake(fileName, error);
    }
  }
}

async function startsLikeJson(filePath: string): Promise<boolean> {
  const head = await readHead(filePath, 512);
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b; /* { */
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const handle = await openForReading(filePath, filePath);
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readWhole(filePath: string, fileName: string, maxBytes: number): Promise<Buffer> {
  const handle = await openForReading(filePath, fileName);
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new PorterError('FILE_TOO_LARGE', `${fileName}: ${size} bytes is more than an order file holds`, { file: fileName });
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function openForReading(filePath: string, fileName: string): Promise<fs.promises.FileHandle> {
  try {
    return await fs.promises.open(filePath, 'r');
  } catch (error) {
    throw new PorterError('FILE_UNREADABLE', `Cannot read ${fileName}: ${(error as Error).message}`, {
      file: fileName,
      errno: (error as NodeJS.ErrnoException).code,
    });
  }
}
