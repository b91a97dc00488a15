import type { Locale } from '../../../../shared/domain';

const LOCALE_TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * "29.11, 17:12": when an order arrived, as the grid shows it. A day's inbox needs no year; the cell's
 * title gives the full date.
 */
export function formatCompactDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
}

/** "чт, 03.12": a delivery date by weekday (built from its parts in local time, so no time zone shifts the day). */
export function formatCompactDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'short', day: '2-digit', month: '2-digit' }).format(date);
}
