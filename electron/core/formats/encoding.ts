import { PorterError } from '../../../shared/errors';

export type TextEncodingName = 'utf-8' | 'windows-1251';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/**
 * Decides the encoding from the bytes: a UTF-8 BOM, else a strict UTF-8 check of the
 * sample, else windows-1251 (decoding cp1251 as UTF-8 does not fail loudly, it makes garbage).
 */
export function sniffEncoding(sample: Uint8Array): SniffedEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3 };
  }
  if (sample.length >= 2 && ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))) {
    throw new PorterError('FILE_ENCODING', 'UTF-16 files are not supported: save the file as UTF-8 or windows-1251');
  }
  return { encoding: isValidUtf8Prefix(sample) ? 'utf-8' : 'windows-1251', bomLength: 0 };
}

/** True when the bytes are valid UTF-8, allowing a sequence cut off at the very end. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    if (i + need >= n) {
      // Truncated at the end of the sample: judge what is there.
      for (let k = 1; i + k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
      return true;
    }
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/** A streaming decoder; UTF-8 is decoded strictly so a broken byte later in the file is an error, not a U+FFFD. */
export interface TextChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createDecoder(encoding: TextEncodingName): TextChunkDecoder {
  // windows-1251 maps every byte (0x98, unassigned, to U+0098, as browsers do), so it never fails.
  const decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : new TextDecoder('windows-1251');
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
