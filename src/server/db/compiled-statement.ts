import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * A statement Kysely builds and compiles once; every later run binds new values to the same text.
 * The statements each request makes (session, application and right, search) spent about a fifth
 * of the main thread building and compiling the same trees again (profiled, decision 0018), and
 * one text object per statement also spares statement-names hashing a fresh string each time.
 *
 * `build` gets stand-ins for its values and must hand each one to Kysely as a bound value (`=`,
 * `sql\`${…}\``, `limit`, …). A stand-in used any other way — in arithmetic, as an `in` list
 * Kysely would expand, to choose a branch — would not become one parameter, so a value read but not
 * bound makes the first run fail. Values that change the statement's shape choose between
 * statements instead (see search-repo).
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
      const parameters = slots.map((key, i) => (key === undefined ? compiled.parameters[i] : (values as Record<string, unknown>)[key]));
      return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
    },
  };
}

function compileTemplate<V extends object, R>(db: Kysely<Database>, build: (db: Kysely<Database>, values: V) => Buildable<R>): Template<R> {
  const read = new Set<string>();
  const standIns = new Proxy(
    {},
    {
      get: (_, key) => {
        if (typeof key !== 'string') return undefined;
        read.add(key);
        return new StandIn(key);
      },
    },
  ) as V;
  const built = build(db, standIns);
  const compiled = 'isRawBuilder' in built ? built.compile(db) : built.compile();
  const slots = compiled.parameters.map((p) => (p instanceof StandIn ? p.key : undefined));
  for (const key of read) {
    if (!slots.includes(key)) throw new Error(`compiledStatement: the value "${key}" was read but not bound as a parameter`);
  }
  return { compiled, slots };
}
