import path from 'node:path';
import type { Entry } from 'yauzl';
import { PorterError } from '../../../shared/errors';
import { ROW_BATCH_SIZE, type SourceRow, type TabularSource } from './tabularSource';
import { createXmlFeeder, localName, type XmlParser } from './xmlFeeder';
import { DEFAULT_ZIP_LIMITS, openZip, type ZipArchive, type ZipLimits } from './zipEntries';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const FALLBACK_SHEET = 'xl/worksheets/sheet1.xml';
const FALLBACK_SHARED_STRINGS = 'xl/sharedStrings.xml';
/** Excel's own limit; a reference past it is damage, and would make a huge row array. */
const MAX_COLUMNS = 16_384;

/**
 * Opens the first worksheet of an XLSX workbook. Shared strings are loaded up front; the sheet
 * itself is streamed. Cell values are the text stored in the file (numbers are not reformatted),
 * so codes and barcodes come out exactly as written.
 */
export async function openXlsxSource(
  filePath: string,
  displayName = path.basename(filePath),
  limits?: Partial<ZipLimits>,
): Promise<TabularSource> {
  const zipLimits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const zip = await openZip(filePath, displayName, zipLimits);
  let sheetPart: string;
  let sheetBytes: number;
  let sharedStrings: string[] = [];
  let sharedBytes = 0;
  try {
    const parts = await locateParts(zip, displayName);
    sheetPart = parts.sheet.fileName;
    sheetBytes = parts.sheet.compressedSize;
    if (parts.sharedStrings) {
      sharedStrings = await readSharedStrings(zip, parts.sharedStrings, displayName);
      sharedBytes = parts.sharedStrings.compressedSize;
    }
  } finally {
    zip.close();
  }
  let read = 0;

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow[]> {
    if (signal?.aborted) return;
    // Reopened per call: the source has no close(), so it must not hold the file open between reads.
    const zip = await openZip(filePath, displayName, zipLimits);
    try {
      const entry = zip.entry(sheetPart);
      if (!entry)
        throw new PorterError('FILE_FORMAT', `${displayName}: ${sheetPart} is gone; was the file replaced?`, { file: displayName });
      const sheet = new SheetRows(sharedStrings, displayName);
      const xml = createXmlFeeder(displayName, entry.fileName, () => sheet.currentRow);
      sheet.listen(xml.parser);
      read = sharedBytes;
      for await (const chunk of zip.read(entry, (bytes) => (read = sharedBytes + bytes))) {
        if (signal?.aborted) return;
        xml.write(chunk);
        while (sheet.ready.length >= ROW_BATCH_SIZE) {
          yield sheet.ready.splice(0, ROW_BATCH_SIZE);
          if (signal?.aborted) return;
        }
      }
      xml.end();
      if (sheet.ready.length > 0) yield sheet.ready.splice(0);
    } finally {
      zip.close();
    }
  }

  return {
    format: 'xlsx',
    encoding: 'xlsx',
    delimiter: '',
    totalBytes: sheetBytes + sharedBytes,
    bytesRead: () => read,
    rows,
  };
}

/** Finds the first worksheet the way Excel orders them: workbook.xml's <sheets>, resolved through the relationships. */
async function locateParts(zip: ZipArchive, file: string): Promise<{ sheet: Entry; sharedStrings: Entry | undefined }> {
  const sheetIds: string[] = [];
  await parsePart(zip, WORKBOOK, file, (parser) =>
    parser.on('opentag', (tag) => {
      if (localName(tag.name) !== 'sheet') return;
      // The r:id attribute; its prefix is whatever the writer bound the relationships namespace to.
      const id = Object.entries(tag.attributes).find(([name]) => name.endsWith(':id'))?.[1];
      if (id) sheetIds.push(id);
    }),
  );
  const rels = new Map<string, { type: string; target: string }>();
  await parsePart(zip, WORKBOOK_RELS, file, (parser) =>
    parser.on('opentag', (tag) => {
      const { Id, Type, Target, TargetMode } = tag.attributes;
      if (localName(tag.name) !== 'Relationship' || !Id || !Type || !Target || TargetMode === 'External') return;
      rels.set(Id, { type: Type, target: Target.startsWith('/') ? Target.slice(1) : path.posix.join('xl', Target) });
    }),
  );
  // Chart sheets are sheets too, but hold no cells.
  const worksheet = sheetIds.map((id) => rels.get(id)).find((rel) => rel?.type.endsWith('/worksheet'));
  const sheet = zip.entry(worksheet?.target ?? FALLBACK_SHEET) ?? zip.entry(FALLBACK_SHEET);
  if (!sheet) throw new PorterError('FILE_FORMAT', `${file}: not an XLSX workbook, it has no worksheet`, { file });
  const sharedStringsRel = [...rels.values()].find((rel) => rel.type.endsWith('/sharedStrings'));
  return { sheet, sharedStrings: zip.entry(sharedStringsRel?.target ?? FALLBACK_SHARED_STRINGS) ?? zip.entry(FALLBACK_SHARED_STRINGS) };
}

async function readSharedStrings(zip: ZipArchive, entry: Entry, file: string): Promise<string[]> {
  const strings: string[] = [];
  const item = new RichText();
  await parsePart(zip, entry.fileName, file, (parser) => {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') item.reset();
      else item.open(name);
    });
    parser.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') strings.push(unescapeOoxml(item.value));
      else item.close(name);
    });
    parser.on('text', (text) => item.text(text));
    parser.on('cdata', (text) => item.text(text));
  });
  return strings;
}

/** Parses a part start to end (the listener keeps what it needs); a missing part is not an error, the caller falls back. */
async function parsePart(zip: ZipArchive, name: string, file: string, listen: (parser: XmlParser) => void): Promise<void> {
  const entry = zip.entry(name);
  if (!entry) return;
  const xml = createXmlFeeder(file, entry.fileName, () => undefined);
  listen(xml.parser);
  for await (const chunk of zip.read(entry)) xml.write(chunk);
  xml.end();
}

/** Text of an <si> or <is>: its <t> runs joined, phonetic (<rPh>) runs left out. */
class RichText {
  value = '';
  private inText = false;
  private phoneticDepth = 0;

  reset(): void {
    this.value = '';
    this.inText = false;
    this.phoneticDepth = 0;
  }
  open(name: string): void {
    if (name === 'rPh') this.phoneticDepth++;
    else if (name === 't' && this.phoneticDepth === 0) this.inText = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.phoneticDepth--;
    else if (name === 't') this.inText = false;
  }
  text(text: string): void {
    if (this.inText) this.value += text;
  }
}

/** Turns sheet XML events into rows; finished rows wait in `ready` until handed out. */
class SheetRows {
  readonly ready: SourceRow[] = [];
  private lastRow = 0;
  /** Set while inside a <row>. */
  private cells: string[] | undefined;
  private column = 0;
  /** Set while inside a <c>: its t attribute. */
  private cellType: string | undefined;
  private inValue = false;
  private value = '';
  private readonly inline = new RichText();

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly file: string,
  ) {}

  /** The row being read, for error messages. */
  get currentRow(): number {
    return this.cells ? this.lastRow : this.lastRow + 1;
  }

  listen(parser: XmlParser): void {
    parser.on('opentag', (tag) => this.open(localName(tag.name), tag.attributes));
    parser.on('closetag', (tag) => this.close(localName(tag.name)));
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
  }

  private open(name: string, attributes: Record<string, string>): void {
    if (name === 'row') {
      const r = Number(attributes.r);
      this.lastRow = Number.isInteger(r) && r > 0 ? r : this.lastRow + 1;
      this.cells = [];
      this.column = 0;
    } else if (name === 'c' && this.cells) {
      this.column = attributes.r ? columnIndex(attributes.r, this.column) : this.column;
      if (this.column >= MAX_COLUMNS) throw this.damaged(`cell ${attributes.r} is beyond the last Excel column`);
      this.cellType = attributes.t ?? 'n';
      this.value = '';
      this.inline.reset();
    } else if (this.cellType === undefined) {
      return;
    } else if (name === 'v') {
      this.inValue = true;
    } else {
      this.inline.open(name);
    }
  }

  private close(name: string): void {
    if (name === 'row' && this.cells) {
      while (this.cells.length > 0 && this.cells[this.cells.length - 1] === '') this.cells.pop();
      this.ready.push({ row: this.lastRow, cells: this.cells });
      this.cells = undefined;
    } else if (name === 'c' && this.cells && this.cellType !== undefined) {
      while (this.cells.length < this.column) this.cells.push('');
      this.cells[this.column++] = this.cellText(this.cellType);
      this.cellType = undefined;
    } else if (name === 'v') {
      this.inValue = false;
    } else if (this.cellType !== undefined) {
      this.inline.close(name);
    }
  }

  private text(text: string): void {
    if (this.inValue) this.value += text;
    else if (this.cellType !== undefined) this.inline.text(text);
  }

  private cellText(type: string): string {
    if (type === 'inlineStr') return unescapeOoxml(this.inline.value || this.value);
    if (type !== 's' || this.value === '') return this.value;
    const text = this.sharedStrings[Number(this.value)];
    if (text === undefined) throw this.damaged(`shared string ${this.value} does not exist`);
    return text;
  }

  private damaged(reason: string): PorterError {
    return new PorterError('FILE_FORMAT', `${this.file}: the workbook is damaged near row ${this.lastRow}: ${reason}`, {
      file: this.file,
      row: this.lastRow,
    });
  }
}

/**
 * OOXML writes characters XML cannot carry (a carriage return, control characters) as _xHHHH_, and a
 * literal "_x…_" as _x005F_x…_; Excel and exceljs undo it on reading, so must we.
 */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** "AB12" → 27; a reference without letters keeps the running column. */
function columnIndex(ref: string, fallback: number): number {
  let index = 0;
  let i = 0;
  for (; i < ref.length && index <= MAX_COLUMNS; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + code - 64;
  }
  return i === 0 ? fallback : index - 1;
}
