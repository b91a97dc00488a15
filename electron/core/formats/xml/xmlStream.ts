import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { PorterError } from '../../../../shared/errors';
import { createDecoder, type TextChunkDecoder } from '../encoding';
import { localName } from '../xmlFeeder';
import { sniffXmlEncoding, type XmlEncoding } from './xmlEncoding';

/** An XML document to read: a file, or an entry of a zip. */
export interface XmlInput {
  /** How messages name it: "import.xml", or "exchange.zip: offers0_1.xml". */
  name: string;
  /** Bytes to read (compressed bytes for a zip entry), for progress. */
  size: number;
  /** The raw bytes, from the start, each time it is called. */
  chunks(): AsyncIterable<Buffer>;
}

export function xmlFileInput(filePath: string, name: string): XmlInput {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch (error) {
    throw new PorterError('FILE_UNREADABLE', `Cannot read ${name}: ${(error as Error).message}`, { file: name });
  }
  return {
    name,
    size,
    // 64 KB, not more: decoding and parsing megabyte chunks measured three times slower (large strings).
    chunks: () => fs.createReadStream(filePath, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>,
  };
}

/** Elements by local name (whatever namespace prefix the writer chose), with the line each starts on. */
export interface XmlListener {
  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void;
  close(name: string): void;
  text(text: string): void;
  /** The encoding the bytes were read in, once sniffed. */
  encoding?(sniffed: XmlEncoding): void;
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * Streams a document through a listener. It yields the bytes read after each chunk, so the caller
 * can hand out what the listener collected and memory stays bounded by a chunk's worth of elements;
 * breaking out of the loop stops reading. The encoding is sniffed from the bytes. A DOCTYPE is
 * refused before anything in it is looked at: CommerceML never has one, and entity declarations
 * are how "billion laughs" and external-entity (file-reading) attacks are built. saxes itself
 * never expands DTD entities, so an undeclared entity is an XML error, not a lookup.
 */
export async function* parseXml(input: XmlInput, listener: XmlListener, signal?: AbortSignal): AsyncGenerator<number> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('doctype', () => {
    throw new PorterError(
      'FILE_FORMAT',
      `${input.name}, line ${parser.line}: the file declares a DTD (<!DOCTYPE …>). CommerceML never has one, and entity ` +
        'declarations in a DTD are a known attack (entity expansion, reading local files), so the file was not read',
      { file: input.name, row: parser.line, field: 'DOCTYPE' },
    );
  });
  parser.on('opentag', (tag) => listener.open(localName(tag.name), tag.attributes as Record<string, string>, parser.line));
  parser.on('closetag', (tag) => listener.close(localName(tag.name)));
  parser.on('text', (text) => listener.text(text));
  parser.on('cdata', (text) => listener.text(text));

  const feed = (text: string | null): void => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      if (error instanceof PorterError) throw error;
      const reason = (error as Error).message.replace(/^\d+:\d+:\s*/, '').replace(/\.$/, '');
      const ended = text === null;
      throw new PorterError(
        'FILE_FORMAT',
        ended
          ? `${input.name}: the file ends before its XML is complete (${reason}); was it cut off while copying?`
          : `${input.name}, line ${parser.line}: not well-formed XML (${reason})`,
        { file: input.name, row: parser.line },
      );
    }
  };

  let decoder: TextChunkDecoder | null = null;
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytesRead = 0;
  const decode = (bytes: Buffer): void => {
    if (!decoder) {
      const sniffed = sniffXmlEncoding(bytes, input.name);
      listener.encoding?.(sniffed);
      decoder = createDecoder(sniffed.encoding);
      bytes = bytes.subarray(sniffed.bomLength);
    }
    let text: string;
    try {
      text = decoder.write(bytes);
    } catch {
      throw invalidUtf8(input.name, lineOfFirstBadByte(parser, bytes));
    }
    feed(text);
  };

  const stream = input.chunks();
  for await (const chunk of stream) {
    if (signal?.aborted) return;
    bytesRead += chunk.length;
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SAMPLE_BYTES) continue;
      decode(Buffer.concat(pending));
      pending.length = 0;
    } else {
      decode(chunk);
    }
    yield bytesRead;
  }
  if (!decoder) decode(Buffer.concat(pending));
  let tail: string;
  try {
    tail = (decoder as TextChunkDecoder | null)?.end() ?? '';
  } catch {
    throw invalidUtf8(input.name, parser.line);
  }
  feed(tail);
  feed(null);
  yield bytesRead;
}

/** Parses the good text before a bad byte so the error names the line the byte is on. */
function lineOfFirstBadByte(parser: SaxesParser<{ xmlns: false; position: true }>, chunk: Buffer): number {
  let start = 0;
  while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
  const lenient = new TextDecoder('utf-8').decode(chunk.subarray(start));
  const bad = lenient.indexOf('\uFFFD');
  try {
    parser.write(bad < 0 ? '' : lenient.slice(0, bad));
  } catch {
    // Bad XML before the bad byte: the line reached is still the best answer.
  }
  return parser.line;
}

function invalidUtf8(file: string, line: number): PorterError {
  return new PorterError(
    'FILE_ENCODING',
    `${file}, line ${line}: invalid UTF-8 bytes; the file starts as UTF-8 but is damaged or mixes encodings`,
    { file, row: line },
  );
}
