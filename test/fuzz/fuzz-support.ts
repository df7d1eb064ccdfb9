import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, TestApp } from '../support/test-app.js';

/** Shared pieces of the HTTP fuzz tests: what to send, and what every answer must look like. */

export const SEED = 42;
export const BODY_LIMIT = 256 * 1024;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Sent {
  method: Method;
  url: string;
  payload?: string | undefined;
  contentType?: string | undefined;
}

// --- strings ---------------------------------------------------------------------------

/** Strings people and attackers type: any code point, control characters, RTL marks, kana, emoji, NUL. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202eevil',
    '\ufeff',
    'ｙａｍａｄａ',
    '山田　花子',
    'ﾔﾏﾀﾞ',
    '👩‍👩‍👧‍👦',
    "' OR '1'='1",
    '"; DROP TABLE users; --',
    '$' + '{jndi:ldap://x}', // log4shell-style lookup
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '\\u0000',
    '__proto__',
    'constructor',
    'prototype',
    'NaN',
    '-0',
    '1e309',
    '2026-02-30',
    '9999-12-31',
    '0000-00-00',
    '00000000-0000-0000-0000-000000000000',
  ),
);

/** Long strings, some beyond every field limit but within the body limit, some beyond the body limit. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'あ', '😀', '\u0000', 'ab'), fc.integer({ min: 101, max: 120_000 }))
  .map(([unit, n]) => unit.repeat(n));

export const anyString: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: weirdString }, { weight: 1, arbitrary: hugeString });

/** Any JSON value, with strings that are themselves odd. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });

/** A value of the wrong type (or the right one) for a field. */
export const anyFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  anyJson,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), [], {}, [null], { length: 1 }),
  fc.array(anyString, { maxLength: 12 }),
);

// --- bodies ------------------------------------------------------------------------------

/** JSON text whose objects carry prototype-pollution keys (JSON.stringify would drop a real __proto__). */
export const pollutionText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), anyJson, fc.constantFrom('top', 'nested', 'array'))
  .map(([key, value, where]) => {
    const inner = `{"${key}":{"polluted":${JSON.stringify(value) ?? 'null'},"isAdmin":true}}`;
    if (where === 'top') return inner;
    if (where === 'nested') return `{"a":${inner},"constructor":{"prototype":{"polluted":1}}}`;
    return `[${inner}]`;
  });

/** Text that is not JSON at all, sent as JSON; and JSON nested deep enough to break a recursive walk. */
export const notJson: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1000, max: 60_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}"\u0000"${'}'.repeat(n)}`),
  fc.constantFrom('', ' ', '{', '}', '{"a":', '[1,2', 'undefined', "{'a':1}", '{"a":1,}', 'NaN', '\u0000', '{"a":"\\ud800"}', '\ufeff{}'),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** An object with the endpoint's own field names, holding values of any type. */
export function fieldsObject(fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...fields), weirdString), anyFieldValue, { maxKeys: fields.length + 2 });
}

export interface Body {
  payload: string;
  contentType?: string | undefined;
}

const contentTypes = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/octet-stream',
  ';;;',
);

/**
 * Everything a client could put in a request body. `valid` are well-formed bodies of the endpoint;
 * `validWeight` says how often they come (out of 10 + validWeight) so that fuzzing reaches the service too.
 */
export function bodies(
  fields: readonly string[],
  valid: fc.Arbitrary<Record<string, unknown>> = fc.constant({}),
  validWeight = 3,
): fc.Arbitrary<Body> {
  const json = (a: fc.Arbitrary<unknown>) =>
    a.map((v): Body => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  return fc.oneof(
    { weight: 4, arbitrary: json(fieldsObject(fields)) },
    { weight: validWeight, arbitrary: json(valid) },
    { weight: 2, arbitrary: json(anyJson) },
    { weight: 1, arbitrary: pollutionText.map((payload): Body => ({ payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: notJson.map((payload): Body => ({ payload, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          contentTypes,
          fc.oneof(
            notJson,
            json(fieldsObject(fields)).map((b) => b.payload),
          ),
        )
        .map(([contentType, payload]): Body => ({ payload, contentType })),
    },
    { weight: 1, arbitrary: json(fieldsObject(fields)).map((b): Body => ({ payload: b.payload })) },
  );
}

// --- URLs --------------------------------------------------------------------------------

/** A path segment: mostly encoded, sometimes raw and malformed (bad percent escapes, slashes). */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: anyString.map((s) => encodeURIComponent(s.slice(0, 300))) },
  { weight: 1, arbitrary: fc.uuid().map((s) => s) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%zz', '%c0%af', '%00', '..', '.', '%2e%2e', 'a/b', '%2F', '%E3%81', 'x'.repeat(250), '%ff%fe'),
  },
);

/** A query string built from the endpoint's parameter names and odd values, repeated and nested keys included. */
export function queryString(params: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...params) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '__proto__[isAdmin]', 'constructor[prototype][x]', 'a[]') },
    { weight: 1, arbitrary: weirdString.map(encodeURIComponent) },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: anyString.map((s) => encodeURIComponent(s.slice(0, 2000))) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', '%', '%zz', '%00', '1e3', '-1', '0x10', '1.5', 'Infinity', '[]', '{}') },
  );
  return fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

// --- sending and checking ------------------------------------------------------------------

export async function send(t: TestApp, client: Client | null, sent: Sent, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (client?.cookie) headers.cookie = client.cookie;
  if (client?.csrf && opts.csrf !== false && sent.method !== 'GET') headers['x-csrf-token'] = client.csrf;
  if (sent.contentType !== undefined) headers['content-type'] = sent.contentType;
  return t.app.inject({
    method: sent.method,
    url: sent.url,
    headers,
    ...(sent.payload !== undefined ? { payload: sent.payload } : {}),
  });
}

const STACK_FRAME = /\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/)?\/?[\w./-]*:\d+:\d+\)?/;

/**
 * What every answer must be, whatever was sent: never a server error, errors in exactly one shape,
 * and nothing about the server's insides (stack frames, file paths, dependencies).
 */
export function expectWellFormed(res: LightMyRequestResponse, sent: Sent): void {
  const label = `${sent.method} ${sent.url.slice(0, 200)} [${sent.contentType ?? 'no content-type'}] ${String(sent.payload).slice(0, 200)}`;
  expect(res.statusCode, label).toBeLessThan(500);
  const body = res.body;
  const echoed = `${sent.url}${sent.payload ?? ''}`;
  if (!echoed.includes('node_modules')) expect(body, label).not.toContain('node_modules');
  if (!echoed.includes('/src/')) expect(body, label).not.toContain('/src/');
  if (!STACK_FRAME.test(echoed)) expect(body, label).not.toMatch(STACK_FRAME);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), label).toMatch(/^application\/json/);
    const parsed = JSON.parse(body) as unknown;
    expect(parsed, label).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    const error = (parsed as { error: Record<string, unknown> }).error;
    expect(Object.keys(parsed as object), label).toEqual(['error']);
    expect(Object.keys(error).sort(), label).toEqual(['code', 'message']);
    expect(error.code, label).toMatch(/^[a-z_]+$/);
    expect((error.message as string).length, label).toBeGreaterThan(0);
  }
}

/** Nothing sent may have reached Object.prototype. */
export function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}
