import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../identity/actor.js';
import { findUnitByCode } from '../org/repo.js';
import { createUnit, createUser } from '../org/service.js';
import { seededRandom, syntheticName } from './names.js';
import { DEMO_PEOPLE, DEMO_UNITS } from './organisation.js';

export interface SeededUser {
  loginId: string;
  name: string;
  unitCode: string;
  posts: string[];
  roles: string[];
  temporaryPassword: string;
}

/** SEC-5: synthetic organisation and staff only; refuses to run twice on one database. */
export async function seedDemo(ctx: ServiceContext, actor: Actor, seed = 20261122): Promise<{ units: number; users: SeededUser[] }> {
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
    });
  }
  return { units: DEMO_UNITS.length, users };
}
