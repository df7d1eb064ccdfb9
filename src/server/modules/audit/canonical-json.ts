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

/**
 * Whether JSON.stringify already writes `v` canonically, so the native serialiser can do it in one
 * call: every object's keys come in code-unit order (JSON.stringify writes them in Object.keys
 * order — integer-like keys first, so {"10","2"} is not), every string is well formed, and nothing
 * in it has JSON rules of its own (toJSON, a boxed primitive, a class instance, a function, a
 * BigInt, a Proxy). JSON.stringify's numbers and string escapes are RFC 8785's, and it drops or nulls
 * undefined and symbols exactly as canonicalMember does. Checks keys before descending, so an
 * unsorted object fails before its members are looked at.
 */
function stringifiesCanonically(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      return isWellFormed(v);
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  // A Proxy could answer the check and the writer differently: it takes the walk.
  if (types.isProxy(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!stringifiesCanonically(v[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || types.isBoxedPrimitive(v)) return false;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (!isWellFormed(k) || (i > 0 && !((keys[i - 1] as string) < k))) return false;
  }
  for (const k of keys) if (!stringifiesCanonically(record[k])) return false;
  return true;
}

function canonicalMember(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return canonicalString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (isSkipped(v)) return 'null';
  // Audit entries are built with their keys in order: one native call writes them.
  if (stringifiesCanonically(v)) return JSON.stringify(v);
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
 * (Getters run twice — once when checked, once when written — and what is written is the second
 * read; toJSON runs again if the round trip takes over. Entries have neither.)
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
