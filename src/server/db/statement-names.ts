import { createHash } from 'node:crypto';

/**
 * Which statements run as named prepared statements (decisions 0012, 0014), for the PostgreSQL pool
 * and the embedded PGlite alike. The database then parses and plans a repeated statement once per
 * connection instead of on every use.
 *
 * Bounded on both sides: a statement is prepared only from its second use in this process (one-off
 * texts — a bulk insert of an odd row count — stay unnamed), texts longer than MAX_TEXT are never
 * prepared, and each connection keeps at most PER_CONNECTION of them; later ones run unnamed.
 *
 * A prepared statement whose tables changed shape (a migration while this process runs) or that
 * the server no longer has fails before it executes; the connection then starts a new generation
 * of names (every statement is parsed again once) and the statement is retried unnamed.
 */
const MAX_TEXT = 8_000;
const PER_CONNECTION = 300;
const SEEN_LIMIT = 10_000;
/** After this many renewals on one connection it stops preparing: something keeps changing. */
const MAX_GENERATIONS = 5;
/** Characters of statement text the chooser remembers the names of (a few MB). */
const MAX_HELD_CHARS = 2_000_000;

/** The prepared statements one connection holds. */
export interface ConnectionStatements {
  /** Keys (statementName of the text) of the statements this generation has prepared. */
  prepared: Set<string>;
  generation: number;
}

export interface StatementChoice {
  key: string;
  /** The name to run it under on this connection. */
  name: string;
  /** Whether this connection has it already (else it is to be prepared with this use). */
  prepared: boolean;
}

/** How statements ran (the tests and benches watch these). */
export interface StatementStats {
  /** Statements sent by name. */
  named: number;
  /** Statements sent unnamed (first use, too long, or the connection's quota full). */
  unnamed: number;
  /** Named statements that failed as stale and were retried unnamed. */
  renewed: number;
}

export function newStatementStats(): StatementStats {
  return { named: 0, unnamed: 0, renewed: 0 };
}

export function newConnectionStatements(): ConnectionStatements {
  return { prepared: new Set(), generation: 0 };
}

export function statementName(text: string, generation = 0): string {
  return withGeneration(`s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, generation);
}

/**
 * statementName(text) for texts seen before without hashing them again: every request runs the
 * same few statements, and a SHA-1 per statement was a visible share of a query's cost in Node.
 * Bounded by the characters it holds; cleared when full.
 */
function namer(): (text: string) => string {
  const known = new Map<string, string>();
  let held = 0;
  return (text) => {
    let key = known.get(text);
    if (key === undefined) {
      key = statementName(text);
      if (held + text.length > MAX_HELD_CHARS) {
        known.clear();
        held = 0;
      }
      known.set(text, key);
      held += text.length;
    }
    return key;
  };
}

function withGeneration(base: string, generation: number): string {
  return generation === 0 ? base : `${base}_${generation}`;
}

/** 0A000 "cached plan must not change result type"; 26000 "prepared statement … does not exist". */
export function isStale(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '26000' || (e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? ''));
}

/** Forgets a connection's statements: later uses prepare them again under new names. */
export function renew(state: ConnectionStatements): void {
  state.generation++;
  state.prepared.clear();
}

/** Counts uses across the process's connections and says how each use of a text runs. */
export function statementChooser(): (state: ConnectionStatements, text: string) => StatementChoice | null {
  const seen = new Map<string, number>();
  const nameOf = namer();
  return (state, text) => {
    if (text.length > MAX_TEXT || state.generation > MAX_GENERATIONS) return null;
    const key = nameOf(text);
    const name = withGeneration(key, state.generation);
    if (state.prepared.has(key)) return { key, name, prepared: true };
    const uses = (seen.get(key) ?? 0) + 1;
    if (seen.size >= SEEN_LIMIT && uses === 1) seen.clear();
    seen.set(key, uses);
    if (uses < 2 || state.prepared.size >= PER_CONNECTION) return null;
    return { key, name, prepared: false };
  };
}
