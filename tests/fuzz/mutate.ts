/** Byte-level mutations for the fuzzer, driven by a seeded random source so a run can be replayed. */
export type Random = () => number;

/** Tokens that readers of price lists and orders treat specially. */
const TOKENS = [
  ';',
  ',',
  '\t',
  '"',
  '""',
  '\r\n',
  '\n',
  '\r',
  '\u00a0',
  '\ufeff',
  '=',
  '+',
  '-',
  '@',
  '%',
  '€',
  '₽',
  'ё',
  'Ё',
  '0',
  '000123',
  '4607001234562',
  '1e309',
  '-0',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  '0x10',
  '1,5',
  '1.5',
  '1 234,56',
  'более 100',
  '>100',
  '100+',
  '10%',
  '22 %',
  'без НДС',
  '__proto__',
  'constructor',
  'Код',
  'Наименование',
  'Цена',
  'Количество',
  'Штрихкод',
  '<',
  '>',
  '&amp;',
  '&#0;',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '&a;',
  '<?xml version="1.0" encoding="windows-1251"?>',
  '\u0000',
  '\u2028',
  '\ud800',
].map((t) => Buffer.from(t, 'utf8'));
const RAW = [
  Buffer.from([0xff]),
  Buffer.from([0xd0]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0xe0, 0xe1]),
];

const int = (random: Random, n: number) => Math.floor(random() * n);

export function mutate(input: Buffer, corpus: readonly Buffer[], random: Random, maxSize: number): Buffer {
  let data = Buffer.from(input);
  const rounds = 1 + int(random, 4);
  for (let r = 0; r < rounds; r++) {
    const at = data.length === 0 ? 0 : int(random, data.length);
    switch (int(random, 9)) {
      case 0: // flip a bit
        if (data.length > 0) data[at]! ^= 1 << int(random, 8);
        break;
      case 1: // a random byte
        if (data.length > 0) data[at] = int(random, 256);
        break;
      case 2: // insert a token
      case 3: {
        const token = random() < 0.8 ? TOKENS[int(random, TOKENS.length)]! : RAW[int(random, RAW.length)]!;
        data = Buffer.concat([data.subarray(0, at), token, data.subarray(at)]);
        break;
      }
      case 4: // delete a range
        data = Buffer.concat([data.subarray(0, at), data.subarray(Math.min(data.length, at + 1 + int(random, 64)))]);
        break;
      case 5: {
        // duplicate a range (many rows, long cells)
        const end = Math.min(data.length, at + 1 + int(random, 256));
        const copies = 1 + int(random, random() < 0.1 ? 200 : 4);
        data = Buffer.concat([data.subarray(0, end), ...Array.from({ length: copies }, () => data.subarray(at, end)), data.subarray(end)]);
        break;
      }
      case 6: {
        // splice with another corpus entry
        const other = corpus[int(random, corpus.length)]!;
        const from = int(random, Math.max(1, other.length));
        data = Buffer.concat([data.subarray(0, at), other.subarray(from, from + 1 + int(random, 512))]);
        break;
      }
      case 7: // truncate
        data = data.subarray(0, at);
        break;
      default: {
        // swap two ranges' bytes (reorders lines and cells)
        const b = int(random, Math.max(1, data.length));
        const len = 1 + int(random, 32);
        const left = Buffer.from(data.subarray(at, at + len));
        const right = Buffer.from(data.subarray(b, b + len));
        right.copy(data, at);
        left.copy(data, b);
      }
    }
  }
  return data.length > maxSize ? data.subarray(0, maxSize) : data;
}
