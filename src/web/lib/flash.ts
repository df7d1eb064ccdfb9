import { isMessageKey, type MessageKey } from '../i18n/index.js';

/** A one-time message carried to the next page in the router's location state. */
export interface FlashState {
  flash?: MessageKey;
}

export function flashFrom(state: unknown): MessageKey | null {
  if (typeof state === 'object' && state !== null && 'flash' in state) {
    const value = (state as { flash: unknown }).flash;
    if (typeof value === 'string' && isMessageKey(value)) return value;
  }
  return null;
}
