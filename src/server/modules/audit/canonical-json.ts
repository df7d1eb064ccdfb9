import { types } from 'node:util';

/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units,
 * no whitespace, ECMAScript number and string serialisation. The audit log hashes these bytes.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** String.prototype.isWellFormed (ES2024, native in Node 20): far cheaper per string than a regex. */
function isWellFormed(s: string): boolean {
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}

function canonicalString(s: string): string {
  // RFC 8785 §3.2.2.2: a lone surrogate has no UTF-8 form, so it cannot be canonicalised.
  if (!isWellFormed(s)) throw new Error('canonical JSON cannot represent a lone surrogate');
  return JSON.stringify(s);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return canonicalString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON cannot represent a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort(byCodeUnits);
  return `{${keys.map((k) => `${canonicalString(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

/** Met a value whose JSON form the one-pass walk does not decide itself: the round trip decides. */
class NotPlain extends Error {}

/**
 * Whether the walk below handles the object itself: arrays, plain objects (also without a
 * prototype) and dates. Anything else — boxed primitives, class instances, maps, typed arrays —
 * has JSON.stringify rules of its own.
 */
function isPlainContainer(v: object): boolean {
  // A boxed primitive keeps its internal slot whatever its prototype: JSON.stringify unboxes it.
  if (types.isBoxedPrimitive(v)) return false;
  if (Array.isArray(v) || v instanceof Date) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What JSON.stringify makes of a member before writing it: toJSON called (a Date becomes its ISO text). */
function jsonView(value: unknown, key: string): unknown {
  if (typeof value === 'function' || typeof value === 'bigint') throw new NotPlain();
  if (typeof value !== 'object' || value === null) return value;
  if (!isPlainContainer(value)) throw new NotPlain();
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON !== 'function') return value;
  // What toJSON returns is written as it is (JSON.stringify does not call toJSON twice).
  const v: unknown = toJSON.call(value, key);
  if (typeof v === 'function' || typeof v === 'bigint') throw new NotPlain();
  if (typeof v === 'object' && v !== null && !isPlainContainer(v)) throw new NotPlain();
  return v;
}

/** Whether JSON.stringify leaves the member out of an object (and writes null in an array). */
function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'symbol';
}

/** What nativeForm answers for a value only the walk may write. */
const NOT_NATIVE: unique symbol = Symbol('not native');

/**
 * `v` in a form JSON.stringify writes canonically, or NOT_NATIVE. It is `v` itself when every
 * object's keys already come in code-unit order (audit entries are built so); otherwise objects
 * whose keys are out of order are copied with their keys inserted in order, in one pass. This holds
 * because JSON.stringify writes keys in Object.keys order and its numbers, string escapes, dropped
 * undefined members and nulled array holes are RFC 8785's and canonicalMember's.
 * NOT_NATIVE when a string or key is not well formed, when a copy cannot be put in order
 * (integer-like keys are enumerated first whatever the insertion order), or when something has
 * JSON rules of its own: toJSON, a boxed primitive, a class instance, a function, a BigInt, or a
 * Proxy, which could answer this pass and the writer differently.
 */
function nativeForm(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      return isWellFormed(v) ? v : NOT_NATIVE;
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return v;
    case 'object':
      break;
    default:
      return NOT_NATIVE;
  }
  if (v === null) return v;
  if (types.isProxy(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_NATIVE;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return NOT_NATIVE;
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const member = nativeForm(v[i]);
      if (member === NOT_NATIVE) return NOT_NATIVE;
      if (member !== v[i]) {
        copy ??= v.slice();
        copy[i] = member;
      }
    }
    return copy ?? v;
  }
  const proto = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || types.isBoxedPrimitive(v)) return NOT_NATIVE;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  let ordered = true;
  let changed = false;
  const members: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (!isWellFormed(k)) return NOT_NATIVE;
    if (i > 0 && !((keys[i - 1] as string) < k)) ordered = false;
    const member = nativeForm(record[k]);
    if (member === NOT_NATIVE) return NOT_NATIVE;
    members[i] = member;
    if (member !== record[k]) changed = true;
  }
  if (ordered && !changed) return v;
  // A plain object literal (V8 keeps it fast; a prototype-less one starts as a dictionary); a
  // "__proto__" key is defined, since assigning it would set the prototype.
  const copy: Record<string, unknown> = {};
  const order = keys.map((_, i) => i);
  if (!ordered) order.sort((a, b) => byCodeUnits(keys[a] as string, keys[b] as string));
  for (const i of order) {
    const k = keys[i] as string;
    if (k === '__proto__') Object.defineProperty(copy, k, { value: members[i], enumerable: true, writable: true, configurable: true });
    else copy[k] = members[i];
  }
  if (!ordered) {
    const written = Object.keys(copy);
    for (let i = 1; i < written.length; i++) if (!((written[i - 1] as string) < (written[i] as string))) return NOT_NATIVE;
  }
  return copy;
}

function canonicalMember(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return canonicalString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (isSkipped(v)) return 'null';
  // Most values, every audit entry among them, are written by one native call.
  const native = nativeForm(v);
  if (native !== NOT_NATIVE) return JSON.stringify(native);
  if (Array.isArray(v)) {
    const parts: string[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = canonicalMember(jsonView(v[i], String(i)));
    return `[${parts.join(',')}]`;
  }
  const record = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(record).sort(byCodeUnits)) {
    const member = jsonView(record[k], k);
    if (!isSkipped(member)) parts.push(`${canonicalString(k)}:${canonicalMember(member)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The canonical JSON of `JSON.parse(JSON.stringify(value))`. Values made of primitives, arrays,
 * plain objects and dates — every audit entry — are written in one pass without that round trip:
 * undefined members and symbols are dropped, undefined or a symbol in an array and non-finite
 * numbers become null, toJSON is honoured. Anything else (a function, a BigInt, a class instance,
 * a boxed primitive …) goes through the round trip itself, so the bytes are the same either way.
 * (A getter of an object already in order runs twice — once when checked, once when written — and
 * what is written is the second read; toJSON runs again if the round trip takes over. Entries have
 * neither.)
 */
export function canonicalJsonOf(value: unknown): string {
  try {
    const v = jsonView(value, '');
    if (isSkipped(v)) throw new TypeError('canonical JSON needs a value');
    return canonicalMember(v);
  } catch (e) {
    if (!(e instanceof NotPlain)) throw e;
    const text: string | undefined = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonical JSON needs a value');
    return canonicalJson(JSON.parse(text) as JsonValue);
  }
}
