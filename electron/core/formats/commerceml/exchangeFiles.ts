import fs from 'node:fs';
import { PorterError } from '../../../../shared/errors';
import { parseXml, xmlFileInput, type XmlInput, type XmlListener } from '../xml/xmlStream';
import { openZip, type ZipArchive } from '../zipEntries';

/** A file the user (or a sync) handed over: import.xml, offers.xml, one file with both, or 1C's zip. */
export interface ExchangeFile {
  path: string;
  name: string;
}

/** What a CommerceML document holds first, after an optional classifier. */
export type CommerceMlContent = 'catalog' | 'offers' | 'orders' | 'classifier';

export interface CommerceMlPart {
  input: XmlInput;
  content: CommerceMlContent;
}

export interface CommerceMlPackage {
  parts: CommerceMlPart[];
  close(): void;
}

const ZIP_MAGIC = 0x04034b50;

/** True when the file starts like XML (after a BOM and blanks): the only bytes a CommerceML file starts with. */
export async function looksLikeXml(filePath: string): Promise<boolean> {
  const head = await readHead(filePath, 512);
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c; /* < */
}

export async function isZip(filePath: string): Promise<boolean> {
  const head = await readHead(filePath, 4);
  return head.length === 4 && head.readUInt32LE(0) === ZIP_MAGIC;
}

/** A zip that holds .xml files and no workbook: how 1C hands over an exchange. */
export async function isCommerceMlZip(filePath: string, name: string): Promise<boolean> {
  if (!(await isZip(filePath))) return false;
  const zip = await openZip(filePath, name, undefined, 'archive');
  try {
    const names = zip.entries().map((e) => e.fileName.toLowerCase());
    return !names.includes('[content_types].xml') && names.some((n) => n.endsWith('.xml'));
  } finally {
    zip.close();
  }
}

/**
 * Opens the files of an exchange and tells what each holds by reading it up to its first section
 * (Каталог, ПакетПредложений, Документ): names are not trusted, 1C and Bitrix name files freely.
 * Zip entries are read in name order (import0_1.xml before offers0_1.xml), files that hold only
 * a classifier (groups) first.
 */
export async function openCommerceMlPackage(files: readonly ExchangeFile[], signal?: AbortSignal): Promise<CommerceMlPackage> {
  const zips: ZipArchive[] = [];
  const inputs: XmlInput[] = [];
  const close = () => zips.forEach((zip) => zip.close());
  try {
    for (const file of files) {
      if (await isZip(file.path)) {
        const zip = await openZip(file.path, file.name, undefined, 'archive');
        zips.push(zip);
        const entries = zip
          .entries()
          .filter((entry) => /\.xml$/i.test(entry.fileName))
          .sort((a, b) => a.fileName.localeCompare(b.fileName));
        if (entries.length === 0) {
          throw new PorterError('FILE_FORMAT', `${file.name}: the zip holds no .xml file; 1C puts import.xml and offers.xml in it`, {
            file: file.name,
          });
        }
        for (const entry of entries) {
          // Inflated size: progress counts the bytes parsed (yauzl checks the header's size against the data).
          inputs.push({ name: `${file.name}: ${entry.fileName}`, size: entry.uncompressedSize, chunks: () => zip.read(entry) });
        }
      } else {
        inputs.push(xmlFileInput(file.path, file.name));
      }
    }
    const parts: CommerceMlPart[] = [];
    for (const input of inputs) parts.push({ input, content: await firstContent(input, signal) });
    const rank = (part: CommerceMlPart) => (part.content === 'classifier' ? 0 : 1);
    parts.sort((a, b) => rank(a) - rank(b));
    return { parts, close };
  } catch (error) {
    close();
    throw error;
  }
}

class SectionScan implements XmlListener {
  root = '';
  content: CommerceMlContent | null = null;
  sawClassifier = false;
  private depth = 0;

  open(name: string): void {
    if (this.depth === 0) this.root = name;
    else if (this.depth === 1 && this.content === null) {
      if (name === 'Каталог') this.content = 'catalog';
      else if (name === 'ПакетПредложений' || name === 'ИзмененияПакетаПредложений') this.content = 'offers';
      else if (name === 'Документ') this.content = 'orders';
      else if (name === 'Классификатор' || name === 'Группы') this.sawClassifier = true;
    }
    this.depth++;
  }
  close(): void {
    this.depth--;
  }
  text(): void {}
}

async function firstContent(input: XmlInput, signal?: AbortSignal): Promise<CommerceMlContent> {
  const scan = new SectionScan();
  for await (const _ of parseXml(input, scan, signal)) {
    void _;
    if (scan.root !== '' && scan.root !== 'КоммерческаяИнформация') break;
    if (scan.content !== null) break;
  }
  if (scan.root !== 'КоммерческаяИнформация') {
    throw new PorterError(
      'FILE_FORMAT',
      `${input.name}: not a CommerceML file (its root element is <${scan.root || '?'}>, not <КоммерческаяИнформация>)`,
      { file: input.name },
    );
  }
  if (scan.content) return scan.content;
  if (scan.sawClassifier) return 'classifier';
  throw new PorterError('FILE_FORMAT', `${input.name}: the CommerceML file holds no catalog, offers or documents`, { file: input.name });
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(filePath, 'r');
  } catch (error) {
    throw new PorterError('FILE_UNREADABLE', `Cannot read ${filePath}: ${(error as Error).message}`, { file: filePath });
  }
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
