import { describe, expect, it } from 'vitest';
import { tokyoDate } from '../../src/server/shared/clock.js';
import { warekiDateTime } from '../../src/server/shared/wareki.js';

/** Asks `format` for each instant in turn, in this order (the memo sees every step). */
function expectInOrder(format: (at: Date) => string, steps: [iso: string, expected: string][]): void {
  for (const [iso, expected] of steps) expect([iso, format(new Date(iso))]).toEqual([iso, expected]);
}

describe('tokyoDate (effective dates are calendar dates in Japan)', () => {
  it('turns at midnight in Tokyo, 15:00 UTC, including across the remembered second', () => {
    expectInOrder(tokyoDate, [
      ['2026-03-31T14:59:59.999Z', '2026-03-31'],
      ['2026-03-31T15:00:00.000Z', '2026-04-01'],
      // Back to the earlier second and forward again: the memo answers for its own second only.
      ['2026-03-31T14:59:59.000Z', '2026-03-31'],
      ['2026-03-31T14:59:59.500Z', '2026-03-31'],
      ['2026-03-31T15:00:00.001Z', '2026-04-01'],
    ]);
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
    expectInOrder(warekiDateTime, [
      ['2019-04-30T14:59:59.999Z', '平成31年4月30日 23:59'],
      ['2019-04-30T15:00:00.000Z', '令和元年5月1日 00:00'],
      ['2026-11-22T05:03:59.000Z', '令和8年11月22日 14:03'],
      ['2026-11-22T05:04:00.000Z', '令和8年11月22日 14:04'],
      ['2026-11-22T05:03:59.999Z', '令和8年11月22日 14:03'],
    ]);
  });
});
