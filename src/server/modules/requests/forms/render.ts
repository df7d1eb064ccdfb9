import type { RequestDocument } from '../contract.js';
import { permitName, typeNames } from '../fields/index.js';
import { FormWriter } from './layout.js';
import { layouts } from './layouts/index.js';
import { permitLayout } from './layouts/isk3_permit.js';

/**
 * The official form (様式) of a request as a PDF (APP-2, APP-3, APP-4, APP-11, CON-2, CON-3, GOV-1,
 * GOV-2). The PDF's dates come from the document (submitted, else first decided, else the epoch), so
 * the same document always renders to the same bytes.
 */
export async function renderRequestPdf(doc: RequestDocument): Promise<Buffer> {
  const name = typeNames[doc.typeCode];
  const w = new FormWriter({
    title: `${name.ja} ${doc.requestNumber}`,
    subject: `${doc.organisationName} ${name.form}`,
    footer: `${doc.organisationName}　${name.ja}　${doc.requestNumber}`,
    createdAt: documentDate(doc),
  });
  layouts[doc.typeCode](w, doc);
  return w.finish();
}

/** ISK 別記様式第3号 情報機器等持込許可証 of an approved isk2_bring_in (CON-3); needs doc.permit. */
export async function renderPermitPdf(doc: RequestDocument): Promise<Buffer> {
  if (doc.typeCode !== 'isk2_bring_in') throw new Error(`a ${doc.typeCode} request issues no permit`);
  if (!doc.permit) throw new Error(`request ${doc.requestNumber} has no permit to print`);
  const w = new FormWriter({
    title: `${permitName.ja} ${doc.permit.number}`,
    subject: `${doc.organisationName} ${permitName.form}`,
    footer: `${doc.organisationName}　${permitName.ja}　許可番号 ${doc.permit.number}`,
    createdAt: doc.decisions.at(-1)?.decidedAt ?? documentDate(doc),
  });
  permitLayout(w, doc);
  return w.finish();
}

function documentDate(doc: RequestDocument): Date {
  return doc.submittedAt ?? doc.decisions[0]?.decidedAt ?? doc.emergency?.oralAt ?? new Date(0);
}
