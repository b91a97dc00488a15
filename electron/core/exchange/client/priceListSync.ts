import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { PriceListChanges, PriceListSyncResult, PriceListSyncStatus, PriceListItem } from '../../../../shared/domain';
import { PorterError } from '../../../../shared/errors';
import type { PorterPriceList, PorterPriceListItem } from '../../../../shared/exchange';
import type { CatalogBatch, CategoryDeclaration } from '../../catalog/buildCatalog';
import { packItems } from '../../catalog/itemBatches';
import type { PriceListService } from '../../catalog/priceListService';
import { openSqlite } from '../../db/sqlite';
import { checkPorterPriceList } from '../../formats/porterJson/priceListFile';
import type { Connection } from '../exchangeSettings';
import { apiErrorOf, exchangeRequest, ExchangeFailure, parseBaseUrl, statusFailure, type ExchangeAnswer } from './exchangeHttp';

/** What the store remembers of the supplier's price list it has (settings key exchange.priceListSync). */
interface SyncedVersion {
  /** The connection it came over: another server's ETag and version mean nothing. */
  url: string;
  /** The supplier's price list id: `since` of the next request. */
  version: string;
  etag: string | null;
  priceType: string;
  publishedAt: string;
  /** The local price list built from it: a delta applies only on top of that one. */
  localPriceListId: string;
}

type LastSync = NonNullable<PriceListSyncStatus['lastSync']>;

const KEYS = { version: 'exchange.priceListSync', last: 'exchange.priceListSyncLast' } as const;
const BATCH = 2000;

/** The envelope of GET /v1/price-list (docs/exchange-api.openapi.yaml, PriceList); `file` is checked as a Porter price list. */
const answerSchema = z.object({
  kind: z.enum(['full', 'delta']),
  since: z.string().nullable(),
  removedCodes: z.array(z.string()),
  file: z.unknown(),
});

/**
 * The store's price list sync over the exchange API: GET /v1/price-list with the ETag it has
 * (If-None-Match: 304, nothing changes) and its version (`since`: the server may answer with a delta).
 * The answer becomes the current price list only once its catalog is completely built — a delta
 * applied on top of the current list's items — so a failed sync leaves the old list current.
 */
export class PriceListSync {
  private readonly read: Database.Statement<[string], string>;
  private readonly write: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly priceLists: PriceListService,
    private readonly connection: () => Connection,
    private readonly clock: () => Date,
  ) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  status(syncing: boolean): PriceListSyncStatus {
    const synced = this.syncedVersion();
    return {
      version: synced?.version ?? null,
      publishedAt: synced?.publishedAt ?? null,
      isCurrent: synced !== null && synced.localPriceListId === this.priceLists.currentInfo?.id,
      syncing,
      lastSync: this.lastSync(),
    };
  }

  /** One sync; failures are recorded (the settings show the last one) and thrown as PorterError. */
  async sync(options: { timeoutMs: number; signal?: AbortSignal }): Promise<PriceListSyncResult> {
    try {
      const result = await this.fetchAndImport(options.timeoutMs, options.signal);
      this.remember({
        at: this.clock().toISOString(),
        outcome: result.outcome,
        kind: result.kind,
        changes: result.changes,
        errorCode: null,
        error: null,
      });
      return result;
    } catch (thrown) {
      const error = asPorterError(thrown);
      this.remember({
        at: this.clock().toISOString(),
        outcome: 'failed',
        kind: null,
        changes: null,
        errorCode: error.code,
        error: error.message,
      });
      throw error;
    }
  }

  private async fetchAndImport(timeoutMs: number, signal?: AbortSignal): Promise<PriceListSyncResult> {
    const connection = this.connection();
    if (connection.mode !== 'http' || connection.url === '') {
      throw new ExchangeFailure('EXCHANGE_NOT_CONFIGURED', 'The price list comes over a connection to the supplier: none is set', true);
    }
    const base = parseBaseUrl(connection.url);
    if (this.priceLists.importing) {
      throw new PorterError('JOB_BUSY', "A price list is being imported: the supplier's list is fetched after it");
    }
    const current = this.priceLists.currentInfo;
    const stored = this.syncedVersion();
    const synced = stored && stored.url === connection.url ? stored : null;
    // A delta applies to the list it was computed against: only while that list is still the current one.
    const canDelta = synced !== null && current !== null && current.id === synced.localPriceListId;
    const request = (delta: boolean, conditional: boolean) =>
      exchangeRequest(
        { baseUrl: connection.url, token: connection.token },
        {
          method: 'GET',
          path: '/v1/price-list',
          query: delta && synced ? { since: synced.version } : {},
          headers: conditional && synced?.etag ? { 'If-None-Match': synced.etag } : {},
        },
        { timeoutMs, ...(signal ? { signal } : {}) },
      );

    let answer = await request(canDelta, synced !== null && current !== null);
    if (answer.status === 304 && synced) {
      return {
        outcome: 'unchanged',
        kind: null,
        version: synced.version,
        publishedAt: synced.publishedAt,
        priceList: current,
        changes: { added: 0, changed: 0, removed: 0 },
      };
    }
    let parsed = parseAnswer(answer, connection.url);
    // A delta against another version, or for other prices (the store's price type changed): ask for all of it.
    if (parsed.kind === 'delta' && (!canDelta || parsed.since !== synced?.version || parsed.list.priceType !== synced.priceType)) {
      answer = await request(false, false);
      parsed = parseAnswer(answer, connection.url);
      if (parsed.kind === 'delta') {
        throw new ExchangeFailure(
          'EXCHANGE_INVALID_ANSWER',
          `${connection.url} answered a request for the whole price list with a delta`,
          false,
        );
      }
    }
    if (signal?.aborted) throw new PorterError('JOB_CANCELLED', 'Porter is closing: the price list was not taken');
    const list = parsed.list;
    const sourceName = `${base.host}${base.pathname.replace(/\/+$/, '')}`;
    const { report, inspected: changes } = await this.priceLists.importFromSupplier({
      sourceName,
      batches: (currentCatalog) =>
        parsed.kind === 'delta' && currentCatalog ? deltaBatches(list, parsed.removedCodes, currentCatalog) : fullBatches(list),
      inspect: compareCatalogs,
      ...(signal ? { signal } : {}),
    });
    const etag = answer.headers.etag;
    this.write.run(
      KEYS.version,
      JSON.stringify({
        url: connection.url,
        version: list.id,
        etag: typeof etag === 'string' && etag !== '' ? etag : null,
        priceType: list.priceType,
        publishedAt: list.publishedAt,
        localPriceListId: report.priceList.id,
      } satisfies SyncedVersion),
    );
    return {
      outcome: 'updated',
      kind: parsed.kind,
      version: list.id,
      publishedAt: list.publishedAt,
      priceList: report.priceList,
      changes,
    };
  }

  private syncedVersion(): SyncedVersion | null {
    const text = this.read.get(KEYS.version);
    if (!text) return null;
    try {
      return JSON.parse(text) as SyncedVersion;
    } catch {
      return null;
    }
  }

  private lastSync(): LastSync | null {
    const text = this.read.get(KEYS.last);
    if (!text) return null;
    try {
      return JSON.parse(text) as LastSync;
    } catch {
      return null;
    }
  }

  private remember(last: LastSync): void {
    // A sync cut off by the core closing has nowhere to record itself.
    if (!this.db.open) return;
    this.write.run(KEYS.last, JSON.stringify(last));
  }
}

interface ParsedAnswer {
  kind: 'full' | 'delta';
  since: string | null;
  removedCodes: string[];
  list: PorterPriceList;
}

/** The 200 answer checked against the API's shape; any other status as the failure it means. */
function parseAnswer(answer: ExchangeAnswer, url: string): ParsedAnswer {
  const refused = answer.status >= 400 ? apiErrorOf(answer.text) : null;
  if (answer.status === 404 && refused?.code === 'NO_PRICE_LIST') {
    throw new ExchangeFailure('EXCHANGE_NO_PRICE_LIST', 'The supplier has not published a price list yet', false, 404);
  }
  // The supplier set this store a price type its list lacks: only the supplier can fix that; the old list stays.
  if (refused?.code === 'PRICE_TYPE_UNKNOWN') {
    throw new ExchangeFailure('PRICE_TYPE_UNKNOWN', `${url}: ${refused.message}`, false, answer.status);
  }
  if (answer.status !== 200) throw statusFailure(answer, url, Date.now());
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch (error) {
    throw new ExchangeFailure(
      'EXCHANGE_INVALID_ANSWER',
      `The price list from ${url} is not valid JSON (${(error as Error).message.split('\n')[0]})`,
      false,
      200,
    );
  }
  const envelope = answerSchema.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw new PorterError(
      'EXCHANGE_INVALID_ANSWER',
      `The answer from ${url} is not a price list: ${issue.path.join('.') || 'the body'}: ${issue.message}`,
      {
        field: issue.path.join('.'),
      },
    );
  }
  let file;
  try {
    file = checkPorterPriceList(envelope.data.file, `the price list from ${url}`);
  } catch (error) {
    if (error instanceof PorterError) {
      const field = typeof error.details?.field === 'string' ? `file.${error.details.field}` : 'file';
      throw new PorterError('EXCHANGE_INVALID_ANSWER', error.message, { field });
    }
    throw error;
  }
  return { kind: envelope.data.kind, since: envelope.data.since, removedCodes: envelope.data.removedCodes, list: file.priceList };
}

function asPorterError(error: unknown): PorterError {
  if (error instanceof PorterError) return error;
  if (error instanceof ExchangeFailure) {
    return new PorterError(error.code, error.message, error.httpStatus === null ? {} : { httpStatus: error.httpStatus });
  }
  return new PorterError('INTERNAL', (error as Error).message);
}

function categoryDeclarations(list: PorterPriceList): CategoryDeclaration[] {
  return list.categories.map((c) => ({ key: c.id, name: c.name, parentKey: c.parentId }));
}

function toItem(item: PorterPriceListItem): PriceListItem {
  const { categoryId, ...rest } = item;
  return { ...rest, category: categoryId ?? '' };
}

function batchOf(items: PriceListItem[], firstRow: number, extra: Partial<CatalogBatch>): CatalogBatch {
  return {
    ...packItems(
      items,
      items.map((_, i) => firstRow + i),
    ),
    rejected: [],
    bytesRead: 0,
    totalBytes: 0,
    rowsRead: firstRow + items.length - 1,
    ...extra,
  };
}

/** The first batch declares the categories and states the list's terms; items follow in the supplier's order. */
function head(list: PorterPriceList): Partial<CatalogBatch> {
  return {
    categories: categoryDeclarations(list),
    pricesIncludeVat: list.pricesIncludeVat,
    letterhead: { supplierName: list.supplierName, minOrderKopecks: list.minOrderKopecks },
  };
}

async function* fullBatches(list: PorterPriceList): AsyncGenerator<CatalogBatch> {
  yield batchOf([], 1, head(list));
  for (let start = 0; start < list.items.length; start += BATCH) {
    yield batchOf(list.items.slice(start, start + BATCH).map(toItem), start + 1, {});
  }
}

interface CurrentItemRow {
  code: string;
  name: string;
  barcode: string;
  unit: string;
  pack_multiple: number;
  min_order_quantity: number;
  price_kopecks: number;
  vat_rate: number;
  stock: number | null;
  stock_at_least: number;
  category_ref: string | null;
}

/**
 * The current list's items with the delta applied: a changed item replaces its old self where it stood,
 * a removed code is dropped, a new item joins the end of its category's run (or the end of the list).
 * Unchanged items keep their category by the supplier's id, which the synced catalog kept (category_refs).
 */
async function* deltaBatches(list: PorterPriceList, removedCodes: readonly string[], currentCatalog: string): AsyncGenerator<CatalogBatch> {
  const catalog = openSqlite(currentCatalog, { readonly: true, fileMustExist: true });
  try {
    const hasRefs = catalog.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'category_refs'").get() !== undefined;
    if (!hasRefs) {
      throw new PorterError('INTERNAL', 'The current price list did not come from the exchange: a delta cannot be applied to it');
    }
    const known = new Set(list.categories.map((c) => c.id));
    const delta = new Map(list.items.map((item) => [item.code, item]));
    const removed = new Set(removedCodes);
    // Where each category's run of items ends in the current list (removed items aside): new items of that category go after it.
    const lastOfCategory = new Map<string, string>();
    const present = new Set<string>();
    const codes = catalog
      .prepare('SELECT i.code, r.ref FROM items i LEFT JOIN category_refs r ON r.id = i.category_id ORDER BY i.id')
      .iterate() as IterableIterator<{ code: string; ref: string | null }>;
    for (const row of codes) {
      present.add(row.code);
      if (row.ref !== null && !removed.has(row.code)) lastOfCategory.set(row.ref, row.code);
    }
    const newByAnchor = new Map<string, PorterPriceListItem[]>();
    const atEnd: PorterPriceListItem[] = [];
    for (const item of list.items) {
      if (present.has(item.code)) continue;
      const anchor = item.categoryId === null ? undefined : lastOfCategory.get(item.categoryId);
      if (anchor !== undefined) {
        const queued = newByAnchor.get(anchor) ?? [];
        queued.push(item);
        newByAnchor.set(anchor, queued);
      } else atEnd.push(item);
    }

    yield batchOf([], 1, head(list));
    let row = 1;
    let batch: PriceListItem[] = [];
    const flush = function* (): Generator<CatalogBatch> {
      if (batch.length === 0) return;
      yield batchOf(batch, row, {});
      row += batch.length;
      batch = [];
    };
    const rows = catalog
      .prepare(
        `SELECT i.code, i.name, i.barcode, i.unit, i.pack_multiple, i.min_order_quantity, i.price_kopecks, i.vat_rate, i.stock,
                i.stock_at_least, r.ref AS category_ref
           FROM items i LEFT JOIN category_refs r ON r.id = i.category_id ORDER BY i.id`,
      )
      .iterate() as IterableIterator<CurrentItemRow>;
    for (const current of rows) {
      if (!removed.has(current.code)) {
        const changed = delta.get(current.code);
        batch.push(
          changed
            ? toItem(changed)
            : {
                code: current.code,
                name: current.name,
                barcode: current.barcode,
                unit: current.unit,
                packMultiple: current.pack_multiple,
                minOrderQuantity: current.min_order_quantity,
                priceKopecks: current.price_kopecks,
                vatRate: current.vat_rate as PriceListItem['vatRate'],
                stock: current.stock,
                stockAtLeast: current.stock_at_least === 1,
                category: current.category_ref !== null && known.has(current.category_ref) ? current.category_ref : '',
              },
        );
      }
      for (const added of newByAnchor.get(current.code) ?? []) batch.push(toItem(added));
      if (batch.length >= BATCH) yield* flush();
    }
    for (const added of atEnd) batch.push(toItem(added));
    yield* flush();
  } finally {
    catalog.close();
  }
}

/**
 * Added, changed and removed item codes of the built catalog against the current one, field by field
 * (the category by name), whatever the server said had changed.
 */
function compareCatalogs(builtCatalog: string, currentCatalog: string | null): PriceListChanges {
  const built = openSqlite(builtCatalog, { readonly: true, fileMustExist: true });
  try {
    if (!currentCatalog) {
      return { added: Number(built.prepare('SELECT count(*) FROM items').pluck().get()), changed: 0, removed: 0 };
    }
    built.prepare('ATTACH DATABASE ? AS old').run(currentCatalog);
    const oldVersion = Number(built.pragma('old.user_version', { simple: true }));
    const stockAtLeast = oldVersion >= 2 ? 'o.stock_at_least' : '0';
    const count = (sql: string) => Number(built.prepare(sql).pluck().get());
    return {
      added: count('SELECT count(*) FROM main.items WHERE code NOT IN (SELECT code FROM old.items)'),
      removed: count('SELECT count(*) FROM old.items WHERE code NOT IN (SELECT code FROM main.items)'),
      changed: count(`
        SELECT count(*) FROM main.items i JOIN old.items o ON o.code = i.code
          LEFT JOIN main.categories c ON c.id = i.category_id LEFT JOIN old.categories oc ON oc.id = o.category_id
         WHERE i.name IS NOT o.name OR i.barcode IS NOT o.barcode OR i.unit IS NOT o.unit OR i.pack_multiple IS NOT o.pack_multiple
            OR i.min_order_quantity IS NOT o.min_order_quantity OR i.price_kopecks IS NOT o.price_kopecks OR i.vat_rate IS NOT o.vat_rate
            OR i.stock IS NOT o.stock OR i.stock_at_least IS NOT ${stockAtLeast} OR coalesce(c.name, '') IS NOT coalesce(oc.name, '')`),
    };
  } finally {
    built.close();
  }
}
