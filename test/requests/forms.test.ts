import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUEST_TYPE_CODES, type RequestTypeCode } from '../../src/server/modules/requests/contract.js';
import { fieldLabels, fieldSchemas, typeNames } from '../../src/server/modules/requests/fields/index.js';
import { renderPermitPdf, renderRequestPdf } from '../../src/server/modules/requests/forms/render.js';
import { warekiCalendarDate, warekiDate } from '../../src/server/shared/wareki.js';
import { formFixtures } from '../support/pdf-fixtures.js';
import { compact, isPng, pdfFirstPagePng, pdfPageCount, pdfText } from '../support/pdf-tools.js';

/**
 * Golden tests of the official forms (APP-2, APP-3, APP-4, APP-11, CON-2, CON-3, GOV-1, GOV-2): each
 * type renders to a PDF whose extracted text has the title, the fields, the 和暦 dates and the
 * deciders, and whose first page is kept as a picture in artifacts/forms/ for a person to look at.
 */

const isPdf = (pdf: Buffer) => pdf.subarray(0, 5).toString('latin1') === '%PDF-';

describe('official forms (様式) as PDF', () => {
  it.each(REQUEST_TYPE_CODES.map((code) => [code]))('%s renders its form with the fields, 和暦 dates and deciders', async (code) => {
    const { doc, expect: wanted } = formFixtures[code];
    expect(fieldSchemas[code].safeParse(doc.fields).success).toBe(true);
    const pdf = await renderRequestPdf(doc);
    expect(isPdf(pdf)).toBe(true);
    const text = compact(pdfText(pdf));
    expect(text).toContain(compact(typeNames[code].ja));
    expect(text).toContain(doc.requestNumber);
    for (const decision of doc.decisions) expect(text).toContain(compact(decision.deciderName));
    for (const s of wanted) expect(text, s).toContain(compact(s));
    const png = pdfFirstPagePng(pdf, code);
    expect(isPng(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it('prints the submission date in 和暦', async () => {
    const pdf = await renderRequestPdf(formFixtures.aic6_input_processing.doc);
    expect(compact(pdfText(pdf))).toContain('令和8年11月22日');
  });

  it('gives the same bytes for the same document (dates come from the document, not the clock)', async () => {
    const doc = formFixtures.isk2_bring_in.doc;
    const [a, b] = await Promise.all([renderRequestPdf(doc), renderRequestPdf(doc)]);
    expect(a.equals(b)).toBe(true);
  });

  it('embeds a subset of the Japanese font, keeping files small', async () => {
    const pdf = await renderRequestPdf(formFixtures.aic4_use_right.doc);
    expect(pdf.length).toBeLessThan(200_000);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+BIZUDPGothic/);
  });

  it('continues a value longer than a page on the next page', async () => {
    const base = formFixtures.aic1_app_development.doc;
    const long = '警察事務相互間での影響について検討した結果を記載する。'.repeat(70).slice(0, 2000);
    const doc = { ...base, fields: { ...base.fields, impactOnOtherWork: long } };
    expect(fieldSchemas.aic1_app_development.safeParse(doc.fields).success).toBe(true);
    const pdf = await renderRequestPdf(doc);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = compact(pdfText(pdf));
    expect(text).toContain('（続き）');
    // Every character of the long value is printed once the page breaks are taken out.
    expect(text.split('警察事務相互間での影響について検討した結果を記載する。').length - 1).toBeGreaterThanOrEqual(60);
  });

  it('prints a draft as such, with 未決裁 and blank date lines', async () => {
    const base = formFixtures.aic3_registrar.doc;
    const { submittedAt: _, ...unsent } = base;
    const pdf = await renderRequestPdf({ ...unsent, state: 'draft', decisions: [] });
    const text = compact(pdfText(pdf));
    expect(text).toContain('（下書き）');
    expect(text).toContain('未決裁');
    expect(text).toContain('年月日');
  });
});

describe('ISK 別記様式第3号 情報機器等持込許可証', () => {
  it('carries the permit number, the permit period and the equipment', async () => {
    const doc = formFixtures.isk2_bring_in.doc;
    const pdf = await renderPermitPdf(doc);
    expect(isPdf(pdf)).toBe(true);
    const text = compact(pdfText(pdf));
    expect(text).toContain('別記様式第3号（第8関係）');
    expect(text).toContain('情報機器等持込許可証');
    expect(text).toContain('持2026-0012');
    expect(text).toContain('令和8年12月1日～令和9年3月31日');
    expect(text).toContain('許可日令和8年11月25日');
    expect(text).toContain('架空システム株式会社（松本隆）殿');
    expect(text).toContain('KX-200/SN123456');
    expect(text).toContain('佐藤花子');
    const png = pdfFirstPagePng(pdf, 'isk3_permit');
    expect(isPng(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it('is refused for a request without a permit, or of another type', async () => {
    const { permit: _, ...noPermit } = formFixtures.isk2_bring_in.doc;
    await expect(renderPermitPdf(noPermit)).rejects.toThrow(/no permit/);
    await expect(renderPermitPdf(formFixtures.isk1_take_out.doc)).rejects.toThrow(/issues no permit/);
  });
});

describe('和暦', () => {
  it('formats instants and calendar days in Japan time', () => {
    expect(warekiDate(new Date('2026-11-21T15:30:00Z'))).toBe('令和8年11月22日');
    expect(warekiCalendarDate('2019-05-01')).toBe('令和元年5月1日');
    expect(warekiCalendarDate('2019-04-30')).toBe('平成31年4月30日');
  });
});

/** Bad input per type: each must be refused by the type's schema. */
const NUL = 'a\u0000b';
const TOO_LONG = 'あ'.repeat(2001);

function without(code: RequestTypeCode, key: string): Record<string, unknown> {
  const { [key]: _, ...rest } = formFixtures[code].doc.fields;
  return rest;
}
function withValue(code: RequestTypeCode, patch: Record<string, unknown>): Record<string, unknown> {
  return { ...formFixtures[code].doc.fields, ...patch };
}

const invalid: Record<RequestTypeCode, [string, Record<string, unknown>][]> = {
  aic1_app_development: [
    ['missing application name', without('aic1_app_development', 'applicationName')],
    ['development period reversed', withValue('aic1_app_development', { developmentFrom: '2027-04-01', developmentTo: '2027-03-31' })],
    ['review item too long', withValue('aic1_app_development', { necessityAndEffect: TOO_LONG })],
    ['NUL in the name', withValue('aic1_app_development', { applicationName: NUL })],
    ['large change without the changed application', withValue('aic1_app_development', { largeChange: true })],
  ],
  aic2_app_change: [
    ['missing kind', without('aic2_app_change', 'kind')],
    ['change without its description', withValue('aic2_app_change', { kind: 'change', necessityAndEffect: '効果' })],
    ['unknown kind', withValue('aic2_app_change', { kind: 'new' })],
    ['NUL in the reason', withValue('aic2_app_change', { reason: NUL })],
  ],
  aic3_registrar: [
    ['missing registrar', without('aic3_registrar', 'beneficiaryLoginId')],
    ['bad login ID', withValue('aic3_registrar', { beneficiaryLoginId: '伊藤' })],
    ['not a calendar date', withValue('aic3_registrar', { effectiveOn: '2026-02-30' })],
    ['section on two lines', withValue('aic3_registrar', { section: '警務課\n庶務係' })],
  ],
  aic4_use_right: [
    ['missing application', without('aic4_use_right', 'applicationCode')],
    ['right ends before it starts', withValue('aic4_use_right', { validTo: '2026-11-30' })],
    ['unknown action', withValue('aic4_use_right', { action: 'suspend' })],
    ['reason too long', withValue('aic4_use_right', { reason: TOO_LONG })],
    ['NUL in the scope', withValue('aic4_use_right', { accessScope: NUL })],
    ['unknown field', withValue('aic4_use_right', { isAdmin: true })],
  ],
  aic5_dispatch_use_right: [
    ['missing host unit', without('aic5_dispatch_use_right', 'hostUnitCode')],
    ['dispatch period reversed', withValue('aic5_dispatch_use_right', { dispatchFrom: '2027-03-01' })],
    ['NUL in the dispatch name', withValue('aic5_dispatch_use_right', { dispatchName: NUL })],
    ['date with time', withValue('aic5_dispatch_use_right', { dispatchFrom: '2026-11-25T09:00' })],
  ],
  aic6_input_processing: [
    ['missing input material', without('aic6_input_processing', 'inputMaterial')],
    ['unknown after-use', withValue('aic6_input_processing', { afterUse: 'keep' })],
    ['processing too long', withValue('aic6_input_processing', { processingContent: TOO_LONG })],
    ['personal information not a boolean', withValue('aic6_input_processing', { containsPersonalInformation: 'はい' })],
    ['NUL in the quantity', withValue('aic6_input_processing', { quantity: NUL })],
  ],
  aic7_temporary_output: [
    ['missing business unit', without('aic7_temporary_output', 'businessUnitCode')],
    ['unknown medium', withValue('aic7_temporary_output', { outputMedium: 'fax' })],
    ['blank purpose', withValue('aic7_temporary_output', { purpose: '   ' })],
    ['NUL in the recipient', withValue('aic7_temporary_output', { recipient: NUL })],
  ],
  isk1_take_out: [
    ['missing information', without('isk1_take_out', 'information')],
    ['information too long', withValue('isk1_take_out', { information: TOO_LONG })],
    ['NUL in the medium', withValue('isk1_take_out', { medium: NUL })],
    ['lone surrogate', withValue('isk1_take_out', { contractorName: 'a\uD800b' })],
  ],
  isk2_bring_in: [
    ['missing place', without('isk2_bring_in', 'place')],
    ['period reversed', withValue('isk2_bring_in', { periodFrom: '2027-04-01' })],
    ['change without a permit number', without('isk2_bring_in', 'permitNumber')],
    ['new with a permit number', withValue('isk2_bring_in', { kind: 'new' })],
    ['NUL in the maker', withValue('isk2_bring_in', { maker: NUL })],
  ],
  edo_exception: [
    ['missing reason', without('edo_exception', 'reason')],
    ['period reversed', withValue('edo_exception', { periodTo: '2026-09-01' })],
    ['emergency without the day taken', without('edo_exception', 'takenOn')],
    ['measure too long', withValue('edo_exception', { measure: TOO_LONG })],
    ['NUL in the rule', withValue('edo_exception', { rule: NUL })],
  ],
  external_service: [
    ['missing manager', without('external_service', 'managerLoginId')],
    ['機密性2 on social media (GOV-2)', withValue('external_service', { handlingLevel: '機密性2' })],
    ['unknown classification', withValue('external_service', { serviceKind: 'cloud', handlingLevel: '極秘' })],
    ['period reversed', withValue('external_service', { periodTo: '2026-12-31' })],
    ['NUL in the service name', withValue('external_service', { serviceName: NUL })],
  ],
};

describe('request field schemas', () => {
  it.each(REQUEST_TYPE_CODES.map((code) => [code]))('%s has a label for every field', (code) => {
    const parsed = fieldSchemas[code].parse(formFixtures[code].doc.fields) as Record<string, unknown>;
    for (const key of Object.keys(parsed)) expect(fieldLabels[code][key], key).toBeDefined();
  });

  const cases = REQUEST_TYPE_CODES.flatMap((code) => invalid[code].map(([why, value]) => [code, why, value] as const));
  it.each(cases)('%s refuses %s', (code, _why, value) => {
    expect(fieldSchemas[code].safeParse(value).success).toBe(false);
  });

  it('accepts multi-line free text but not a line break in a one-line field', () => {
    expect(
      fieldSchemas.aic6_input_processing.safeParse(withValue('aic6_input_processing', { processingContent: '一行目\n二行目' })).success,
    ).toBe(true);
    expect(
      fieldSchemas.aic6_input_processing.safeParse(withValue('aic6_input_processing', { inputMaterial: '一行目\n二行目' })).success,
    ).toBe(false);
  });
});
