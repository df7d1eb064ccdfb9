import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import {
  type ConnectionStatements,
  isStale,
  newConnectionStatements,
  newStatementStats,
  renew,
  type StatementStats,
  statementChooser,
} from './statement-names.js';

/**
 * The PostgreSQL pool handed to Kysely: repeated statements run as named prepared statements
 * (decision 0012, rules in statement-names.ts). On the 2-core reference machine planning was most
 * of the server's CPU for the short statements every request makes (session, use right, search,
 * query log).
 */

export function preparingPool(pool: pg.Pool): PostgresPool & { stats: StatementStats } {
  const choose = statementChooser();
  // Kysely knows a connection by the object connect() returns (it runs onCreateConnection — SET
  // ROLE — once per object), so each pg client keeps one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const states = new WeakMap<pg.PoolClient, ConnectionStatements>();
  const stats = newStatementStats();

  function stateOf(client: pg.PoolClient): ConnectionStatements {
    let state = states.get(client);
    if (!state) {
      state = newConnectionStatements();
      states.set(client, state);
    }
    return state;
  }

  /** pg parses a named statement on its first use on a connection by itself. */
  function nameFor(client: pg.PoolClient, text: string): string | null {
    const state = stateOf(client);
    const choice = choose(state, text);
    if (choice && !choice.prepared) state.prepared.add(choice.key);
    return choice?.name ?? null;
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
      renew(stateOf(client));
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
