import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/server/modules/audit/checkpointer.js';
import { readHead } from '../../src/server/modules/audit/log-repo.js';
import { appendMany, type CompletedNode, leafHash, rootOfFrontier } from '../../src/server/modules/audit/merkle.js';
import { generateSignerKey, verifierKeyOf } from '../../src/server/modules/audit/signed-note.js';
import { tileAppends } from '../../src/server/modules/audit/tiles.js';
import { type VerifyReport, verifyLog } from '../../src/server/modules/audit/verify.js';
import { asOwner } from '../support/owner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { testDbKind } from '../support/test-db.js';

/**
 * Tamper tests (issue 3, "What it must show"): a database owner edits the log behind the
 * application's back, and `audit verify` names the entry. Each case gets a database of its own
 * (PGlite, or a fresh database on the real PostgreSQL server in the postgres project).
 */
const ENTRIES = 600;
const kind = testDbKind();

interface Fixture {
  t: TestApp;
  exportDir: string;
  verifierKey: string;
  close(): Promise<void>;
}

async function setup(): Promise<Fixture> {
  const t = await startTestApp();
  const exportDir = mkdtempSync(join(tmpdir(), 'sekimori-tamper-'));
  const signerKey = generateSignerKey('test.local/audit');
  const verifierKey = verifierKeyOf(signerKey);
  const checkpointer = new Checkpointer(t.ctx.db, t.clock, { origin: 'test.local/audit', signerKey, verifierKey, exportDir });
  const record = (i: number) =>
    t.ctx.audit.record({ action: 'test.entry', actor: { type: 'system', via: 'cli' }, outcome: 'success', details: { i } });
  const recordRange = async (from: number, to: number) => {
    for (let i = from; i < to; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, to - i) }, (_, k) => record(i + k)));
    }
  };
  await recordRange(0, ENTRIES / 2);
  expect(await checkpointer.tick(), checkpointer.status.lastError?.message).not.toBeNull();
  t.clock.advance(5_000);
  await recordRange(ENTRIES / 2, ENTRIES);
  expect(await checkpointer.tick(), checkpointer.status.lastError?.message).not.toBeNull();
  const head = await readHead(t.ctx.db);
  expect(head.size).toBe(ENTRIES);
  const baseline = await verifyLog(t.ctx.db, { verifierKeys: [verifierKey], exportDir });
  expect(baseline.problems).toEqual([]);
  expect(baseline).toMatchObject({
    ok: true,
    size: ENTRIES,
    entriesChecked: ENTRIES,
    checkpointsChecked: 2,
    exportedCheckpointsChecked: 2,
  });
  return {
    t,
    exportDir,
    verifierKey,
    close: async () => {
      await t.close();
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
}

async function canonicalAt(db: Kysely<unknown>, seq: number): Promise<string> {
  const res = await sql<{ canonical: string }>`SELECT canonical FROM audit_events WHERE seq = ${seq}`.execute(db);
  const row = res.rows[0];
  if (!row || res.rows.length !== 1) throw new Error(`expected one row at seq ${seq}`);
  return row.canonical;
}

function verify(f: Fixture, withExport = true): Promise<VerifyReport> {
  return verifyLog(f.t.ctx.db, { verifierKeys: [f.verifierKey], exportDir: withExport ? f.exportDir : undefined });
}

/** Runs one case on a fresh log of its own. */
async function withFreshLog(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const f = await setup();
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

describe(`tamper detection as the database owner (${kind}, AUD-3)`, () => {
  it('a changed payload byte is named', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, async (db) => {
        const before = await canonicalAt(db, 123);
        // One byte: the entry's action 'test.entry' becomes 'test.entrz'.
        const after = before.replace('"test.entry"', '"test.entrz"');
        expect(Buffer.byteLength(after)).toBe(Buffer.byteLength(before));
        await sql`UPDATE audit_events SET canonical = ${after} WHERE seq = 123`.execute(db);
      });
      const report = await verify(f);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(123);
      expect(report.firstBad?.message).toContain('123');
    }));

  it('a deleted row is named', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, (db) => sql`DELETE FROM audit_events WHERE seq = 200`.execute(db));
      const report = await verify(f);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(200);
      expect(report.firstBad?.message).toMatch(/missing/);
    }));

  it('an inserted row (a second entry at an existing position) is named', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, async (db) => {
        const original = await canonicalAt(db, 250);
        const forged = original.replace(/"i":\d+/, '"i":99999');
        expect(forged).not.toBe(original);
        await sql`
          INSERT INTO audit_events (seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical)
          SELECT seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, ${forged}
          FROM audit_events WHERE seq = 250`.execute(db);
      });
      const report = await verify(f);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(250);
    }));

  it('an inserted row is found even where a verification batch ends', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, async (db) => {
        const original = await canonicalAt(db, 249);
        const forged = original.replace(/"i":\d+/, '"i":99999');
        await sql`
          INSERT INTO audit_events (seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical)
          SELECT seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, ${forged}
          FROM audit_events WHERE seq = 249`.execute(db);
      });
      // Batches of 250 rows: the first ends with one of the two rows at 249.
      const report = await verifyLog(f.t.ctx.db, { verifierKeys: [f.verifierKey], exportDir: f.exportDir, batchSize: 250 });
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(249);
    }));

  it('two swapped rows are named (the first of them)', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, async (db) => {
        const a = await canonicalAt(db, 310);
        const b = await canonicalAt(db, 311);
        await sql`UPDATE audit_events SET canonical = ${b} WHERE seq = 310`.execute(db);
        await sql`UPDATE audit_events SET canonical = ${a} WHERE seq = 311`.execute(db);
      });
      const report = await verify(f);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(310);
      expect(report.problems.map((p) => p.seq)).toContain(311);
    }));

  it('a rewritten entry with every later hash, the tiles and the head recomputed is caught by the exported checkpoints and tiles only', () =>
    withFreshLog(async (f) => {
      await asOwner(f.t, async (db) => {
        const original = await canonicalAt(db, 150);
        const forged = original.replace('"outcome":"success"', '"outcome":"failure"');
        expect(forged).not.toBe(original);
        await sql`UPDATE audit_events SET canonical = ${forged}, outcome = 'failure' WHERE seq = 150`.execute(db);
        // Recompute the whole tree from the rows, as the appender would have built it.
        const rows = await sql<{ seq: string; canonical: string }>`SELECT seq, canonical FROM audit_events ORDER BY seq`.execute(db);
        const leaves = rows.rows.map((r) => ({ index: Number(r.seq), hash: leafHash(r.canonical) }));
        const completed: CompletedNode[] = [];
        const frontier = appendMany(
          [],
          0,
          leaves.map((l) => l.hash),
          (node) => completed.push(node),
        );
        await sql`DELETE FROM audit_tiles`.execute(db);
        for (const tile of tileAppends(leaves, completed)) {
          expect(tile.offset).toBe(0);
          await sql`INSERT INTO audit_tiles (level, idx, hashes) VALUES (${tile.level}, ${tile.idx}, ${Buffer.from(tile.hashes)})`.execute(
            db,
          );
        }
        await sql`
          UPDATE audit_log_head SET size = ${leaves.length}, frontier = ${Buffer.concat(frontier)},
            root = ${Buffer.from(rootOfFrontier(frontier))} WHERE id = 1`.execute(db);
        await sql`DELETE FROM audit_checkpoints`.execute(db);
      });
      // The database alone is consistent again: only the copy outside it can tell.
      const inside = await verify(f, false);
      expect(inside.problems).toEqual([]);
      expect(inside).toMatchObject({ ok: true, size: ENTRIES, checkpointsChecked: 0 });

      const report = await verify(f);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.seq, JSON.stringify(report.problems)).toBe(150);
      const messages = report.problems.map((p) => p.message).join('\n');
      expect(messages).toContain('entry 150 does not match the exported leaf tile');
      expect(messages).toMatch(/does not match exported checkpoint 300/);
      expect(messages).toMatch(/does not match exported checkpoint 600/);
    }));
});
