import { PorterError } from '../../../../shared/errors';
import { isValidUtf8Prefix, type TextEncodingName } from '../encoding';

export interface XmlEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** What the XML declaration says, lower case; null without one. */
  declared: string | null;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
const CP1251_NAMES = new Set(['windows-1251', 'cp1251', 'win-1251', 'x-cp1251', 'cp-1251', 'win1251']);

/**
 * The encoding of an XML file, from its bytes: a UTF-8 BOM wins; otherwise, when the sample has
 * letters outside ASCII, a strict UTF-8 check decides between UTF-8 and windows-1251 — 1C-Bitrix
 * writes windows-1251 without a BOM, and editors re-save files without fixing the declaration,
 * so the bytes are trusted over the declaration. A pure-ASCII sample follows the declaration
 * (UTF-8 without one). Encodings other than these two are refused rather than guessed.
 */
export function sniffXmlEncoding(sample: Uint8Array, file: string): XmlEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, declared: declaredEncoding(sample.subarray(3)) };
  }
  const utf16 =
    (sample[0] === 0xff && sample[1] === 0xfe) ||
    (sample[0] === 0xfe && sample[1] === 0xff) ||
    (sample[0] === 0x3c && sample[1] === 0x00) ||
    (sample[0] === 0x00 && sample[1] === 0x3c);
  if (utf16) {
    throw new PorterError('FILE_ENCODING', `${file}: the file is in UTF-16, which Porter does not read; save it as UTF-8 or windows-1251`, {
      file,
    });
  }
  const declared = declaredEncoding(sample);
  if (declared !== null && !UTF8_NAMES.has(declared) && !CP1251_NAMES.has(declared)) {
    throw new PorterError(
      'FILE_ENCODING',
      `${file}: the file declares the encoding "${declared}"; Porter reads UTF-8 and windows-1251 only`,
      { file, field: 'encoding' },
    );
  }
  if (hasNonAscii(sample)) {
    if (isValidUtf8Prefix(sample)) return { encoding: 'utf-8', bomLength: 0, declared };
    const evidence = utf8Evidence(sample);
    // Mostly well-formed UTF-8 letters and a few broken ones: a damaged UTF-8 file, not windows-1251 (whose
    // Russian text almost never happens to form UTF-8 sequences). Decoding it as windows-1251 would be garbage.
    if (evidence.valid >= 4 && evidence.valid > evidence.invalid * 4) {
      throw new PorterError(
        'FILE_ENCODING',
        `${file}, line ${evidence.firstInvalidLine}: invalid UTF-8 bytes; the file is UTF-8 but damaged or mixes encodings`,
        {
          file,
          row: evidence.firstInvalidLine,
        },
      );
    }
    return { encoding: 'windows-1251', bomLength: 0, declared };
  }
  return { encoding: declared !== null && CP1251_NAMES.has(declared) ? 'windows-1251' : 'utf-8', bomLength: 0, declared };
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Counts well-formed and broken multi-byte UTF-8 sequences, and the line of the first broken one. */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number; firstInvalidLine: number } {
  let valid = 0;
  let invalid = 0;
  let line = 1;
  let firstInvalidLine = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      if (i + need >= bytes.length && need > 0) break; // cut off at the end of the sample
      invalid++;
      if (firstInvalidLine === 0) firstInvalidLine = line;
      i++;
    }
  }
  return { valid, invalid, firstInvalidLine };
}
