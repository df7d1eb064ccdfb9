import type { PGlite } from '@electric-sql/pglite';
import { protocol } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { type WireValue, wireValue } from './pglite-values.js';
import {
  type ConnectionStatements,
  isStale,
  newConnectionStatements,
  newStatementStats,
  renew,
  type StatementChoice,
  type StatementStats,
  statementChooser,
} from './statement-names.js';

/**
 * Kysely on the embedded PGlite, one statement per call into the database (decision 0014).
 * PGlite's own query() makes five calls for each statement (parse; describe, to learn the
 * parameter types; bind; describe; execute), and each call into the WebAssembly database costs
 * more than the statements the application runs: sent as one message — parse, bind, describe,
 * execute, sync — a short INSERT ran 3.5–4.5 times as often per second. Parameters are serialised
 * by their JavaScript type (as node-postgres does for the PostgreSQL server), so no describe round
 * is needed; results are read with the instance's own type parsers, as query() reads them.
 * Repeated statements run prepared, by the same rules as on PostgreSQL (statement-names.ts).
 */
const { serialize } = protocol;

/** SQLSTATE 42P05: a prepared statement of that name exists already. */
const ALREADY_PREPARED = '42P05';

/** Statement tags whose row count Kysely reports as affected rows. */
const COUNTED = /^(?:INSERT \d+|UPDATE|DELETE|MERGE) (\d+)$/;

interface Field {
  name: string;
  dataTypeID: number;
}

interface Message {
  name: string;
  fields?: unknown;
  text?: string;
  status?: string;
}

/** Parse (when the statement is not prepared yet), bind, describe, execute, sync: one message. */
function message(text: string, choice: StatementChoice | null, values: WireValue[]): Uint8Array {
  const statement = choice?.name ?? '';
  const parts = [
    ...(choice?.prepared ? [] : [serialize.parse({ text, name: statement, types: [] })]),
    serialize.bind({ statement, values }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ];
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function closedError(): Error {
  return new Error('the embedded database is closed');
}

/** The one connection of a PGlite instance: one dialect per instance (it alone names statements there). */
class PgliteConnection implements DatabaseConnection {
  private readonly statements: ConnectionStatements = newConnectionStatements();
  private readonly choose = statementChooser();
  /** Whether the last statement left a transaction open (ReadyForQuery status other than idle). */
  private inTransaction = false;

  constructor(
    private readonly client: PGlite,
    private readonly stats: StatementStats,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const text = compiled.sql;
    const values = compiled.parameters.map(wireValue);
    const choice = this.choose(this.statements, text);
    if (choice === null) {
      this.stats.unnamed++;
      return this.run<R>(text, null, values);
    }
    this.stats.named++;
    try {
      return await this.run<R>(text, choice, values);
    } catch (error) {
      const exists = (error as { code?: unknown }).code === ALREADY_PREPARED;
      if (!isStale(error) && !exists) throw error;
      // A name the database holds without this connection knowing it (a parse whose answer was
      // lost) names the same text: it is known from now on. A stale one starts a new generation.
      if (exists) this.statements.prepared.add(choice.key);
      else {
        renew(this.statements);
        this.stats.renewed++;
      }
      // Inside a transaction the failure has already aborted it: report the cause, not the abort.
      if (this.inTransaction) throw error;
      return this.run<R>(text, exists ? { ...choice, prepared: true } : null, values);
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }

  private async run<R>(text: string, choice: StatementChoice | null, values: WireValue[]): Promise<QueryResult<R>> {
    // A closed PGlite would spin in WebAssembly instead of failing: refuse first.
    if (this.client.closed) throw closedError();
    const request = message(text, choice, values);
    // PGlite's own lock: nothing else may talk to the database between these messages. The
    // stream form returns the parsed messages without also keeping the raw answer.
    const messages = await this.client._runExclusiveQuery(() => this.client.execProtocolStream(request, { throwOnError: false }));
    return this.resultOf<R>(messages as Message[], choice);
  }

  private resultOf<R>(messages: Message[], choice: StatementChoice | null): QueryResult<R> {
    let fields: Field[] = [];
    /** Each column's parser, looked up once per answer rather than per value. */
    let parse: (((text: string) => unknown) | null)[] = [];
    const rows: R[] = [];
    let affected: bigint | undefined;
    let failure: unknown = null;
    for (const m of messages) {
      if (m.name === 'dataRow') {
        const values = m.fields as (string | null)[];
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          const text = values[i] ?? null;
          const parser = parse[i];
          row[(fields[i] as Field).name] = text === null || !parser ? text : parser(text);
        }
        rows.push(row as R);
      } else if (m.name === 'rowDescription') {
        fields = m.fields as Field[];
        parse = fields.map((f) => {
          const parser = this.client.parsers[f.dataTypeID];
          return parser ? (text: string) => parser(text, f.dataTypeID) : null;
        });
      } else if (m.name === 'commandComplete') {
        const counted = COUNTED.exec(m.text ?? '');
        if (counted) affected = BigInt(counted[1] as string);
      } else if (m.name === 'parseComplete') {
        // Prepared statements outlive a rolled-back transaction: parsed is parsed.
        if (choice) this.statements.prepared.add(choice.key);
      } else if (m.name === 'readyForQuery') {
        this.inTransaction = m.status !== 'I';
      } else if (m.name === 'error') {
        failure ??= m;
      }
    }
    if (failure !== null) throw failure;
    return affected === undefined ? { rows } : { rows, numAffectedRows: affected };
  }
}

/** One connection, lent to one caller at a time (a transaction keeps it until it ends). */
class PgliteDriver implements Driver {
  private readonly connection: PgliteConnection;
  private busy = false;
  private destroyed = false;
  private readonly waiting: { resolve: (c: PgliteConnection) => void; reject: (e: Error) => void }[] = [];

  constructor(
    private readonly client: PGlite,
    stats: StatementStats,
  ) {
    this.connection = new PgliteConnection(client, stats);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.destroyed) throw closedError();
    if (!this.busy) {
      this.busy = true;
      return this.connection;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async releaseConnection(): Promise<void> {
    const next = this.waiting.shift();
    if (next) next.resolve(this.connection);
    else this.busy = false;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
    await conn.executeQuery(CompiledQuery.raw(modes.length > 0 ? `start transaction ${modes.join(', ')}` : 'begin'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const w of this.waiting.splice(0)) w.reject(closedError());
    if (!this.client.closed) await this.client.close();
  }
}

export class PgliteDialect implements Dialect {
  readonly stats: StatementStats = newStatementStats();

  constructor(private readonly client: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PgliteDriver(this.client, this.stats);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
