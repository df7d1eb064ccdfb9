import type { OutputMaterialRow } from '../../db/schema-information.js';

/**
 * The rules of the output ledger that need no database: which handling may follow which, and what
 * each handling must state. Pure, so the fuzz tests and the service share one definition.
 */

/** APP-9, OUT-2: an inquiry's results may be exported or printed this long after it was answered. */
export const EXPORT_WINDOW_HOURS = 24;
/** OUT-3: a handling not confirmed by the unit head within this many days is overdue. */
export const CONFIRM_OVERDUE_DAYS = 7;
/** OUT-2 (AIC 第8-6(2)): ledger entries are kept 5 years from the last entry of the material. */
export const RETENTION_YEARS = 5;

export const EVENT_KINDS = ['receive', 'copy', 'deliver', 'return', 'store', 'dispose'] as const;
export type RecordedEventKind = (typeof EVENT_KINDS)[number];
export const DELIVERY_MEANS = ['hand', 'post', 'file_server', 'email', 'fax', 'other'] as const;
export type DeliveryMeans = (typeof DELIVERY_MEANS)[number];
/** OUT-5 (AIC 第8-4(4)): means that need a leak countermeasure agreed with the business unit. */
export const ELECTRONIC_MEANS: readonly DeliveryMeans[] = ['file_server', 'email', 'fax'];

type State = OutputMaterialRow['state'];

/** Which handlings a material in a state accepts, and the state it is in afterwards (null: unchanged). */
const TRANSITIONS: Record<State, Partial<Record<RecordedEventKind, State | null>>> = {
  held: { receive: null, copy: null, deliver: 'delivered', return: 'returned', store: null, dispose: 'disposed' },
  // OUT-6: a delivered material comes back (受入れ), is returned or destroyed after use.
  delivered: { receive: 'held', copy: null, return: 'returned', store: null, dispose: 'disposed' },
  // A returned material is with whoever issued it: kept locked away or destroyed.
  returned: { receive: 'held', store: null, dispose: 'disposed' },
  // OUT-6: destroyed irrecoverably — nothing can follow.
  disposed: {},
};

export interface EventInput {
  kind: RecordedEventKind;
  quantity?: number | undefined;
  recipient?: string | undefined;
  means?: DeliveryMeans | undefined;
  method?: string | undefined;
  approval?: string | undefined;
  countermeasure?: string | undefined;
  place?: string | undefined;
  note?: string | undefined;
}

export type RuleResult =
  | { ok: true; nextState: State }
  | { ok: false; code: 'invalid_state' | 'validation_failed'; ja: string; en: string };

/** Whether a handling may be recorded on a material in `state`, and what it must carry (OUT-2, OUT-5, OUT-6). */
export function checkEvent(state: State, input: EventInput): RuleResult {
  const allowed = TRANSITIONS[state];
  if (!Object.hasOwn(allowed, input.kind)) {
    return {
      ok: false,
      code: 'invalid_state',
      ja: `状態「${STATE_LABELS[state].ja}」の資料に「${EVENT_LABELS[input.kind].ja}」は記録できません。`,
      en: `A material that is ${STATE_LABELS[state].en} cannot be ${EVENT_LABELS[input.kind].en}.`,
    };
  }
  const missing = missingFields(input);
  if (missing) return { ok: false, code: 'validation_failed', ...missing };
  return { ok: true, nextState: allowed[input.kind] ?? state };
}

function missingFields(input: EventInput): { ja: string; en: string } | null {
  if (input.kind === 'deliver') {
    if (!input.recipient || !input.means)
      return { ja: '交付には交付先と交付方法が必要です。', en: 'A delivery needs a recipient and a means.' };
    // OUT-5 (AIC 第8-4(3)): sending by post only where 総務部長 specially approved it.
    if (input.means === 'post' && !input.approval)
      return {
        ja: '送付による交付には総務部長の承認番号が必要です。',
        en: "Delivery by post needs the Director of General Affairs' approval number.",
      };
    // OUT-5 (AIC 第8-4(4)): file server, e-mail, fax only with the agreed leak countermeasure.
    if (ELECTRONIC_MEANS.includes(input.means) && !input.countermeasure)
      return {
        ja: 'ファイルサーバ・電子メール・ファクシミリによる交付には漏えい防止措置の記載が必要です。',
        en: 'Delivery by file server, e-mail or fax needs the leak countermeasure.',
      };
  }
  // OUT-6 (AIC 第8-2(2)): destroyed by a method that cannot be undone — it must be named.
  if (input.kind === 'dispose' && !input.method)
    return {
      ja: '廃棄には廃棄方法（裁断・溶解・消去等）が必要です。',
      en: 'A disposal needs its method (shredding, dissolving, erasure …).',
    };
  // OUT-6 (AIC 第8-3): storage is in a locked cabinet — which one is recorded.
  if (input.kind === 'store' && !input.place)
    return { ja: '保管には保管場所（施錠できる保管庫等）が必要です。', en: 'Storage needs the place (a locked cabinet).' };
  if (input.kind === 'copy' && !input.note)
    return {
      ja: '複写には理由（法令・保守試験・所属長が認めた必要性）が必要です。',
      en: 'A copy needs its reason (law, maintenance, or approved by the unit head).',
    };
  return null;
}

export const STATE_LABELS: Record<State, { ja: string; en: string }> = {
  held: { ja: '保有', en: 'held' },
  delivered: { ja: '交付済', en: 'delivered' },
  returned: { ja: '返却済', en: 'returned' },
  disposed: { ja: '廃棄済', en: 'disposed' },
};

export const EVENT_LABELS: Record<RecordedEventKind | 'create', { ja: string; en: string }> = {
  create: { ja: '作成', en: 'created' },
  receive: { ja: '受入れ', en: 'received' },
  copy: { ja: '複写', en: 'copied' },
  deliver: { ja: '交付', en: 'delivered' },
  return: { ja: '返却', en: 'returned' },
  store: { ja: '保管', en: 'stored' },
  dispose: { ja: '廃棄', en: 'disposed' },
};

/** OUT-3: an unconfirmed handling is overdue once CONFIRM_OVERDUE_DAYS have passed since it. */
export function overdueBefore(now: Date): Date {
  return new Date(now.getTime() - CONFIRM_OVERDUE_DAYS * 24 * 3_600_000);
}
