import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CedarValueJson, EntityJson, EntityUidJson } from '@cedar-policy/cedar-wasm/nodejs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const here = dirname(fileURLToPath(import.meta.url));

/** The policy files ship next to this module (copied into dist at build). */
function readPolicyFile(name: string): string {
  for (const dir of [here, join(here, '../../../src/server/authz')]) {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      // try the next location
    }
  }
  throw new Error(`authorization file ${name} not found`);
}

export type AuthzAction =
  | 'admin.units.read'
  | 'admin.units.write'
  | 'admin.users.read'
  | 'admin.users.create'
  | 'admin.users.update'
  | 'admin.users.roles'
  | 'admin.users.disable'
  | 'admin.users.unlock'
  | 'admin.users.reset-password'
  | 'admin.users.transfer'
  | 'admin.users.retire'
  | 'admin.users.posts'
  | 'admin.sessions.read'
  | 'admin.sessions.end'
  | 'admin.settings.read'
  | 'admin.settings.write'
  | 'self.read'
  | 'self.sessions'
  | 'self.mfa'
  | 'self.password'
  | 'unit.members.read'
  | 'audit.search'
  | 'audit.export'
  | 'audit.status'
  | 'self.delegations'
  | 'request.read'
  | 'request.edit'
  | 'request.decide'
  | 'request.oral'
  | 'request.cancel'
  | 'request.admin'
  | 'request.review'
  | 'application.read'
  | 'application.admin'
  | 'records.import'
  | 'rights.report'
  | 'inquiry.run'
  | 'access.read'
  | 'output.record'
  | 'output.review'
  | 'manual.read'
  | 'manual.manage'
  | 'rights.read'
  | 'rights.register'
  | 'access.read.unit'
  | 'output.confirm';

/** A request (申請) as Cedar sees it: who stands where in relation to it (ORG-3). */
export interface RequestResource {
  type: 'Request';
  id: string;
  applicantId: string;
  beneficiaryIds: readonly string[];
  /** Everybody on the route (holders, their deputies, past deciders and whom they decided for). */
  participantIds: readonly string[];
  /** Who may decide the current stage now (holders and their deputies). */
  deciderIds: readonly string[];
  /** Holders of the final stage and their deputies (oral intake, cancellation). */
  finalDeciderIds: readonly string[];
}

export type AuthzResource = { type: 'System' } | { type: 'Unit'; code: string } | { type: 'User'; id: string } | RequestResource;

/** What Cedar needs to know about the person asking; built from the session's actor. */
export interface AuthzPrincipal {
  userId: string;
  roles: readonly string[];
  managedUnitCodes: readonly string[];
  /** Units where the person holds the 登録担当者 post (APP-3). */
  registrarUnitCodes: readonly string[];
  active: boolean;
}

export interface AuthzDecision {
  allowed: boolean;
  policies: string[];
}

const POLICY_SET_ID = 'sekimori';
const SCHEMA_ID = 'sekimori';

function uid(type: string, id: string): EntityUidJson {
  return { type: `Sekimori::${type}`, id };
}

/** An entity reference as an attribute value; Cedar's JSON type has no index signature for it. */
function entityRef(type: string, id: string): CedarValueJson {
  return { __entity: { type: `Sekimori::${type}`, id } } as unknown as CedarValueJson;
}

function resourceUid(resource: AuthzResource): EntityUidJson {
  switch (resource.type) {
    case 'System':
      return uid('System', 'sekimori');
    case 'Unit':
      return uid('Unit', resource.code);
    case 'User':
      return uid('User', resource.id);
    case 'Request':
      return uid('Request', resource.id);
  }
}

function userSet(ids: readonly string[]): CedarValueJson {
  return [...new Set(ids)].map((id) => entityRef('User', id));
}

/**
 * Decisions remembered per process. The policy set is fixed for the life of the process, so a
 * decision is a pure function of what `decide` is given; the key holds all of it (the principal's
 * roles and units as resolved for this request, the action, the resource), so a changed role or a
 * transfer is a different key and is evaluated afresh. Evaluating in Cedar costs about a
 * millisecond of CPU on a small server, paid on every business request without this.
 */
const DECISION_CACHE_SIZE = 10_000;

function decisionKey(principal: AuthzPrincipal, action: AuthzAction, resource: AuthzResource): string {
  return JSON.stringify([
    principal.userId,
    [...principal.roles].sort(),
    [...principal.managedUnitCodes].sort(),
    [...principal.registrarUnitCodes].sort(),
    principal.active,
    action,
    resource,
  ]);
}

/** Default deny: an error in evaluation is a denial, never an allow. */
export class Authorizer {
  /** Cedar names policies policy0, policy1 …; the @id annotations name them for the audit trail. */
  private readonly policyNames: string[];
  private readonly decisions = new Map<string, AuthzDecision>();

  constructor() {
    const policies = readPolicyFile('policies.cedar');
    const schema = readPolicyFile('schema.cedarschema');
    const validation = cedar.validate({ schema, policies: { staticPolicies: policies } });
    if (validation.type !== 'success' || validation.validationErrors.length > 0) {
      const detail =
        validation.type === 'success'
          ? validation.validationErrors.map((e) => e.error.message).join('; ')
          : validation.errors.map((e) => e.message).join('; ');
      throw new Error(`authorization policies do not validate against the schema: ${detail}`);
    }
    const parsed = cedar.preparsePolicySet(POLICY_SET_ID, { staticPolicies: policies });
    if (parsed.type !== 'success') throw new Error('authorization policies failed to parse');
    this.policyNames = [...policies.matchAll(/@id\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    const parsedSchema = cedar.preparseSchema(SCHEMA_ID, schema);
    if (parsedSchema.type !== 'success') throw new Error('authorization schema failed to parse');
  }

  decide(principal: AuthzPrincipal, action: AuthzAction, resource: AuthzResource): AuthzDecision {
    const key = decisionKey(principal, action, resource);
    const known = this.decisions.get(key);
    if (known) return { allowed: known.allowed, policies: [...known.policies] };
    const decision = this.evaluate(principal, action, resource);
    // Oldest first out: Map keeps insertion order.
    if (this.decisions.size >= DECISION_CACHE_SIZE) {
      const oldest = this.decisions.keys().next().value;
      if (oldest !== undefined) this.decisions.delete(oldest);
    }
    this.decisions.set(key, decision);
    return { allowed: decision.allowed, policies: [...decision.policies] };
  }

  /** How many decisions are remembered (tests). */
  get rememberedDecisions(): number {
    return this.decisions.size;
  }

  private evaluate(principal: AuthzPrincipal, action: AuthzAction, resource: AuthzResource): AuthzDecision {
    const entities: EntityJson[] = [
      {
        uid: uid('User', principal.userId),
        attrs: {
          roles: [...principal.roles],
          managedUnits: principal.managedUnitCodes.map((code) => entityRef('Unit', code)),
          registrarUnits: principal.registrarUnitCodes.map((code) => entityRef('Unit', code)),
          active: principal.active,
        },
        parents: [],
      },
    ];
    const units = new Set([...principal.managedUnitCodes, ...principal.registrarUnitCodes]);
    for (const code of units) entities.push({ uid: uid('Unit', code), attrs: {}, parents: [] });
    if (resource.type === 'Unit' && !units.has(resource.code)) {
      entities.push({ uid: uid('Unit', resource.code), attrs: {}, parents: [] });
    }
    if (resource.type === 'User' && resource.id !== principal.userId) {
      entities.push({
        uid: uid('User', resource.id),
        attrs: { roles: [], managedUnits: [], registrarUnits: [], active: true },
        parents: [],
      });
    }
    if (resource.type === 'Request') {
      entities.push({
        uid: uid('Request', resource.id),
        attrs: {
          applicant: entityRef('User', resource.applicantId),
          beneficiaries: userSet(resource.beneficiaryIds),
          participants: userSet(resource.participantIds),
          deciders: userSet(resource.deciderIds),
          finalDeciders: userSet(resource.finalDeciderIds),
        },
        parents: [],
      });
    }
    const answer = cedar.statefulIsAuthorized({
      principal: uid('User', principal.userId),
      action: { type: 'Sekimori::Action', id: action },
      resource: resourceUid(resource),
      context: {},
      preparsedPolicySetId: POLICY_SET_ID,
      preparsedSchemaName: SCHEMA_ID,
      validateRequest: true,
      entities,
    });
    if (answer.type !== 'success') return { allowed: false, policies: [] };
    return {
      allowed: answer.response.decision === 'allow',
      policies: answer.response.diagnostics.reason.map((id) => this.policyNames[Number(id.replace('policy', ''))] ?? id),
    };
  }
}
