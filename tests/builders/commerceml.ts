import fs from 'node:fs';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import type { Order, OrderLine, PriceListItem, RejectedRow, StoreProfile } from '../../shared/domain';
import { openCommerceMlCatalogSource } from '../../electron/core/formats/commerceml/catalogBatches';
import { readCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersReader';
import type { CommerceMlCategory, CommerceMlFacts } from '../../electron/core/formats/commerceml/priceListReader';
import type { XmlInput } from '../../electron/core/formats/xml/xmlStream';
import type { PorterPriceList, PorterPriceListItem } from '../../shared/exchange';
import { lineTotals, orderTotals, VAT_RATES, type VatRate } from '../../shared/money';
import {
  commerceMlImportXml,
  commerceMlOffersXml,
  type CommerceMlPriceListWriteOptions,
} from '../../electron/core/formats/commerceml/priceListWriter';
import { generateItems } from './priceLists';

export const STORE: StoreProfile = { storeName: 'Магазин «У дома» №7', customerCode: '00042', priceType: '', locale: 'ru' };

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Write this as the inflated size in the headers instead of the truth (a lying zip bomb). */
  declaredSize?: number;
}

/** A zip archive of the entries, deflated, built by hand (Node has no zip writer). */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = zlib.deflateRawSync(entry.data, { level: 9 });
    const crc = zlib.crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Text of a generator of chunks. */
export function joined(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

export interface WrittenPair {
  importPath: string;
  offersPath: string;
}

/** import.xml and offers.xml of a price list, as Porter's CommerceML writer writes them (optionally in windows-1251). */
export async function writeCommerceMlPair(
  dir: string,
  priceList: PorterPriceList | CommerceMlListHeader,
  options: Partial<CommerceMlPriceListWriteOptions> & { encoding?: 'utf-8' | 'windows-1251' } = {},
): Promise<WrittenPair> {
  const importPath = `${dir}/import.xml`;
  const offersPath = `${dir}/offers.xml`;
  const writeOptions: CommerceMlPriceListWriteOptions = {
    generatedAt: '2026-11-29T10:00:00',
    ...(options.encoding === 'windows-1251' ? { declaredEncoding: 'windows-1251' } : {}),
    ...options,
  };
  await writeChunks(importPath, commerceMlImportXml(priceList, writeOptions), options.encoding);
  await writeChunks(offersPath, commerceMlOffersXml(priceList, writeOptions), options.encoding);
  return { importPath, offersPath };
}

async function writeChunks(file: string, chunks: Iterable<string>, encoding: 'utf-8' | 'windows-1251' = 'utf-8'): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const chunk of chunks) {
    const bytes = encoding === 'utf-8' ? Buffer.from(chunk, 'utf8') : iconv.encode(chunk, 'win1251');
    if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export type CommerceMlListHeader = Omit<PorterPriceList, 'items'> & { items: Iterable<PorterPriceListItem> };

/** A large deterministic price list (the demo generator's items), streamed: for size and memory checks. */
export function generatedPriceList(count: number, seed = 1): CommerceMlListHeader {
  const names = ['Молочная продукция', 'Бакалея', 'Кондитерские изделия', 'Напитки', 'Бытовая химия', 'Замороженные продукты'];
  return {
    id: `generated-${count}`,
    supplierName: 'ООО «Северный оптовик»',
    priceType: 'Оптовая',
    currency: 'RUB',
    pricesIncludeVat: true,
    minOrderKopecks: null,
    publishedAt: '2026-11-29T10:00:00.000Z',
    categories: [{ id: 'root', name: 'Продукты', parentId: null }, ...names.map((name, i) => ({ id: `g${i}`, name, parentId: 'root' }))],
    items: {
      *[Symbol.iterator]() {
        for (const item of generateItems(count, seed)) {
          const index = names.indexOf(item.category);
          yield {
            code: item.code,
            name: item.name,
            barcode: item.barcode,
            unit: item.unit,
            packMultiple: item.packMultiple,
            minOrderQuantity: item.minOrderQuantity,
            priceKopecks: item.priceKopecks,
            vatRate: item.vatRate,
            stock: item.stock,
            stockAtLeast: false,
            categoryId: index >= 0 ? `g${index}` : 'root',
          };
        }
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

export type LineSpec = Pick<OrderLine, 'itemCode' | 'name' | 'barcode' | 'unit' | 'priceKopecks' | 'vatRate' | 'quantity'>;

/** An order as the core would hold it: lines and totals computed by the shared money rules. */
export function buildOrder(lines: readonly LineSpec[], overrides: Partial<Omit<Order, 'lines' | 'totals'>> = {}): Order {
  const pricesIncludeVat = overrides.pricesIncludeVat ?? true;
  const orderLines: OrderLine[] = lines.map((line) => {
    const totals = lineTotals(line, pricesIncludeVat);
    return {
      ...line,
      packMultiple: 1,
      minOrderQuantity: 0,
      amountKopecks: totals.amountKopecks,
      vatKopecks: totals.vatKopecks,
      grossKopecks: totals.grossKopecks,
      problems: [],
    };
  });
  return {
    id: '7f8a1c2e-0000-4000-8000-000000000001',
    number: 'P-000012',
    status: 'exported',
    createdAt: '2026-11-28T09:15:00.000Z',
    updatedAt: '2026-11-29T08:00:00.000Z',
    submittedAt: null,
    exportedAt: '2026-11-29T08:00:00.000Z',
    deliveryDate: '2026-12-01',
    comment: 'Привезти до 10:00',
    origin: '',
    attentionCount: 0,
    minimumOrder: null,
    priceListId: 'pl-1',
    ...overrides,
    pricesIncludeVat,
    lines: orderLines,
    totals: orderTotals(lines, pricesIncludeVat),
  };
}

export const SAMPLE_LINES: LineSpec[] = [
  {
    itemCode: '000123',
    name: 'Молоко «Простоквашино» 3,2% 930 мл',
    barcode: '4607001234562',
    unit: 'шт',
    priceKopecks: 8990,
    vatRate: 10,
    quantity: 24,
  },
  { itemCode: '00012', name: 'Сыр "Российский" 200 г', barcode: '', unit: 'кг', priceKopecks: 45050, vatRate: 22, quantity: 3 },
  {
    itemCode: '=HYPERLINK("http://evil")',
    name: '-5% скидка; "акция"\nвторая строка',
    barcode: '',
    unit: 'упак',
    priceKopecks: 100,
    vatRate: 0,
    quantity: 1,
  },
];

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries: Cyrillic, quotes, markup, formula starters, leading zeros, newlines
// ---------------------------------------------------------------------------------------------

const TRICKY_CHARS = [
  'а',
  'Я',
  'ё',
  'Ё',
  'ж',
  'z',
  'Q',
  '0',
  '7',
  ' ',
  '"',
  "'",
  '«',
  '»',
  '&',
  '<',
  '>',
  ';',
  ',',
  '=',
  '+',
  '-',
  '@',
  '#',
  '%',
  '№',
  '\n',
  '\t',
  '\r',
];
const char = fc.constantFrom(...TRICKY_CHARS);

/** Text a user could type: any of the tricky characters, including line breaks inside. */
export const anyText = (maxLength = 30) => fc.string({ unit: char, maxLength });
/** Text as a catalog keeps it: one line, trimmed, not empty. */
export const oneLineText = (maxLength = 30) =>
  fc
    .string({ unit: fc.constantFrom(...TRICKY_CHARS.filter((c) => !/\s/.test(c) || c === ' ')), minLength: 1, maxLength })
    .map((s) => s.replace(/ +/g, ' ').trim())
    .filter((s) => s !== '');
/** Codes with leading zeros and punctuation, never blank. */
export const codeText = fc
  .tuple(
    fc.constantFrom('', '0', '00', '000'),
    fc.string({ unit: fc.constantFrom('0', '1', '9', 'А', 'Z', '-', '/', '.', '#', '%', "'"), minLength: 1, maxLength: 10 }),
  )
  .map(([zeros, rest]) => `${zeros}${rest}`)
  .filter((s) => s.trim() === s);
export const vatRate = fc.constantFrom<VatRate>(...VAT_RATES);
export const barcodeText = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[0-9]{13}$/),
  fc.tuple(fc.stringMatching(/^[0-9]{8}$/), fc.stringMatching(/^[0-9]{13}$/)).map(([a, b]) => `${a} ${b}`),
);

export const lineSpec = (text: fc.Arbitrary<string>): fc.Arbitrary<LineSpec> =>
  fc.record({
    itemCode: codeText,
    name: text,
    barcode: barcodeText,
    unit: fc.constantFrom('шт', 'кг', 'л', 'упак', 'пар', 'бут', 'коробка'),
    priceKopecks: fc.integer({ min: 0, max: 10_000_000_00 }),
    vatRate,
    quantity: fc.integer({ min: 1, max: 100_000 }),
  });

export const orderArbitrary = (text: fc.Arbitrary<string>): fc.Arbitrary<Order> =>
  fc
    .record({
      lines: fc.uniqueArray(lineSpec(text), { minLength: 1, maxLength: 8, selector: (l) => l.itemCode }),
      number: codeText,
      comment: text,
      pricesIncludeVat: fc.boolean(),
      deliveryDate: fc.option(fc.constantFrom('2026-12-01', '2027-01-09'), { nil: null }),
      id: fc.uuid(),
      exportedAt: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    })
    .map(({ lines, ...rest }) => buildOrder(lines, rest));

// ---------------------------------------------------------------------------------------------
// Reading a CommerceML price list the way the import does, collected for assertions
// ---------------------------------------------------------------------------------------------

export interface ReadPriceList {
  items: (PriceListItem & { row: number; ref: string })[];
  /** Each item's price of every declared price type, by the type's Ид, in item order. */
  itemPrices: Record<string, number>[];
  rejected: RejectedRow[];
  categories: CommerceMlCategory[];
  facts: CommerceMlFacts;
  supplierName: string;
  pricesIncludeVat: boolean;
}

export async function readCommerceMlPriceList(
  files: { path: string; name: string }[],
  priceType = '',
  defaultVatRate: VatRate = 22,
): Promise<ReadPriceList> {
  const source = await openCommerceMlCatalogSource(files, { priceType, defaultVatRate });
  const result: ReadPriceList = {
    items: [],
    itemPrices: [],
    rejected: [],
    categories: [],
    facts: source.reader.facts,
    supplierName: '',
    pricesIncludeVat: true,
  };
  try {
    for await (const batch of source.reader.batches()) {
      batch.items.forEach((item, i) => {
        result.items.push({ ...item, row: batch.sourceRows[i]!, ref: batch.itemRefs[i]! });
        result.itemPrices.push(Object.fromEntries(batch.itemPrices[i]!.map((p) => [p.ref, p.kopecks])));
      });
      result.rejected.push(...batch.rejected);
      result.categories.push(...batch.categories);
      result.supplierName = batch.supplierName;
      result.pricesIncludeVat = batch.pricesIncludeVat;
    }
  } finally {
    source.close();
  }
  return result;
}

/** A document in memory as an XmlInput, cut into chunks of `chunkBytes` (splitting letters and tags anywhere). */
export function textInput(name: string, content: string | Buffer, chunkBytes = 1 << 16): XmlInput {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    size: bytes.length,
    chunks: async function* () {
      for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
    },
  };
}

export async function readOrders(input: XmlInput) {
  const facts = { schemaVersion: '', encoding: '', documents: 0, skipped: [] as { line: number; id: string; operation: string }[] };
  const orders = [];
  for await (const order of readCommerceMlOrders(input, facts)) orders.push(order);
  return { orders, facts };
}
