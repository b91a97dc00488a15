import type { Locale } from '../../../shared/domain';

const LOCALE_TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * A calendar date (YYYY-MM-DD) with its weekday, "пт, 04.12.2026": delivery days matter to a
 * purchaser by weekday. Built from its parts in local time, so no time zone shifts the day.
 */
export function formatIsoDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
