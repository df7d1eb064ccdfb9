/**
 * Synthetic Japanese names for demo and test data (SEC-5): common surnames and given names
 * combined at random, never taken from any real record.
 */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['阿部', 'アベ'],
  ['石川', 'イシカワ'],
  ['山下', 'ヤマシタ'],
  ['中島', 'ナカジマ'],
  ['石井', 'イシイ'],
  ['小川', 'オガワ'],
];

export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['翔太', 'ショウタ'],
  ['大輔', 'ダイスケ'],
  ['健一', 'ケンイチ'],
  ['直樹', 'ナオキ'],
  ['拓也', 'タクヤ'],
  ['浩二', 'コウジ'],
  ['誠', 'マコト'],
  ['剛', 'ツヨシ'],
  ['亮', 'リョウ'],
  ['和也', 'カズヤ'],
  ['美咲', 'ミサキ'],
  ['陽子', 'ヨウコ'],
  ['恵', 'メグミ'],
  ['由美', 'ユミ'],
  ['真由美', 'マユミ'],
  ['彩', 'アヤ'],
  ['千尋', 'チヒロ'],
  ['奈々', 'ナナ'],
  ['智子', 'トモコ'],
  ['裕子', 'ユウコ'],
];

/** Deterministic pseudo-random generator so a seed gives the same organisation every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function syntheticName(random: () => number): { name: string; kana: string } {
  const [sk, sr] = pick(SURNAMES, random);
  const [gk, gr] = pick(GIVEN_NAMES, random);
  return { name: `${sk} ${gk}`, kana: `${sr} ${gr}` };
}
