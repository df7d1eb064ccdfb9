import { describe, expect, it } from 'vitest';
import { RECORD_SETS } from '../../src/server/modules/applications/record-sets.js';
import { PERSON_SURNAMES } from '../../src/server/modules/demo/names.js';
import { countRecords, generatePerson, personShape, recordsOf, samplePersons } from '../../src/server/modules/demo/persons.js';
import { foldName } from '../../src/server/shared/name-folding.js';

/** The synthetic person generator of `demo seed` (SEC-5, APP-12): trusted in the hot path, proven here. */
const SEED = 4242;
const AS_OF = '2026-04-01';

describe('demo persons', () => {
  it('APP-12: every generated record passes its record-set schema (2,000 persons)', () => {
    let checked = 0;
    for (let i = 0; i < 2_000; i++) {
      const person = generatePerson(SEED, i, AS_OF);
      for (const r of recordsOf(person)) {
        const parsed = RECORD_SETS[r.recordSet].schema.safeParse(r.data);
        expect(parsed.success, `${r.recordSet} of person ${i}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(2_000);
  });

  it('is deterministic: the same seed and index give the same person; another seed gives another', () => {
    expect(generatePerson(SEED, 17, AS_OF)).toEqual(generatePerson(SEED, 17, AS_OF));
    expect(generatePerson(SEED + 1, 17, AS_OF).subjectId).not.toBe(generatePerson(SEED, 17, AS_OF).subjectId);
  });

  it('shares one subject id across a person’s records; licence ≈80%, vehicles ≈40%, lost property ≈5%', () => {
    const n = 10_000;
    const counts = countRecords(SEED, n);
    expect(counts.licence / n).toBeGreaterThan(0.77);
    expect(counts.licence / n).toBeLessThan(0.83);
    expect(counts.vehicle / n).toBeGreaterThan(0.38);
    expect(counts.vehicle / n).toBeLessThan(0.48);
    expect(counts.lost_property / n).toBeGreaterThan(0.035);
    expect(counts.lost_property / n).toBeLessThan(0.065);
    // The counting pass and the full generator agree person by person.
    for (let i = 0; i < 500; i++) {
      const p = generatePerson(SEED, i, AS_OF);
      const s = personShape(SEED, i);
      expect(p.licence !== null).toBe(s.licence);
      expect(p.vehicles).toHaveLength(s.vehicles);
      expect(p.lostReports).toHaveLength(s.lostReports);
      expect(p.subjectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('SEC-5: only fictitious places, numbers visibly not real, dates of birth 1940–2006', () => {
    const subjects = new Set<string>();
    const licenceNumbers = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const p = generatePerson(SEED, i, AS_OF);
      subjects.add(p.subjectId);
      expect(p.address.startsWith('架空県')).toBe(true);
      expect(p.birthDate >= '1940-01-01' && p.birthDate <= '2006-12-31').toBe(true);
      if (p.licence) {
        expect(p.licence.licenceNumber).toMatch(/^99\d{10}$/);
        licenceNumbers.add(p.licence.licenceNumber);
      }
      for (const v of p.vehicles) expect(v.plateNumber).toMatch(/^(見本|架空|試験|模擬) \d{3} \p{Script=Hiragana} \d{2}-\d{2}$/u);
      for (const l of p.lostReports) expect(l.reportedOn < AS_OF && l.occurredOn <= l.reportedOn).toBe(true);
    }
    expect(subjects.size).toBe(3_000);
    expect(licenceNumbers.size).toBe([...Array(3_000).keys()].filter((i) => personShape(SEED, i).licence).length);
  });

  it('APP-7: variant characters (髙橋, 山﨑, 渡邊, 齋藤) are among the names and fold to their common form', () => {
    const surnames = PERSON_SURNAMES.map(([k]) => k);
    for (const v of ['髙橋', '山﨑', '渡邊', '齋藤']) expect(surnames).toContain(v);
    expect(foldName('髙橋')).toBe(foldName('高橋'));
    const samples = samplePersons(SEED, 100_000, AS_OF);
    expect(samples.length).toBeGreaterThanOrEqual(5);
    expect(samples.some((p) => /[髙﨑邊邉齋齊]/u.test(p.name))).toBe(true);
    expect(samples.every((p) => p.licence !== null)).toBe(true);
  });
});
