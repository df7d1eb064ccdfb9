import { describe, expect, it } from 'vitest';
import { tokyoDate } from '../../src/server/shared/clock.js';
import { warekiDateTime } from '../../src/server/shared/wareki.js';

describe('tokyoDate (effective dates are calendar dates in Japan)', () => {
  it('turns at midnight in Tokyo, 15:00 UTC, including across the remembered second', () => {
    expect(tokyoDate(new Date('2026-03-31T14:59:59.999Z'))).toBe('2026-03-31');
    expect(tokyoDate(new Date('2026-03-31T15:00:00.000Z'))).toBe('2026-04-01');
    // Back to the earlier second and forward again: the memo answers for its own second only.
    expect(tokyoDate(new Date('2026-03-31T14:59:59.000Z'))).toBe('2026-03-31');
    expect(tokyoDate(new Date('2026-03-31T14:59:59.500Z'))).toBe('2026-03-31');
    expect(tokyoDate(new Date('2026-03-31T15:00:00.001Z'))).toBe('2026-04-01');
  });

  it('matches Intl for times spread over years, in any order', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
    let t = Date.UTC(1990, 0, 1);
    for (let i = 0; i < 2_000; i++) {
      // A stride that lands on every hour of the day and on both sides of midnight.
      t += (i % 2 === 0 ? 1 : -1) * 977 + 37 * 3_600_000 + 1_234;
      const at = new Date(t);
      expect(tokyoDate(at)).toBe(intl.format(at));
    }
  });

  it('refuses an invalid date as Intl does', () => {
    expect(() => tokyoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('warekiDateTime (the watermark’s time, remembered per second like tokyoDate)', () => {
  it('moves with the minute and across the change of era at midnight in Japan', () => {
    expect(warekiDateTime(new Date('2019-04-30T14:59:59.999Z'))).toBe('平成31年4月30日 23:59');
    expect(warekiDateTime(new Date('2019-04-30T15:00:00.000Z'))).toBe('令和元年5月1日 00:00');
    expect(warekiDateTime(new Date('2026-11-22T05:03:59.000Z'))).toBe('令和8年11月22日 14:03');
    expect(warekiDateTime(new Date('2026-11-22T05:04:00.000Z'))).toBe('令和8年11月22日 14:04');
    expect(warekiDateTime(new Date('2026-11-22T05:03:59.999Z'))).toBe('令和8年11月22日 14:03');
  });
});
