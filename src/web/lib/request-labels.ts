import { isMessageKey, type Locale, type MessageKey } from '../i18n/index.js';
import type { LocalizedText } from './types.js';

/** Words for the codes of the requests API. */

export function requestStateKey(state: string): MessageKey | null {
  const key = `req.state.${state}`;
  return isMessageKey(key) ? key : null;
}

export function historyActionKey(action: string): MessageKey | null {
  const key = `req.history.${action}`;
  return isMessageKey(key) ? key : null;
}

export function decisionKey(decision: string): MessageKey | null {
  const key = `req.decision.${decision}`;
  return isMessageKey(key) ? key : null;
}

export function localized(text: LocalizedText | null | undefined, locale: Locale): string {
  return text ? text[locale] || text.ja : '';
}

/** 「別記様式第2号 情報機器等持込申請書」 */
export function typeTitle(type: { name: LocalizedText; form: string | null }, locale: Locale): string {
  return type.form ? `${type.form} ${localized(type.name, locale)}` : localized(type.name, locale);
}

/** A person as 「山田 太郎（yamada）」. */
export function personLabel(person: { loginId: string; name: string | null } | null | undefined): string {
  if (!person) return '';
  if (!person.name) return person.loginId;
  return person.loginId ? `${person.name}（${person.loginId}）` : person.name;
}
