import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Repeated statements run as named prepared statements (decision 0012). PostgreSQL then parses and
 * analyses a statement once per connection and, after its first executions, can reuse the plan:
 * on the 2-core reference machine planning was most of the server's CPU for the short statements
 * every request makes (session, use right, search, query log).
 *
 * Bounded on both sides: a statement is prepared only from its second use in this process (one-off
 * texts — a bulk insert of an odd row count — stay unnamed), texts longer than MAX_TEXT are never
 * prepared, and each connection keeps at most PER_CONNECTION of them; later ones run unnamed.
 *
 * A prepared statement whose tables changed shape (another instance migrated while this one runs)
 * or that the server no longer has fails before it executes; the connection then starts a new
 * generation of names (every statement is parsed again once) and the statement is retried unnamed.
 */
const MAX_TEXT = 8_000;
const PER_CONNECTION = 300;
const SEEN_LIMIT = 10_000;
/** After this many renewals on one connection it stops preparing: something keeps changing. */
const MAX_GENERATIONS = 5;

export interface PreparingPoolStats {
  /** Statements sent by name. */
  named: number;
  /** Statements sent unnamed (first use, too long, or the connection's quota full). */
  unnamed: number;
  /** Named statements that failed as stale and were retried unnamed. */
  renewed: number;
}

interface ConnectionState {
  prepared: Set<string>;
  generation: number;
}

export function statementName(text: string, generation = 0): string {
  return withGeneration(`s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, generation);
}

function withGeneration(base: string, generation: number): string {
  return generation === 0 ? base : `${base}_${generation}`;
}

/** 0A000 "cached plan must not change result type"; 26000 "prepared statement … does not exist". */
function isStale(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '26000' || (e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? ''));
}

export function preparingPool(pool: pg.Pool): PostgresPool & { stats: PreparingPoolStats } {
  const seen = new Map<string, number>();
  // Kysely knows a connection by the object connect() returns (it runs onCreateConnection — SET
  // ROLE — once per object), so each pg client keeps one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const states = new WeakMap<pg.PoolClient, ConnectionState>();
  const stats: PreparingPoolStats = { named: 0, unnamed: 0, renewed: 0 };

  function stateOf(client: pg.PoolClient): ConnectionState {
    let state = states.get(client);
    if (!state) {
      state = { prepared: new Set(), generation: 0 };
      states.set(client, state);
    }
    return state;
  }

  function nameFor(client: pg.PoolClient, text: string): string | null {
    if (text.length > MAX_TEXT) return null;
    const state = stateOf(client);
    if (state.generation > MAX_GENERATIONS) return null;
    const key = statementName(text);
    if (state.prepared.has(key)) return withGeneration(key, state.generation);
    const uses = (seen.get(key) ?? 0) + 1;
    if (seen.size >= SEEN_LIMIT && uses === 1) seen.clear();
    seen.set(key, uses);
    if (uses < 2 || state.prepared.size >= PER_CONNECTION) return null;
    state.prepared.add(key);
    return withGeneration(key, state.generation);
  }

  async function run<R>(client: pg.PoolClient, text: string, values: unknown[]): Promise<PostgresQueryResult<R>> {
    const name = nameFor(client, text);
    if (name === null) {
      stats.unnamed++;
      return client.query(text, values) as unknown as Promise<PostgresQueryResult<R>>;
    }
    stats.named++;
    try {
      return (await client.query({ name, text, values })) as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (!isStale(error)) throw error;
      // The old statements stay on the server until the connection closes; new names avoid them.
      const state = stateOf(client);
      state.generation++;
      state.prepared.clear();
      stats.renewed++;
      try {
        return (await client.query(text, values)) as unknown as PostgresQueryResult<R>;
      } catch {
        // Inside a transaction the failure has already aborted it: report the cause, not the abort.
        throw error;
      }
    }
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      statement: string | PostgresCursor<R>,
      parameters?: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof statement !== 'string') return client.query(statement as never) as unknown as PostgresCursor<R>;
      return run<R>(client, statement, [...(parameters ?? [])]);
    }
    return { query, release: () => client.release() };
  }

  return {
    stats,
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
