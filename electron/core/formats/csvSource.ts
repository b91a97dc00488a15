import fs from 'node:fs';
import path from 'node:path';
import { PorterError } from '../../../shared/errors';
import { CsvParser, detectDelimiter } from './csvParser';
import { createDecoder, sniffEncoding, type SniffedEncoding } from './encoding';
import { ROW_BATCH_SIZE, type SourceRow, type TabularSource } from './tabularSource';

const SAMPLE_BYTES = 64 * 1024;
/**
 * A few batches of rows per read: fewer rows alive at once means less garbage surviving into the old heap, and
 * the decoded text (two bytes per letter) stays under V8's large-object size (see ROW_BATCH_SIZE).
 */
const READ_CHUNK = 1 << 16;

/**
 * Opens a CSV file: the encoding is sniffed from the bytes, the delimiter from the first
 * lines. Bytes are decoded before parsing, so no multi-byte letter is ever split.
 */
export async function openCsvSource(filePath: string, displayName = path.basename(filePath)): Promise<TabularSource> {
  const handle = await fs.promises.open(filePath, 'r');
  let sample: Buffer;
  let totalBytes: number;
  try {
    totalBytes = (await handle.stat()).size;
    sample = Buffer.alloc(Math.min(SAMPLE_BYTES, totalBytes));
    await handle.read(sample, 0, sample.length, 0);
  } finally {
    await handle.close();
  }
  const sniffed = sniffEncoding(sample);
  const sampleText = decodeSample(sample, sniffed, displayName);
  const delimiter = detectDelimiter(sampleText);
  let read = 0;

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow[]> {
    const decoder = createDecoder(sniffed.encoding);
    const parser = new CsvParser(delimiter, displayName);
    const stream = fs.createReadStream(filePath, { start: sniffed.bomLength, highWaterMark: READ_CHUNK });
    read = sniffed.bomLength;
    let rowNumber = 0;
    let batch: SourceRow[] = [];
    const take = function* (records: string[][]): Generator<SourceRow[]> {
      for (const cells of records) {
        batch.push({ row: ++rowNumber, cells });
        if (batch.length >= ROW_BATCH_SIZE) {
          yield batch;
          batch = [];
        }
      }
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (signal?.aborted) return;
        read += chunk.length;
        let text: string;
        try {
          text = decoder.write(chunk);
        } catch {
          throw invalidUtf8(displayName, rowOfFirstBadByte(parser, chunk));
        }
        yield* take(parser.push(text));
      }
      let tail: string;
      try {
        tail = decoder.end();
      } catch {
        throw invalidUtf8(displayName, parser.recordsRead + 1);
      }
      yield* take(parser.push(tail));
      yield* take(parser.finish());
      if (batch.length > 0) yield batch;
    } finally {
      stream.destroy();
    }
  }

  return {
    format: 'csv',
    encoding: sniffed.encoding,
    delimiter,
    totalBytes,
    bytesRead: () => read,
    rows,
  };
}

function decodeSample(sample: Buffer, sniffed: SniffedEncoding, displayName: string): string {
  const decoder = createDecoder(sniffed.encoding);
  try {
    return decoder.write(sample.subarray(sniffed.bomLength));
  } catch {
    throw invalidUtf8(displayName, 1);
  }
}

/** Counts the records before the first undecodable byte so the error names the right row. */
function rowOfFirstBadByte(parser: CsvParser, chunk: Buffer): number {
  const lenient = new TextDecoder('utf-8').decode(chunk);
  // The first characters may be the tail of a letter split across chunks: skip them.
  const bad = lenient.indexOf('\uFFFD', 3);
  try {
    parser.push(lenient.slice(0, bad < 0 ? 0 : bad));
  } catch {
    // An unterminated quote before the bad byte: the record count so far is still right.
  }
  return parser.recordsRead + 1;
}

function invalidUtf8(file: string, row: number): PorterError {
  return new PorterError(
    'FILE_ENCODING',
    `${file}: invalid UTF-8 bytes near row ${row}; the file starts as UTF-8 but is damaged or mixes encodings`,
    { file, row },
  );
}
