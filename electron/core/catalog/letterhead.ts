import { parseMoney } from '../../../shared/money';
import { normalizeSearchText } from '../../../shared/search';
import type { SourceRow } from '../formats/tabularSource';

/** What the rows above a price list's header say about the supplier's terms. */
export interface LetterheadFacts {
  /** The supplier as the letterhead names it, or ''. */
  supplierName: string;
  /** The minimum order sum, when the letterhead states one. */
  minOrderKopecks: number | null;
}

export const NO_LETTERHEAD: LetterheadFacts = { supplierName: '', minOrderKopecks: null };

const MAX_NAME = 200;
const MAX_LINES = 100;

/** Each non-empty row as one line of text: 1C spreads a letterhead line over merged cells. */
export function letterheadLine(row: SourceRow): string {
  let line = '';
  for (const cell of row.cells) {
    const text = cell.trim();
    if (text !== '') line = line === '' ? text : `${line} ${text}`;
  }
  return line.replace(/\s+/g, ' ');
}

/** The facts of the rows before the header row (one-based, as the user sees it). */
export function letterheadOf(rows: readonly SourceRow[], headerRow: number): LetterheadFacts {
  const lines: string[] = [];
  for (const row of rows) {
    if (row.row >= headerRow || lines.length >= MAX_LINES) break;
    const line = letterheadLine(row);
    if (line !== '') lines.push(line);
  }
  return readLetterhead(lines);
}

export function readLetterhead(lines: readonly string[]): LetterheadFacts {
  return { supplierName: supplierName(lines), minOrderKopecks: minOrderKopecks(lines) };
}

// JavaScript's \b knows ASCII letters only: these bound Cyrillic words too.
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const OPEN_QUOTE = '[«"“„‹\']';
const QUOTED = `${OPEN_QUOTE}[^«»"“”„‹›']{1,150}[»"”“›']`;
/** Russian legal forms, abbreviated (Latin "OOO" too: it is typed that way) and written out. */
const RU_FORM =
  '(?:ООО|OOO|ОАО|ЗАО|ПАО|НАО|АО|ТОО|ТД|ГК|ЧП|ИП|Общество с ограниченной ответственностью|Акционерное общество|' +
  'Публичное акционерное общество|Закрытое акционерное общество|Торговый дом|Индивидуальный предприниматель)';
const EN_FORM = '(?:LLC|L\\.L\\.C\\.|Ltd\\.?|Limited|Inc\\.?|LLP|GmbH|JSC|Co\\.)';
const CAPITALISED = "[\\p{Lu}][\\p{L}\\p{N}&.'-]*";

const ORGANISATION_PATTERNS: RegExp[] = [
  // ООО «Северный оптовик», ООО ТД "Вектор", Торговый дом «Ромашка»
  new RegExp(`${START}${RU_FORM}(?:\\s+ТД)?\\s*${QUOTED}`, 'u'),
  // "Northern Wholesale" LLC
  new RegExp(`${QUOTED}\\s*,?\\s*${EN_FORM}${END}`, 'u'),
  // ИП Петров А. В., ИП Петров Алексей Викторович
  new RegExp(
    `${START}(?:ИП|Индивидуальный предприниматель)\\s+\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?(?:\\s*\\p{Lu}(?:\\p{Ll}+|\\.)){0,2}`,
    'u',
  ),
  // Northern Wholesale LLC
  new RegExp(`${START}${CAPITALISED}(?:\\s+${CAPITALISED}){0,5},?\\s+${EN_FORM}${END}`, 'u'),
  // ООО Северный оптовик (no quotes): up to the first comma, semicolon or bracket
  new RegExp(`${START}(?:ООО|OOO|ОАО|ЗАО|ПАО|АО|ТД)\\s+\\p{Lu}[^,;()]{1,100}`, 'u'),
];

const PRICE_LIST_WORDS = /(?<![\p{L}])(?:прайс[\s-]*лист\p{L}*|price[\s-]*list|pricelist)(?![\p{L}])/giu;
const DATE_PHRASE =
  /(?:(?<![\p{L}])(?:на|от|с|по|for|as of|from|valid from|dated)\s+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:\s*(?:г\.?|года))?/giu;
/** Lines that are about something else than who the supplier is. */
const NOT_A_NAME =
  /(?<![\p{L}])(?:цен[аыу]?|действ\p{L}*|тел\.?|телефон\p{L}*|факс|инн|кпп|огрн|бик|р\/с|адрес|e-?mail|почта|сайт|www|http\p{L}*|г\.|ул\.|prices?|valid|tel\.?|phone|fax|address|vat|ндс)(?![\p{L}])/iu;

function supplierName(lines: readonly string[]): string {
  for (const line of lines) {
    // "Price list Northern Wholesale LLC": the title is not part of the name.
    const text = line.replace(PRICE_LIST_WORDS, ' ');
    for (const pattern of ORGANISATION_PATTERNS) {
      const match = pattern.exec(text);
      if (match) return clip(match[0]);
    }
  }
  // No legal form: the first line that, without "Прайс-лист" and dates, still names something.
  for (const line of lines) {
    if (NOT_A_NAME.test(line) || MIN_ORDER.test(normalizeSearchText(line))) continue;
    const rest = line
      .replace(PRICE_LIST_WORDS, ' ')
      .replace(DATE_PHRASE, ' ')
      .replace(/^[\s:;,.\-–—№]+|[\s:;,\-–—№]+$/gu, '')
      .replace(/^(?:of|from|от|компании|поставщика)\s+/iu, '')
      .replace(/\s+/g, ' ');
    if ((rest.match(/\p{L}/gu)?.length ?? 0) >= 2) return clip(rest);
  }
  return '';
}

function clip(text: string): string {
  return text.trim().slice(0, MAX_NAME);
}

/** "минимальная сумма заказа", "мин. заказ", "minimum order amount"… (matched on lower-cased text, ё = е). */
const MIN_ORDER =
  /(?:минимальн\p{L}*\s+(?:сумм\p{L}*\s+)?(?:заказ\p{L}*|парти\p{L}*|отгрузк\p{L}*)|мин\.?\s*(?:сумм\p{L}*\s+)?заказ\p{L}*|сумм\p{L}*\s+минимальн\p{L}*\s+заказ\p{L}*|minimum\s+order(?:\s+(?:amount|value|sum|total))?|min\.?\s+order(?:\s+(?:amount|value))?)/u;
const AMOUNT =
  /^\s*(?:[:=–—-]\s*)?(?:(?:от|from|is|составляет)\s+)?(?:(?:руб\.?|₽|rub\.?)\s*)?(\d[\d\s\u00a0\u202f.,']*\d|\d)\s*(руб\p{L}*\.?|р\.|р(?![\p{L}])|₽|rub\p{L}*\.?|rur)?/u;
/** "Минимальный заказ 10 упаковок" is a quantity, not a sum. */
const QUANTITY_UNIT = /^\s*(?:шт|упак|уп|кор|кг|ящ|pcs|pieces|units?|packs?|cases?|boxes|items|позиц)/u;

function minOrderKopecks(lines: readonly string[]): number | null {
  for (let i = 0; i < lines.length; i++) {
    const line = normalizeSearchText(lines[i]!);
    const keyword = MIN_ORDER.exec(line);
    if (!keyword) continue;
    const after = line.slice(keyword.index + keyword[0].length);
    // The sum may sit in the next row when the label has a row of its own.
    const amount = sumAt(after) ?? (/^[\s:–—-]*$/.test(after) ? sumAt(normalizeSearchText(lines[i + 1] ?? '')) : null);
    if (amount !== null) return amount;
  }
  return null;
}

function sumAt(text: string): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  if (!match[2] && QUANTITY_UNIT.test(text.slice(match[0].length))) return null;
  const kopecks = parseMoney(match[1]!);
  return kopecks !== null && kopecks > 0 ? kopecks : null;
}
