/** What the fuzzer feeds: each reader as the app calls it, its seed inputs and the modules whose coverage guides it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { readItemBatches } from '../../electron/core/catalog/itemBatches';
import { previewFile } from '../../electron/core/catalog/priceListService';
import { openTabularSource } from '../../electron/core/formats/openTabularSource';
import { openCommerceMlCatalogSource } from '../../electron/core/formats/commerceml/catalogBatches';
import { readCommerceMlOrders } from '../../electron/core/formats/commerceml/ordersReader';
import { xmlFileInput } from '../../electron/core/formats/xml/xmlStream';
import { readPorterConfirmation } from '../../electron/core/formats/porterJson/confirmationFile';
import { readPorterPriceList } from '../../electron/core/formats/porterJson/priceListFile';
import { readOrderLinesFile } from '../../electron/core/orders/orderLinesImport';
import { readPorterOrderFile, writePorterOrderFile } from '../../electron/core/orders/porterOrderFile';
import type { Order } from '../../shared/domain';
import { lineTotals, orderTotals } from '../../shared/money';
import { parseOrderLinesText } from '../../shared/orderLinesText';
import { generateItems, writePriceListCsv } from '../builders/priceLists';
import { writeWorkbook } from '../builders/workbooks';
import { PorterError } from '../../shared/errors';
import { mutate, type Random } from './mutate';
import { storedZip } from './storedZip';

export interface FuzzTarget {
  /** Substrings of module URLs whose block coverage counts. */
  modules: string[];
  maxSize: number;
  seeds: () => Promise<Buffer[]>;
  exec: (input: Buffer, workDir: string) => Promise<void>;
  mutate?: (input: Buffer, corpus: readonly Buffer[], random: Random) => Buffer;
}

const repo = path.resolve(import.meta.dirname, '..', '..');
const fixture = (...parts: string[]) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', ...parts));

/** The price list import as the app runs it: preview (encoding, delimiter, header, mapping), then every row. */
async function importPriceList(file: string, name: string): Promise<void> {
  const preview = await previewFile(file, name);
  const source = await openTabularSource(file, name);
  const options = { headerRow: preview.headerRow, mapping: preview.mapping, defaultVatRate: 22 as const };
  for await (const batch of readItemBatches(source, options)) void batch;
}

async function generatedCsv(count: number, layout: Parameters<typeof writePriceListCsv>[2]): Promise<Buffer> {
  const file = path.join(os.tmpdir(), `porter-fuzz-seed-${process.pid}.csv`);
  await writePriceListCsv(file, generateItems(count, 5), layout);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  return bytes;
}

/** A zip's entries (any compression), read with the same library the app uses. */
function unzip(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries: { name: string; data: Buffer }[] = [];
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** The entries of a zip written by storedZip (stored, sizes in the local headers); null for anything else. */
function storedEntries(bytes: Buffer): { name: string; data: Buffer }[] | null {
  const entries: { name: string; data: Buffer }[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && bytes.readUInt32LE(at) === 0x04034b50) {
    if (bytes.readUInt16LE(at + 8) !== 0) return null;
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const start = at + 30 + nameLength + extra;
    if (start + size > bytes.length) return null;
    entries.push({ name: bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8'), data: bytes.subarray(start, start + size) });
    at = start + size;
  }
  return entries.length > 0 ? entries : null;
}

const csvTarget = (extension: string): FuzzTarget => ({
  modules: ['/formats/', '/catalog/priceListTable', '/catalog/itemBatches', '/catalog/letterhead', '/shared/money'],
  maxSize: 1 << 20,
  seeds: async () => [
    fixture('price-lists', 'cp1251-letterhead-categories.csv'),
    fixture('price-lists', 'utf8-bom-comma.csv'),
    await generatedCsv(50, { letterhead: ['ООО «Поставщик»;;', 'Минимальная сумма заказа: 5 000 ₽;;', ';;'], categoryRows: true }),
    await generatedCsv(30, { delimiter: '\t', encoding: 'windows-1251' }),
  ],
  exec: async (input, workDir) => {
    const file = path.join(workDir, `price-list.${extension}`);
    fs.writeFileSync(file, input);
    await importPriceList(file, path.basename(file));
  },
});

const commerceml = (name: string) => fixture('commerceml', name);

/** A Porter order file as the app writes it, for the JSON readers' seed. */
function porterOrderSeed(): Buffer {
  const lines = [
    { itemCode: '000123', name: 'Молоко «Простоквашино» 3,2%', priceKopecks: 8990, quantity: 24, vatRate: 10 as const },
    { itemCode: '000200', name: 'Шоколад "Алёнка"; горький', priceKopecks: 11500, quantity: 40, vatRate: 22 as const },
  ].map((line) => ({
    ...line,
    barcode: '4607001234562',
    unit: 'шт',
    packMultiple: 1,
    minOrderQuantity: 0,
    ...lineTotals(line, true),
    problems: [],
  }));
  const order: Order = {
    id: '5f0e6f1e-0000-4000-8000-000000000001',
    number: 'P-000012',
    status: 'submitted',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:05:00.000Z',
    submittedAt: '2026-11-29T10:05:00.000Z',
    exportedAt: null,
    deliveryDate: '2026-12-01',
    comment: 'к 10:00',
    origin: '',
    attentionCount: 0,
    minimumOrder: null,
    priceListId: 'pl-1',
    pricesIncludeVat: true,
    lines,
    totals: orderTotals(lines, true),
  };
  return Buffer.from(writePorterOrderFile(order, '2026-11-29T10:06:00.000Z', '0.1.0'));
}

export const TARGETS: Record<string, FuzzTarget> = {
  /** A CommerceML catalog + offers pair as 1C exchanges it; the mutated one is either file. */
  commerceml: {
    modules: ['/formats/commerceml/', '/formats/xml/', '/formats/encoding'],
    maxSize: 1 << 20,
    seeds: async () => [commerceml('cml207_import0_1_ut11_utf8bom.xml'), commerceml('cml207_offers0_1_ut11_utf8bom.xml')],
    exec: async (input, workDir) => {
      const isOffers = input.includes(Buffer.from('ПакетПредложений'));
      const mutated = path.join(workDir, isOffers ? 'offers.xml' : 'import.xml');
      const partner = path.join(workDir, isOffers ? 'import.xml' : 'offers.xml');
      fs.writeFileSync(mutated, input);
      fs.writeFileSync(partner, commerceml(isOffers ? 'cml207_import0_1_ut11_utf8bom.xml' : 'cml207_offers0_1_ut11_utf8bom.xml'));
      const files = [mutated, partner].map((file) => ({ path: file, name: path.basename(file) }));
      const source = await openCommerceMlCatalogSource(files, { priceType: '', defaultVatRate: 22, scratchDir: workDir });
      try {
        for await (const batch of source.batches) void batch;
      } finally {
        source.close();
      }
    },
  },
  'commerceml-orders': {
    modules: ['/formats/commerceml/', '/formats/xml/', '/formats/encoding'],
    maxSize: 1 << 20,
    seeds: async () => [commerceml('cml205_orders_bitrix_query_cp1251.xml'), commerceml('cml209_orders_from_1c_with_1c_numbers.xml')],
    exec: async (input, workDir) => {
      const file = path.join(workDir, 'orders.xml');
      fs.writeFileSync(file, input);
      for await (const order of readCommerceMlOrders(xmlFileInput(file, 'orders.xml'))) void order;
    },
  },
  'price-list-csv': csvTarget('csv'),
  'price-list-xlsx': {
    modules: ['/formats/', '/catalog/priceListTable', '/catalog/itemBatches', '/catalog/letterhead'],
    maxSize: 4 << 20,
    seeds: async () => {
      const seeds: Buffer[] = [];
      for (const rows of [
        [
          ['ООО «Поставщик»'],
          [],
          ['Код', 'Наименование', 'Штрихкод', 'Ед.', 'Кратность', 'Цена', 'Остаток', 'НДС'],
          ['Молочная продукция'],
          ['000123', 'Молоко «Простоквашино» 3,2%', '4607001234562', 'шт', 12, 89.9, 'более 100', '10%'],
          ['000124', 'Кефир 1%', '4607001234586', 'шт', '6', '72,00', 40, 10],
        ],
        [
          ['SKU', 'Name', 'Price', 'Stock'],
          ['A-1', 'Tea "Ahmad"', '189.96', '5'],
        ],
      ] as (string | number)[][][]) {
        const file = path.join(os.tmpdir(), `porter-fuzz-seed-${process.pid}.xlsx`);
        await writeWorkbook(file, rows);
        // Re-written with stored entries, so mutations can reach inside the parts.
        seeds.push(storedZip(await unzip(fs.readFileSync(file))));
        fs.rmSync(file);
      }
      return seeds;
    },
    mutate: (input, corpus, random) => {
      const entries = storedEntries(input);
      if (!entries || random() < 0.15) return mutate(input, corpus, random, 4 << 20);
      const xmlParts = entries.filter((e) => /\.xml$|\.rels$/.test(e.name));
      const part = xmlParts[Math.floor(random() * xmlParts.length)] ?? entries[0]!;
      const donors = xmlParts.map((e) => e.data);
      const mutated = mutate(part.data, donors, random, 2 << 20);
      return storedZip(entries.map((e) => (e === part ? { name: e.name, data: mutated } : e)));
    },
    exec: async (input, workDir) => {
      const file = path.join(workDir, 'price-list.xlsx');
      fs.writeFileSync(file, input);
      await importPriceList(file, 'price-list.xlsx');
    },
  },
  /** Porter's own JSON files: the order, the price list and the confirmation readers on the same bytes. */
  'porter-json': {
    modules: ['/orders/porterOrderFile', '/formats/porterJson/'],
    maxSize: 1 << 18,
    seeds: async () => [porterOrderSeed()],
    exec: async (input) => {
      const text = input.toString('utf8');
      const readers = [readPorterOrderFile, readPorterPriceList, readPorterConfirmation];
      let refused: PorterError | null = null;
      for (const read of readers) {
        try {
          read(text, 'fuzz.json');
        } catch (error) {
          if (!(error instanceof PorterError)) throw error;
          refused = error;
        }
      }
      if (refused) throw refused;
    },
  },
  'order-lines-text': {
    modules: ['/shared/orderLinesText'],
    maxSize: 1 << 16,
    seeds: async () => [
      Buffer.from('000123\t12\n4607001234562\t6\nКод;Количество\n000200;40\n'),
      Buffer.from('Артикул,Кол-во\r\n"000123","12,0"\r\n000124 24\r\n\r\n'),
    ],
    exec: async (input) => void parseOrderLinesText(input.toString('utf8')),
  },
  'order-lines-file': {
    modules: ['/orders/orderLinesImport', '/shared/orderLinesText', '/formats/'],
    maxSize: 1 << 18,
    seeds: async () => [
      Buffer.from('Код;Штрихкод;Количество\r\n000123;;12\r\n;4607001234562;6\r\n'),
      Buffer.from('\ufeffSKU,Qty\n000123,12\n000200,"40"\n'),
    ],
    exec: async (input, workDir) => {
      const file = path.join(workDir, 'order-lines.csv');
      fs.writeFileSync(file, input);
      await readOrderLinesFile(file, 'order-lines.csv');
    },
  },
};
