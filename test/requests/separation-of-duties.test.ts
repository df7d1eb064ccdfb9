import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as org from '../../src/server/modules/org/service.js';
import { createUser, errorCode, OPERATOR, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import { denials, type Org, rowCount, setUpOrg, submitted } from './support.js';

/**
 * ORG-3 (EDO 4(8)): the applicant and the beneficiary never approve or concur; one person decides
 * one stage of a request; refused with `sod_violation`, nothing changes, and the refusal is in the
 * audit trail. The "unavoidable" override exists only where the type allows, needs a reason, and is
 * flagged for review.
 */
let t: TestApp;
let o: Org;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t);
});
afterAll(async () => t?.close());

async function snapshot(id: string) {
  const row = await t.ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    state: row.state,
    position: row.current_position,
    updatedAt: row.updated_at.toISOString(),
    decisions: await rowCount(t, 'request_decisions', id),
    history: await rowCount(t, 'request_history', id),
  };
}

describe('ORG-3 separation of duties', () => {
  it('the applicant cannot approve their own request, even holding the post', async () => {
    // 総務部長 applies for a use right of a member of his own unit: the final stage is his own post.
    const gadClient = o.c('gad');
    const id = await submitted(gadClient, 'aic4_use_right', { beneficiaryLoginId: 'soumustaff' });
    await o.c('headSoumu').post(`/api/requests/${id}/approve`, {});
    const before = await snapshot(id);
    const res = await gadClient.post(`/api/requests/${id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('sod_violation');
    expect(await snapshot(id)).toEqual(before);
    const denied = await denials(t, id);
    expect(denied.at(-1)?.actor).toBe(o.u('gad').id);
    expect(denied.at(-1)?.entry.reason).toBe('forbidden_by:separation-of-duties');
  });

  it('the beneficiary cannot approve a request made for them', async () => {
    // A second 総務部長 belongs to 中央警察署 and is the beneficiary of a use right applied for there.
    const gadB = await createUser(t, { loginId: 'gadb', unitCode: 'ST1', roles: ['general_affairs_director'] });
    const gadBClient = await onboard(t, gadB);
    const id = await submitted(o.c('staff1'), 'aic4_use_right', { beneficiaryLoginId: 'gadb' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    const before = await snapshot(id);
    const res = await gadBClient.post(`/api/requests/${id}/approve`, { comment: 'ok' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('sod_violation');
    expect(await snapshot(id)).toEqual(before);
    expect((await denials(t, id)).at(-1)?.actor).toBe(gadB.id);
    // Their inbox does not offer it either; the other holder decides it.
    const inbox = await gadBClient.get('/api/requests/inbox');
    expect(inbox.data.items.map((i: any) => i.request.id)).not.toContain(id);
    expect((await o.c('gad').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
    await org.setRoles(t.ctx, OPERATOR, gadB.id, []);
  });

  it('one person cannot decide two stages; the override needs a type that allows it and a reason', async () => {
    // The 所属長 of 中央警察署 is also システム管理者 (a small organisation).
    await org.setRoles(t.ctx, OPERATOR, o.u('head1').id, ['system_admin']);
    const head1 = await onboard(t, o.u('head1'));
    try {
      // aic1 does not allow the override: head1 approved as 所属長, cannot also concur as システム管理者.
      const strict = await submitted(o.c('staff1'), 'aic1_app_development');
      expect((await head1.post(`/api/requests/${strict}/approve`, {})).statusCode).toBe(200);
      const before = await snapshot(strict);
      const refused = await head1.post(`/api/requests/${strict}/concur`, { overrideReason: '他にシステム管理者がいないため' });
      expect(refused.statusCode).toBe(403);
      expect(errorCode(refused)).toBe('sod_violation');
      expect(await snapshot(strict)).toEqual(before);
      expect((await denials(t, strict)).at(-1)?.entry.reason).toBe('sod:two_stages');

      // aic6 allows it: without a reason still refused, with one accepted and flagged.
      const lenient = await submitted(o.c('staff1'), 'aic6_input_processing');
      expect((await head1.post(`/api/requests/${lenient}/approve`, {})).statusCode).toBe(200);
      const noReason = await head1.post(`/api/requests/${lenient}/approve`, {});
      expect(errorCode(noReason)).toBe('sod_violation');
      const withReason = await head1.post(`/api/requests/${lenient}/approve`, { overrideReason: '他にシステム管理者がいないため' });
      expect(withReason.statusCode, withReason.body).toBe(200);
      expect(withReason.data.request.state).toBe('approved');

      const flagged = await o.c('auditor').get('/api/requests/flagged-decisions');
      const mine = flagged.data.decisions.find((d: any) => d.requestId === lenient);
      expect(mine).toMatchObject({ overrideReason: '他にシステム管理者がいないため', reviews: 0, decider: { loginId: 'head1' } });
      expect((await o.c('staff1').get('/api/requests/flagged-decisions')).statusCode).toBe(403);
      const review = await o.c('auditor').post(`/api/requests/flagged-decisions/${mine.id}/review`, { comment: '確認した' });
      expect(review.statusCode).toBe(204);
      const after = await o.c('auditor').get('/api/requests/flagged-decisions');
      expect(after.data.decisions.find((d: any) => d.requestId === lenient).reviews).toBe(1);
    } finally {
      await org.setRoles(t.ctx, OPERATOR, o.u('head1').id, []);
    }
  });
});
