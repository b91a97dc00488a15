import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportOptions, ImportPreview, ImportReport, JobState, PriceListInfo } from '../../../shared/domain';
import type { PriceListDiff } from '../../../shared/manager';
import { PorterError } from '../../../shared/errors';
import type { FileRegistry } from '../files';
import type { ExchangeFile } from '../formats/commerceml/exchangeFiles';
import { readItemRefs } from '../formats/commerceml/itemRefs';
import { previewCommerceMl } from '../formats/commerceml/pricePreview';
import { openTabularSource, readFirstRows } from '../formats/openTabularSource';
import { priceListFormat } from '../formats/priceListFormat';
import { StoreProfileService } from '../store/storeProfile';
import type { JobRegistry } from '../jobs/jobRegistry';
import { createLogger } from '../logger';
import { buildCatalog, type CatalogBatch } from './buildCatalog';
import type { CatalogBuilder } from './catalogBuilder';
import { CatalogReader } from './catalogReader';
import { letterheadOf } from './letterhead';
import { diffCatalogs } from './priceListDiff';
import { detectHeader, headerAt } from './priceListTable';

const log = createLogger('catalog.priceLists');
/** The settings key of the price list built with publish: false and waiting to be published: its catalog file and info. */
const STAGED_KEY = 'priceLists.staged';
const PREVIEW_ROWS = 80;
const SAMPLE_ROWS = 20;

/**
 * The store's price lists: previews and imports files, keeps the current catalog open for
 * search, and switches to a newly built catalog in one transaction of the main database.
 */
export class PriceListService {
  private reader: CatalogReader | null = null;
  private readonly catalogDir: string;

  constructor(
    private readonly db: Database.Database,
    dataDir: string,
    private readonly jobs: JobRegistry,
    private readonly files: FileRegistry,
    private readonly builder: CatalogBuilder,
  ) {
    this.catalogDir = path.join(dataDir, 'catalogs');
    fs.mkdirSync(this.catalogDir, { recursive: true });
    const current = this.currentCatalogFile();
    if (current) this.reader = new CatalogReader(path.join(this.catalogDir, current), this.previousCatalogPath());
    this.removeUnusedCatalogFiles();
  }

  get current(): CatalogReader | null {
    return this.reader;
  }

  get currentInfo(): PriceListInfo | null {
    return this.reader?.info ?? null;
  }

  /** A price list is being imported (a file, or the supplier's list over the exchange). */
  get importing(): boolean {
    return this.jobs.isRunning('priceListImport');
  }

  async preview(fileId: string, headerRow?: number): Promise<ImportPreview> {
    const file = this.files.get(fileId);
    if ((await priceListFormat(file.path, file.name)) === 'commerceml') {
      return previewCommerceMl([{ path: file.path, name: file.name }], this.storePriceType());
    }
    // The import usually follows: its threads are ready by the time the mapping is confirmed.
    this.builder.prepare?.(file.path);
    return previewFile(file.path, file.name, headerRow);
  }

  /** Starts an import as a job; the result (or error) arrives in the job's state. */
  startImport(options: ImportOptions): { jobId: string } {
    if (this.jobs.isRunning('priceListImport')) {
      throw new PorterError('JOB_BUSY', 'A price list import is already running: wait for it or cancel it');
    }
    const file = this.files.get(options.fileId);
    const controller = new AbortController();
    const job = this.jobs.start('priceListImport', () => controller.abort());
    const { fileId: _fileId, ...buildOptions } = options;
    void _fileId;
    this.importFile(file.path, file.name, buildOptions, controller.signal, (patch) => this.jobs.update(job.jobId, patch)).then(
      (result) => this.jobs.update(job.jobId, { state: 'done', result }),
      (error: unknown) => {
        const data = error instanceof PorterError ? error.toData() : { code: 'INTERNAL' as const, message: (error as Error).message };
        this.jobs.update(job.jobId, { state: data.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed', error: data });
      },
    );
    return { jobId: job.jobId };
  }

  /** Imports a file to completion (the command line and first-run demo use this directly). */
  async importFile(
    filePath: string,
    fileName: string,
    options?: Omit<ImportOptions, 'fileId'>,
    signal: AbortSignal = new AbortController().signal,
    onProgress: (patch: Partial<JobState>) => void = () => {},
    exchangeFiles: readonly ExchangeFile[] = [],
  ): Promise<ImportReport> {
    // The builder's threads start while the format and the default options are worked out.
    this.builder.prepare?.(filePath);
    const publish = options?.publish;
    const { commerceMl, resolved } = await this.resolveOptions(filePath, fileName, options, exchangeFiles).catch((error: unknown) => {
      this.builder.dispose?.();
      throw error;
    });
    const priceListId = crypto.randomUUID();
    const importedAt = new Date().toISOString();
    const catalogFile = `${priceListId}.sqlite`;
    const built = await this.builder(
      {
        format: commerceMl ? 'commerceml' : 'table',
        filePath,
        fileName,
        ...(commerceMl
          ? { exchangeFiles: exchangeFiles.length > 0 ? [...exchangeFiles] : undefined, priceType: this.storePriceType() }
          : {}),
        options: resolved,
        priceListId,
        importedAt,
        catalogPath: path.join(this.catalogDir, catalogFile),
      },
      (p) => onProgress({ phase: p.phase, done: p.done, total: p.total, rows: p.rows }),
      signal,
    );
    if (signal.aborted) {
      fs.rmSync(path.join(this.catalogDir, catalogFile), { force: true });
      throw new PorterError('JOB_CANCELLED', `Import of ${fileName} was cancelled; the previous price list is unchanged`, {
        file: fileName,
      });
    }
    const priceList = publish === false ? this.stage(catalogFile) : this.activate(catalogFile);
    log.info(publish === false ? 'price list staged' : 'price list imported', {
      fileName,
      items: built.items,
      rejected: built.rejected.length + built.rejectedNotListed,
    });
    return {
      priceList,
      items: built.items,
      categories: built.categories,
      rejected: built.rejected,
      rejectedNotListed: built.rejectedNotListed,
    };
  }

  /** The file's format, and the options given or (nobody reviewed the mapping) the preview's guess. */
  private async resolveOptions(
    filePath: string,
    fileName: string,
    options: Omit<ImportOptions, 'fileId'> | undefined,
    exchangeFiles: readonly ExchangeFile[],
  ): Promise<{ commerceMl: boolean; resolved: Omit<ImportOptions, 'fileId' | 'publish'> }> {
    const commerceMl = (await priceListFormat(filePath, fileName, exchangeFiles)) === 'commerceml';
    // A CommerceML exchange has no columns to map: its options only matter for the default VAT rate.
    const resolved = options
      ? {
          headerRow: options.headerRow,
          mapping: options.mapping,
          pricesIncludeVat: options.pricesIncludeVat,
          defaultVatRate: options.defaultVatRate,
        }
      : commerceMl
        ? COMMERCEML_OPTIONS
        : await defaultOptions(filePath, fileName);
    return { commerceMl, resolved };
  }

  /**
   * Imports the files of one CommerceML exchange: import.xml and offers.xml (any order), one file
   * holding both, or the zip 1C made. Prices are the store profile's price type (see PriceTypeChoice).
   */
  async importFiles(
    files: readonly ExchangeFile[],
    signal?: AbortSignal,
    onProgress?: (patch: Partial<JobState>) => void,
  ): Promise<ImportReport> {
    const [first] = files;
    if (!first) throw new PorterError('INVALID_INPUT', 'No price list file was given');
    return this.importFile(first.path, files.map((f) => f.name).join(' + '), undefined, signal, onProgress, files);
  }

  /**
   * Builds a price list from items the caller hands over (the supplier's list from the exchange API) and
   * makes it current, as a priceListImport job: a file import cannot run beside it, and the current list
   * stays current until the new catalog is complete. `batches` is given the current catalog file (a delta
   * is applied on top of it); `inspect` reads the finished catalog beside the current one before the switch.
   */
  async importFromSupplier<T>(request: {
    sourceName: string;
    batches: (currentCatalog: string | null) => AsyncIterable<CatalogBatch>;
    inspect: (builtCatalog: string, currentCatalog: string | null) => T;
    /** Cancels the build (the core is closing). */
    signal?: AbortSignal;
  }): Promise<{ report: ImportReport; inspected: T }> {
    if (this.jobs.isRunning('priceListImport')) {
      throw new PorterError('JOB_BUSY', 'A price list import is already running: wait for it or cancel it');
    }
    const controller = new AbortController();
    const job = this.jobs.start('priceListImport', () => controller.abort());
    request.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const priceListId = crypto.randomUUID();
    const catalogFile = `${priceListId}.sqlite`;
    const catalogPath = path.join(this.catalogDir, catalogFile);
    const current = this.currentCatalogFile();
    const currentPath = current ? path.join(this.catalogDir, current) : null;
    let activated = false;
    try {
      const built = await buildCatalog({
        batches: request.batches(currentPath),
        format: 'porter',
        fileName: request.sourceName,
        options: PORTER_OPTIONS,
        priceListId,
        importedAt: new Date().toISOString(),
        catalogPath,
        signal: controller.signal,
        onProgress: (p) => this.jobs.update(job.jobId, { phase: p.phase, done: p.done, total: p.total, rows: p.rows }),
      });
      if (controller.signal.aborted) {
        throw new PorterError('JOB_CANCELLED', `The price list from ${request.sourceName} was cancelled; the previous one is unchanged`);
      }
      const inspected = request.inspect(catalogPath, currentPath);
      const priceList = this.activate(catalogFile);
      activated = true;
      const report: ImportReport = {
        priceList,
        items: built.items,
        categories: built.categories,
        rejected: built.rejected,
        rejectedNotListed: built.rejectedNotListed,
      };
      this.jobs.update(job.jobId, { state: 'done', result: report });
      log.info('price list received from the supplier', { source: request.sourceName, items: built.items });
      return { report, inspected };
    } catch (error) {
      if (!activated) fs.rmSync(catalogPath, { force: true });
      const data = error instanceof PorterError ? error.toData() : { code: 'INTERNAL' as const, message: (error as Error).message };
      this.jobs.update(job.jobId, { state: data.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed', error: data });
      throw error;
    }
  }

  /** The price list imported with publish: false and waiting to be published, if any. */
  get staged(): PriceListInfo | null {
    return this.stagedEntry()?.info ?? null;
  }

  /** What the staged list changes against the current (published) one; null when nothing is staged. */
  stagedChanges(): PriceListDiff | null {
    const staged = this.stagedEntry();
    if (!staged) return null;
    const current = this.currentCatalogFile();
    return diffCatalogs(path.join(this.catalogDir, staged.catalogFile), current ? path.join(this.catalogDir, current) : null);
  }

  /** Makes the staged list current: what stores get by sync from now on, and what orders are checked against. */
  publishStaged(): PriceListInfo {
    const staged = this.stagedEntry();
    if (!staged) throw new PorterError('NOT_FOUND', 'No price list waits to be published: import one for review first');
    if (this.jobs.isRunning('priceListImport')) {
      throw new PorterError('JOB_BUSY', 'A price list import is running: wait for it before publishing');
    }
    const info = this.activate(staged.catalogFile, () => this.db.prepare('DELETE FROM settings WHERE key = ?').run(STAGED_KEY));
    log.info('staged price list published', { id: info.id, items: info.itemCount });
    return info;
  }

  /** Throws the staged list away; the published one stays as it is. */
  discardStaged(): boolean {
    const staged = this.stagedEntry();
    if (!staged) return false;
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(STAGED_KEY);
    fs.rmSync(path.join(this.catalogDir, staged.catalogFile), { force: true });
    return true;
  }

  /** The staged entry, when its file is still there and it is not (after an interrupted publish) the current one already. */
  private stagedEntry(): { catalogFile: string; info: PriceListInfo } | null {
    const raw = this.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(STAGED_KEY);
    if (raw === undefined) return null;
    const entry = JSON.parse(raw) as { catalogFile: string; info: PriceListInfo };
    const usable = entry.catalogFile !== this.currentCatalogFile() && fs.existsSync(path.join(this.catalogDir, entry.catalogFile));
    return usable ? entry : null;
  }

  /** Keeps a finished catalog aside for review, replacing any list staged before it. */
  private stage(catalogFile: string): PriceListInfo {
    const reader = new CatalogReader(path.join(this.catalogDir, catalogFile));
    const info = reader.info;
    reader.close();
    const before = this.stagedEntry();
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(STAGED_KEY, JSON.stringify({ catalogFile, info }));
    if (before && before.catalogFile !== catalogFile) fs.rmSync(path.join(this.catalogDir, before.catalogFile), { force: true });
    return info;
  }

  /** The supplier's ids of these items in the current price list (CommerceML offer Ид), for orders sent back to 1C. */
  itemRefs(codes: readonly string[]): Map<string, string> {
    const current = this.currentCatalogFile();
    return current ? readItemRefs(path.join(this.catalogDir, current), codes) : new Map<string, string>();
  }

  private storePriceType(): string {
    return new StoreProfileService(this.db).profile().priceType;
  }

  private currentCatalogFile(): string | null {
    return (this.db.prepare('SELECT catalog_file FROM price_lists WHERE is_current = 1').pluck().get() as string | undefined) ?? null;
  }

  /** The catalog of the price list before the current one (kept on disk beside it), if any. */
  private previousCatalogPath(): string | null {
    const file = this.db
      .prepare('SELECT catalog_file FROM price_lists WHERE is_current = 0 ORDER BY imported_at DESC, rowid DESC LIMIT 1')
      .pluck()
      .get() as string | undefined;
    return file ? path.join(this.catalogDir, file) : null;
  }

  /**
   * Makes a finished catalog file current: one short transaction, then the old reader is closed.
   * The new reader compares with the list that was current until now; its view caches start empty.
   */
  private activate(catalogFile: string, alsoInTransaction: () => void = () => {}): PriceListInfo {
    const current = this.currentCatalogFile();
    const reader = new CatalogReader(path.join(this.catalogDir, catalogFile), current ? path.join(this.catalogDir, current) : null);
    const info = reader.info;
    try {
      this.db.transaction(() => {
        this.db.prepare('UPDATE price_lists SET is_current = 0 WHERE is_current = 1').run();
        this.db
          .prepare(
            `INSERT INTO price_lists (id, source_name, imported_at, item_count, category_count, prices_include_vat, catalog_file, is_current)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
          )
          .run(info.id, info.sourceName, info.importedAt, info.itemCount, info.categoryCount, info.pricesIncludeVat ? 1 : 0, catalogFile);
        alsoInTransaction();
      })();
    } catch (error) {
      reader.close();
      throw error;
    }
    const previous = this.reader;
    this.reader = reader;
    previous?.close();
    this.removeUnusedCatalogFiles();
    return info;
  }

  /**
   * Keeps the current and the previous catalog (the current reader has the previous one attached
   * to mark new items and changed prices); anything else is a leftover of an old or interrupted import.
   */
  private removeUnusedCatalogFiles(): void {
    const keep = new Set(
      this.db
        .prepare('SELECT catalog_file FROM price_lists ORDER BY is_current DESC, imported_at DESC, rowid DESC LIMIT 2')
        .pluck()
        .all() as string[],
    );
    // The list waiting to be published (manager mode) is kept too.
    const staged = this.stagedEntry();
    if (staged) keep.add(staged.catalogFile);
    for (const name of fs.readdirSync(this.catalogDir)) {
      if (keep.has(name) || this.jobs.isRunning('priceListImport')) continue;
      fs.rmSync(path.join(this.catalogDir, name), { force: true });
    }
  }

  close(): void {
    this.builder.dispose?.();
    this.reader?.close();
    this.reader = null;
  }
}

const COMMERCEML_OPTIONS: Omit<ImportOptions, 'fileId'> = { headerRow: 1, mapping: {}, pricesIncludeVat: true, defaultVatRate: 22 };
/** A Porter price list states every field itself (pricesIncludeVat comes with its batches). */
const PORTER_OPTIONS: Omit<ImportOptions, 'fileId'> = { headerRow: 1, mapping: {}, pricesIncludeVat: true, defaultVatRate: 22 };

/** A preview of the file; with headerRow the user has said where the header is, otherwise it is detected. */
export async function previewFile(filePath: string, fileName: string, chosenHeaderRow?: number): Promise<ImportPreview> {
  const source = await openTabularSource(filePath, fileName);
  const rows = await readFirstRows(source, Math.max(PREVIEW_ROWS, (chosenHeaderRow ?? 0) + SAMPLE_ROWS * 2));
  const chosenIndex = chosenHeaderRow === undefined ? -1 : rows.findIndex((r) => r.row >= chosenHeaderRow);
  const header = chosenIndex >= 0 ? headerAt(rows, chosenIndex) : detectHeader(rows);
  const headerIndex = Math.max(0, header.index);
  const headerRow = rows[headerIndex];
  const sample = rows
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .slice(0, SAMPLE_ROWS);
  const width = Math.max(headerRow?.cells.length ?? 0, ...sample.map((r) => r.cells.length));
  const pad = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  const letterhead = letterheadOf(rows, headerRow?.row ?? 1);
  return {
    fileName,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    headerRow: headerRow?.row ?? 1,
    headings: pad(headerRow?.cells ?? []),
    mapping: header.mapping,
    sampleRows: sample.map((r) => pad(r.cells)),
    pricesIncludeVat: header.pricesIncludeVat,
    supplierName: letterhead.supplierName,
    minOrderKopecks: letterhead.minOrderKopecks,
  };
}

/** What an import uses when nobody reviewed the mapping: the preview's guess. */
export async function defaultOptions(filePath: string, fileName: string): Promise<Omit<ImportOptions, 'fileId'>> {
  const preview = await previewFile(filePath, fileName);
  if (Object.keys(preview.mapping).length === 0) {
    throw new PorterError(
      'IMPORT_NO_HEADER',
      `${fileName}: no header row with known column names (code, name, price…) in the first ${PREVIEW_ROWS} rows`,
      {
        file: fileName,
      },
    );
  }
  return { headerRow: preview.headerRow, mapping: preview.mapping, pricesIncludeVat: preview.pricesIncludeVat, defaultVatRate: 22 };
}
