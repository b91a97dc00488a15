import type { Locale } from '../../../../shared/domain';

const LOCALE_TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };
/** ISO weekdays, 1 = Monday … 7 = Sunday. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** "пн" / "Mon" for an ISO weekday, from a known Monday (2026-11-30) in local time. */
export function weekdayName(isoDay: number, locale: Locale): string {
  const date = new Date(2026, 10, 29 + isoDay);
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'short' }).format(date);
}

/** "пн, чт" — the delivery days in week order. */
export function weekdayList(days: readonly number[], locale: Locale): string {
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => weekdayName(day, locale))
    .join(', ');
}
