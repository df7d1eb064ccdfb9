/**
 * The query log's writer (照会記録, APP-8). Every answered inquiry waits for its row, as it waits
 * for its audit entry; rows of concurrent inquiries share one statement and one commit (group
 * commit, decision 0013). A batch refused for its data is written again row by row, so one bad row
 * fails only its own inquiry; any other failure (connection, timeout) fails the batch.
 */
import { type GroupCommit, groupCommit } from '../../shared/group-commit.js';
import { type Db, insertInquiries, type NewInquiry } from './repo.js';

interface Pending {
  inquiry: NewInquiry;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Inquiries per statement: bounds the statement's size (each carries up to max_people results). */
const MAX_BATCH = 128;

/**
 * Statements in flight at once. Unlike the audit log's appends, log rows do not queue behind one
 * another in the database, so a second write need not wait for the first to commit.
 */
const IN_FLIGHT = 2;

const writers = new WeakMap<Db, GroupCommit<Pending>>();

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): a row's fault, not the database's. */
function isRowFault(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

async function writeBatch(db: Db, batch: Pending[]): Promise<void> {
  try {
    await insertInquiries(
      db,
      batch.map((p) => p.inquiry),
    );
    for (const p of batch) p.resolve();
  } catch (e) {
    if (batch.length === 1 || !isRowFault(e)) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) {
      try {
        await insertInquiries(db, [p.inquiry]);
        p.resolve();
      } catch (alone) {
        p.reject(alone);
      }
    }
  }
}

function writerFor(db: Db): GroupCommit<Pending> {
  let writer = writers.get(db);
  if (!writer) {
    writer = groupCommit<Pending>({
      write: (batch) => writeBatch(db, batch),
      fail: (batch, e) => {
        for (const p of batch) p.reject(e);
      },
      maxBatch: MAX_BATCH,
      inFlight: IN_FLIGHT,
    });
    writers.set(db, writer);
  }
  return writer;
}

/** Resolves once the inquiry and its result rows have committed; rejects when they could not be. */
export function logInquiry(db: Db, inquiry: NewInquiry): Promise<void> {
  return new Promise((resolve, reject) => writerFor(db).push({ inquiry, resolve, reject }));
}
