import { tokyoDate } from '../../shared/clock.js';
import { type Db, nextCounter } from './repo.js';

/** The calendar year in Japan of an instant (numbers restart each 1 January, Asia/Tokyo). */
export function tokyoYear(at: Date): number {
  return Number(tokyoDate(at).slice(0, 4));
}

/** Request numbers: R2026-000123 — gap-free per year, given in the creating transaction. */
export async function nextRequestNumber(db: Db, at: Date): Promise<string> {
  const year = tokyoYear(at);
  const seq = await nextCounter(db, 'request', year);
  return `R${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * CON-3 (ISK 別記様式第3号) permit numbers: 持込第2026-0001号 — gap-free per calendar year, given in
 * the approving transaction, so a rolled-back approval leaves no hole.
 */
export async function nextPermitNumber(db: Db, at: Date): Promise<{ number: string; year: number; seq: number }> {
  const year = tokyoYear(at);
  const seq = await nextCounter(db, 'permit', year);
  return { number: `持込第${year}-${String(seq).padStart(4, '0')}号`, year, seq };
}
