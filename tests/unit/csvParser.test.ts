import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter } from '../../electron/core/formats/csvParser';

function parseInChunks(text: string, delimiter: string, chunkSize: number): string[][] {
  const parser = new CsvParser(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...parser.push(text.slice(i, i + chunkSize)));
  records.push(...parser.finish());
  return records;
}

const SAMPLE = 'Код;Наименование;Цена\r\n000123;"Сок ""Добрый""; яблочный";89,90\r\n2;"Две\nстроки";1\r\n;;\n3;Вода;\r4;последняя;5';
const EXPECTED = [
  ['Код', 'Наименование', 'Цена'],
  ['000123', 'Сок "Добрый"; яблочный', '89,90'],
  ['2', 'Две\nстроки', '1'],
  ['', '', ''],
  ['3', 'Вода', ''],
  ['4', 'последняя', '5'],
];

describe('CsvParser', () => {
  it('reads quotes, doubled quotes, delimiters and newlines inside quotes, CRLF, LF and CR', () => {
    expect(parseInChunks(SAMPLE, ';', SAMPLE.length)).toEqual(EXPECTED);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (let size = 1; size <= 13; size++) expect(parseInChunks(SAMPLE, ';', size)).toEqual(EXPECTED);
  });

  it('gives the same records for any records cut into chunks anywhere', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[а-яА-Я0-9 ,.]{0,12}$/),
      fc.stringMatching(/^[а-я;"\r\n ]{0,8}$/).map((text) => `"${text.replace(/"/g, '""')}"`),
    );
    const file = fc
      .tuple(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'))
      .map(([records, newline]) => records.map((r) => r.join(';')).join(newline) + newline);
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const parser = new CsvParser(';');
        const records: string[][] = [];
        let from = 0;
        for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          records.push(...parser.push(text.slice(from, cut)));
          from = cut;
        }
        records.push(...parser.push(text.slice(from)), ...parser.finish());
        expect(records).toEqual(parseInChunks(text, ';', text.length));
      }),
      { numRuns: 500 },
    );
  });

  it('names the row of an unterminated quote', () => {
    const parser = new CsvParser(';', 'prices.csv');
    parser.push('a;b\n1;2\n3;"open\n');
    expect(() => parser.finish()).toThrowError(/row 3/);
  });

  it('keeps a trailing empty field', () => {
    expect(parseInChunks('a;b;\n', ';', 100)).toEqual([['a', 'b', '']]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a;b;c\n1;2,5;3\n4;5,5;6\n', ';'],
    ['a,b,c\n1,"2,5",3\n4,5,6\n', ','],
    ['a\tb\tc\n1\t2,5\t3\n', '\t'],
  ])('finds %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('is not fooled by letterhead lines and decimal commas', () => {
    const text =
      'Прайс-лист, ООО «Ромашка»\nна 01.12.2026\n\nКод;Наименование;Цена\n1;Молоко, 3,2%;89,90\n2;Кефир;70,00\n3;Творог;120,50\n';
    expect(detectDelimiter(text)).toBe(';');
  });
});
