import path from 'node:path';
import { PorterError } from '../../../shared/errors';
import { storeEntrySchema, type StoreEntry } from '../../../shared/manager';
import { normalizeSearchText } from '../../../shared/search';
import { openTabularSource } from '../formats/openTabularSource';
import type { SourceRow } from '../formats/tabularSource';

type StoreField = keyof StoreEntry;

/** Headings as people write them, folded (lower case, ё→е, punctuation as spaces). */
const HEADINGS: Record<StoreField, string[]> = {
  customerCode: ['код', 'код клиента', 'код покупателя', 'код контрагента', 'код магазина', 'customer code', 'code', 'store code'],
  name: ['наименование', 'название', 'магазин', 'покупатель', 'клиент', 'контрагент', 'name', 'store', 'store name', 'customer'],
  priceType: ['тип цены', 'тип цен', 'вид цены', 'вид цен', 'price type'],
  deliveryDays: ['дни доставки', 'дни поставки', 'дни отгрузки', 'доставка', 'delivery days', 'delivery'],
  contact: ['контакт', 'контактное лицо', 'контакты', 'contact', 'contact person'],
  phone: ['телефон', 'тел', 'phone', 'telephone', 'phone number'],
  email: ['e mail', 'email', 'эл почта', 'электронная почта', 'почта', 'mail'],
};
const FIELD_BY_HEADING = new Map<string, StoreField>(
  (Object.keys(HEADINGS) as StoreField[]).flatMap((field) => HEADINGS[field].map((heading) => [heading, field] as const)),
);
const HEADER_SEARCH_ROWS = 20;
const MAX_STORES = 100_000;
/** A file this bad is listed this far; the rest is counted. */
const MAX_LISTED_ERRORS = 20;

function fold(text: string): string {
  return normalizeSearchText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** ISO weekdays (1 = Monday) by the ways a spreadsheet writes them, in Russian and English. */
const WEEKDAYS = new Map<string, number>(
  [
    ['пн пон понед понедельник mo mon monday', 1],
    ['вт вто втор вторник tu tue tues tuesday', 2],
    ['ср сре сред среда среду we wed wednesday', 3],
    ['чт чет четв четверг th thu thur thurs thursday', 4],
    ['пт пят пятн пятница пятницу fr fri friday', 5],
    ['сб суб субб суббота субботу sa sat saturday', 6],
    ['вс вос воскр воскресенье su sun sunday', 7],
  ].flatMap(([words, day]) => [
    ...(words as string).split(' ').map((w) => [w, day as number] as const),
    [String(day), day as number] as const,
  ]),
);

function weekday(token: string): number | null {
  return WEEKDAYS.get(token.replace(/\.$/, '')) ?? null;
}

/**
 * Delivery days as written in a spreadsheet: "пн, чт", "1,4", "Пн/Чт", "понедельник четверг", "mon-fri"
 * (a range), "" for none. Returns the ISO weekdays, or the token that is not a day.
 */
export function parseDeliveryDays(text: string): { days: number[] } | { bad: string } {
  const folded = normalizeSearchText(text)
    .replace(/\s*[-–—]\s*/g, '-')
    .trim();
  if (folded === '') return { days: [] };
  const days = new Set<number>();
  for (const part of folded.split(/[,;/\s]+/).filter((t) => t !== '' && t !== 'и' && t !== 'and')) {
    const range = /^([^-–—]+)[-–—]([^-–—]+)$/.exec(part);
    if (range) {
      const from = weekday(range[1]!);
      const to = weekday(range[2]!);
      if (from === null || to === null) return { bad: part };
      for (let day = from; ; day = (day % 7) + 1) {
        days.add(day);
        if (day === to) break;
      }
      continue;
    }
    const day = weekday(part);
    if (day === null) return { bad: part };
    days.add(day);
  }
  return { days: [...days].sort((a, b) => a - b) };
}

interface RowError {
  row: number;
  field: string;
  message: string;
}

/**
 * The stores directory from a CSV or XLSX file (columns: code, name, price type, delivery days,
 * contact, phone, e-mail; headings in Russian or English, the header among the first rows), read through
 * the tabular readers. All or nothing: any bad row refuses the whole file, every error naming the
 * file, row and field; a code twice in the file is an error too.
 */
export async function readStoresFile(filePath: string, fileName = path.basename(filePath)): Promise<StoreEntry[]> {
  const source = await openTabularSource(filePath, fileName);
  let header: { row: number; columns: Map<StoreField, number> } | null = null;
  const entries: StoreEntry[] = [];
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  let errorCount = 0;
  const fail = (error: RowError) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
  };
  let rowsSeen = 0;

  for await (const batch of source.rows()) {
    for (const row of batch) {
      if (row.cells.every((c) => c.trim() === '')) continue;
      if (!header) {
        header = headerOf(row);
        if (!header && ++rowsSeen >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      if (entries.length + errorCount >= MAX_STORES) {
        throw new PorterError('FILE_TOO_LARGE', `${fileName}, row ${row.row}: more than ${MAX_STORES} stores; is it the right file?`, {
          file: fileName,
          row: row.row,
        });
      }
      const entry = storeOf(row, header.columns, fail);
      if (!entry) continue;
      const seen = firstRow.get(entry.customerCode);
      if (seen !== undefined) {
        fail({ row: row.row, field: 'customerCode', message: `code "${entry.customerCode}" is already on row ${seen}` });
        continue;
      }
      firstRow.set(entry.customerCode, row.row);
      entries.push(entry);
    }
    if (!header && rowsSeen >= HEADER_SEARCH_ROWS) break;
  }
  if (!header) {
    throw new PorterError(
      'IMPORT_NO_HEADER',
      `${fileName}: no header row with the store's code and name (Код, Наименование / Code, Name) in the first ${HEADER_SEARCH_ROWS} rows`,
      { file: fileName },
    );
  }
  if (errorCount > 0) {
    const listed = errors.map((e) => `row ${e.row}, field ${e.field}: ${e.message}`).join('; ');
    const more = errorCount > errors.length ? `; and ${errorCount - errors.length} more` : '';
    throw new PorterError('INVALID_INPUT', `${fileName}: nothing was imported — ${listed}${more}`, {
      file: fileName,
      row: errors[0]!.row,
      field: errors[0]!.field,
      errors: errors.map((e) => ({ ...e, file: fileName })),
    });
  }
  if (entries.length === 0)
    throw new PorterError('INVALID_INPUT', `${fileName}: no stores under the header row ${header.row}`, { file: fileName });
  return entries;
}

function headerOf(row: SourceRow): { row: number; columns: Map<StoreField, number> } | null {
  const columns = new Map<StoreField, number>();
  row.cells.forEach((cell, index) => {
    const field = FIELD_BY_HEADING.get(fold(cell));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  return columns.has('customerCode') && columns.has('name') ? { row: row.row, columns } : null;
}

function storeOf(row: SourceRow, columns: Map<StoreField, number>, fail: (error: RowError) => void): StoreEntry | null {
  const text = (field: StoreField) => {
    const index = columns.get(field);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  let ok = true;
  const days = parseDeliveryDays(text('deliveryDays'));
  if ('bad' in days) {
    fail({ row: row.row, field: 'deliveryDays', message: `"${days.bad}" is not a weekday (write пн, чт or 1,4)` });
    ok = false;
  }
  const email = text('email');
  if (email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    fail({ row: row.row, field: 'email', message: `"${email}" is not an e-mail address` });
    ok = false;
  }
  const parsed = storeEntrySchema.safeParse({
    customerCode: text('customerCode'),
    name: text('name'),
    priceType: text('priceType'),
    deliveryDays: 'days' in days ? days.days : [],
    contact: text('contact'),
    phone: text('phone'),
    email,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      fail({ row: row.row, field, message: issue.code === 'too_small' ? 'required' : issue.message });
    }
    return null;
  }
  return ok ? parsed.data : null;
}
