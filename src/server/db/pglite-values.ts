/**
 * Query parameters for the embedded PGlite sent the way node-postgres sends them to a PostgreSQL
 * server (one serialisation for both databases, so a value that works on one works on the other):
 * bytes go binary, everything else as text, and the server's input functions read it by the
 * parameter's type. Only dates differ: they go as ISO 8601 in UTC, unambiguous for any time zone.
 */
export type WireValue = string | Uint8Array | null;

export function wireValue(value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A PostgreSQL array literal: every element quoted and escaped, bytes as \x hex, nested arrays nested. */
function arrayLiteral(values: readonly unknown[]): string {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) parts.push('NULL');
    else if (Array.isArray(v)) parts.push(arrayLiteral(v));
    else if (ArrayBuffer.isView(v)) parts.push(`"\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}"`);
    else parts.push(quoted(wireValue(v) as string));
  }
  return `{${parts.join(',')}}`;
}

function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}
