import type { Db } from './log-repo.js';
import { advanceHead, appendTiles, type EntryRow, type Head, insertEntries } from './log-repo.js';
import { appendMany, type CompletedNode, leafHash, rootOfFrontier } from './merkle.js';
import { tileAppends } from './tiles.js';

/**
 * Appends rows (whose seq must be head.size, head.size + 1 …) inside the caller's transaction:
 * entries, their leaf hashes and completed subtree hashes in tiles, and the new head with its
 * frontier and root, all in one commit (AUD-3: every commit has a root).
 * Returns null when another writer moved the head since `head` was read (optimistic writers retry).
 */
export async function appendRows(tx: Db | import('kysely').Kysely<unknown>, head: Head, rows: EntryRow[], at: Date): Promise<Head | null> {
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
  const next: Head = { size: head.size + rows.length, frontier, root: rootOfFrontier(frontier) };
  if (!(await advanceHead(tx, head.size, next, at))) return null;
  await insertEntries(tx, rows);
  await appendTiles(tx, tileAppends(leaves, completed));
  return next;
}
