import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { excelCsv, neutraliseFormula, toCp932Repertoire, tokyoDateTime } from './excel-csv.js';

describe('cp932 CSV for Excel', () => {
  it('keeps what cp932 holds, including NEC and IBM extensions', () => {
    expect(toCp932Repertoire('髙橋①㈱ｶﾅ～－―ABC')).toEqual({ text: '髙橋①㈱ｶﾅ～－―ABC', unencodable: 0 });
  });

  it('writes the JIS glyphs Unicode spells differently as their cp932 forms, uncounted', () => {
    expect(toCp932Repertoire('1〜2 −3 ‖ ¢£¬ —')).toEqual({ text: '1～2 －3 ∥ ￠￡￢ ―', unencodable: 0 });
  });

  it('replaces each character outside cp932 by one ? and counts it (a surrogate pair is one)', () => {
    expect(toCp932Repertoire('𠮷田 é €')).toEqual({ text: '?田 ? ?', unencodable: 3 });
    expect(toCp932Repertoire('?')).toEqual({ text: '?', unencodable: 0 });
  });

  it('quotes fields with commas, quotes, CR or LF; ends records with CRLF', () => {
    const { bytes, unencodable } = excelCsv(
      ['名前', '備考'],
      [
        ['山田,太郎', 'say "hi"'],
        ['改行\nあり', 'CR\rだけ'],
        [null, 12],
      ],
    );
    expect(unencodable).toBe(0);
    expect(iconv.decode(bytes, 'cp932')).toBe('名前,備考\r\n"山田,太郎","say ""hi"""\r\n"改行\nあり","CR\rだけ"\r\n,12\r\n');
  });

  it('neutralises cells Excel would run as formulas', () => {
    for (const cell of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(neutraliseFormula('a=1')).toBe('a=1');
  });

  it('prints instants in Japan time', () => {
    expect(tokyoDateTime(new Date('2026-03-31T15:00:00.999Z'))).toBe('2026/04/01 00:00:00');
    expect(tokyoDateTime(new Date('2026-12-31T14:59:59Z'))).toBe('2026/12/31 23:59:59');
  });
});
