import { warekiDateTime } from '../../shared/wareki.js';
import type { UserActor } from '../identity/actor.js';

/**
 * APP-9: every answer carries who asked, from where and when, so a screen photo or a printout
 * names its source. The text is what the page lays over the results and what an export prints first.
 */
export interface Watermark {
  name: string;
  loginId: string;
  unit: string | null;
  at: string;
  atJa: string;
  terminal: string | null;
  text: string;
}

export function watermarkFor(actor: UserActor, at: Date): Watermark {
  const atJa = warekiDateTime(at);
  const unit = actor.unit?.name ?? null;
  const terminal = actor.terminal;
  const parts = [unit, `${actor.name}（${actor.loginId}）`, atJa, terminal ? `端末 ${terminal}` : null, '照会結果・複製厳禁'];
  return {
    name: actor.name,
    loginId: actor.loginId,
    unit,
    at: at.toISOString(),
    atJa,
    terminal,
    text: parts.filter((p): p is string => p !== null).join(' '),
  };
}
