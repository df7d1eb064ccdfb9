import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonOf, type JsonValue } from '../../src/server/modules/audit/canonical-json.js';
import { entryRow } from '../../src/server/modules/audit/entry.js';

/** Parses JSON text as an input document, so the test data reads like the RFC's examples. */
const parse = (text: string): JsonValue => JSON.parse(text) as JsonValue;

function fromIeee754(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('RFC 8785 examples', () => {
  it('§3.2.2: whitespace removed, numbers and strings serialised as ECMAScript does', () => {
    const input = parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('§3.2.3: properties sorted by UTF-16 code units, not code points or locale', () => {
    const input = parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign",' +
        '"😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('cyberphone/json-canonicalization README sample, byte for byte in UTF-8', () => {
    const input = parse(String.raw`{
      "numbers": [1E30,4.50,6,2e-3,0.000000000000000000000000001],
      "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "other":  [null, true, false]
    }`);
    const hex = `7b 22 65 73 63 61 70 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c
      5c 5c 5c 22 2f 22 2c 22 6e 75 6d 62 65 72 73 22 3a 5b 31 65 2b 33 30 2c 34 2e 35 2c 36 2c 30 2e
      30 30 32 2c 31 65 2d 32 37 5d 2c 22 6f 74 68 65 72 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61
      6c 73 65 5d 7d`.replace(/\s+/g, '');
    expect(Buffer.from(canonicalJson(input), 'utf8').toString('hex')).toBe(hex);
  });

  /** Appendix B: IEEE 754 bit patterns and their canonical text. */
  const appendixB: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(appendixB)('Appendix B: 0x%s → %s', (bits, text) => {
    expect(canonicalJson(fromIeee754(bits))).toBe(text);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('Appendix B: 0x%s (%s) is refused', (bits) => {
    expect(() => canonicalJson(fromIeee754(bits))).toThrow(/non-finite/);
    expect(() => canonicalJson({ nested: [fromIeee754(bits)] })).toThrow(/non-finite/);
  });
});

describe('cyberphone/json-canonicalization testdata (input → output)', () => {
  const cases: [string, string, string][] = [
    ['arrays', '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      'french',
      '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    [
      'structures',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    ['unicode (no normalisation)', '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
    [
      'weird',
      String.raw`{
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
  ];
  it.each(cases)('%s', (_name, input, output) => {
    expect(canonicalJson(parse(input))).toBe(output);
  });
});

describe('key ordering', () => {
  it('orders Japanese, fullwidth and non-BMP keys by UTF-16 code unit', () => {
    const value = { 監査: 1, アクセス: 2, ユーザー: 3, a: 4, Z: 5, ｱ: 6, 𠮷: 7, '\uffff': 8, '\ue000': 9, 'a\u0000': 10, aa: 11 };
    // Surrogates (U+D800–DFFF) sort before U+E000–FFFF, unlike code-point order, where 𠮷 (U+20BB7) would be last.
    expect(Object.keys(JSON.parse(canonicalJson(value)) as object)).toEqual([
      'Z',
      'a',
      'a\u0000',
      'aa',
      'アクセス',
      'ユーザー',
      '監査',
      '𠮷',
      '\ue000',
      'ｱ',
      '\uffff',
    ]);
    expect(canonicalJson(value)).toBe(
      '{"Z":5,"a":4,"a\\u0000":10,"aa":11,"アクセス":2,"ユーザー":3,"監査":1,"𠮷":7,"\ue000":9,"ｱ":6,"\uffff":8}',
    );
  });

  it('does not depend on insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [3, 2, 1] }, b: 1 }));
  });

  it('orders integer-like keys as strings ("10" before "9"), though JavaScript enumerates them numerically', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b', 1: 'c', x: 'd' })).toBe('{"1":"c","10":"b","9":"a","x":"d"}');
  });
});

describe('numbers', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-1, '-1'],
    [0.1, '0.1'],
    [0.30000000000000004, '0.30000000000000004'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [123456789012345680000, '123456789012345680000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [1.5e-7, '1.5e-7'],
    [-1e21, '-1e+21'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [Number.MIN_VALUE, '5e-324'],
    [1_700_000_000_123, '1700000000123'],
  ])('%d → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson([value])).toBe(`[${text}]`);
  });
});

describe('strings', () => {
  it('escapes control characters: short forms for \\b \\t \\n \\f \\r, lowercase \\u00xx for the rest', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    expect(canonicalJson(all)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
  });

  it('escapes only the quote and the backslash among printable ASCII', () => {
    expect(canonicalJson('"\\/<>&\'')).toBe('"\\"\\\\/<>&\'"');
  });

  it('leaves DEL, U+2028, U+2029, Japanese and non-BMP characters as they are', () => {
    const text = '\u007f\u2028\u2029 監査 半角ｶﾅ 𠮷 😀';
    expect(canonicalJson(text)).toBe(`"${text}"`);
    expect(Buffer.from(canonicalJson('\u2028'), 'utf8').toString('hex')).toBe('22e280a822');
  });

  it('escapes control characters in keys too', () => {
    expect(canonicalJson({ 'a\nb': 1, 'tab\t': 2 })).toBe('{"a\\nb":1,"tab\\t":2}');
  });
});

describe('unrepresentable strings', () => {
  it('refuses a lone surrogate in a value or a key (RFC 8785 §3.2.2.2)', () => {
    expect(() => canonicalJson('a\ud800b')).toThrow(/surrogate/);
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow(/surrogate/);
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });
});

describe('structures', () => {
  it('serialises nested arrays and objects without whitespace, keeping array order', () => {
    const value = parse('[[1, [2, [3, {"b": [], "a": [{}, [[]]]}]]], {"z": {"y": {"x": [true, false, null]}}}, "end"]');
    expect(canonicalJson(value)).toBe('[[1,[2,[3,{"a":[{},[[]]],"b":[]}]]],{"z":{"y":{"x":[true,false,null]}}},"end"]');
  });

  it('serialises the literals and empty containers', () => {
    expect([null, true, false, [], {}, ''].map((v) => canonicalJson(v))).toEqual(['null', 'true', 'false', '[]', '{}', '""']);
  });

  it('serialises a typical audit entry deterministically', () => {
    const entry: JsonValue = {
      time: { utc: '2025-04-01T00:00:00.123Z', offset: '+09:00' },
      actor: { user: 'u-123', unit: '生活安全課', role: '監査', session: 's-1', terminal: 'T-07', address: '10.0.0.7' },
      action: 'person.search',
      target: { type: 'Person', id: 'p-9' },
      outcome: 'allowed',
      purpose: '捜査事項照会',
      criteria: { name: 'ヤマダ タロウ', born: 1980 },
      result: { count: 2 },
    };
    expect(canonicalJson(entry)).toBe(
      '{"action":"person.search","actor":{"address":"10.0.0.7","role":"監査","session":"s-1","terminal":"T-07","unit":"生活安全課","user":"u-123"},' +
        '"criteria":{"born":1980,"name":"ヤマダ タロウ"},"outcome":"allowed","purpose":"捜査事項照会","result":{"count":2},' +
        '"target":{"id":"p-9","type":"Person"},"time":{"offset":"+09:00","utc":"2025-04-01T00:00:00.123Z"}}',
    );
  });
});

describe('properties', () => {
  it('canonical output is valid JSON that parses back to the same value and is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        const text = canonicalJson(value as JsonValue);
        const reparsed = JSON.parse(text) as JsonValue;
        expect(canonicalJson(reparsed)).toBe(text);
        expect(reparsed).toEqual(JSON.parse(JSON.stringify(value)));
        expect([...text].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('object keys come out sorted by UTF-16 code units at every level', () => {
    // Checked on the text: a parsed object would list integer-like keys ("9" before "10") first.
    const byUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const reference = (v: number | Record<string, number>): string =>
      typeof v === 'number'
        ? String(v)
        : `{${Object.keys(v)
            .sort(byUnits)
            .map((k) => `${JSON.stringify(k)}:${v[k]}`)
            .join(',')}}`;
    const key = fc.oneof(fc.string({ unit: 'binary' }), fc.nat().map(String));
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.integer(), fc.dictionary(key, fc.integer()))), (dict) => {
        const expected = `{${Object.keys(dict)
          .sort(byUnits)
          .map((k) => `${JSON.stringify(k)}:${reference(dict[k] as number | Record<string, number>)}`)
          .join(',')}}`;
        expect(canonicalJson(dict as JsonValue)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

/** The audit entry's bytes were once made by a stringify–parse round trip; canonicalJsonOf must give the same. */
function viaRoundTrip(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue);
}

/** canonicalJsonOf(value) is what the round trip gives, or throws where the round trip throws. */
function sameAsRoundTrip(value: unknown): void {
  let expected: string | Error;
  try {
    expected = viaRoundTrip(value);
  } catch (e) {
    expected = e as Error;
  }
  if (expected instanceof Error || value === undefined) expect(() => canonicalJsonOf(value)).toThrow();
  else expect(canonicalJsonOf(value)).toBe(expected);
}

/** Values of every kind JSON.stringify has rules for: dates, boxed values, BigInts, maps, typed arrays … */
const EVERY_KIND = {
  withDate: true,
  withBoxedValues: true,
  withSparseArray: true,
  withBigInt: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withObjectString: true,
} as const;

describe('canonicalJsonOf (entries as JSON.stringify sees them)', () => {
  it('equals the stringify–parse round trip for any value JSON can carry', () => {
    fc.assert(fc.property(fc.anything(EVERY_KIND), sameAsRoundTrip), { numRuns: 1000 });
  });

  // Entries are built with their keys in code-unit order, so the native path writes them without a
  // reordered copy (AUD-3's bytes); the property above covers the copies of unordered objects.
  it('gives the same bytes when keys are already in order (the native fast path)', () => {
    const byUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    // Plain and prototype-less objects rebuilt with their keys inserted in order (defineProperty, so
    // a "__proto__" key stays a member); anything else — dates, boxed values, maps — kept as it is.
    const sortedKeys = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(sortedKeys);
      if (typeof v !== 'object' || v === null) return v;
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return v;
      const out = Object.create(proto) as Record<string, unknown>;
      for (const k of Object.keys(v).sort(byUnits)) {
        Object.defineProperty(out, k, {
          value: sortedKeys((v as Record<string, unknown>)[k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    };
    // Integer-like keys are enumerated first whatever the insertion order, so {"10","9"} is not in order.
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', 'a', 'B', '__proto__', '\u00e9', '\ud83d\ude00'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, false, undefined, Number.NaN, -0, 1e21, 5e-7),
        fc.double(),
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (raw) => sameAsRoundTrip(sortedKeys(raw))),
      { numRuns: 1000 },
    );
    // Ordered objects holding what the native path must refuse: dates, boxed values, maps, BigInts …
    fc.assert(
      fc.property(fc.anything({ ...EVERY_KIND, key }), (raw) => sameAsRoundTrip(sortedKeys(raw))),
      { numRuns: 1000 },
    );
    // An unordered object is copied in order; its "__proto__" member must stay a member.
    expect(canonicalJsonOf(JSON.parse('{"z":[{"y":1,"x":2}],"__proto__":{"b":1,"a":2}}'))).toBe(
      '{"__proto__":{"a":2,"b":1},"z":[{"x":2,"y":1}]}',
    );
    const proxied = new Proxy({ a: 1 }, { ownKeys: () => ['a'] });
    sameAsRoundTrip({ inner: proxied });
    expect(canonicalJsonOf({ '10': 1, '9': 2, a: { b: 1, c: [true] } })).toBe('{"10":1,"9":2,"a":{"b":1,"c":[true]}}');
    expect(() => canonicalJsonOf({ a: ['ok', 'x\ud800'] })).toThrow(/lone surrogate/);
  });

  it('drops undefined members, writes null for undefined in arrays and for non-finite numbers, and honours toJSON', () => {
    const at = new Date(Date.UTC(2026, 10, 22, 3, 4, 5, 6));
    const value = {
      b: undefined,
      a: [undefined, Number.NaN, -0, Number.POSITIVE_INFINITY, () => 1],
      when: at,
      nested: { keep: 'x', drop: undefined, fn: () => 1, sym: Symbol('s') },
      custom: { toJSON: (key: string) => `member ${key}` },
    };
    expect(canonicalJsonOf(value)).toBe(
      '{"a":[null,null,0,null,null],"custom":"member custom","nested":{"keep":"x"},"when":"2026-11-22T03:04:05.006Z"}',
    );
    expect(canonicalJsonOf(value)).toBe(viaRoundTrip(value));
  });

  it('gives what the round trip gives for values JSON.stringify has rules of its own for', () => {
    class Badge {
      constructor(readonly no: number) {}
    }
    const fn = Object.assign(() => 1, { toJSON: () => 'from a function' });
    const text = Object.assign(new String('boxed'), { toString: () => 'other' });
    const cases: unknown[] = [
      { fn, badge: new Badge(7), map: new Map([['a', 1]]), bytes: new Uint8Array([1, 2]) },
      { text, number: new Number(3), flag: new Boolean(false), fake: Object.create(Number.prototype) },
      { plain: Object.create(null), nested: [{ toJSON: (key: string) => ({ inner: key }) }, Symbol('s')] },
      { notCallable: { toJSON: 5 } },
      { reprototyped: Object.setPrototypeOf(new Number(4), Object.prototype) },
    ];
    for (const value of cases) expect(canonicalJsonOf(value)).toBe(viaRoundTrip(value));
  });

  it('refuses what has no JSON form: a lone surrogate, a BigInt (also boxed), a cycle, nothing at all', () => {
    expect(() => canonicalJsonOf({ name: 'a\ud800b' })).toThrow(/lone surrogate/);
    expect(() => canonicalJsonOf({ '\udc00': 1 })).toThrow(/lone surrogate/);
    expect(() => canonicalJsonOf({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJsonOf({ n: Object(1n) })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJsonOf(cycle)).toThrow();
    expect(() => canonicalJsonOf(undefined)).toThrow(TypeError);
  });
});

describe('entryRow (the bytes hashed into the log, AUD-1, AUD-3)', () => {
  it('writes the same canonical bytes however the caller ordered its objects', () => {
    const at = new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4));
    const base = { action: 'org.unit.create', outcome: 'success' as const, details: { b: 1, a: [2, { d: 3, c: 4 }] } };
    const ordered = entryRow(
      { ...base, actor: { loginId: 'k1', type: 'user', userId: 'u1' }, target: { id: 'T1', label: '課', type: 'unit' } },
      7,
      at,
    );
    const unordered = entryRow(
      { ...base, actor: { userId: 'u1', type: 'user', loginId: 'k1' }, target: { type: 'unit', label: '課', id: 'T1' } },
      7,
      at,
    );
    expect(unordered.canonical).toBe(ordered.canonical);
    expect(ordered.canonical).toBe(viaRoundTrip(JSON.parse(ordered.canonical)));
    expect(ordered.canonical.startsWith('{"action":"org.unit.create","actor":{"loginId":"k1","type":"user","userId":"u1"},')).toBe(true);
    expect(ordered.canonical).toContain('"details":{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(ordered.canonical).toContain('"seq":7,"target":{"id":"T1","label":"課","type":"unit"},"time":"2026-11-23T01:02:03.004Z","v":1}');
  });
});
