import type { ImportOptions } from '../../../shared/domain';
import { openTabularSource } from '../formats/openTabularSource';
import { buildCatalog, type BuildProgress, type BuiltCatalog } from './buildCatalog';
import { readItemBatches } from './itemBatches';
import { workerItemBatches } from './workerItemBatches';

export interface CatalogBuildRequest {
  filePath: string;
  fileName: string;
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
  const source = await openTabularSource(request.filePath, request.fileName);
  return buildCatalog({ ...request, batches: readItemBatches(source, request.options, signal), signal, onProgress });
};

/** Reading and validating in a parse worker while this thread inserts (the app's import worker does this). */
export function buildCatalogWithParseWorker(parseWorkerFile: string): CatalogBuilder {
  return (request, onProgress, signal) => {
    const batches = workerItemBatches(
      parseWorkerFile,
      { filePath: request.filePath, fileName: request.fileName, options: request.options },
      signal,
    );
    return buildCatalog({ ...request, batches, signal, onProgress });
  };
}
