import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/server/cli/commands.js';
import { buildProgram } from '../../src/server/cli/main.js';
import { type Org, setUpOrg, submitted } from '../requests/support.js';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `sekimori requests list | show | export | sweep`: the operator commands run the same service
 * functions in the CLI process or inside the server (control socket); here they run in-process.
 */
let t: TestApp;
let o: Org;
let id: string;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ['staff1', 'staff2', 'head1', 'gad']);
  id = await submitted(o.c('staff1'), 'aic4_use_right');
  await submitted(o.c('staff1'), 'edo_exception');
});
afterAll(async () => t?.close());

describe('sekimori requests', () => {
  it('is wired into the program with its options', () => {
    const requests = buildProgram().commands.find((c) => c.name() === 'requests');
    expect(requests?.commands.map((c) => c.name()).sort()).toEqual(['export', 'list', 'show', 'sweep']);
    const exp = requests?.commands.find((c) => c.name() === 'export');
    expect(exp?.options.map((opt) => opt.long)).toEqual(expect.arrayContaining(['--out', '--type', '--state', '--json']));
  });

  it('list filters by type and state', async () => {
    const all = (await runCommand(t.ctx, OPERATOR, 'requests.list', {})) as { requests: { id: string }[] };
    expect(all.requests).toHaveLength(2);
    const some = (await runCommand(t.ctx, OPERATOR, 'requests.list', { type: 'aic4_use_right', state: 'submitted' })) as {
      requests: { id: string }[];
    };
    expect(some.requests.map((r) => r.id)).toEqual([id]);
    await expect(runCommand(t.ctx, OPERATOR, 'requests.list', { type: 'nope' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('show by id or number, with route and history', async () => {
    const byId = (await runCommand(t.ctx, OPERATOR, 'requests.show', { id })) as any;
    const byNumber = (await runCommand(t.ctx, OPERATOR, 'requests.show', { id: byId.request.number })) as any;
    expect(byNumber.request.id).toBe(id);
    expect(byNumber.route[0].stages.map((s: any) => s.label.ja)).toEqual(['所属長', '総務部長']);
    expect(byNumber.history.map((h: any) => h.action)).toEqual(['create', 'submit']);
    await expect(runCommand(t.ctx, OPERATOR, 'requests.show', { id: 'R2026-999999' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('export writes cp932 CSV (base64 over the control socket)', async () => {
    const file = (await runCommand(t.ctx, OPERATOR, 'requests.export', { type: 'aic4_use_right' })) as { base64: string; rows: number };
    expect(file.rows).toBe(1);
    const text = iconv.decode(Buffer.from(file.base64, 'base64'), 'cp932');
    expect(text).toContain('業務利用権付与申請書');
  });

  it('sweep answers counts', async () => {
    expect(await runCommand(t.ctx, OPERATOR, 'requests.sweep', {})).toEqual({ expired: 0, reminded: 0, paperworkReminded: 0 });
  });
});
