import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * A statement Kysely builds and compiles once; every later run binds new values to the same text.
 * The statements each request makes (session, application and rights, search) spent about a fifth
 * of the main thread building and compiling the same trees again (profiled, decision 0018), and
 * one text object per statement also spares statement-names hashing a fresh string each time.
 *
 * `build` gets stand-ins for its values and must hand each one to Kysely as a bound value (`=`,
 * `sql\`${…}\``, `limit`, …). Each stand-in it reads must come out as a parameter of its own, so
 * reading a value for anything else — arithmetic, choosing a branch, testing it — fails the first
 * run; so does enumerating or probing the values (`in`, spread). Values that change the statement's
 * shape choose between statements instead (see search-repo).
 *
 * Kysely cannot see the value, so what it decides from a value at build time is decided for every
 * run: `where(col, 'in', v.list)` is `in $1` (use `= any(…)` with an array), an object filter
 * (`eb.and({ col: v.x })`) always compares with `=`, and `values({ col: v.x })` always names the
 * column. A run therefore refuses `undefined` (bind `null` on purpose) and Kysely expressions.
 * The text is compiled by whichever database runs it first; both dialects use Kysely's PostgreSQL
 * compiler and no plugins.
 */

/** What a value is replaced by while the statement is built. */
class StandIn {
  constructor(readonly key: string) {}
}

/** A query builder, or an `sql` template (which compiles against a database). */
type Buildable<R> = Compilable<R> | RawBuilder<R>;

interface Template<R> {
  compiled: CompiledQuery<R>;
  /** Per parameter: the key of the value bound there, or undefined for a constant of the build. */
  slots: (string | undefined)[];
}

export interface CompiledStatement<V extends object, R> {
  /** Runs on `db` (the pool or a transaction) with these values; the rows. */
  execute(db: Kysely<Database>, values: V): Promise<R[]>;
}

export function compiledStatement<V extends object, R>(build: (db: Kysely<Database>, values: V) => Buildable<R>): CompiledStatement<V, R> {
  let template: Template<R> | undefined;
  return {
    async execute(db, values) {
      template ??= compileTemplate(db, build);
      const { compiled, slots } = template;
      const given = values as Record<string, unknown>;
      const parameters = slots.map((key, i) => (key === undefined ? compiled.parameters[i] : bindable(key, given[key])));
      return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
    },
  };
}

function bindable(key: string, value: unknown): unknown {
  if (value === undefined) throw new Error(`compiledStatement: no value for "${key}" (bind null on purpose)`);
  if (typeof value === 'object' && value !== null && 'toOperationNode' in value) {
    throw new Error(`compiledStatement: "${key}" is a Kysely expression, not a value`);
  }
  return value;
}

function compileTemplate<V extends object, R>(db: Kysely<Database>, build: (db: Kysely<Database>, values: V) => Buildable<R>): Template<R> {
  const handedOut: StandIn[] = [];
  const probed = (what: string) => () => {
    throw new Error(`compiledStatement: the values were ${what} while building; a value's shape must choose the statement`);
  };
  const standIns = new Proxy(
    {},
    {
      get: (_, key) => {
        if (typeof key !== 'string') return undefined;
        const standIn = new StandIn(key);
        handedOut.push(standIn);
        return standIn;
      },
      has: probed('probed with `in`'),
      ownKeys: probed('enumerated'),
    },
  ) as V;
  const built = build(db, standIns);
  const compiled = 'isRawBuilder' in built ? built.compile(db) : built.compile();
  const bound = new Set(compiled.parameters.filter((p) => p instanceof StandIn));
  for (const standIn of handedOut) {
    if (!bound.has(standIn)) throw new Error(`compiledStatement: the value "${standIn.key}" was read but not bound as a parameter`);
  }
  return { compiled, slots: compiled.parameters.map((p) => (p instanceof StandIn ? p.key : undefined)) };
}
