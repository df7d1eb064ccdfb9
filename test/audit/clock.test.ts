import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditRuntime } from '../../src/server/cli/audit-runtime.js';
import { checkClock } from '../../src/server/modules/audit/clock-status.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sekimori-clock-'));
  t = await startTestApp({
    audit: {
      origin: 'test.local/audit',
      keyFile: join(dir, 'key'),
      exportDir: join(dir, 'export'),
      clockBehind: 'refuse',
      retentionYears: 5,
    },
  });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the clock is checked against the last signed checkpoint (AUD-6)', () => {
  it('records the clock status at start, signs a checkpoint, and refuses to start with a clock that went back', async () => {
    await t.ctx.audit.record({ action: 'test.clock', actor: { type: 'system', via: 'cli' }, outcome: 'success' });
    const warnings: string[] = [];
    const runtime = await startAuditRuntime(t.ctx, (m) => warnings.push(m));
    expect(t.ctx.auditRuntime.clock?.behindLastCheckpoint).toBe(false);
    expect(t.ctx.auditRuntime.clock?.source).toBeTypeOf('string');
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json().clock.checkedAt).toBe(t.clock.now().toISOString());
    await runtime.stop();
    expect((await checkClock(t.ctx.db, t.clock)).lastCheckpointAt).toBe(t.clock.now().toISOString());

    t.clock.advance(-60 * 60_000);
    expect((await checkClock(t.ctx.db, t.clock)).behindLastCheckpoint).toBe(true);
    await expect(startAuditRuntime(t.ctx, (m) => warnings.push(m))).rejects.toThrow(/AUD-6/);

    t.ctx.config.audit.clockBehind = 'warn';
    const warned = await startAuditRuntime(t.ctx, (m) => warnings.push(m));
    expect(warnings.some((w) => w.includes('AUD-6') && w.startsWith('!!!'))).toBe(true);
    await warned.stop();
    t.clock.advance(60 * 60_000);
  });
});
