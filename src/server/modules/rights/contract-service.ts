import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { findUserByLogin } from '../org/repo.js';
import { userIdOf } from './registration-service.js';
import * as repo from './repo.js';

export interface ContractInput {
  userLoginId: string;
  contractName: string;
  applicationCodes: string[];
  validFrom: string;
  validTo: string;
}

function present(c: Awaited<ReturnType<typeof repo.listContracts>>[number]) {
  return {
    id: c.id,
    contractName: c.contract_name,
    user: { loginId: c.login_id, name: c.user_name },
    applicationCodes: c.application_codes,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    registeredAt: c.registered_at.toISOString(),
    endedAt: c.ended_at?.toISOString() ?? null,
  };
}

/** APP-6: the contracts that bound what each contractor account may be granted and may query. */
export async function listContracts(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  return { contracts: (await repo.listContracts(ctx.db)).map(present) };
}

/**
 * APP-6: システム管理者 registers a contractor's contract scope (which applications, for which
 * period). Only a contractor account (ID registered, employment type 'contractor') can have one.
 */
export async function createContract(ctx: ServiceContext, actor: Actor, input: ContractInput) {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  if (input.validTo < input.validFrom) {
    throw new AppError('validation_failed', { ja: '契約期間の終了が開始より前です。', en: 'The contract ends before it starts.' });
  }
  const user = await findUserByLogin(ctx.db, input.userLoginId);
  if (!user)
    throw new AppError('validation_failed', { ja: `ユーザ ${input.userLoginId} がありません。`, en: `No user ${input.userLoginId}.` });
  if (user.employment_type !== 'contractor') {
    throw new AppError('validation_failed', {
      ja: '契約を登録できるのは委託先職員のIDだけです。',
      en: 'Only a contractor account can have a contract.',
    });
  }
  const codes = [...new Set(input.applicationCodes)];
  const known = await repo.existingApplicationCodes(ctx.db, codes);
  const unknown = codes.filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', {
      ja: `適用業務 ${unknown.join('、')} はありません。`,
      en: `Unknown applications: ${unknown.join(', ')}.`,
    });
  }
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await repo.insertContract(tx, {
      user_id: user.id,
      contract_name: input.contractName,
      application_codes: codes,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      registered_by: userIdOf(actor),
      registered_at: now,
    });
    await ctx.audit.record(
      {
        action: 'contract.registered',
        actor: auditActor(actor),
        target: { type: 'contract', id: created, label: input.contractName },
        outcome: 'success',
        details: { user: user.login_id, applicationCodes: codes, validFrom: input.validFrom, validTo: input.validTo },
      },
      { tx },
    );
    return created;
  });
  const [row] = await repo.listContracts(ctx.db, id);
  if (!row) throw new AppError('not_found');
  return present(row);
}

/** APP-6: a contract ended early; the holder's rights under it stop at once and the sweep ends them. */
export async function endContract(ctx: ServiceContext, actor: Actor, id: string) {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.endContract(tx, id, now))) throw new AppError('not_found');
    await ctx.audit.record(
      { action: 'contract.ended', actor: auditActor(actor), target: { type: 'contract', id }, outcome: 'success' },
      { tx },
    );
  });
}
