import { describe, expect, it } from 'vitest';
import { DEMO_APPLICATIONS } from '../../src/server/modules/applications/demo-applications.js';
import { foldCriteria } from '../../src/server/modules/inquiries/criteria.js';
import { foldKey, foldName, isKanaName } from '../../src/server/shared/name-folding.js';

/** APP-7: the spellings a Japanese user expects to be one name fold to one key. */
describe('name folding (APP-7)', () => {
  it.each([
    ['髙橋 一郎', '高橋一郎'],
    ['山﨑 花子', '山崎花子'],
    ['渡邊', '渡辺'],
    ['渡邉', '渡辺'],
    ['齋藤', '斎藤'],
    ['齊藤', '斎藤'],
    ['濵田', '浜田'],
    ['𠮷田 太郎', '吉田太郎'],
  ])('APP-7: variant %s folds to %s', (variant, common) => {
    expect(foldName(variant)).toBe(foldName(common));
    expect(foldName(variant)).toBe(common);
  });

  it('APP-7: half-width katakana, katakana and hiragana fold to one hiragana key, separators dropped', () => {
    const keys = ['ﾀﾅｶ ﾀﾛｳ', 'タナカ　タロウ', 'たなか・たろう', 'ﾀﾅｶﾀﾛｳ'].map(foldName);
    expect(new Set(keys)).toEqual(new Set(['たなかたろう']));
    expect(isKanaName(keys[0] ?? '')).toBe(true);
    expect(foldName('ｶﾞｸ')).toBe('がく');
  });

  it('APP-7: kanji names are not kana names; Latin letters fold to lower case', () => {
    expect(isKanaName(foldName('田中 太郎'))).toBe(false);
    expect(isKanaName(foldName('たなか太郎'))).toBe(false);
    expect(foldName('ＳＭＩＴＨ John')).toBe('smithjohn');
    expect(isKanaName('')).toBe(false);
  });

  it('APP-7: licence and report numbers: full-width digits, spaces and hyphens fold away', () => {
    expect(foldKey('９９００－１２３４ ５６７８')).toBe('990012345678');
    expect(foldKey('l-2026-0001')).toBe('L20260001');
  });

  it('APP-7: criteria fold with the application spec: full-width birth dates, unknown names refused, blanks dropped', () => {
    const spec = DEMO_APPLICATIONS.find((a) => a.code === 'LIC')?.criteria ?? [];
    const ok = foldCriteria(spec, { name: 'ﾀﾅｶ ﾀﾛｳ', birthDate: '１９９０－０５－１７', licenceNumber: '' });
    expect(ok).toEqual({
      ok: true,
      folded: { name: { key: 'たなかたろう', kana: true }, birthDate: '1990-05-17' },
      given: { name: 'ﾀﾅｶ ﾀﾛｳ', birthDate: '１９９０－０５－１７' },
    });
    expect(foldCriteria(spec, { birthDate: '1990/5/7' })).toMatchObject({ ok: true, folded: { birthDate: '1990-05-07' } });
    expect(foldCriteria(spec, { ownerName: '田中' })).toEqual({ ok: false, reason: 'unknown_criterion:ownerName' });
    expect(foldCriteria(spec, { birthDate: '1990-13-01' })).toEqual({ ok: false, reason: 'invalid_criterion:birthDate' });
    expect(foldCriteria(spec, { name: '・' })).toEqual({ ok: false, reason: 'invalid_criterion:name' });
    expect(foldCriteria(spec, {})).toEqual({ ok: false, reason: 'no_criteria' });
  });
});
