/**
 * 和暦 (Japanese era) dates as the official forms print them: 令和8年11月22日, always Japan time
 * whatever the server's zone. The browser has its own copy (src/web/lib/dates.ts); this one is for
 * server-side output such as the form PDFs (APP-2 …, CON-2, CON-3).
 */
import { rememberingLastSecond } from './clock.js';

const TIME_ZONE = 'Asia/Tokyo';

const dateFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
});

const dateTimeFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** An instant as its day in Japan: 令和8年11月22日 (the first year of an era is 元年). */
export function warekiDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** An instant as its day and minute in Japan: 令和8年11月22日 14:03 (every answer's watermark). */
export const warekiDateTime: (instant: Date) => string = rememberingLastSecond((instant) => dateTimeFormat.format(instant));

/** A calendar day `YYYY-MM-DD` (as the request fields hold them) in 和暦; anything else is returned as given. */
export function warekiCalendarDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // Noon in Japan is the same calendar day in every zone the formatter could meet.
  const instant = new Date(`${match[1]}-${match[2]}-${match[3]}T12:00:00+09:00`);
  return Number.isNaN(instant.getTime()) ? day : dateFormat.format(instant);
}
