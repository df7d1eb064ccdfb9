import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { type PurgedRange, purgePayloadsBefore, RetentionFloorError } from './retention-repo.js';

/** Payloads are kept at least this long whatever the configuration says (AUD-2; enforced again in the database). */
export const MIN_RETENTION_YEARS = 5;

export interface PurgeResult extends PurgedRange {
  /** ISO time: payloads of entries that occurred before it were removed. */
  cutoff: string;
  /** seq of the 'audit.purge' entry recording this purge. */
  recordedAs: string;
}

function yearsBefore(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * AUD-2: purges the payloads of entries older than the retention period (default: now minus
 * config.audit.retentionYears). The leaf hashes stay, so the log still verifies; the purge and
 * its entry ('audit.purge' with the purged range) commit together or not at all. A cutoff younger
 * than the retention period is refused here, and one younger than five years again by the database.
 */
export async function purgePayloads(ctx: ServiceContext, actor: Actor, cutoff?: Date): Promise<PurgeResult> {
  const now = ctx.clock.now();
  const years = Math.max(MIN_RETENTION_YEARS, ctx.config.audit.retentionYears);
  const limit = yearsBefore(now, years);
  const at = cutoff ?? limit;
  if (Number.isNaN(at.getTime())) throw new AppError('validation_failed');
  const refuse = async (reason: 'retention_period' | 'retention_floor') => {
    // A refused purge is itself worth recording; it changes nothing else.
    await ctx.audit.record({
      action: 'audit.purge',
      actor: auditActor(actor),
      outcome: 'denied',
      reason,
      details: { cutoff: at.toISOString() },
    });
    if (reason === 'retention_floor') {
      return new AppError('invalid_state', {
        ja: `データベースが削除を拒否しました: 監査ログの本文は少なくとも ${MIN_RETENTION_YEARS} 年間保存されます（基準日 ${dateText(at)}）。`,
        en: `The database refused: audit payloads are kept at least ${MIN_RETENTION_YEARS} years (cutoff ${dateText(at)}).`,
      });
    }
    return new AppError('invalid_state', {
      ja: `監査ログの本文は ${years} 年間保存されます（少なくとも ${MIN_RETENTION_YEARS} 年）。${dateText(limit)} より後の基準日（${dateText(at)}）では削除できません。`,
      en: `Audit payloads are kept ${years} years (at least ${MIN_RETENTION_YEARS}): a cutoff of ${dateText(at)}, later than ${dateText(limit)}, is refused.`,
    });
  };
  if (at.getTime() > limit.getTime()) throw await refuse('retention_period');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const range = await purgePayloadsBefore(tx, at);
      const recordedAs = await ctx.audit.record(
        {
          action: 'audit.purge',
          actor: auditActor(actor),
          outcome: 'success',
          details: { firstSeq: range.firstSeq, lastSeq: range.lastSeq, purged: range.purged, cutoff: at.toISOString() },
        },
        { tx },
      );
      return { ...range, cutoff: at.toISOString(), recordedAs };
    });
  } catch (e) {
    // The database's own floor (five years by its clock), should this process's clock be wrong.
    if (e instanceof RetentionFloorError) throw await refuse('retention_floor');
    throw e;
  }
}
