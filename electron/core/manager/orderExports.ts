import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import {
  exportOrdersInputSchema,
  type BackOfficeFormat,
  type ExportGrouping,
  type ExportOrdersInput,
  type OrderExport,
  type ReceivedOrderState,
} from '../../../shared/manager';
import { createLogger } from '../logger';
import {
  backOfficeFile,
  fileStampOf,
  safeFileName,
  zipOf,
  type BackOfficeFileOptions,
  type OrderToExport,
  type WrittenFile,
} from './backOfficeFiles';
import type { OrderBook } from './orderBook';

const log = createLogger('manager.exports');

export interface OrderExportsDeps {
  db: Database.Database;
  book: OrderBook;
  /** The supplier's item ids (CommerceML offer Ид) by item code, from the current price list. */
  itemIds: (codes: readonly string[]) => ReadonlyMap<string, string>;
  /** An item's barcode in the current price list, '' when unknown. */
  barcodeOf: (itemCode: string) => string;
  clock?: () => Date;
  /** Minutes east of UTC for the times written; the machine's zone by default (tests pin it). */
  offsetMinutes?: number;
}

interface HeaderRow {
  id: number;
  order_id: string;
  number: string;
  store_code: string;
  store_name: string;
  ordered_on: string;
  received_at: string;
  delivery_date: string | null;
  comment: string;
  prices_include_vat: number;
  state: ReceivedOrderState;
  time: string | null;
}

interface ExportRow {
  id: number;
  kind: string;
  format: string;
  file_name: string;
  created_at: string;
}

const SELECT_HEADERS = `SELECT o.id, o.order_id, o.number, o.store_code, coalesce(s.name, o.store_name) AS store_name, o.ordered_on,
    o.received_at, o.delivery_date, o.comment, o.prices_include_vat, o.state, json_extract(o.document, '$.time') AS time
  FROM received_orders o LEFT JOIN stores s ON s.customer_code = o.store_code
  WHERE o.id IN (SELECT value FROM json_each(?))`;

/**
 * Accepted orders handed to the back office: CommerceML that 1C loads, XLSX or CSV; one file per order
 * (several as one .zip) or one for the batch. The file is complete before anything is recorded; then
 * one transaction records the export and sets its orders to exported — so an order is exported twice
 * only when the manager says so (`again`), and a refused export leaves no trace.
 */
export class OrderExports {
  private readonly clock: () => Date;

  constructor(private readonly deps: OrderExportsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async exportOrders(input: ExportOrdersInput): Promise<{ export: OrderExport; file: WrittenFile }> {
    const { ids, format, grouping, again } = exportOrdersInputSchema.parse(input);
    const unique = [...new Set(ids)];
    const orders = this.exportable(unique, again === true);
    const now = this.clock().toISOString();
    const barcodes = new Map<string, string>();
    const fileOptions: BackOfficeFileOptions = {
      itemIds: this.deps.itemIds([...new Set(orders.flatMap((o) => o.lines.map((l) => l.itemCode)))]),
      // Once per item, not per line: a day's batch repeats the same goods thousands of times.
      barcodeOf: (code) => {
        let barcode = barcodes.get(code);
        if (barcode === undefined) barcodes.set(code, (barcode = this.deps.barcodeOf(code)));
        return barcode;
      },
      now,
      offsetMinutes: this.deps.offsetMinutes,
    };
    const file = await this.write(orders, format, grouping, fileOptions);
    const record = this.record(orders, format, grouping, file.fileName, now, again === true);
    log.info('orders exported', { exportId: record.id, format, grouping, orders: orders.length, file: file.fileName });
    return { export: record, file };
  }

  /** Exports, newest first. */
  list(limit = 200): OrderExport[] {
    const rows = this.deps.db
      .prepare<[number], ExportRow>('SELECT * FROM order_exports ORDER BY id DESC LIMIT ?')
      .all(Math.max(1, Math.min(limit, 10_000)));
    return rows.map((row) => this.toExport(row));
  }

  /** The latest export of each of these orders (orders never exported through Porter are absent). */
  lastExportOf(ids: readonly number[]): Map<number, { exportId: number; fileName: string; createdAt: string }> {
    const rows = this.deps.db
      .prepare<[string], { received_order_id: number; export_id: number; file_name: string; created_at: string }>(
        `SELECT eo.received_order_id, e.id AS export_id, e.file_name, e.created_at
           FROM order_export_orders eo JOIN order_exports e ON e.id = eo.export_id
          WHERE eo.received_order_id IN (SELECT value FROM json_each(?)) ORDER BY e.id`,
      )
      .all(JSON.stringify(ids));
    return new Map(rows.map((r) => [r.received_order_id, { exportId: r.export_id, fileName: r.file_name, createdAt: r.created_at }]));
  }

  /** The orders as they stand now, refused whole if any is missing, not accepted, or exported before without `again`. */
  private exportable(ids: readonly number[], again: boolean): OrderToExport[] {
    const headers = new Map(
      this.deps.db
        .prepare<[string], HeaderRow>(SELECT_HEADERS)
        .all(JSON.stringify(ids))
        .map((row) => [row.id, row]),
    );
    const missing = ids.filter((id) => !headers.has(id));
    if (missing.length > 0) {
      throw new PorterError('NOT_FOUND', `No received orders ${missing.join(', ')}`, { field: 'ids', ids: missing });
    }
    const rows = ids.map((id) => headers.get(id)!);
    this.refuseUnexportable(rows, again);
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      number: row.number,
      storeCode: row.store_code,
      storeName: row.store_name,
      orderedOn: row.ordered_on,
      time: row.time,
      receivedAt: row.received_at,
      deliveryDate: row.delivery_date,
      comment: row.comment,
      pricesIncludeVat: row.prices_include_vat === 1,
      lines: this.deps.book.lines(row.id),
    }));
  }

  private refuseUnexportable(rows: readonly Pick<HeaderRow, 'id' | 'number' | 'store_name' | 'state'>[], again: boolean): void {
    const notAccepted = rows.filter((r) => r.state !== 'accepted' && r.state !== 'exported');
    if (notAccepted.length > 0) {
      throw new PorterError(
        'INVALID_INPUT',
        `Only accepted orders go to the back office: ${notAccepted.map((r) => `№ ${r.number} (${r.store_name}) is ${r.state}`).join('; ')}`,
        { field: 'ids', orders: notAccepted.map((r) => ({ id: r.id, number: r.number, state: r.state })) },
      );
    }
    const exported = rows.filter((r) => r.state === 'exported');
    if (exported.length > 0 && !again) {
      const last = this.lastExportOf(exported.map((r) => r.id));
      const orders = exported.map((r) => ({
        id: r.id,
        number: r.number,
        storeName: r.store_name,
        exportedAt: last.get(r.id)?.createdAt ?? null,
        fileName: last.get(r.id)?.fileName ?? null,
      }));
      const listed = orders
        .map((o) => `№ ${o.number} (${o.storeName}) ${o.exportedAt ? `on ${o.exportedAt} in ${o.fileName}` : 'before (no record of when)'}`)
        .join('; ');
      throw new PorterError(
        'ORDERS_ALREADY_EXPORTED',
        `${orders.length} of the orders were exported already: ${listed}. Export them again only on purpose`,
        { field: 'again', orders },
      );
    }
  }

  private async write(
    orders: readonly OrderToExport[],
    format: BackOfficeFormat,
    grouping: ExportGrouping,
    options: BackOfficeFileOptions,
  ): Promise<WrittenFile> {
    const batchName = `porter-orders-${fileStampOf(options.now, options.offsetMinutes)}`;
    if (grouping === 'perBatch') return backOfficeFile(orders, format, batchName, options);
    const files: WrittenFile[] = [];
    for (const order of orders) {
      files.push(
        await backOfficeFile([order], format, `order-${safeFileName(order.storeCode)}-${safeFileName(order.number)}-${order.id}`, options),
      );
    }
    return files.length === 1 ? files[0]! : zipOf(files, batchName, options.now);
  }

  /** One transaction: the export, its orders, their state and the change log — or nothing, if an order changed meanwhile. */
  private record(
    orders: readonly OrderToExport[],
    format: BackOfficeFormat,
    grouping: ExportGrouping,
    fileName: string,
    now: string,
    again: boolean,
  ): OrderExport {
    const db = this.deps.db;
    const id = db.transaction(() => {
      // The file was written outside the transaction: an order accepted then may have been held or exported since.
      const states = db
        .prepare<[string], Pick<HeaderRow, 'id' | 'number' | 'store_name' | 'state'>>(
          `SELECT o.id, o.number, coalesce(s.name, o.store_name) AS store_name, o.state
             FROM received_orders o LEFT JOIN stores s ON s.customer_code = o.store_code
            WHERE o.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(orders.map((o) => o.id)));
      this.refuseUnexportable(states, again);
      const exportId = Number(
        db
          .prepare('INSERT INTO order_exports (kind, format, file_name, created_at) VALUES (?, ?, ?, ?)')
          .run(grouping, format, fileName, now).lastInsertRowid,
      );
      const link = db.prepare('INSERT INTO order_export_orders (export_id, received_order_id) VALUES (?, ?)');
      const setState = db.prepare("UPDATE received_orders SET state = 'exported', state_reason = '' WHERE id = ?");
      const change = db.prepare(
        `INSERT INTO received_order_changes (received_order_id, line_number, field, old_value, new_value, reason, actor, at)
         VALUES (?, NULL, 'state', ?, 'exported', ?, 'manager', ?)`,
      );
      const before = new Map(states.map((s) => [s.id, s.state]));
      for (const order of orders) {
        link.run(exportId, order.id);
        setState.run(order.id);
        change.run(order.id, before.get(order.id) ?? null, `export ${exportId}: ${fileName}`, now);
      }
      return exportId;
    })();
    // The checks cache their findings per book version: states changed.
    this.deps.book.touch();
    return this.toExport({ id, kind: grouping, format, file_name: fileName, created_at: now });
  }

  private toExport(row: ExportRow): OrderExport {
    const orders = this.deps.db
      .prepare<[number], { id: number; number: string; store_code: string; store_name: string }>(
        `SELECT o.id, o.number, o.store_code, coalesce(s.name, o.store_name) AS store_name
           FROM order_export_orders eo JOIN received_orders o ON o.id = eo.received_order_id
           LEFT JOIN stores s ON s.customer_code = o.store_code
          WHERE eo.export_id = ? ORDER BY o.id`,
      )
      .all(row.id);
    return {
      id: row.id,
      format: row.format as BackOfficeFormat,
      grouping: row.kind as ExportGrouping,
      fileName: row.file_name,
      createdAt: row.created_at,
      orders: orders.map((o) => ({ id: o.id, number: o.number, storeCode: o.store_code, storeName: o.store_name })),
    };
  }
}
