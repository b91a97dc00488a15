import {
  PORTER_FILE_VERSION,
  PORTER_PRICE_LIST_FORMAT,
  porterPriceListFileSchema,
  type PorterPriceList,
  type PorterPriceListFile,
} from '../../../../shared/exchange';
import { checkPorterJson, fileFieldError, readPorterJson } from './porterJsonFile';

/**
 * Porter's price list file, version 1 (docs/schemas/porter-price-list.v1.schema.json): what a
 * supplier publishes to its stores. Categories nest by parentId (parents first); items name their
 * category by id. One item per line, so the file diffs and streams well, and reading a file Porter
 * wrote and writing it again gives the same bytes.
 */
export function porterPriceListFile(priceList: PorterPriceList, exportedAt: string, appVersion: string): PorterPriceListFile {
  return { format: PORTER_PRICE_LIST_FORMAT, version: PORTER_FILE_VERSION, generator: `Porter ${appVersion}`, exportedAt, priceList };
}

export function serializePorterPriceList(file: PorterPriceListFile): string {
  // Through the schema: the keys come out in its order, whatever order the caller built them in.
  const normalized = porterPriceListFileSchema.parse(file);
  const { items, ...rest } = normalized.priceList;
  const placeholder = '\u0000items\u0000';
  const text = JSON.stringify({ ...normalized, priceList: { ...rest, items: placeholder } }, null, 2);
  // items is the last key of the last object: its placeholder is the last one in the text, whatever the names hold.
  const token = JSON.stringify(placeholder);
  const at = text.lastIndexOf(token);
  const list = items.length === 0 ? '[]' : `[\n${items.map((item) => `      ${JSON.stringify(item)}`).join(',\n')}\n    ]`;
  return `${text.slice(0, at)}${list}${text.slice(at + token.length)}\n`;
}

export function readPorterPriceList(text: string, fileName: string): PorterPriceListFile {
  return checkReferences(
    readPorterJson(text, fileName, PORTER_PRICE_LIST_FORMAT, PORTER_FILE_VERSION, porterPriceListFileSchema),
    fileName,
  );
}

/** The same checks on a price list already parsed from JSON (the exchange API's answer carries one as `file`). */
export function checkPorterPriceList(data: unknown, fileName: string): PorterPriceListFile {
  return checkReferences(
    checkPorterJson(data, fileName, PORTER_PRICE_LIST_FORMAT, PORTER_FILE_VERSION, porterPriceListFileSchema),
    fileName,
  );
}

function checkReferences(file: PorterPriceListFile, fileName: string): PorterPriceListFile {
  const categories = new Set<string>();
  file.priceList.categories.forEach((category, index) => {
    if (categories.has(category.id)) throw fileFieldError(fileName, `priceList.categories[${index}].id`, `"${category.id}" appears twice`);
    if (category.parentId !== null && !categories.has(category.parentId)) {
      throw fileFieldError(fileName, `priceList.categories[${index}].parentId`, `no category "${category.parentId}" before this one`);
    }
    categories.add(category.id);
  });
  const codes = new Map<string, number>();
  file.priceList.items.forEach((item, index) => {
    const first = codes.get(item.code);
    if (first !== undefined)
      throw fileFieldError(fileName, `priceList.items[${index}].code`, `"${item.code}" appears already at items[${first}]`);
    codes.set(item.code, index);
    if (item.categoryId !== null && !categories.has(item.categoryId)) {
      throw fileFieldError(fileName, `priceList.items[${index}].categoryId`, `no category "${item.categoryId}"`);
    }
  });
  return file;
}
