import { type Client, type CreatedUser, createUser, loginWithTotp, onboard, type TestApp } from './test-app.js';

/** One person of a test organisation: a key, the unit, posts held there, roles. */
export interface PersonSpec {
  key: string;
  unit: string;
  posts?: string[];
  roles?: string[];
}

/** The people of a test organisation, onboarded, each with a signed-in client. */
export interface People {
  users: Record<string, CreatedUser>;
  clients: Record<string, Client>;
  /** The client of a person set up here (throws for an unknown key). */
  c(key: string): Client;
  u(key: string): CreatedUser;
}

/** Creates and onboards `people` (login ID = lower-cased key), or only those named in `only`. */
export async function onboardPeople(t: TestApp, people: readonly PersonSpec[], only?: readonly string[]): Promise<People> {
  const org: People = {
    users: {},
    clients: {},
    c(key) {
      const client = this.clients[key];
      if (!client) throw new Error(`no client ${key}`);
      return client;
    },
    u(key) {
      const user = this.users[key];
      if (!user) throw new Error(`no user ${key}`);
      return user;
    },
  };
  for (const p of people) {
    if (only && !only.includes(p.key)) continue;
    const user = await createUser(t, {
      loginId: p.key.toLowerCase(),
      name: `試験 ${p.key}`,
      unitCode: p.unit,
      roles: p.roles ?? [],
      posts: (p.posts ?? []).map((post) => ({ post, unitCode: p.unit })),
    });
    org.users[p.key] = user;
    org.clients[p.key] = await onboard(t, user);
  }
  return org;
}

/** After the clock moved past the sessions' lifetime: everybody logs in again. */
export async function relogAll(t: TestApp, people: People): Promise<void> {
  for (const [key, user] of Object.entries(people.users)) people.clients[key] = await loginWithTotp(t, user);
}
