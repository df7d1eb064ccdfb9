import { z } from 'zod';
import type { ServiceContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { listApplications } from '../modules/applications/query-service.js';
import { exportConsistencyProof, exportInclusionProof, listStoredCheckpoints, verifyAuditLog } from '../modules/audit/operator.js';
import { purgePayloads } from '../modules/audit/retention.js';
import { seedDemo } from '../modules/demo/service.js';
import type { SystemActor } from '../modules/identity/actor.js';
import { EMPLOYMENT_TYPES, UNIT_KINDS } from '../modules/org/catalog.js';
import { createUnitSchema } from '../modules/org/schema.js';
import * as org from '../modules/org/service.js';
import { REQUEST_STATES, REQUEST_TYPE_CODES } from '../modules/requests/contract.js';
import { exportCsv } from '../modules/requests/export-service.js';
import { listAll, show } from '../modules/requests/query-service.js';
import { sweepRequests } from '../modules/requests/sweep.js';
import { unitRights } from '../modules/rights/query-service.js';
import { sweepRights } from '../modules/rights/sweep.js';

/**
 * Operator commands. The same functions run in-process (CLI opened the database itself) or inside
 * the running server (CLI sent them over the control socket), so both paths behave identically.
 */
const commandSchemas = {
  'user.add': z.object({
    login: z.string(),
    name: z.string(),
    kana: z.string().optional(),
    unit: z.string().optional(),
    roles: z.array(z.string()).default([]),
    posts: z.array(z.string()).default([]),
    employment: z.enum(EMPLOYMENT_TYPES).default('regular'),
  }),
  'user.reset-password': z.object({ login: z.string() }),
  'user.disable': z.object({ login: z.string(), reason: z.string().min(1) }),
  'user.enable': z.object({ login: z.string() }),
  'user.unlock': z.object({ login: z.string() }),
  'user.list': z.object({ unit: z.string().optional() }),
  'unit.add': z.object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    kind: z.enum(UNIT_KINDS).default('division'),
    parent: z.string().optional(),
  }),
  'unit.list': z.object({}),
  'applications.list': z.object({}),
  'demo.seed': z.object({
    seed: z.number().int().optional(),
    persons: z.number().int().min(0).max(10_000_000).default(1000),
  }),
  'audit.verify': z.object({ exportDir: z.string().optional(), verifierKeys: z.array(z.string()).optional() }),
  'audit.proof': z.object({ seq: z.number().int().min(0) }),
  'audit.consistency': z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }),
  'audit.checkpoints': z.object({ limit: z.number().int().min(1).max(100_000).default(100) }),
  'requests.list': z.object({
    type: z.enum(REQUEST_TYPE_CODES).optional(),
    state: z.enum(REQUEST_STATES).optional(),
    limit: z.number().int().min(1).max(500).default(500),
  }),
  'requests.show': z.object({ id: z.string().min(1).max(64) }),
  'requests.export': z.object({ type: z.enum(REQUEST_TYPE_CODES).optional(), state: z.enum(REQUEST_STATES).optional() }),
  'requests.sweep': z.object({}),
  'rights.sweep': z.object({}),
  'rights.list': z.object({ unit: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) }),
  'audit.purge': z.object({
    before: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
} as const;

/** What only an in-process caller can pass (the control socket cannot carry callbacks). */
export interface CommandHooks {
  onProgress?: (done: number, total: number) => void;
}

export type CommandName = keyof typeof commandSchemas;

/** YYYY-MM-DD as 00:00 UTC of that day; an impossible date (2024-02-30) is refused. */
function calendarDate(text: string): Date {
  const d = new Date(`${text}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new AppError('validation_failed', { ja: `日付 ${text} は正しくありません。`, en: `${text} is not a valid date.` });
  }
  return d;
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandSchemas, name);
}

export async function runCommand(
  ctx: ServiceContext,
  actor: SystemActor,
  name: CommandName,
  rawArgs: unknown,
  hooks: CommandHooks = {},
): Promise<unknown> {
  const parsed = commandSchemas[name].safeParse(rawArgs);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(args)').join(', ');
    throw new AppError('validation_failed', { ja: `引数に誤りがあります（${fields}）。`, en: `Invalid arguments (${fields}).` });
  }
  switch (name) {
    case 'user.add': {
      const a = commandSchemas['user.add'].parse(rawArgs);
      const created = await org.createUser(ctx, actor, {
        loginId: a.login,
        name: a.name,
        nameKana: a.kana,
        unitCode: a.unit,
        roles: a.roles,
        posts: a.posts.map((post) => ({ post })),
        employmentType: a.employment,
      });
      return { ...created.user, temporaryPassword: created.temporaryPassword };
    }
    case 'user.reset-password': {
      const a = commandSchemas['user.reset-password'].parse(rawArgs);
      const id = await org.userIdByLogin(ctx, a.login);
      return { loginId: a.login, ...(await org.resetPassword(ctx, actor, id)) };
    }
    case 'user.disable': {
      const a = commandSchemas['user.disable'].parse(rawArgs);
      await org.disableUser(ctx, actor, await org.userIdByLogin(ctx, a.login), a.reason);
      return { loginId: a.login, disabled: true };
    }
    case 'user.enable': {
      const a = commandSchemas['user.enable'].parse(rawArgs);
      await org.enableUser(ctx, actor, await org.userIdByLogin(ctx, a.login));
      return { loginId: a.login, disabled: false };
    }
    case 'user.unlock': {
      const a = commandSchemas['user.unlock'].parse(rawArgs);
      await org.unlockUser(ctx, actor, await org.userIdByLogin(ctx, a.login));
      return { loginId: a.login, unlocked: true };
    }
    case 'user.list': {
      const a = commandSchemas['user.list'].parse(rawArgs);
      return { users: await org.listUsers(ctx, actor, { unit: a.unit, limit: 500, offset: 0 }) };
    }
    case 'unit.add': {
      const a = commandSchemas['unit.add'].parse(rawArgs);
      const input = createUnitSchema.safeParse({ code: a.code, name: a.name, nameEn: a.nameEn, kind: a.kind, parentCode: a.parent });
      if (!input.success) throw new AppError('validation_failed');
      return org.createUnit(ctx, actor, input.data);
    }
    case 'applications.list':
      return listApplications(ctx, actor);
    case 'unit.list':
      return { units: await org.listUnits(ctx, actor) };
    case 'demo.seed': {
      const a = commandSchemas['demo.seed'].parse(rawArgs);
      return seedDemo(ctx, actor, { seed: a.seed, persons: a.persons, onProgress: hooks.onProgress });
    }
    case 'audit.verify': {
      const a = commandSchemas['audit.verify'].parse(rawArgs);
      return verifyAuditLog(ctx, { exportDir: a.exportDir, verifierKeys: a.verifierKeys, onProgress: hooks.onProgress });
    }
    case 'audit.proof':
      return exportInclusionProof(ctx, actor, commandSchemas['audit.proof'].parse(rawArgs).seq);
    case 'audit.consistency': {
      const a = commandSchemas['audit.consistency'].parse(rawArgs);
      return exportConsistencyProof(ctx, a.from, a.to);
    }
    case 'audit.checkpoints':
      return listStoredCheckpoints(ctx, commandSchemas['audit.checkpoints'].parse(rawArgs).limit);
    case 'requests.list': {
      const a = commandSchemas['requests.list'].parse(rawArgs);
      return listAll(ctx, actor, { type: a.type, state: a.state, limit: a.limit, offset: 0 });
    }
    case 'requests.show': {
      const a = commandSchemas['requests.show'].parse(rawArgs);
      if (!/^(?:[0-9a-fA-F-]{36}|R\d{4}-\d{6})$/.test(a.id)) throw new AppError('not_found');
      return show(ctx, actor, a.id);
    }
    case 'requests.export': {
      const a = commandSchemas['requests.export'].parse(rawArgs);
      // All rows, paged: the CLI writes the file (the control socket carries the bytes as base64).
      const file = await exportCsv(ctx, actor, 'all', { type: a.type, state: a.state, limit: 10_000, offset: 0 });
      return { filename: file.filename, rows: file.rows, unencodable: file.unencodable, base64: file.bytes.toString('base64') };
    }
    case 'requests.sweep':
      return sweepRequests(ctx, { ...actor, via: 'scheduler' });
    case 'rights.sweep':
      return sweepRights(ctx, actor);
    case 'rights.list':
      return unitRights(ctx, actor, commandSchemas['rights.list'].parse(rawArgs).unit, false);
    case 'audit.purge': {
      const a = commandSchemas['audit.purge'].parse(rawArgs);
      return purgePayloads(ctx, actor, a.before === undefined ? undefined : calendarDate(a.before));
    }
  }
}
