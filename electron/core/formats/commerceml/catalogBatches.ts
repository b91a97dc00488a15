import type { CatalogBatch } from '../../catalog/buildCatalog';
import { packItems } from '../../catalog/itemBatches';
import type { VatRate } from '../../../../shared/money';
import { openCommerceMlPackage, type ExchangeFile } from './exchangeFiles';
import { CommerceMlPriceListReader, type CommerceMlBatch } from './priceListReader';

export interface CommerceMlCatalogSource {
  reader: CommerceMlPriceListReader;
  batches: AsyncGenerator<CatalogBatch>;
  close(): void;
}

/** A CommerceML exchange as the batches a catalog build consumes (the same shape the CSV path produces). */
export async function openCommerceMlCatalogSource(
  files: readonly ExchangeFile[],
  options: { priceType: string; defaultVatRate: VatRate; scratchDir?: string },
  signal?: AbortSignal,
): Promise<CommerceMlCatalogSource> {
  const pkg = await openCommerceMlPackage(files, signal);
  const reader = new CommerceMlPriceListReader(pkg, { ...options, signal });
  return { reader, batches: toCatalogBatches(reader.batches()), close: () => pkg.close() };
}

async function* toCatalogBatches(source: AsyncIterable<CommerceMlBatch>): AsyncGenerator<CatalogBatch> {
  let supplierName = '';
  for await (const batch of source) {
    const named = batch.supplierName !== supplierName;
    supplierName = batch.supplierName;
    yield {
      ...packItems(batch.items, batch.sourceRows),
      rejected: batch.rejected,
      categories: batch.categories,
      pricesIncludeVat: batch.pricesIncludeVat,
      itemRefs: batch.itemRefs,
      itemPrices: batch.itemPrices,
      ...(batch.priceTypes.length > 0 ? { priceTypes: batch.priceTypes } : {}),
      ...(named ? { letterhead: { supplierName, minOrderKopecks: null } } : {}),
      bytesRead: batch.bytesRead,
      totalBytes: batch.totalBytes,
      rowsRead: batch.rowsRead,
    };
  }
}
