import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Authorizer, type AuthzAction, type AuthzPrincipal } from '../../src/server/authz/authorizer.js';

const authorizer = new Authorizer();

const ADMIN_ACTIONS_ON_SYSTEM: AuthzAction[] = [
  'admin.units.read',
  'admin.units.write',
  'admin.users.read',
  'admin.users.create',
  'admin.sessions.read',
  'admin.sessions.end',
  'admin.settings.read',
  'admin.settings.write',
];
const ADMIN_ACTIONS_ON_ACCOUNTS: AuthzAction[] = [
  'admin.users.update',
  'admin.users.roles',
  'admin.users.disable',
  'admin.users.unlock',
  'admin.users.reset-password',
  'admin.users.transfer',
  'admin.users.retire',
  'admin.users.posts',
];
const SELF_ACTIONS: AuthzAction[] = ['self.read', 'self.sessions', 'self.mfa', 'self.password'];

function person(overrides: Partial<AuthzPrincipal> = {}): AuthzPrincipal {
  return { userId: 'u-staff', roles: [], managedUnitCodes: [], registrarUnitCodes: [], active: true, ...overrides };
}
const admin = person({ userId: 'u-admin', roles: ['system_admin'] });

describe('Cedar authorizer (ID-7, ID-11, ORG-2)', () => {
  it('ID-7: denies by default an action no policy permits', () => {
    for (const action of [...ADMIN_ACTIONS_ON_SYSTEM]) {
      const decision = authorizer.decide(person({ roles: ['auditor', 'csirt', 'security_admin'] }), action, { type: 'System' });
      expect(decision, action).toEqual({ allowed: false, policies: [] });
    }
    for (const action of ADMIN_ACTIONS_ON_ACCOUNTS) {
      expect(authorizer.decide(person(), action, { type: 'User', id: 'u-other' }), action).toEqual({ allowed: false, policies: [] });
    }
    // A role name that merely looks similar grants nothing.
    expect(authorizer.decide(person({ roles: ['System_Admin', 'system_admin '] }), 'admin.users.read', { type: 'System' }).allowed).toBe(
      false,
    );
  });

  it('ID-7: permits every administration action to a システム管理者, naming the policy', () => {
    for (const action of ADMIN_ACTIONS_ON_SYSTEM) {
      const decision = authorizer.decide(admin, action, { type: 'System' });
      expect(decision, action).toEqual({ allowed: true, policies: ['administration-by-system-administrator'] });
    }
    for (const action of ADMIN_ACTIONS_ON_ACCOUNTS) {
      expect(authorizer.decide(admin, action, { type: 'User', id: 'u-other' }).allowed, action).toBe(true);
    }
    expect(authorizer.decide(admin, 'unit.members.read', { type: 'Unit', code: 'ANY' }).allowed).toBe(true);
  });

  it('ID-11: the forbid for an inactive account overrides the administrator permit', () => {
    const inactiveAdmin = { ...admin, active: false };
    for (const action of ADMIN_ACTIONS_ON_SYSTEM) {
      expect(authorizer.decide(inactiveAdmin, action, { type: 'System' }), action).toEqual({
        allowed: false,
        policies: ['inactive-accounts-denied'],
      });
    }
    expect(authorizer.decide(inactiveAdmin, 'admin.users.disable', { type: 'User', id: 'u-other' }).allowed).toBe(false);
    const inactiveHead = person({ managedUnitCodes: ['A'], active: false });
    expect(authorizer.decide(inactiveHead, 'unit.members.read', { type: 'Unit', code: 'A' }).allowed).toBe(false);
    expect(authorizer.decide(person({ active: false }), 'self.read', { type: 'User', id: 'u-staff' }).allowed).toBe(false);
  });

  it('ORG-2, ID-11: the unit-bound permit holds only for the units the person manages', () => {
    const head = person({ userId: 'u-head', managedUnitCodes: ['A', 'C'] });
    for (const code of ['A', 'C']) {
      expect(authorizer.decide(head, 'unit.members.read', { type: 'Unit', code })).toEqual({
        allowed: true,
        policies: ['unit-managers-read-own-unit'],
      });
    }
    for (const code of ['B', 'a', 'A ', 'AA']) {
      expect(authorizer.decide(head, 'unit.members.read', { type: 'Unit', code }).allowed, code).toBe(false);
    }
    // Managing a unit gives no administration of it.
    expect(authorizer.decide(head, 'admin.units.write', { type: 'Unit', code: 'A' }).allowed).toBe(false);
    expect(authorizer.decide(head, 'admin.units.read', { type: 'System' }).allowed).toBe(false);
    // A person without managed units sees no unit.
    expect(authorizer.decide(person(), 'unit.members.read', { type: 'Unit', code: 'A' }).allowed).toBe(false);
  });

  it('ID-3, ID-6: everyone acts on their own account only', () => {
    const me = person({ userId: 'u-me' });
    for (const action of SELF_ACTIONS) {
      expect(authorizer.decide(me, action, { type: 'User', id: 'u-me' }), action).toEqual({ allowed: true, policies: ['self-service'] });
      expect(authorizer.decide(me, action, { type: 'User', id: 'u-someone-else' }).allowed, action).toBe(false);
    }
    // Administrators get no self-service rights over other people either.
    expect(authorizer.decide(admin, 'self.password', { type: 'User', id: 'u-me' }).allowed).toBe(false);
  });

  it('ID-7: an administrator cannot administer their own account', () => {
    for (const action of ADMIN_ACTIONS_ON_ACCOUNTS) {
      expect(authorizer.decide(admin, action, { type: 'User', id: admin.userId }), action).toEqual({
        allowed: false,
        policies: ['no-self-administration'],
      });
    }
    // Reading one's own record is not changing it.
    expect(authorizer.decide(admin, 'admin.users.read', { type: 'User', id: admin.userId }).allowed).toBe(true);
  });

  it('denies a request the schema does not allow (wrong resource type) instead of failing open', () => {
    expect(authorizer.decide(admin, 'unit.members.read', { type: 'System' }).allowed).toBe(false);
    expect(authorizer.decide(admin, 'admin.users.roles', { type: 'System' }).allowed).toBe(false);
    expect(authorizer.decide(person({ userId: 'u-me' }), 'self.read', { type: 'Unit', code: 'u-me' }).allowed).toBe(false);
  });
});

describe('remembered decisions (ID-7, ID-11)', () => {
  it('a changed role, unit or account state is decided afresh, never answered from memory', () => {
    const fresh = new Authorizer();
    const before = person({ userId: 'u-moving', roles: ['system_admin'], managedUnitCodes: ['U1'] });
    expect(fresh.decide(before, 'admin.users.create', { type: 'System' }).allowed).toBe(true);
    expect(fresh.decide(before, 'unit.members.read', { type: 'Unit', code: 'U1' }).allowed).toBe(true);
    // The same person an hour later: the role taken away, transferred out of U1, then stopped.
    expect(fresh.decide({ ...before, roles: [] }, 'admin.users.create', { type: 'System' }).allowed).toBe(false);
    expect(
      fresh.decide({ ...before, roles: [], managedUnitCodes: ['U2'] }, 'unit.members.read', { type: 'Unit', code: 'U1' }).allowed,
    ).toBe(false);
    expect(fresh.decide({ ...before, active: false }, 'admin.users.create', { type: 'System' })).toEqual({
      allowed: false,
      policies: ['inactive-accounts-denied'],
    });
    // Asking the same again is answered from memory, with the same answer and naming the same policy.
    const size = fresh.rememberedDecisions;
    expect(fresh.decide(before, 'admin.users.create', { type: 'System' })).toEqual(
      authorizer.decide(before, 'admin.users.create', { type: 'System' }),
    );
    expect(fresh.rememberedDecisions).toBe(size);
  });

  it('a caller changing the answer it got does not change the next answer', () => {
    const fresh = new Authorizer();
    const first = fresh.decide(admin, 'admin.users.create', { type: 'System' });
    first.allowed = false;
    first.policies.push('tampered');
    expect(fresh.decide(admin, 'admin.users.create', { type: 'System' })).toEqual({
      allowed: true,
      policies: ['administration-by-system-administrator'],
    });
  });

  it('memory stays bounded', () => {
    const fresh = new Authorizer();
    for (let i = 0; i < 10_050; i++) fresh.decide(person({ userId: `u-${i}` }), 'self.read', { type: 'User', id: `u-${i}` });
    expect(fresh.rememberedDecisions).toBe(10_000);
  });
});

describe('the policy file is checked against the schema', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
  });

  it('the shipped policies validate (constructing the Authorizer succeeds) and every policy has an @id', () => {
    expect(() => new Authorizer()).not.toThrow();
    const text = readFileSync(new URL('../../src/server/authz/policies.cedar', import.meta.url), 'utf8');
    const statements = text.match(/^\s*(permit|forbid)\s*\(/gm) ?? [];
    const ids = text.match(/@id\("[^"]+"\)/g) ?? [];
    expect(statements.length).toBe(20);
    expect(ids.length).toBe(statements.length);
  });

  it('refuses to start with a policy that does not match the schema', async () => {
    const broken = (original: string) =>
      original.replace('principal.roles.contains("system_admin")', 'principal.role_names.contains("system_admin")');
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      const readFileSyncMocked = ((path: Parameters<typeof fs.readFileSync>[0], options?: unknown) => {
        const content = fs.readFileSync(path, options as BufferEncoding);
        return String(path).endsWith('policies.cedar') ? broken(String(content)) : content;
      }) as typeof fs.readFileSync;
      return { ...fs, readFileSync: readFileSyncMocked, default: { ...fs, readFileSync: readFileSyncMocked } };
    });
    const fresh = await import('../../src/server/authz/authorizer.js');
    expect(() => new fresh.Authorizer()).toThrow(/do not validate against the schema/);
  });
});
