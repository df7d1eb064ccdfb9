import { warekiCalendarDate, warekiDate, warekiDateTime } from '../../../shared/wareki.js';
import type { RequestState } from '../contract.js';

/** How values print on the forms: 和暦 dates, blanks where paper would leave 年 月 日 empty. */

const BLANK_DATE = '　　年　　月　　日';

export function day(value: string | undefined): string {
  return value ? warekiCalendarDate(value) : BLANK_DATE;
}

export function instantDay(value: Date | undefined): string {
  return value ? warekiDate(value) : BLANK_DATE;
}

export function instant(value: Date | undefined): string {
  return value ? warekiDateTime(value) : BLANK_DATE;
}

/** 令和8年4月1日 ～ 令和8年9月30日; an open end prints as （定めなし）. */
export function period(from: string | undefined, to: string | undefined): string {
  return `${day(from)} ～ ${to ? day(to) : '（定めなし）'}`;
}

export function instantPeriod(from: Date, to: Date): string {
  return `${warekiDate(from)} ～ ${warekiDate(to)}`;
}

export function yesNo(value: boolean): string {
  return value ? '該当' : '非該当';
}

export function optional(value: string | undefined): string {
  return value ?? '';
}

export const STATE_LABELS: Record<RequestState, string> = {
  draft: '下書き',
  submitted: '申請中',
  returned: '差戻し',
  approved: '承認',
  rejected: '却下',
  withdrawn: '取下げ',
  expired: '期限切れ',
  cancelled: '取消',
};
