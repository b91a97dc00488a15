import { isCommerceMlZip, looksLikeXml, type ExchangeFile } from './commerceml/exchangeFiles';

/**
 * How a price list file is read: as a table (CSV, XLSX — columns mapped by the user) or as a
 * CommerceML exchange (XML, or 1C's zip of XML files). Decided from the bytes, never the name.
 */
export async function priceListFormat(
  filePath: string,
  fileName: string,
  exchangeFiles: readonly ExchangeFile[] = [],
): Promise<'table' | 'commerceml'> {
  if (exchangeFiles.length > 1) return 'commerceml';
  if (await looksLikeXml(filePath)) return 'commerceml';
  return (await isCommerceMlZip(filePath, fileName)) ? 'commerceml' : 'table';
}
