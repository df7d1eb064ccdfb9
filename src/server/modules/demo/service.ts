import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import type { Actor, SystemActor } from '../identity/actor.js';
import { findUnitByCode } from '../org/repo.js';
import { createUnit, createUser } from '../org/service.js';
import { type DemoApplicationResult, demoActors, seedApplications, seedUseRights } from './approvals.js';
import { seededRandom, syntheticName } from './names.js';
import { DEMO_PEOPLE, DEMO_UNITS } from './organisation.js';
import { type RecordCounts, samplePersons } from './persons.js';
import { seedRecords } from './records-seed.js';

/** The seed of the demo's generators when none is given: the same demo every time. */
export const DEFAULT_DEMO_SEED = 20261122;
export const DEFAULT_DEMO_PERSONS = 1000;

export interface SeededUser {
  loginId: string;
  name: string;
  unitCode: string;
  posts: string[];
  roles: string[];
  temporaryPassword: string;
  /** Application codes the user holds a registered use right for (empty: none). */
  useRights: string[];
}

/** SEC-5: synthetic organisation and staff only; refuses to run twice on one database. */
export async function seedOrganisation(ctx: ServiceContext, actor: Actor, seed: number): Promise<{ units: number; users: SeededUser[] }> {
  const first = DEMO_UNITS[0];
  if (first && (await findUnitByCode(ctx.db, first.code))) {
    throw new AppError('conflict', {
      ja: 'デモデータは既に登録されています（所属コード D1000）。新しいデータディレクトリで実行してください。',
      en: 'Demo data already exists (unit D1000). Use a fresh data directory.',
    });
  }
  for (const unit of DEMO_UNITS) {
    await createUnit(ctx, actor, { code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind, parentCode: unit.parent });
  }
  const random = seededRandom(seed);
  const users: SeededUser[] = [];
  for (const person of DEMO_PEOPLE) {
    const { name, kana } = syntheticName(random);
    const created = await createUser(ctx, actor, {
      loginId: person.loginId,
      name,
      nameKana: kana,
      employmentType: person.employmentType ?? 'regular',
      unitCode: person.unit,
      roles: person.roles,
      posts: person.posts.map((post) => ({ post })),
    });
    users.push({
      loginId: person.loginId,
      name,
      unitCode: person.unit,
      posts: person.posts,
      roles: person.roles,
      temporaryPassword: created.temporaryPassword,
      useRights: [],
    });
  }
  return { units: DEMO_UNITS.length, users };
}

export interface DemoSeedOptions {
  seed?: number | undefined;
  persons?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface SamplePerson {
  name: string;
  kana: string;
  birthDate: string;
  licenceNumber: string | null;
  plateNumbers: string[];
  reportNumbers: string[];
}

export interface DemoSeedResult {
  units: number;
  users: SeededUser[];
  applications: (DemoApplicationResult & { state: 'active' })[];
  persons: number;
  records: RecordCounts & { total: number };
  /** Persons a demo user can look up (name, reading, date of birth). */
  samplePersons: SamplePerson[];
  elapsedSeconds: number;
}

/**
 * `sekimori demo seed` (SEC-5): the synthetic organisation, the three demo applications and the use
 * rights of a few users — each through an approved request (APP-2, APP-3) — and `persons` synthetic
 * persons with their licence, vehicle and lost-property records (APP-12). Refuses a database that
 * already has the demo.
 */
export async function seedDemo(ctx: ServiceContext, actor: SystemActor, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const persons = options.persons ?? DEFAULT_DEMO_PERSONS;
  const organisation = await seedOrganisation(ctx, actor, seed);
  const actors = demoActors(ctx);
  const applications = await seedApplications(ctx, actors);
  const rights = await seedUseRights(ctx, { ...actor, via: 'demo' }, actors);
  for (const user of organisation.users) {
    user.useRights = rights.filter((r) => r.loginId === user.loginId).map((r) => r.applicationCode);
  }
  const asOf = tokyoDate(ctx.clock.now());
  const applicationIds = Object.fromEntries(applications.map((a) => [a.code, a.applicationId]));
  const seeded = await seedRecords(ctx, actor, { seed, persons, applicationIds, asOf, onProgress: options.onProgress });
  const { licence, vehicle, lost_property } = seeded.records;
  return {
    units: organisation.units,
    users: organisation.users,
    applications: applications.map((a) => ({ ...a, state: 'active' as const })),
    persons,
    records: { ...seeded.records, total: licence + vehicle + lost_property },
    samplePersons: samplePersons(seed, persons, asOf).map((p) => ({
      name: p.name,
      kana: p.kana,
      birthDate: p.birthDate,
      licenceNumber: p.licence?.licenceNumber ?? null,
      plateNumbers: p.vehicles.map((v) => v.plateNumber),
      reportNumbers: p.lostReports.map((l) => l.reportNumber),
    })),
    elapsedSeconds: Math.round(performance.now() - started) / 1000,
  };
}
