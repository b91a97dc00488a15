import { SaxesParser } from 'saxes';
import { PorterError, type ErrorDetails } from '../../../shared/errors';

export type XmlParser = SaxesParser<{ xmlns: false; position: false }>;

export interface XmlFeeder {
  parser: XmlParser;
  write(chunk: Buffer): void;
  /** Flushes the decoder and checks the document is complete. */
  end(): void;
}

/** The element or attribute name without its prefix: writers bind the namespaces to any prefix they like. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * Decodes an entry's bytes strictly and streams the text into a fresh parser. The decoder keeps a
 * letter split across chunks until its last byte arrives, so no chunk boundary can corrupt it.
 */
export function createXmlFeeder(file: string, part: string, currentRow: () => number | undefined): XmlFeeder {
  const parser: XmlParser = new SaxesParser({ xmlns: false, position: false });
  // Entity tricks live in DTDs, and no workbook part has one.
  parser.on('doctype', () => {
    throw new PorterError('FILE_FORMAT', `${file}: ${part} declares a DTD, which workbooks never do; the file was not read`, { file });
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const located = (): { where: string; details: ErrorDetails } => {
    const row = currentRow();
    return row === undefined ? { where: part, details: { file } } : { where: `${part}, row ${row}`, details: { file, row } };
  };
  const parse = (text: string | null): void => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      if (error instanceof PorterError) throw error;
      const { where, details } = located();
      throw new PorterError('FILE_FORMAT', `${file}: the workbook is damaged, bad XML in ${where} (${(error as Error).message})`, details);
    }
  };
  const invalidUtf8 = (): PorterError => {
    const { where, details } = located();
    return new PorterError('FILE_ENCODING', `${file}: invalid UTF-8 bytes in ${where}; the workbook is damaged`, details);
  };
  return {
    parser,
    write(chunk: Buffer): void {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        parseUpToBadByte(parser, chunk);
        throw invalidUtf8();
      }
      parse(text);
    },
    end(): void {
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw invalidUtf8();
      }
      parse(tail);
      parse(null);
    },
  };
}

/** Parses the good text before a bad byte, so the error names the row the byte is in. */
function parseUpToBadByte(parser: XmlParser, chunk: Buffer): void {
  // Leading continuation bytes end a letter begun in the previous chunk.
  let start = 0;
  while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
  const lenient = new TextDecoder('utf-8').decode(chunk.subarray(start));
  const bad = lenient.indexOf('\uFFFD');
  try {
    parser.write(bad < 0 ? '' : lenient.slice(0, bad));
  } catch {
    // Bad XML before the bad byte: the row reached so far is still the best answer.
  }
}
