/**
 * One-dimensional arrays in PostgreSQL's binary format (array_send / array_recv), for a statement
 * that hands a batch of rows over as arrays. Sent as bytes, a parameter goes binary on both
 * databases, and the server reads it without the text form's quoting and escaping: for the audit
 * log's append that text parsing was about a seventh of the server's time (decision 0015).
 * The statement casts each parameter to its array type ($1::text[]), which fixes the type the
 * bytes are read as; an element type that does not match is refused by the server.
 */
const OID = { int2: 21, int8: 20, text: 25, bytea: 17, uuid: 2950, timestamptz: 1184 } as const;

/** PostgreSQL's epoch (2000-01-01 00:00 UTC) in Unix milliseconds; it stores microseconds from there. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
/** The hyphenated form the application writes (PostgreSQL itself would also read braces and no hyphens). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The array header: one dimension of `count` elements from index 1 (none at all when empty). */
function header(out: Buffer, elementOid: number, count: number, hasNull: boolean): number {
  out.writeInt32BE(count === 0 ? 0 : 1, 0);
  out.writeInt32BE(hasNull ? 1 : 0, 4);
  out.writeUInt32BE(elementOid, 8);
  if (count === 0) return 12;
  out.writeInt32BE(count, 12);
  out.writeInt32BE(1, 16);
  return 20;
}

function headerSize(count: number): number {
  return count === 0 ? 12 : 20;
}

/** Elements of any length (text, bytes), null allowed. */
function variable(elementOid: number, elements: readonly (Uint8Array | null)[]): Buffer {
  let size = headerSize(elements.length);
  for (const e of elements) size += 4 + (e === null ? 0 : e.length);
  const out = Buffer.allocUnsafe(size);
  let at = header(out, elementOid, elements.length, elements.includes(null));
  for (const e of elements) {
    if (e === null) {
      at = out.writeInt32BE(-1, at);
    } else {
      at = out.writeInt32BE(e.length, at);
      out.set(e, at);
      at += e.length;
    }
  }
  return out;
}

/** Elements of one width, each written in place by `write` (no null, no buffer per element). */
function fixed<T>(elementOid: number, width: number, values: readonly T[], write: (out: Buffer, value: T, at: number) => void): Buffer {
  const out = Buffer.allocUnsafe(headerSize(values.length) + values.length * (4 + width));
  let at = header(out, elementOid, values.length, false);
  for (const v of values) {
    at = out.writeInt32BE(width, at);
    write(out, v, at);
    at += width;
  }
  return out;
}

export function textArray(values: readonly (string | null)[]): Buffer {
  return variable(
    OID.text,
    values.map((v) => (v === null ? null : Buffer.from(v, 'utf8'))),
  );
}

export function byteaArray(values: readonly Uint8Array[]): Buffer {
  return variable(OID.bytea, values);
}

export function int8Array(values: readonly number[]): Buffer {
  return fixed(OID.int8, 8, values, (out, v, at) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer: ${v}`);
    out.writeBigInt64BE(BigInt(v), at);
  });
}

export function int2Array(values: readonly number[]): Buffer {
  return fixed(OID.int2, 2, values, (out, v, at) => {
    if (!Number.isInteger(v) || v < -32_768 || v > 32_767) throw new RangeError(`not a smallint: ${v}`);
    out.writeInt16BE(v, at);
  });
}

export function uuidArray(values: readonly (string | null)[]): Buffer {
  return variable(
    OID.uuid,
    values.map((v) => {
      if (v === null) return null;
      if (!UUID.test(v)) throw new RangeError(`not a UUID: ${v}`);
      return Buffer.from(v.replaceAll('-', ''), 'hex');
    }),
  );
}

/** Millisecond times, as the microseconds since 2000-01-01 UTC that PostgreSQL stores. */
export function timestamptzArray(values: readonly Date[]): Buffer {
  return fixed(OID.timestamptz, 8, values, (out, d, at) => {
    const ms = d.getTime();
    if (!Number.isFinite(ms)) throw new RangeError('not a valid date');
    out.writeBigInt64BE(BigInt(ms - POSTGRES_EPOCH_MS) * 1000n, at);
  });
}
