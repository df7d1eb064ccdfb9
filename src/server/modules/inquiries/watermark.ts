import { warekiDateTime } from '../../shared/wareki.js';
import type { UserActor } from '../identity/actor.js';

/**
 * APP-9: every answer, printout and export carries who asked, from where and when, so a screen photo
 * or a sheet found on a desk names its source; an output also carries its ledger number (OUT-2).
 * One watermark for the screen and for paper, so the two always agree.
 */
export interface Watermark {
  name: string;
  loginId: string;
  unit: string | null;
  at: string;
  atJa: string;
  /** The registered terminal, else the source address the request came from. */
  terminal: string | null;
  /** 出力資料番号, on outputs only. */
  number?: string;
  text: string;
}

export function watermarkFor(actor: UserActor, at: Date, number?: string): Watermark {
  const atJa = warekiDateTime(at);
  const unit = actor.unit?.name ?? null;
  const terminal = actor.terminal ?? actor.ip ?? null;
  const parts = [
    unit,
    `${actor.name}（${actor.loginId}）`,
    atJa,
    terminal ? `端末 ${terminal}` : null,
    number ? `出力資料番号 ${number}` : '照会結果・複製厳禁',
  ];
  return {
    name: actor.name,
    loginId: actor.loginId,
    unit,
    at: at.toISOString(),
    atJa,
    terminal,
    ...(number ? { number } : {}),
    text: parts.filter((p): p is string => p !== null).join(' '),
  };
}
