import type { FormDecision, RequestDocument } from '../contract.js';
import { instant, instantDay, STATE_LABELS } from './format.js';
import type { FormWriter } from './layout.js';

/** Parts every form shares: the header block, the emergency note, and the decision record. */

export interface HeaderOptions {
  /** 様式第1, 別記様式第1号（第4関係） … */
  formNumber: string;
  /** Who the form is addressed to, e.g. 総務部長 (printed with 殿). */
  addressee: string;
  title: string;
  /** Applicant lines printed at the right (所属, 職, 氏名 …). */
  applicantLines: string[];
  /** The sentence before 記, e.g. 下記のとおり申請します。 */
  intro?: string[];
}

/** Form number, request number and date, addressee, applicant, title, and the sentence before 記. */
export function header(w: FormWriter, doc: RequestDocument, options: HeaderOptions): void {
  const top = w.y;
  w.formNumber(options.formNumber);
  const afterNumber = w.y;
  w.y = top;
  w.text(`番号　${doc.requestNumber}`, { align: 'right', size: 9 });
  if (doc.state !== 'approved') w.text(`（${STATE_LABELS[doc.state]}）`, { align: 'right', size: 9 });
  w.y = Math.max(w.y, afterNumber);
  w.text(instantDay(doc.submittedAt), { align: 'right' });
  w.gap(6);
  w.text(`${options.addressee}　殿`);
  w.gap(6);
  for (const line of options.applicantLines) w.text(line, { align: 'right' });
  w.title(options.title);
  for (const line of options.intro ?? []) w.text(line, { indent: 10.5 });
  if (options.intro?.length) {
    w.gap(6);
    w.text('記', { align: 'center' });
    w.gap(6);
  }
}

/** 所属 / 職・氏名 of the applicant, as the right-hand block of the header. */
export function applicantLines(doc: RequestDocument, role = '申請者'): string[] {
  const name = doc.applicant.postName ? `${doc.applicant.postName}　${doc.applicant.name}` : doc.applicant.name;
  return [`${role}　${doc.applicant.unitName}`, name];
}

/** APP-5: an oral application accepted in an emergency, with the written one due (and done). */
export function emergencyNote(w: FormWriter, doc: RequestDocument): void {
  if (!doc.emergency) return;
  const done = doc.emergency.paperworkDoneAt ? `書面提出日 ${instantDay(doc.emergency.paperworkDoneAt)}` : '書面未提出';
  w.field(
    '緊急時の口頭申請',
    `口頭申請 ${instant(doc.emergency.oralAt)}\n書面提出期限 ${instantDay(doc.emergency.paperworkDueAt)}\n${done}`,
  );
}

const DECISION_LABELS: Record<FormDecision['decision'], string> = {
  approved: '承認',
  concurred: '合議済',
  rejected: '却下',
  returned: '差戻し',
};

const BOXES_PER_ROW = 4;

/**
 * The decision record printed in place of the stamp boxes (印欄): per stage, who decided, their post,
 * when (和暦), and under delegation (代決) whose decision it was; comments and "unavoidable" SoD
 * override reasons (ORG-3) follow as notes. An undecided route prints 未決裁.
 */
export function decisionRecord(w: FormWriter, decisions: FormDecision[], heading = '決裁欄（押印に代えて電子決裁の記録）'): void {
  w.gap(10);
  w.text(heading, { bold: true, size: 10 });
  w.gap(2);
  if (decisions.length === 0) {
    w.row([{ text: '未決裁', width: w.width, align: 'center' }]);
    return;
  }
  const boxWidth = w.width / BOXES_PER_ROW;
  for (let i = 0; i < decisions.length; i += BOXES_PER_ROW) {
    const chunk = decisions.slice(i, i + BOXES_PER_ROW);
    w.ensureSpace(110);
    w.row(chunk.map((d) => ({ text: d.stage, width: boxWidth, label: true, size: 9 })));
    w.row(chunk.map((d) => ({ text: decisionBox(d), width: boxWidth, align: 'center' as const, size: 9 })));
  }
  for (const d of decisions) {
    const notes: string[] = [];
    if (d.comment) notes.push(`意見：${d.comment}`);
    if (d.overrideReason) notes.push(`職務分離の例外による決裁（やむを得ない理由）：${d.overrideReason}`);
    if (notes.length) w.field(`${d.stage}（${d.deciderName}）`, notes.join('\n'));
  }
}

function decisionBox(d: FormDecision): string {
  const name = d.onBehalfOfName ? `（代決）${d.deciderName}\n${d.onBehalfOfName} に代わり` : d.deciderName;
  return [DECISION_LABELS[d.decision], d.deciderPost, name, instant(d.decidedAt)].join('\n');
}

/** A code from the fields with the name the engine resolved for it: 中村警察署（nakamura-ps）. */
export function named(doc: RequestDocument, key: string, code: string): string {
  const name = doc.fieldDisplay?.[key];
  return name ? `${name}（${code}）` : code;
}

/** The beneficiary as printed: 所属 氏名（ユーザID）, or just the login ID when the engine gave no person. */
export function beneficiary(doc: RequestDocument, loginId: string): string {
  const b = doc.beneficiary;
  return b ? `${b.unitName}　${b.name}（${b.loginId}）` : loginId;
}
