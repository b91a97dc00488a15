import type { Locale } from '../../../shared/domain';
import { translate } from '../i18n';

const LOCALE_TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Whole numbers with the locale's grouping: "5 000" (ru) or "5,000" (en). */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 0 }).format(value);
}

/** Date and time as a purchaser reads it: "29.11.2026, 08:41". */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['units.bytes', 'units.kilobytes', 'units.megabytes', 'units.gigabytes'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return translate(locale, units[unit]!, { value: text });
}
