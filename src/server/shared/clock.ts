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

/**
 * A formatter of instants that remembers the last second it formatted: a request asks several
 * times, and Intl formatting is slow. A formatter whose output does not go below the second, in a
 * zone whose offsets are whole seconds (every zone), answers the same as without it.
 */
export function rememberingLastSecond(format: (at: Date) => string): (at: Date) => string {
  let second = Number.NaN;
  let text = '';
  return (at) => {
    const s = Math.floor(at.getTime() / 1000);
    if (s !== second) {
      text = format(at);
      second = s;
    }
    return text;
  };
}

/** Effective dates (transfer, retirement) are calendar dates in Japan. */
export const tokyoDate: (at: Date) => string = rememberingLastSecond((at) => TOKYO_DATE.format(at));

export const MINUTE = 60_000;
