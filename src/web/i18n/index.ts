import { en } from './en.js';
import { ja, type MessageKey } from './ja.js';

export type { MessageKey } from './ja.js';

export type Locale = 'ja' | 'en';
export type Dictionary = Record<MessageKey, string>;
export type MessageParams = Readonly<Record<string, string | number>>;

const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { ja, en };
const STORAGE_KEY = 'sekimori.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(ja, value);
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The language chosen on this browser before, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled by policy; the choice then lasts for this page only.
  }
}
