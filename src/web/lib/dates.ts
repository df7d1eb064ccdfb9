import type { Locale } from '../i18n/index.js';

/**
 * Dates as officials read them: 和暦 (令和8年11月22日) in Japanese, the Gregorian calendar in
 * English; always Japan time, whatever the terminal's clock zone.
 */
const TIME_ZONE = 'Asia/Tokyo';

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: TIME_ZONE };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withTime: boolean, withSeconds = false): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}:${withSeconds}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { ...DATE_OPTIONS };
    if (withTime) Object.assign(options, TIME_OPTIONS, withSeconds ? { second: '2-digit' } : {});
    found =
      locale === 'ja'
        ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...options, era: 'long' })
        : new Intl.DateTimeFormat('en-GB', { ...options, month: 'short' });
    formatters.set(key, found);
  }
  return found;
}

function parse(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2026-11-22T05:03:00Z` → 令和8年11月22日 14:03 / 22 Nov 2026, 14:03 */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale, withSeconds = false): string {
  if (value === null || value === undefined) return '';
  const date = parse(value);
  return date ? formatter(locale, true, withSeconds).format(date) : String(value);
}

/** An instant shown as its day in Japan. */
export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  const date = parse(value);
  return date ? formatter(locale, false).format(date) : String(value);
}

/** A calendar day (`YYYY-MM-DD`, as used for 発令日 and validity periods). */
export function formatCalendarDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.slice(0, 10));
  if (!match) return formatDate(value, locale);
  return formatDate(new Date(`${match[1]}-${match[2]}-${match[3]}T12:00:00+09:00`), locale);
}

/** Today in Japan as `YYYY-MM-DD` (the default for date inputs). */
export function todayInTokyo(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
