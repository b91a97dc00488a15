import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, isValidUtf8Prefix, sniffEncoding } from '../../electron/core/formats/encoding';

describe('encoding detection', () => {
  const text = 'Молоко «Простоквашино» 3,2% — ёлка';

  it('recognises a UTF-8 BOM', () => {
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
  });

  it('recognises UTF-8 without BOM, even when the sample ends inside a letter', () => {
    const bytes = Buffer.from(text);
    expect(sniffEncoding(bytes).encoding).toBe('utf-8');
    expect(isValidUtf8Prefix(bytes.subarray(0, 3))).toBe(true); // "М" is 2 bytes, "о" cut in half
  });

  it('falls back to windows-1251 for Cyrillic that is not UTF-8', () => {
    expect(sniffEncoding(iconv.encode(text, 'win1251')).encoding).toBe('windows-1251');
  });

  it('refuses UTF-16 with a clear message', () => {
    expect(() => sniffEncoding(Buffer.from([0xff, 0xfe, 0x1e, 0x04]))).toThrowError(/UTF-16/);
  });

  it('decodes windows-1251 and UTF-8 split at every byte without corruption', () => {
    for (const [encoding, bytes] of [
      ['windows-1251', iconv.encode(text, 'win1251')],
      ['utf-8', Buffer.from(text)],
    ] as const) {
      const decoder = createDecoder(encoding);
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += decoder.write(bytes.subarray(i, i + 1));
      out += decoder.end();
      expect(out).toBe(text);
    }
  });

  it('UTF-8 decoding is strict: a bad byte is an error, not a silent U+FFFD', () => {
    const decoder = createDecoder('utf-8');
    expect(() => decoder.write(Buffer.from([0x41, 0xc3, 0x28]))).toThrow();
  });
});
