/**
 * Name folding for look-ups (APP-7): the form a Japanese user expects two spellings of one name to
 * share. Both the stored search keys (name_key, kana_key of app_records) and the criteria of a query
 * go through these functions, so a search for ﾀﾅｶ, たなか or タナカ, or for 髙橋 as 高橋, meets the
 * same key. Folding never guesses readings: kanji stay kanji, kana become hiragana.
 */

/**
 * Variant characters (異体字) registered names often carry, folded to the common form. NFKC does
 * not fold these: most are distinct unified ideographs, and 﨑 (U+FA11) is one of the twelve
 * compatibility-block ideographs that have no decomposition.
 */
const VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  碕: '崎',
  邊: '辺',
  邉: '辺',
  齋: '斎',
  齊: '斎',
  齎: '斎',
  濵: '浜',
  濱: '浜',
  澤: '沢',
  廣: '広',
  國: '国',
  嶋: '島',
  嶌: '島',
  櫻: '桜',
  龍: '竜',
  眞: '真',
  槇: '槙',
  冨: '富',
  條: '条',
  曾: '曽',
  藏: '蔵',
  惠: '恵',
  萬: '万',
  實: '実',
  壽: '寿',
  淺: '浅',
  瀨: '瀬',
  穗: '穂',
  與: '与',
  桒: '桑',
  栁: '柳',
  德: '徳',
  榮: '栄',
  﨔: '欅',
  靜: '静',
  彌: '弥',
  禮: '礼',
  黑: '黒',
  晝: '昼',
  莊: '荘',
  驛: '駅',
  圓: '円',
  關: '関',
  兒: '児',
  舘: '館',
  塜: '塚',
  𠮷: '吉',
  顯: '顕',
  鐵: '鉄',
  粹: '粋',
  學: '学',
  寶: '宝',
  豐: '豊',
  傳: '伝',
};

const VARIANT_PATTERN = new RegExp(
  Object.keys(VARIANTS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'gu',
);

/** Spaces of every width and the separators people type between family and given name. */
const SEPARATORS = /[\s\u3000・･,，.．]+/gu;

/** Katakana (ァ U+30A1 … ヶ U+30F6) shifted to hiragana; ー and other marks stay. */
function katakanaToHiragana(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
  }
  return out;
}

/**
 * The folded key of a name: NFKC (full/half width, half-width kana become full), separators
 * removed, variant characters folded, katakana as hiragana, Latin letters lower case.
 */
export function foldName(input: string): string {
  const normalized = input
    .normalize('NFKC')
    .replace(SEPARATORS, '')
    .replace(VARIANT_PATTERN, (m) => VARIANTS[m] ?? m);
  return katakanaToHiragana(normalized).toLowerCase();
}

const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー゛゜]+$/u;

/** True when the folded name is written in kana only (so it is compared with the reading). */
export function isKanaName(folded: string): boolean {
  return folded.length > 0 && KANA_ONLY.test(folded);
}

/** Licence, plate and report numbers: NFKC, no separators or hyphens, upper case. */
export function foldKey(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000\-‐－ー−・]+/gu, '')
    .replace(VARIANT_PATTERN, (m) => VARIANTS[m] ?? m)
    .toUpperCase();
}
