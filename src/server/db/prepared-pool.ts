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
 */
const MAX_TEXT = 8_000;
const PER_CONNECTION = 300;
const SEEN_LIMIT = 10_000;

export interface PreparingPoolStats {
  /** Statements sent by name. */
  named: number;
  /** Statements sent unnamed (first use, too long, or the connection's quota full). */
  unnamed: number;
}

export function statementName(text: string): string {
  return `s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

export function preparingPool(pool: pg.Pool): PostgresPool & { stats: PreparingPoolStats } {
  const seen = new Map<string, number>();
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  const stats: PreparingPoolStats = { named: 0, unnamed: 0 };

  function nameFor(client: pg.PoolClient, text: string): string | null {
    if (text.length > MAX_TEXT) return null;
    const name = statementName(text);
    let prepared = preparedOn.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedOn.set(client, prepared);
    }
    if (prepared.has(name)) return name;
    const uses = (seen.get(name) ?? 0) + 1;
    if (seen.size >= SEEN_LIMIT && uses === 1) seen.clear();
    seen.set(name, uses);
    if (uses < 2 || prepared.size >= PER_CONNECTION) return null;
    prepared.add(name);
    return name;
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      statement: string | PostgresCursor<R>,
      parameters?: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof statement !== 'string') return client.query(statement as never) as unknown as PostgresCursor<R>;
      const values = [...(parameters ?? [])];
      const name = nameFor(client, statement);
      if (name === null) {
        stats.unnamed++;
        return client.query(statement, values) as unknown as Promise<PostgresQueryResult<R>>;
      }
      stats.named++;
      return client.query({ name, text: statement, values }) as unknown as Promise<PostgresQueryResult<R>>;
    }
    return { query, release: () => client.release() };
  }

  return {
    stats,
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
