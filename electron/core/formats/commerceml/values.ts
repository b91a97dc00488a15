import { parseDecimal, parseMoney } from '../../../../shared/money';

/**
 * Values as 1C and 1C-Bitrix write them in CommerceML: amounts with a point or a comma and up to
 * four decimals ("231.7400", "1 234,56"), booleans in English or Russian, units by OKEI code.
 * Ids and codes are never numbers: they are kept exactly as written.
 */

/** Kopecks, rounded half up from up to four decimals; null when the text is not an amount. */
export function cmlMoney(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : parseMoney(t);
}

/** A quantity or rate as a number ("12.500" → 12.5); null when the text is not one. */
export function cmlNumber(text: string): number | null {
  const d = parseDecimal(text.trim());
  if (!d) return null;
  const value = Number(`${d.negative ? '-' : ''}${d.integer || '0'}.${d.fraction || '0'}`);
  return Number.isFinite(value) ? value : null;
}

export function cmlBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 'истина' || t === 'да' || t === '1') return true;
  if (t === 'false' || t === 'ложь' || t === 'нет' || t === '0') return false;
  return null;
}

/** The tax is VAT when it says so (or says nothing: VAT is the only tax on a Russian price). */
export function isVatName(name: string): boolean {
  const t = name.trim().toLowerCase();
  return t === '' || t.includes('ндс') || t.includes('vat');
}

/** A unit as CommerceML describes it: <БазоваяЕдиница Код="796 " НаименованиеПолное="Штука" …>шт</БазоваяЕдиница>. */
export interface CmlUnit {
  /** The OKEI code exactly as written (1C writes "796 " with a trailing space). */
  code: string;
  fullName: string;
  shortName: string;
  international: string;
}

export const NO_UNIT: CmlUnit = { code: '', fullName: '', shortName: '', international: '' };

/** Short names of the OKEI units price lists use, by code. */
const OKEI_SHORT_NAMES: Record<string, string> = {
  '006': 'м',
  '018': 'пог. м',
  '055': 'м2',
  '111': 'мл',
  '112': 'л',
  '113': 'м3',
  '163': 'г',
  '166': 'кг',
  '168': 'т',
  '625': 'лист',
  '657': 'изд',
  '704': 'набор',
  '715': 'пар',
  '736': 'рул',
  '778': 'упак',
  '796': 'шт',
  '839': 'компл',
  '868': 'бут',
};
const OKEI_CODES: Record<string, string> = Object.fromEntries(Object.entries(OKEI_SHORT_NAMES).map(([code, name]) => [name, code]));

export function unitFromAttributes(attributes: Readonly<Record<string, string>>): CmlUnit {
  return {
    code: attribute(attributes, 'Код'),
    fullName: attribute(attributes, 'НаименованиеПолное'),
    shortName: attribute(attributes, 'НаименованиеКраткое'),
    international: attribute(attributes, 'МеждународноеСокращение'),
  };
}

/** The short name a line shows: as written, else the OKEI code's, else the full name. */
export function unitShortName(unit: CmlUnit): string {
  return (
    unit.shortName.trim() ||
    (Object.hasOwn(OKEI_SHORT_NAMES, unit.code.trim()) ? OKEI_SHORT_NAMES[unit.code.trim()]! : '') ||
    unit.fullName.trim() ||
    unit.international.trim()
  );
}

/** The OKEI code for a short unit name Porter shows ("шт" → "796"), '' when unknown. */
export function okeiCode(shortName: string): string {
  const key = shortName.trim().toLowerCase().replace(/\.$/, '');
  return Object.hasOwn(OKEI_CODES, key) ? OKEI_CODES[key]! : '';
}

/** An attribute by local name, whatever prefix it was written with. */
export function attribute(attributes: Readonly<Record<string, string>>, name: string): string {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(attributes)) if (key.endsWith(`:${name}`)) return attributes[key]!;
  return '';
}

/** Text as one line: CommerceML names wrap across lines in Bitrix files; control characters never reach a catalog. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
}

/** An id or code as a key: trimmed, control characters (never meaningful, and a batch separator) made spaces. */
export function cleanId(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Kopecks as CommerceML writes amounts: "1234.56", a point, two decimals, no grouping. */
export function cmlAmount(kopecks: number): string {
  const abs = Math.abs(kopecks);
  const rest = abs % 100;
  return `${kopecks < 0 ? '-' : ''}${(abs - rest) / 100}.${String(rest).padStart(2, '0')}`;
}

/** "20", "20%", "Без НДС" → a percent; null when no rate is stated or it is unreadable. */
export function vatPercent(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (t.includes('без') || t === 'no vat') return 0;
  const value = cmlNumber(t.replace(/%$/, '').replace(/^ндс\s*/, ''));
  if (value === null || value < 0 || value > 100) return null;
  return value > 0 && value < 1 ? Math.round(value * 100) : value;
}

/** YYYY-MM-DD from "2021-02-11", "2021-02-11T18:45:21" or "11.02.2021"; null when it is neither. */
export function isoDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(t);
  if (iso) return iso[1]!;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s|$)/.exec(t);
  return ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : null;
}
