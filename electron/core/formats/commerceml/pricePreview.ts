import type { ColumnMapping, ImportPreview } from '../../../../shared/domain';
import { formatMoney } from '../../../../shared/money';
import { openCommerceMlCatalogSource } from './catalogBatches';
import type { ExchangeFile } from './exchangeFiles';
import type { CommerceMlBatch } from './priceListReader';

const SAMPLE_ROWS = 20;
/** The columns a CommerceML preview shows; nothing to map, the mapping is the file's own structure. */
const HEADINGS = ['Код', 'Наименование', 'Штрихкод', 'Ед.', 'Цена', 'Остаток', 'НДС', 'Группа'];
const MAPPING: ColumnMapping = { code: 0, name: 1, barcode: 2, unit: 3, price: 4, stock: 5, vatRate: 6, category: 7 };

/**
 * The first items of a CommerceML exchange as an import preview: the offers are read (prices come
 * from them), then the catalog only until twenty items are found.
 */
export async function previewCommerceMl(files: readonly ExchangeFile[], priceType: string): Promise<ImportPreview> {
  const source = await openCommerceMlCatalogSource(files, { priceType, defaultVatRate: 22 }, undefined);
  const reader = source.reader;
  const rows: string[][] = [];
  const categoryNames = new Map<string, string>();
  let last: CommerceMlBatch | null = null;
  try {
    for await (const batch of reader.batches()) {
      last = batch;
      for (const c of batch.categories) categoryNames.set(c.key, c.name);
      for (const item of batch.items) {
        rows.push([
          item.code,
          item.name,
          item.barcode,
          item.unit,
          formatMoney(item.priceKopecks),
          item.stock === null ? '' : String(item.stock),
          `${item.vatRate} %`,
          categoryNames.get(item.category) ?? '',
        ]);
      }
      if (rows.length >= SAMPLE_ROWS) break;
    }
  } finally {
    source.close();
  }
  const encodings = [...new Set(Object.values(reader.facts.encodings))];
  return {
    fileName: files.map((f) => f.name).join(', '),
    format: 'commerceml',
    encoding: encodings.join(', '),
    delimiter: '',
    headerRow: 1,
    headings: HEADINGS,
    mapping: MAPPING,
    sampleRows: rows.slice(0, SAMPLE_ROWS),
    pricesIncludeVat: last?.pricesIncludeVat ?? true,
    supplierName: last?.supplierName ?? '',
    minOrderKopecks: null,
  };
}
