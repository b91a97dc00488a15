import { PorterError } from '../../../shared/errors';

/** A quoted field longer than this is taken for an unterminated quote, not buffered forever. */
const MAX_QUOTED_FIELD = 1 << 20;

/**
 * An incremental RFC 4180 reader over decoded text: push chunks split anywhere (even
 * inside a quoted field or between \r and \n), get complete records back. Quoted fields
 * may hold delimiters, quotes ("") and newlines. Structural errors name the record.
 */
export class CsvParser {
  private pending = '';
  private recordNumber = 0;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly fileName = '',
  ) {
    if (delimiter.length !== 1) throw new RangeError('delimiter must be one character');
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Number of records returned so far. */
  get recordsRead(): number {
    return this.recordNumber;
  }

  push(text: string): string[][] {
    const newline = this.pending === '' ? -1 : text.indexOf('\n');
    if (newline < 0) {
      this.pending += text;
      return this.drain(false);
    }
    // The record left unfinished by the last chunk usually ends at this one's first newline: join only up to
    // there. Joined to the whole chunk, it would be copied whole by the first search in it.
    this.pending += text.slice(0, newline + 1);
    const records = this.drain(false);
    this.pending += text.slice(newline + 1);
    for (const record of this.drain(false)) records.push(record);
    return records;
  }

  finish(): string[][] {
    const records = this.drain(true);
    this.pending = '';
    return records;
  }

  private drain(final: boolean): string[][] {
    const s = this.pending;
    const n = s.length;
    const records: string[][] = [];
    const delim = this.delimiterCode;
    let pos = 0;
    // Where the next quote and carriage return are, looked up once and reused while pos is before them.
    let nextQuote = -2;
    let nextReturn = -2;
    record: while (pos < n) {
      // Fast path: a record on one line without quotes (nearly every row of a price list) is split natively.
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextReturn !== -1 && nextReturn < pos) nextReturn = s.indexOf('\r', pos);
      const newline = s.indexOf('\n', pos);
      if (newline >= 0 || final) {
        const lineEnd = newline >= 0 ? newline : n;
        const textEnd = lineEnd > pos && s.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        if ((nextQuote === -1 || nextQuote >= lineEnd) && (nextReturn === -1 || nextReturn >= textEnd)) {
          records.push(s.slice(pos, textEnd).split(this.delimiter));
          pos = newline >= 0 ? newline + 1 : n;
          continue;
        }
      }
      const fields: string[] = [];
      let i = pos;
      for (;;) {
        if (i >= n) {
          if (!final) break record;
          fields.push('');
          records.push(fields);
          pos = n;
          break record;
        }
        if (s.charCodeAt(i) === 34 /* " */) {
          let value = '';
          let j = i + 1;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0) {
              if (n - i > MAX_QUOTED_FIELD || final) this.unterminated();
              break record;
            }
            if (q + 1 < n && s.charCodeAt(q + 1) === 34) {
              value += s.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) break record; // cannot tell "" from " yet
            value += s.slice(j, q);
            i = q + 1;
            break;
          }
          // Lenient: text after a closing quote up to the delimiter is kept (Excel does the same).
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === delim || c === 10 || c === 13) break;
            k++;
          }
          if (k >= n && !final) break record;
          value += s.slice(i, k);
          fields.push(value);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === delim || c === 10 || c === 13) break;
            k++;
          }
          if (k >= n && !final) break record;
          fields.push(s.slice(i, k));
          i = k;
        }
        if (i >= n) {
          records.push(fields);
          pos = n;
          break record;
        }
        const c = s.charCodeAt(i);
        if (c === delim) {
          i++;
          if (i >= n && final) {
            fields.push('');
            records.push(fields);
            pos = n;
            break record;
          }
          continue;
        }
        // End of record: \n, \r\n or a lone \r.
        if (c === 13) {
          if (i + 1 >= n && !final) break record;
          i += i + 1 < n && s.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else {
          i++;
        }
        records.push(fields);
        pos = i;
        continue record;
      }
    }
    this.pending = pos >= n ? '' : s.slice(pos);
    this.recordNumber += records.length;
    return records;
  }

  private unterminated(): never {
    throw new PorterError(
      'FILE_FORMAT',
      `A quoted field starting at row ${this.recordNumber + 1} is never closed (a missing " in the file)`,
      { file: this.fileName, row: this.recordNumber + 1 },
    );
  }
}

/** Picks the delimiter whose records have the most consistent field count (more than one field). */
export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 60);
  const text = lines.slice(0, -1).join('\n') || sample;
  let best = ';';
  let bestScore = -1;
  for (const candidate of [';', '\t', ',', '|']) {
    let records: string[][];
    try {
      const parser = new CsvParser(candidate);
      records = [...parser.push(text), ...parser.finish()];
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of records) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modalCount = 0;
    let modalFields = 0;
    for (const [fields, count] of counts) {
      if (count > modalCount || (count === modalCount && fields > modalFields)) {
        modalCount = count;
        modalFields = fields;
      }
    }
    const score = modalCount * 1000 + modalFields;
    if (modalFields > 1 && score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
