import type { RecordSetCode } from '../applications/record-sets.js';
import { PERSON_GIVEN_NAMES, PERSON_SURNAMES, pick, seededRandom } from './names.js';

/**
 * Synthetic persons for the demo applications (SEC-5): names, readings, dates of birth, addresses
 * in places that do not exist (架空県…), licences, vehicles and lost-property reports. Nothing is
 * taken from a real record. Every person is generated from (seed, index) alone, so the same seed
 * gives the same persons in any order and in any chunking, and the record counts can be known
 * before anything is written (the import row states its row count up front; it is append-only).
 *
 * The generator is trusted: rows are built without per-row schema parsing so a million persons
 * seed in minutes; test/info/demo-persons.test.ts proves its rows pass the record-set schemas.
 */

const DAY_MS = 86_400_000;

const PREFECTURE = '架空県';
const CITIES = ['見本市', '試験市', '模擬市', '仮想町', '例題村', '架空郡想定町'];
const TOWNS = ['桜町', '緑町', '本町', '旭町', '栄町', '若葉台', '中央', '東町', '西町', '南町', '北町', '港町'];
const KANJI_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Fictional plate regions: the shape of 品川 330 さ 12-34, never a real office's name. */
const PLATE_REGIONS = ['見本', '架空', '試験', '模擬'];
const PLATE_KANA = [...'あいうえかきくけこさすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるれろわ'];
const MAKES: readonly (readonly [string, string])[] = [
  ['見本自動車', 'MH'],
  ['架空モータース', 'KK'],
  ['試験工業', 'SK'],
  ['模擬車輌', 'MG'],
];
const MODELS = ['セダンA', 'ワゴンB', 'ハッチC', 'ミニバンD', '軽トラックE', 'クーペF'];
const COLOURS = ['白', '黒', '銀', '赤', '青', '灰', '緑'];
const CLASS_SETS: readonly (readonly string[])[] = [
  ['普通'],
  ['普通'],
  ['普通'],
  ['普通', '普自二'],
  ['中型'],
  ['準中型'],
  ['大型', '普通二種'],
  ['原付'],
];
const LOST_ITEMS = ['財布', '携帯電話', '鍵', '傘', '手提げかばん', '定期券', '腕時計', '眼鏡', '身分証明書入れ', 'ノートパソコン'];
const LOST_PLACES = ['見本駅構内', '架空県見本市中央公園', '試験市役所前バス停', '模擬市商店街', '見本市立図書館', '仮想町総合運動場'];
const STATIONS = ['2010', '2020', '2030'];

/** What a person has: decided by the first draws of their own generator, so counting is cheap. */
export interface PersonShape {
  licence: boolean;
  vehicles: 0 | 1 | 2;
  lostReports: 0 | 1;
}

export interface LicenceData {
  name: string;
  nameKana: string;
  birthDate: string;
  address: string;
  licenceNumber: string;
  licenceClasses: string[];
  issuedOn: string;
  validUntil: string;
  conditions?: string;
  status: '有効' | '失効';
}

export interface VehicleData {
  plateNumber: string;
  ownerName: string;
  ownerKana: string;
  ownerBirthDate: string;
  ownerAddress: string;
  make: string;
  model: string;
  colour: string;
  chassisNumber: string;
  registeredOn: string;
  inspectionValidUntil: string;
}

export interface LostPropertyData {
  reportNumber: string;
  kind: '遺失届' | '拾得届';
  reporterName: string;
  reporterKana: string;
  reporterBirthDate: string;
  reporterAddress: string;
  item: string;
  description?: string;
  place: string;
  occurredOn: string;
  reportedOn: string;
  status: '受理' | '返還済' | '保管中';
}

export interface SyntheticPerson {
  index: number;
  subjectId: string;
  name: string;
  kana: string;
  birthDate: string;
  address: string;
  licence: LicenceData | null;
  vehicles: VehicleData[];
  lostReports: LostPropertyData[];
}

/** A 32-bit hash of (seed, index): each person starts their own stream (murmur3's finaliser). */
function personSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Formatting dates is the generator's hottest step: each day is formatted once. */
const ISO_DAYS = new Map<number, string>();
function isoDay(epochDay: number): string {
  let iso = ISO_DAYS.get(epochDay);
  if (iso === undefined) {
    iso = new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
    ISO_DAYS.set(epochDay, iso);
  }
  return iso;
}

function epochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  // 29 February becomes 28 February in a year that has none.
  const md = iso.slice(5) === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
}

const BORN_FROM = epochDay('1940-01-01');
const BORN_TO = epochDay('2006-12-31');

function shapeOf(random: () => number): PersonShape {
  const licence = random() < 0.8;
  const v = random();
  const vehicles = v < 0.04 ? 2 : v < 0.4 ? 1 : 0;
  const lostReports = random() < 0.05 ? 1 : 0;
  return { licence, vehicles, lostReports };
}

/** The shape alone (three draws), for counting records before writing them. */
export function personShape(seed: number, index: number): PersonShape {
  return shapeOf(seededRandom(personSeed(seed, index)));
}

export type RecordCounts = Record<RecordSetCode, number>;

export function countRecords(seed: number, persons: number): RecordCounts {
  const counts: RecordCounts = { licence: 0, vehicle: 0, lost_property: 0 };
  for (let i = 0; i < persons; i++) {
    const s = personShape(seed, i);
    if (s.licence) counts.licence += 1;
    counts.vehicle += s.vehicles;
    counts.lost_property += s.lostReports;
  }
  return counts;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 4 }, () => (Math.floor(random() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0')).join('');
  // Version 4 and RFC 4122 variant bits, so it is a well-formed uuid like any other subject id.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function address(random: () => number): string {
  const chome = pick(KANJI_DIGITS, random);
  return `${PREFECTURE}${pick(CITIES, random)}${pick(TOWNS, random)}${chome}丁目${int(random, 1, 30)}番${int(random, 1, 20)}号`;
}

/**
 * One synthetic person as of `asOf` (YYYY-MM-DD, the seeding day): every date of an event is before
 * it, so the records pass the past-date checks of APP-12.
 */
export function generatePerson(seed: number, index: number, asOf: string): SyntheticPerson {
  const random = seededRandom(personSeed(seed, index));
  const shape = shapeOf(random);
  const subjectId = uuidFrom(random);
  const [sk, sr] = pick(PERSON_SURNAMES, random);
  const [gk, gr] = pick(PERSON_GIVEN_NAMES, random);
  const name = `${sk} ${gk}`;
  const kana = `${sr} ${gr}`;
  const birthDate = isoDay(int(random, BORN_FROM, BORN_TO));
  const home = address(random);
  const today = epochDay(asOf);
  const asOfYear = Number(asOf.slice(0, 4));

  let licence: LicenceData | null = null;
  if (shape.licence) {
    // Renewed every five years around the birthday; the last renewal 0–5 years ago.
    const issuedYear = asOfYear - int(random, 0, 5);
    const issuedOn =
      [isoDay(Math.min(today - 1, epochDay(`${issuedYear}-01-01`) + int(random, 0, 364))), addYears(birthDate, 18)].sort()[1] ?? birthDate;
    const validUntil = addYears(`${issuedOn.slice(0, 4)}${birthDate.slice(4)}`, 5);
    const conditions = random() < 0.2 ? '眼鏡等' : undefined;
    licence = {
      name,
      nameKana: kana,
      birthDate,
      address: home,
      // 99 is no prefecture's code: the number is visibly not a real one; the index keeps it unique.
      licenceNumber: `99${issuedOn.slice(2, 4)}${String(index % 10_000_000).padStart(7, '0')}${int(random, 0, 9)}`,
      licenceClasses: [...pick(CLASS_SETS, random)],
      issuedOn,
      validUntil,
      ...(conditions ? { conditions } : {}),
      status: validUntil < asOf ? '失効' : '有効',
    };
  }

  const vehicles: VehicleData[] = [];
  for (let v = 0; v < shape.vehicles; v++) {
    const [make, code] = pick(MAKES, random);
    const registeredOn = isoDay(today - int(random, 30, 365 * 12));
    const inspection = isoDay(today + int(random, -60, 730));
    vehicles.push({
      plateNumber: `${pick(PLATE_REGIONS, random)} ${int(random, 300, 599)} ${pick(PLATE_KANA, random)} ${int(random, 10, 99)}-${String(int(random, 0, 99)).padStart(2, '0')}`,
      ownerName: name,
      ownerKana: kana,
      ownerBirthDate: birthDate,
      ownerAddress: home,
      make,
      model: pick(MODELS, random),
      colour: pick(COLOURS, random),
      chassisNumber: `${code}${int(random, 10, 99)}-${String(index).padStart(7, '0')}${v}`,
      registeredOn,
      inspectionValidUntil: inspection,
    });
  }

  const lostReports: LostPropertyData[] = [];
  for (let l = 0; l < shape.lostReports; l++) {
    const occurred = today - int(random, 2, 365 * 3);
    const reported = Math.min(today - 1, occurred + int(random, 0, 3));
    const kind = random() < 0.7 ? '遺失届' : '拾得届';
    const item = pick(LOST_ITEMS, random);
    lostReports.push({
      reportNumber: `L${pick(STATIONS, random)}-${isoDay(reported).slice(0, 4)}-${String(index).padStart(7, '0')}`,
      kind,
      reporterName: name,
      reporterKana: kana,
      reporterBirthDate: birthDate,
      reporterAddress: home,
      item,
      ...(random() < 0.5 ? { description: `${pick(COLOURS, random)}色の${item}` } : {}),
      place: pick(LOST_PLACES, random),
      occurredOn: isoDay(occurred),
      reportedOn: isoDay(reported),
      status: kind === '拾得届' ? '保管中' : random() < 0.4 ? '返還済' : '受理',
    });
  }

  return { index, subjectId, name, kana, birthDate, address: home, licence, vehicles, lostReports };
}

/** The person's records, by record set, as the app_records rows will carry them. */
export function recordsOf(person: SyntheticPerson): { recordSet: RecordSetCode; data: LicenceData | VehicleData | LostPropertyData }[] {
  const out: { recordSet: RecordSetCode; data: LicenceData | VehicleData | LostPropertyData }[] = [];
  if (person.licence) out.push({ recordSet: 'licence', data: person.licence });
  for (const v of person.vehicles) out.push({ recordSet: 'vehicle', data: v });
  for (const l of person.lostReports) out.push({ recordSet: 'lost_property', data: l });
  return out;
}

/** Persons a demo user can look up: the first few with a licence, plus some with variant characters. */
export function samplePersons(seed: number, persons: number, asOf: string, count = 5): SyntheticPerson[] {
  const out: SyntheticPerson[] = [];
  const variants = /[髙﨑邊邉齋齊濱澤廣嶋櫻冨德關惠榮靜彌眞龍]/u;
  let withVariant = 0;
  for (let i = 0; i < persons && (out.length < count || withVariant < 2); i++) {
    const p = generatePerson(seed, i, asOf);
    if (!p.licence) continue;
    if (out.length < count) out.push(p);
    else if (variants.test(p.name) && withVariant < 2) {
      out.push(p);
      withVariant += 1;
    }
    if (i > 50_000) break;
  }
  return out;
}
