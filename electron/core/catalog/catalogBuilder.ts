import path from 'node:path';
import type { ImportOptions } from '../../../shared/domain';
import { openCommerceMlCatalogSource } from '../formats/commerceml/catalogBatches';
import type { ExchangeFile } from '../formats/commerceml/exchangeFiles';
import { openTabularSource } from '../formats/openTabularSource';
import { priceListFormat } from '../formats/priceListFormat';
import { buildCatalog, type BuildProgress, type BuiltCatalog } from './buildCatalog';
import { readItemBatches } from './itemBatches';
import { workerItemBatches } from './workerItemBatches';

export interface CatalogBuildRequest {
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
export type CatalogBuilder = (
  request: CatalogBuildRequest,
  onProgress: (progress: BuildProgress) => void,
  signal: AbortSignal,
) => Promise<BuiltCatalog>;

export const buildCatalogInThisThread: CatalogBuilder = async (request, onProgress, signal) => {
  if ((await priceListFormat(request.filePath, request.fileName, request.exchangeFiles)) === 'commerceml') {
    return buildCommerceMlCatalog(request, onProgress, signal);
  }
  const source = await openTabularSource(request.filePath, request.fileName);
  return buildCatalog({ ...request, batches: readItemBatches(source, request.options, signal), signal, onProgress });
};

/** Reading and validating in a parse worker while this thread inserts (the app's import worker does this). */
export function buildCatalogWithParseWorker(parseWorkerFile: string): CatalogBuilder {
  return async (request, onProgress, signal) => {
    // CommerceML is read in this thread: its offers must be indexed before the catalog streams past.
    if ((await priceListFormat(request.filePath, request.fileName, request.exchangeFiles)) === 'commerceml') {
      return buildCommerceMlCatalog(request, onProgress, signal);
    }
    const batches = workerItemBatches(
      parseWorkerFile,
      { filePath: request.filePath, fileName: request.fileName, options: request.options },
      signal,
    );
    return buildCatalog({ ...request, batches, signal, onProgress });
  };
}

/** import.xml + offers.xml (or one file with both, or 1C's zip) into the same catalog file the CSV path builds. */
const buildCommerceMlCatalog: CatalogBuilder = async (request, onProgress, signal) => {
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
