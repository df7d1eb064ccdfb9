import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/server/modules/audit/service.js';
import { verifyLog } from '../../src/server/modules/audit/verify.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * AUD-3 batching inside the process: entries recorded while a commit is in flight share the next
 * commit, at most maxBatch at a time, and every caller gets its own gap-free position.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('audit log group commit (AUD-3)', () => {
  it('AUD-3: 40 concurrent entries go in as the first alone, then batches of at most maxBatch, at consecutive positions', async () => {
    await t.ctx.audit.drain();
    const commits: number[] = [];
    const audit = createAuditLog(t.ctx.db, t.clock, { maxBatch: 16, onCommit: (n) => commits.push(n) });
    const seqs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.record({ action: 'test.batch', actor: { type: 'system', via: 'test' }, outcome: 'success', details: { i } }),
      ),
    );
    expect(commits).toEqual([1, 16, 16, 7]);
    const positions = seqs.map(Number);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => (positions[0] ?? 0) + i));
    // Each caller's position holds its own entry.
    const rows = await t.ctx.db
      .selectFrom('audit_events')
      .select(['seq', 'canonical'])
      .where('action', '=', 'test.batch')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [Number(r.seq), (JSON.parse(r.canonical) as { details: { i: number } }).details.i])).toEqual(
      positions.map((seq, i) => [seq, i]),
    );
    const report = await verifyLog(t.ctx.db, { verifierKeys: [] });
    expect(report.ok).toBe(true);
  });
});
