import { LONE_SURROGATE } from '../../shared/unicode.js';
/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units,
 * no whitespace, ECMAScript number and string serialisation. The audit log hashes these bytes.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function canonicalString(s: string): string {
  // RFC 8785 §3.2.2.2: a lone surrogate has no UTF-8 form, so it cannot be canonicalised.
  if (LONE_SURROGATE.test(s)) throw new Error('canonical JSON cannot represent a lone surrogate');
  return JSON.stringify(s);
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
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${canonicalString(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}
