/** The source of "now". Tests move it to cross effective dates and timeouts deterministically. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-04-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

const TOKYO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last second formatted: every request asks several times, and Intl formatting is slow. */
let memoSecond = Number.NaN;
let memoDate = '';

/**
 * Effective dates (transfer, retirement) are calendar dates in Japan. Remembered per second, which
 * no offset can split (every zone offset is whole seconds).
 */
export function tokyoDate(at: Date): string {
  const second = Math.floor(at.getTime() / 1000);
  if (second !== memoSecond) {
    memoDate = TOKYO_DATE.format(at);
    memoSecond = second;
  }
  return memoDate;
}

export const MINUTE = 60_000;
