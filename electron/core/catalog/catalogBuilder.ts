import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { ImportOptions } from '../../../shared/domain';
import { PorterError } from '../../../shared/errors';
import type { ExchangeFile } from '../formats/commerceml/exchangeFiles';
import { openTabularSource } from '../formats/openTabularSource';
import { buildCatalog, type BuildProgress, type BuiltCatalog } from './buildCatalog';
import { readItemBatches } from './itemBatches';
import { receiveItemBatches } from './workerItemBatches';

export interface CatalogBuildRequest {
  /** What priceListFormat found: a table (CSV, XLSX) or a CommerceML exchange. */
  format: 'table' | 'commerceml';
  filePath: string;
  fileName: string;
  /** Every file of a CommerceML exchange handed over together (import.xml and offers.xml); fileName is then their joint name. */
  exchangeFiles?: ExchangeFile[];
  /** The store's price type (its profile), for a CommerceML price list with several. */
  priceType?: string;
  options: Omit<ImportOptions, 'fileId'>;
  priceListId: string;
  importedAt: string;
  catalogPath: string;
}

/** Builds a catalog file somewhere: in this thread (tests, command line) or in a worker (the app). */
export interface CatalogBuilder {
  (request: CatalogBuildRequest, onProgress: (progress: BuildProgress) => void, signal: AbortSignal): Promise<BuiltCatalog>;
  /** Starts ahead what a build of this file needs (worker threads), while the caller still works out its options. */
  prepare?(filePath: string): void;
  /** Stops what prepare started if no build took it. */
  dispose?(): void;
}

export const buildCatalogInThisThread: CatalogBuilder = async (request, onProgress, signal) => {
  if (request.format === 'commerceml') return buildCommerceMlCatalog(request, onProgress, signal);
  const source = await openTabularSource(request.filePath, request.fileName);
  return buildCatalog({ ...request, batches: readItemBatches(source, request.options, signal), signal, onProgress });
};

/**
 * The import worker's builder: a table's rows are read and validated by a parse worker (started beside this
 * thread, see workerCatalogBuilder) and arrive on `reader` while this thread inserts them.
 */
export function buildCatalogFromReader(reader: MessagePort | undefined): CatalogBuilder {
  return async (request, onProgress, signal) => {
    // CommerceML is read in this thread: its offers must be indexed before the catalog streams past.
    if (request.format === 'commerceml') return buildCommerceMlCatalog(request, onProgress, signal);
    if (!reader) throw new PorterError('INTERNAL', `${request.fileName}: no reader was started for the table`);
    return buildCatalog({ ...request, batches: receiveItemBatches(reader, signal), signal, onProgress });
  };
}

/** import.xml + offers.xml (or one file with both, or 1C's zip) into the same catalog file the CSV path builds. */
const buildCommerceMlCatalog: CatalogBuilder = async (request, onProgress, signal) => {
  // Loaded when needed: a table's import never pays for the XML reader.
  const { openCommerceMlCatalogSource } = await import('../formats/commerceml/catalogBatches');
  const files = request.exchangeFiles ?? [{ path: request.filePath, name: request.fileName }];
  const source = await openCommerceMlCatalogSource(
    files,
    // Scratch beside the catalog being built: a crash leaves it where the next start removes unused files.
    { priceType: request.priceType ?? '', defaultVatRate: request.options.defaultVatRate, scratchDir: path.dirname(request.catalogPath) },
    signal,
  );
  try {
    return await buildCatalog({ ...request, format: 'commerceml', batches: source.batches, signal, onProgress });
  } finally {
    source.close();
  }
};
