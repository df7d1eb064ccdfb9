import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { compiledStatement } from '../../db/compiled-statement.js';
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

/** What decides a search statement's text: the mode and which criteria are given. */
interface Shape {
  mode: SearchMode;
  birthDate: boolean;
  key: boolean;
  name: 'none' | 'name' | 'kana';
}

/** The values bound to a search statement; those its shape lacks are not read. */
interface SearchValues {
  applicationId: string;
  birthDate: string | undefined;
  key: string | undefined;
  name: string | undefined;
  /** maxPeople + 1: one more person than allowed shows the query is too broad. */
  peopleRead: number;
  maxPeople: number;
}

function nameColumn(shape: Shape) {
  return shape.name === 'kana' ? sql.ref('kana_key') : sql.ref('name_key');
}

function conditions(shape: Shape, v: SearchValues): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [sql<SqlBool>`application_id = ${v.applicationId}`];
  if (shape.birthDate) out.push(sql<SqlBool>`birth_date = ${v.birthDate}`);
  if (shape.key) out.push(sql<SqlBool>`key_text = ${v.key}`);
  if (shape.name !== 'none') {
    const column = nameColumn(shape);
    // Near matches are looked for among the application's distinct names (app_record_names, a small
    // trigram index), then their records are read by the btree on the name column.
    out.push(
      shape.mode === 'exact'
        ? sql<SqlBool>`${column} = ${v.name}`
        : sql<SqlBool>`${column} IN (
            SELECT key FROM app_record_names
             WHERE application_id = ${v.applicationId} AND kind = ${shape.name} AND key % ${v.name}
               AND similarity(key, ${v.name}) >= ${FUZZY_THRESHOLD}
             ORDER BY similarity(key, ${v.name}) DESC, key
             LIMIT ${FUZZY_NAMES})`,
    );
  }
  return out;
}

function similarityOf(shape: Shape, v: SearchValues) {
  return shape.name === 'none' ? sql<number>`0` : sql<number>`similarity(${nameColumn(shape)}, ${v.name})`;
}

export interface SearchOutcome {
  /** People matching, counted up to `maxPeople + 1`. */
  people: number;
  /** Their matching records; empty when there are more people than `maxPeople`. */
  records: FoundRecord[];
}

/**
 * The first `maxPeople + 1` people matching (fuzzy: best first), and the records of those people
 * only when there are no more than `maxPeople` — a too-broad query carries no record content out of
 * the database.
 */
function searchStatement(shape: Shape) {
  return compiledStatement((db, v: SearchValues) => {
    const where = conditions(shape, v);
    return db
      .with('people', (q) => {
        const base = q.selectFrom('app_records').where((eb) => eb.and(where));
        return shape.mode === 'exact'
          ? base.select(PERSON.as('person')).distinct().limit(v.peopleRead)
          : base
              .select(PERSON.as('person'))
              .groupBy(PERSON)
              .orderBy(sql`max(${similarityOf(shape, v)})`, 'desc')
              .orderBy(PERSON)
              .limit(v.peopleRead);
      })
      .with('counted', (q) => q.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')))
      .selectFrom('counted')
      .leftJoin('app_records', (join) =>
        join.on((eb) =>
          eb.and([...where, sql<SqlBool>`counted.n <= ${v.maxPeople}`, eb(PERSON, 'in', eb.selectFrom('people').select('person'))]),
        ),
      )
      .select(['counted.n', 'app_records.id', 'app_records.record_set', 'app_records.subject_id', 'app_records.data', 'app_records.digest'])
      .orderBy(shape.mode === 'fuzzy' ? similarityOf(shape, v) : sql`1`, 'desc')
      .orderBy('app_records.created_at')
      .orderBy('app_records.id');
  });
}

type SearchStatement = ReturnType<typeof searchStatement>;

/** One compiled statement per shape: 20 at most (12 exact, and 8 fuzzy, which needs a name). */
const statements = new Map<string, SearchStatement>();

function statementFor(shape: Shape): SearchStatement {
  const id = `${shape.mode}:${shape.birthDate}:${shape.key}:${shape.name}`;
  let statement = statements.get(id);
  if (!statement) {
    statement = searchStatement(shape);
    statements.set(id, statement);
  }
  return statement;
}

/** One round trip (see searchStatement). */
export async function searchRecords(
  db: Db,
  applicationId: string,
  folded: FoldedCriteria,
  mode: SearchMode,
  maxPeople: number,
): Promise<SearchOutcome> {
  const shape: Shape = {
    mode,
    birthDate: folded.birthDate !== undefined,
    key: folded.key !== undefined,
    name: folded.name === undefined ? 'none' : folded.name.kana ? 'kana' : 'name',
  };
  const rows = await statementFor(shape).execute(db, {
    applicationId,
    birthDate: folded.birthDate,
    key: folded.key,
    name: folded.name?.key,
    peopleRead: maxPeople + 1,
    maxPeople,
  });
  const people = Number(rows[0]?.n ?? 0);
  const records: FoundRecord[] = [];
  for (const r of rows) {
    if (r.id === null || r.record_set === null || r.data === null || r.digest === null) continue;
    records.push({ id: r.id, record_set: r.record_set, subject_id: r.subject_id, data: r.data, digest: r.digest });
  }
  return { people, records };
}
