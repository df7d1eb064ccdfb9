import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FoldedCriteria } from './criteria.js';

type Db = Kysely<Database>;

/**
 * APP-7 search over app_records. A name is compared exactly first (btree (application_id,
 * name_key|kana_key)); only when nothing matches exactly does a trigram comparison over the
 * application's distinct names (app_record_names) look for near spellings — a mistyped kana, a
 * variant the folding table lacks. People are counted
 * before any record is read, so a too-broad query reads no personal data at all.
 */

/** pg_trgm similarity a fuzzy hit needs (the `%` operator's default 0.3 picks candidates from the index). */
export const FUZZY_THRESHOLD = 0.4;

/** How many of the nearest distinct names a near match looks at (more would be too broad anyway). */
const FUZZY_NAMES = 50;

export type SearchMode = 'exact' | 'fuzzy';

export interface FoundRecord {
  id: string;
  record_set: string;
  subject_id: string | null;
  data: Record<string, unknown>;
  digest: string;
}

const PERSON = sql<string>`coalesce(subject_id, id)`;

function nameColumn(folded: FoldedCriteria) {
  return folded.name?.kana ? sql.ref('kana_key') : sql.ref('name_key');
}

function conditions(applicationId: string, folded: FoldedCriteria, mode: SearchMode): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [sql<SqlBool>`application_id = ${applicationId}`];
  if (folded.birthDate !== undefined) out.push(sql<SqlBool>`birth_date = ${folded.birthDate}`);
  if (folded.key !== undefined) out.push(sql<SqlBool>`key_text = ${folded.key}`);
  if (folded.name !== undefined) {
    const column = nameColumn(folded);
    const q = folded.name.key;
    const kind = folded.name.kana ? 'kana' : 'name';
    // Near matches are looked for among the application's distinct names (app_record_names, a small
    // trigram index), then their records are read by the btree on the name column.
    out.push(
      mode === 'exact'
        ? sql<SqlBool>`${column} = ${q}`
        : sql<SqlBool>`${column} IN (
            SELECT key FROM app_record_names
             WHERE application_id = ${applicationId} AND kind = ${kind} AND key % ${q} AND similarity(key, ${q}) >= ${FUZZY_THRESHOLD}
             ORDER BY similarity(key, ${q}) DESC, key
             LIMIT ${FUZZY_NAMES})`,
    );
  }
  return out;
}

function similarityOf(folded: FoldedCriteria) {
  const q = folded.name?.key ?? '';
  return sql<number>`similarity(${nameColumn(folded)}, ${q})`;
}

export interface SearchOutcome {
  /** People matching, counted up to `maxPeople + 1`. */
  people: number;
  /** Their matching records; empty when there are more people than `maxPeople`. */
  records: FoundRecord[];
}

/**
 * One round trip: the first `maxPeople + 1` people matching (fuzzy: best first), and the records of
 * those people only when there are no more than `maxPeople` — a too-broad query carries no record
 * content out of the database.
 */
export async function searchRecords(
  db: Db,
  applicationId: string,
  folded: FoldedCriteria,
  mode: SearchMode,
  maxPeople: number,
): Promise<SearchOutcome> {
  const where = conditions(applicationId, folded, mode);
  const rows = await db
    .with('people', (q) => {
      const base = q.selectFrom('app_records').where((eb) => eb.and(where));
      return mode === 'exact'
        ? base
            .select(PERSON.as('person'))
            .distinct()
            .limit(maxPeople + 1)
        : base
            .select(PERSON.as('person'))
            .groupBy(PERSON)
            .orderBy(sql`max(${similarityOf(folded)})`, 'desc')
            .orderBy(PERSON)
            .limit(maxPeople + 1);
    })
    .with('counted', (q) => q.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')))
    .selectFrom('counted')
    .leftJoin('app_records', (join) =>
      join.on((eb) =>
        eb.and([...where, sql<SqlBool>`counted.n <= ${maxPeople}`, eb(PERSON, 'in', eb.selectFrom('people').select('person'))]),
      ),
    )
    .select(['counted.n', 'app_records.id', 'app_records.record_set', 'app_records.subject_id', 'app_records.data', 'app_records.digest'])
    .orderBy(mode === 'fuzzy' ? similarityOf(folded) : sql`1`, 'desc')
    .orderBy('app_records.created_at')
    .orderBy('app_records.id')
    .execute();
  const people = Number(rows[0]?.n ?? 0);
  const records: FoundRecord[] = [];
  for (const r of rows) {
    if (r.id === null || r.record_set === null || r.data === null || r.digest === null) continue;
    records.push({ id: r.id, record_set: r.record_set, subject_id: r.subject_id, data: r.data, digest: r.digest });
  }
  return { people, records };
}
