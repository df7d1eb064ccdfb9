import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createContext } from '../src/server/app.js';
import { defaultConfig } from '../src/server/config.js';
import type { ServiceContext } from '../src/server/context.js';
import { openDatabase } from '../src/server/db/database.js';
import { DEMO_APPLICATIONS } from '../src/server/modules/applications/demo-applications.js';
import { seededRandom } from '../src/server/modules/demo/names.js';
import { generatePerson, type SyntheticPerson } from '../src/server/modules/demo/persons.js';
import { progressLine } from '../src/server/modules/demo/report.js';
import { DEFAULT_DEMO_SEED, seedDemo } from '../src/server/modules/demo/service.js';
import type { FoldedCriteria } from '../src/server/modules/inquiries/criteria.js';
import { type SearchMode, searchRecords } from '../src/server/modules/inquiries/search-repo.js';
import { systemClock, tokyoDate } from '../src/server/shared/clock.js';
import { foldName, isKanaName } from '../src/server/shared/name-folding.js';
import { throwawayDatabase } from './throwaway-database.js';

const PERSONS = Number(process.env.SEED_BENCH_PERSONS ?? 1_000_000);
const QUERIES = 200;
const SEED_TARGET_S = 300;
const P95_TARGET_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * What a mistyped query looks like: one of the last `span` characters replaced by another from
 * `swaps` (never by itself, so there is always exactly one error).
 */
function mistype(text: string, swaps: string, span: number, random: () => number): string {
  const chars = [...text];
  const at = chars.length - 1 - Math.floor(random() * span);
  const others = [...swaps].filter((c) => c !== chars[at]);
  chars[at] = others[Math.floor(random() * others.length)] ?? (others[0] as string);
  return chars.join('');
}

/** A kana of the given name, one of the reading's last two. */
const KANA_SWAPS = 'アイウエオカキクケコサシスセソタチツテトナニヌネノ';
/**
 * The last character of a kanji name, for another common given-name character (一郎 → 一朗). Near
 * matches find this only in names of four or more characters (docs/information-management.md):
 * the shorter synthetic names are counted as not found.
 */
const KANJI_SWAPS = '郎朗市一二子江美夫雄男太';

export async function benchSeed(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) {
    console.log('demo seed: skipped (set TEST_DATABASE_URL or DATABASE_URL to a PostgreSQL server to measure it)');
    return;
  }
  const reuse = process.env.SEED_BENCH_REUSE;
  const target = reuse ? reuseDatabase(server, reuse) : await throwawayDatabase(server, 'sekimori_seedbench');
  const database = await openDatabase({ url: target.url, poolSize: 10 });
  try {
    const ctx = createContext(database, defaultConfig({ databaseUrl: target.url }), systemClock);
    if (!reuse) {
      await seedAndReport(ctx);
      await analyzeAsOwner(target.url);
    }
    await benchSearch(ctx);
  } finally {
    await database.close();
    if (process.env.SEED_BENCH_KEEP || reuse) console.log(`  (kept database ${new URL(target.url).pathname.slice(1)})`);
    else await target.drop();
  }
}

function reuseDatabase(server: string, name: string): { url: string; drop: () => Promise<void> } {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: async () => undefined };
}

async function seedAndReport(ctx: ServiceContext): Promise<void> {
  let shown = -1;
  const started = performance.now();
  const result = await seedDemo(
    ctx,
    { kind: 'system', via: 'cli', osUser: 'bench' },
    {
      persons: PERSONS,
      onProgress: (done, total) => {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth === shown) return;
        shown = tenth;
        process.stderr.write(`${progressLine(done, total)}  ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const verdict = seconds <= SEED_TARGET_S ? 'ok' : 'MISS';
  console.log(
    `demo seed --persons ${PERSONS.toLocaleString('en')} (PostgreSQL): ${seconds.toFixed(1)} s for ${result.records.total.toLocaleString('en')} records ` +
      `(${Math.round(result.records.total / seconds).toLocaleString('en')} records/s; target ≤ ${SEED_TARGET_S} s: ${verdict})`,
  );
}

/**
 * Fresh statistics, as autovacuum gathers them within a minute of a bulk load — measured without
 * them, the search would also be measured against autovacuum's own scan of the new rows. Only the
 * owner may ANALYZE; the bench's server login is the owner.
 */
async function analyzeAsOwner(url: string): Promise<void> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query('ANALYZE app_records, app_record_names');
  } finally {
    await owner.end();
  }
}

async function benchSearch(ctx: ServiceContext): Promise<void> {
  const app = await ctx.db.selectFrom('applications').select('id').where('code', '=', 'LIC').executeTakeFirstOrThrow();
  const maxPeople = DEMO_APPLICATIONS.find((d) => d.code === 'LIC')?.maxPeople ?? 20;
  const asOf = tokyoDate(ctx.clock.now());
  const random = seededRandom(DEFAULT_DEMO_SEED + 1);
  // Persons who have a licence, picked across the whole range.
  const people: SyntheticPerson[] = [];
  while (people.length < QUERIES) {
    const p = generatePerson(DEFAULT_DEMO_SEED, Math.floor(random() * PERSONS), asOf);
    if (p.licence) people.push(p);
  }
  // Its own sequence: adding the kanji kinds did not change the kana mistypes.
  const kanjiRandom = seededRandom(DEFAULT_DEMO_SEED + 2);
  const kinds: { label: string; criteria: (p: SyntheticPerson) => FoldedCriteria; mode: SearchMode }[] = [];
  for (const withBirth of [false, true]) {
    const birth = (p: SyntheticPerson) => (withBirth ? { birthDate: p.birthDate } : {});
    const suffix = withBirth ? ' + 生年月日' : '';
    kinds.push(
      {
        label: `漢字氏名 exact${suffix}`,
        mode: 'exact',
        criteria: (p) => ({ name: { key: foldName(p.name), kana: false }, ...birth(p) }),
      },
      { label: `カナ exact${suffix}`, mode: 'exact', criteria: (p) => ({ name: { key: foldName(p.kana), kana: true }, ...birth(p) }) },
      {
        label: `カナ fuzzy (1字誤り)${suffix}`,
        mode: 'fuzzy',
        criteria: (p) => {
          const key = foldName(mistype(p.kana, KANA_SWAPS, 2, random));
          return { name: { key, kana: isKanaName(key) }, ...birth(p) };
        },
      },
      {
        label: `漢字氏名 fuzzy (1字誤り)${suffix}`,
        mode: 'fuzzy',
        criteria: (p) => ({ name: { key: foldName(mistype(p.name, KANJI_SWAPS, 1, kanjiRandom)), kana: false }, ...birth(p) }),
      },
    );
  }
  for (const kind of kinds) {
    const times: number[] = [];
    let found = 0;
    let tooBroad = 0;
    for (const p of people) {
      const folded = kind.criteria(p);
      const t0 = performance.now();
      const outcome = await searchRecords(ctx.db, app.id, folded, kind.mode, maxPeople);
      if (outcome.records.some((r) => r.subject_id === p.subjectId)) found++;
      if (outcome.people > maxPeople) tooBroad++;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    console.log(
      `  name search ${kind.label.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  ` +
        `(the person found in ${found}/${QUERIES}, ${tooBroad} refused as too broad; target p95 < ${P95_TARGET_MS} ms: ${p95 < P95_TARGET_MS ? 'ok' : 'MISS'})`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSeed();
