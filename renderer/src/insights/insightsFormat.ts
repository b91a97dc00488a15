import type { Locale } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';

const LOCALE_TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };
const DAY_MS = 86_400_000;
/** "62 %" in Russian, "62%" in English. */
const PERCENT_SIGN: Record<Locale, string> = { ru: '\u00a0%', en: '%' };

/** "12 345 ₽" — whole roubles for the overview (kopecks add nothing to a trend). */
export function formatRubles(kopecks: number, locale: Locale): string {
  return `${new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 0 }).format(Math.round(kopecks / 100))}\u00a0₽`;
}

/** "1 234,56 ₽" — a price. */
export function formatPrice(kopecks: number, locale: Locale): string {
  return `${formatMoney(kopecks, locale)}\u00a0₽`;
}

/** "12 тыс." / "12K" — a chart axis whose label says "₽". */
export function formatRublesCompact(kopecks: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { notation: 'compact', maximumFractionDigits: 1 }).format(kopecks / 100);
}

/** "1,4" / "1.4" — a ratio with one decimal. */
export function formatRatio(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "−62 %" / "+15 %" — change from a ratio (0.38 → −62 %). */
export function formatChange(ratio: number, locale: Locale): string {
  const percent = Math.round((ratio - 1) * 100);
  const text = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 0 }).format(Math.abs(percent));
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${text}${PERCENT_SIGN[locale]}`;
}

export function formatPercent(share: number, locale: Locale): string {
  return `${new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 0 }).format(Math.round(share * 100))}${PERCENT_SIGN[locale]}`;
}

export function formatNumber(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: digits }).format(value);
}

function dateOf(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** "23.10.2026" */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    dateOf(iso),
  );
}

/** "29 ноября 2026" / "29 November 2026" */
export function formatLongDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    dateOf(iso),
  );
}

/** "23 окт." / "23 Oct" — a chart tick; anything but a date is given back as it is (charts call with empty labels). */
export function formatDayMonth(iso: string, locale: Locale): string {
  const date = dateOf(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** "нояб." / "Nov" */
export function formatMonth(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { month: 'short', timeZone: 'UTC' }).format(date);
}

/** "пт" / "Fri" for a weekday index, Monday 0. */
export function weekdayShort(index: number, locale: Locale): string {
  // 2026-11-30 was a Monday.
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 10, 30 + index)),
  );
}

/** "пятницам" style names are not needed: the long weekday ("пятница" / "Friday"). */
export function weekdayLong(index: number, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 10, 30 + index)),
  );
}

/** Days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateOf(to).getTime() - dateOf(from).getTime()) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return new Date(dateOf(iso).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Thursday of ISO week `week` of `year` (the day that decides the week's year and month). */
export function thursdayOfIsoWeek(year: number, week: number): Date {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  const mondayOfWeek1 = jan4 - jan4Weekday * DAY_MS;
  return new Date(mondayOfWeek1 + ((week - 1) * 7 + 3) * DAY_MS);
}

/** "23–29 нояб." / "23–29 Nov" — the Monday to Sunday of an ISO week of a year. */
export function formatIsoWeek(year: number, week: number, locale: Locale): string {
  const thursday = thursdayOfIsoWeek(year, week).getTime();
  const monday = new Date(thursday - 3 * DAY_MS);
  const sunday = new Date(thursday + 3 * DAY_MS);
  const format = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${format.format(monday)} – ${format.format(sunday)}`;
}

/** A tel: link for a phone as written ("+7 (995) 022-01-11" → "tel:+79950220111"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
