import { type AnyDb, appendBatch, type EntryRow, type Head } from './log-repo.js';
import { appendMany, type CompletedNode, leafHash, rootOfFrontier } from './merkle.js';
import { type TileAppend, tileAppends } from './tiles.js';

export interface PreparedAppend {
  /** The head after these rows. */
  next: Head;
  tiles: TileAppend[];
}

/** The new head and tile hashes for rows whose seq must be head.size, head.size + 1 … (pure). */
export function prepareAppend(head: Head, rows: EntryRow[]): PreparedAppend {
  const leaves = rows.map((r, i) => {
    if (r.seq !== head.size + i) throw new Error(`entry seq ${r.seq} is not the next position ${head.size + i}`);
    return { index: r.seq, hash: leafHash(r.canonical) };
  });
  const completed: CompletedNode[] = [];
  const frontier = appendMany(
    head.frontier,
    head.size,
    leaves.map((l) => l.hash),
    (node) => completed.push(node),
  );
  return { next: { size: head.size + rows.length, frontier, root: rootOfFrontier(frontier) }, tiles: tileAppends(leaves, completed) };
}

/**
 * Appends rows: entries, their leaf and subtree hashes in tiles, and the new head with its frontier
 * and root, in one statement (AUD-3: every commit has a root). Outside a transaction that
 * statement is its own commit. Returns null when the log's head is no longer `head`.
 */
export async function appendRows(db: AnyDb, head: Head, rows: EntryRow[], at: Date): Promise<Head | null> {
  const { next, tiles } = prepareAppend(head, rows);
  return (await appendBatch(db, head, next, rows, tiles, at)) ? next : null;
}
