import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { PorterError } from '../../../shared/errors';

/** How far one zip entry may inflate before it is treated as a zip bomb. */
export interface ZipLimits {
  maxEntryBytes: number;
  /** Inflated size over compressed size. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 1024 * 1024 * 1024, maxRatio: 200 };

/** Small parts (a 200-byte rels file of 40 KB whitespace, say) may legitimately compress better than the ratio. */
const RATIO_GRACE_BYTES = 1024 * 1024;
/** Real workbooks have a few dozen parts; a huge central directory is hostile. */
const MAX_ENTRIES = 10_000;

/** How messages call the zip: an XLSX workbook, or an exchange archive (1C zips import.xml and offers.xml). */
export type ZipKind = 'workbook' | 'archive';

const WORDS: Record<ZipKind, { notZip: string; whole: string; part: string }> = {
  workbook: { notZip: 'not an XLSX workbook', whole: 'the workbook', part: 'the workbook part' },
  archive: { notZip: 'not a zip archive of exchange files', whole: 'the archive', part: 'the archived file' },
};

export interface ZipArchive {
  /** The entry by name, ignoring case (some writers spell parts differently). */
  entry(name: string): Entry | undefined;
  /** Every file entry (folders left out), in the archive's order. */
  entries(): Entry[];
  /** The inflated bytes of an entry; `onProgress` gets (an estimate of) the compressed bytes consumed so far. */
  read(entry: Entry, onProgress?: (compressedBytes: number) => void): AsyncGenerator<Buffer>;
  close(): void;
}

/** Opens a zip for random access and lists its entries; the caller must close it. */
export async function openZip(
  filePath: string,
  displayName: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  kind: ZipKind = 'workbook',
): Promise<ZipArchive> {
  const words = WORDS[kind];
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) => {
      yauzl.open(filePath, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(error) : resolve(opened)));
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code) throw new PorterError('FILE_UNREADABLE', `Cannot read ${displayName}: ${message}`, { file: displayName });
    throw new PorterError(
      'FILE_FORMAT',
      kind === 'workbook'
        ? `${displayName}: not an XLSX workbook, it is not a zip archive (password-protected and old .xls workbooks are not supported): ${message}`
        : `${displayName}: ${words.notZip}: ${message}`,
      { file: displayName },
    );
  }
  let byName: Map<string, Entry>;
  try {
    byName = await listEntries(zip, displayName, words);
  } catch (error) {
    zip.close();
    throw error;
  }

  async function* read(entry: Entry, onProgress?: (compressedBytes: number) => void): AsyncGenerator<Buffer> {
    const limit = Math.min(limits.maxEntryBytes, Math.max(RATIO_GRACE_BYTES, limits.maxRatio * entry.compressedSize));
    // The header is checked only to fail fast; the count below is what protects.
    if (entry.uncompressedSize > limit) throw zipBomb(displayName, entry, entry.uncompressedSize, words);
    if (entry.isEncrypted()) throw damaged(displayName, entry, 'the part is encrypted', words);
    let stream: Readable;
    try {
      stream = await new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (error, opened) => (error ? reject(error) : resolve(opened)));
      });
    } catch (error) {
      throw damaged(displayName, entry, (error as Error).message, words);
    }
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limit) throw zipBomb(displayName, entry, inflated, words);
        // Progress is in compressed bytes; yauzl hides the deflate input, so scale by the (size-validated) header.
        const share = entry.uncompressedSize > 0 ? inflated / entry.uncompressedSize : 1;
        onProgress?.(Math.min(entry.compressedSize, Math.round(share * entry.compressedSize)));
        yield chunk;
      }
    } catch (error) {
      if (error instanceof PorterError) throw error;
      throw damaged(displayName, entry, (error as Error).message, words);
    } finally {
      stream.destroy();
    }
    onProgress?.(entry.compressedSize);
  }

  return {
    entry: (name) => byName.get(name.toLowerCase()),
    entries: () => [...byName.values()].filter((entry) => !entry.fileName.endsWith('/')),
    read,
    close: () => zip.close(),
  };
}

function listEntries(zip: ZipFile, displayName: string, words: (typeof WORDS)[ZipKind]): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    if (zip.entryCount > MAX_ENTRIES) {
      reject(
        new PorterError('FILE_FORMAT', `${displayName}: ${words.notZip}, the zip holds ${zip.entryCount} files`, {
          file: displayName,
        }),
      );
      return;
    }
    const byName = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      byName.set(entry.fileName.toLowerCase(), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(byName));
    zip.on('error', (error: Error) =>
      reject(new PorterError('FILE_FORMAT', `${displayName}: ${words.whole} is damaged (${error.message})`, { file: displayName })),
    );
    zip.readEntry();
  });
}

function zipBomb(displayName: string, entry: Entry, inflated: number, words: (typeof WORDS)[ZipKind]): PorterError {
  return new PorterError(
    'FILE_TOO_LARGE',
    `${displayName}: ${words.part} ${entry.fileName} inflates to ${formatBytes(inflated)} or more from ${formatBytes(entry.compressedSize)}; ` +
      'such a file is not a real price list and was not read',
    { file: displayName, part: entry.fileName },
  );
}

function damaged(displayName: string, entry: Entry, reason: string, words: (typeof WORDS)[ZipKind]): PorterError {
  return new PorterError('FILE_FORMAT', `${displayName}: ${words.whole} is damaged, cannot read ${entry.fileName} (${reason})`, {
    file: displayName,
    part: entry.fileName,
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
