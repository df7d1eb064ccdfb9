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

/** "漢字:カナ" pairs separated by spaces: compact to read and to extend. */
function pairs(list: string): readonly (readonly [string, string])[] {
  return list
    .trim()
    .split(/\s+/)
    .map((p) => {
      const [kanji, kana] = p.split(':');
      if (!kanji || !kana) throw new Error(`bad name pair ${p}`);
      return [kanji, kana] as const;
    });
}

/**
 * Family names of the synthetic persons (運転免許・自動車・遺失物 records). Wider than SURNAMES so a
 * million persons do not share a handful of names, and with registered variant characters (異体字:
 * 髙橋, 山﨑, 渡邊, 齋藤 …) beside their common forms, so a search for 高橋 finding 髙橋 can be shown.
 */
export const PERSON_SURNAMES: readonly (readonly [string, string])[] = [
  ...SURNAMES,
  ...pairs(`
    髙橋:タカハシ 山﨑:ヤマザキ 渡邊:ワタナベ 渡邉:ワタナベ 齋藤:サイトウ 齊藤:サイトウ 濱田:ハマダ 澤田:サワダ
    廣瀬:ヒロセ 嶋田:シマダ 櫻井:サクライ 冨田:トミタ 德田:トクダ 髙木:タカギ 吉川:ヨシカワ 山内:ヤマウチ
    前田:マエダ 藤田:フジタ 後藤:ゴトウ 岡田:オカダ 長谷川:ハセガワ 村上:ムラカミ 近藤:コンドウ 坂本:サカモト
    遠藤:エンドウ 青木:アオキ 藤井:フジイ 西村:ニシムラ 福田:フクダ 太田:オオタ 三浦:ミウラ 藤原:フジワラ
    岡本:オカモト 松田:マツダ 中川:ナカガワ 中野:ナカノ 原田:ハラダ 小野:オノ 田村:タムラ 竹内:タケウチ
    金子:カネコ 和田:ワダ 中山:ナカヤマ 石田:イシダ 上田:ウエダ 森田:モリタ 原:ハラ 柴田:シバタ
    酒井:サカイ 工藤:クドウ 横山:ヨコヤマ 宮崎:ミヤザキ 宮本:ミヤモト 内田:ウチダ 高木:タカギ 安藤:アンドウ
    谷口:タニグチ 大野:オオノ 丸山:マルヤマ 今井:イマイ 高田:タカダ 藤本:フジモト 武田:タケダ 村田:ムラタ
    上野:ウエノ 杉山:スギヤマ 増田:マスダ 平野:ヒラノ 大塚:オオツカ 千葉:チバ 久保:クボ 松井:マツイ
    小島:コジマ 岩崎:イワサキ 桜井:サクライ 野口:ノグチ 松尾:マツオ 野村:ノムラ 木下:キノシタ 菊地:キクチ
    佐野:サノ 大西:オオニシ 杉本:スギモト 新井:アライ 浜田:ハマダ 菅原:スガワラ 市川:イチカワ 水野:ミズノ
    小松:コマツ 島田:シマダ 古川:フルカワ 小山:コヤマ 高野:タカノ 西田:ニシダ 菊池:キクチ 山形:ヤマガタ
    関:セキ 關口:セキグチ 北村:キタムラ 安田:ヤスダ 中田:ナカタ 川口:カワグチ 平田:ヒラタ 川崎:カワサキ
    飯田:イイダ 吉村:ヨシムラ 本田:ホンダ 久保田:クボタ 沢田:サワダ 辻:ツジ 関口:セキグチ 吉岡:ヨシオカ
  `),
];

/** Given names of the synthetic persons (men's and women's, common across the generations 1940–2006). */
export const PERSON_GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ...GIVEN_NAMES,
  ...pairs(`
    清:キヨシ 茂:シゲル 博:ヒロシ 勇:イサム 実:ミノル 進:ススム 明:アキラ 隆:タカシ 修:オサム 豊:ユタカ
    正男:マサオ 和夫:カズオ 秀夫:ヒデオ 幸雄:ユキオ 昭:アキラ 健二:ケンジ 浩:ヒロシ 誠一:セイイチ 哲也:テツヤ 聡:サトシ
    雅之:マサユキ 英樹:ヒデキ 達也:タツヤ 大介:ダイスケ 健太:ケンタ 翔:ショウ 大樹:ダイキ 蓮:レン 悠斗:ユウト 陽翔:ハルト
    颯太:ソウタ 湊:ミナト 優斗:ユウト 拓海:タクミ 亮太:リョウタ 康弘:ヤスヒロ 敏夫:トシオ 義男:ヨシオ 眞一:シンイチ 龍一:リュウイチ
    和子:カズコ 幸子:サチコ 節子:セツコ 洋子:ヨウコ 京子:キョウコ 順子:ジュンコ 久美子:クミコ 明美:アケミ 直美:ナオミ 恵子:ケイコ
    典子:ノリコ 由紀:ユキ 愛:アイ 舞:マイ 麻衣:マイ 沙織:サオリ 香織:カオリ 優子:ユウコ 瞳:ヒトミ 結衣:ユイ
    陽菜:ヒナ 葵:アオイ さくら:サクラ 美羽:ミウ 芽依:メイ 凛:リン 結菜:ユイナ 莉子:リコ 美月:ミツキ 花子:ハナコ
    惠子:ケイコ 榮子:エイコ 靜香:シズカ 彌生:ヤヨイ 澄子:スミコ 文子:フミコ 光子:ミツコ 春香:ハルカ 千夏:チナツ 真理:マリ
  `),
];
