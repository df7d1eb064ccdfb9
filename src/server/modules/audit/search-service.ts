import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { excelCsv, tokyoDateTime } from '../../shared/excel-csv.js';
import { type Actor, auditActor } from '../identity/actor.js';
import type { JsonValue } from './canonical-json.js';
import { latestCheckpoint, readHead } from './log-repo.js';
import { leafHash } from './merkle.js';
import { inclusionProofFor } from './proofs.js';
import { boundInstant, type EntryFilter, looksLikeUuid, type SearchQuery } from './schema.js';
import * as repo from './search-repo.js';

/**
 * Access to the audit log (AUD-4, AUD-5): search, one entry with its exact stored bytes, and a CSV
 * export for Excel — for 監査 and システム管理者 only (Cedar policy
 * "audit-log-access-by-auditor-or-system-administrator"). Every search, view and export is itself
 * an entry of the log, committed before the answer leaves (fail closed).
 */

export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_CHUNK = 5_000;

export interface EntrySummary {
  seq: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: { type: string | null; userId: string | null; loginId: string | null; unitCode: string | null };
  target: { type: string; id: string; label: string | null } | null;
  reason: string | null;
}

interface StoredEntry {
  actor?: { type?: unknown; loginId?: unknown };
  target?: { label?: unknown };
  reason?: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The payload as stored; one that does not parse (it has been tampered with) still gets a row. */
function payloadOf(canonical: string): StoredEntry {
  try {
    const parsed: unknown = JSON.parse(canonical);
    return typeof parsed === 'object' && parsed !== null ? (parsed as StoredEntry) : {};
  } catch {
    return {};
  }
}

function summarise(row: repo.EntrySearchRow): EntrySummary {
  const payload = payloadOf(row.canonical);
  return {
    seq: row.seq,
    occurredAt: new Date(row.occurred_at).toISOString(),
    action: row.action,
    outcome: row.outcome,
    actor: {
      type: text(payload.actor?.type),
      userId: row.actor_user_id,
      loginId: text(payload.actor?.loginId),
      unitCode: row.actor_unit_code,
    },
    target:
      row.target_type !== null && row.target_id !== null
        ? { type: row.target_type, id: row.target_id, label: text(payload.target?.label) }
        : null,
    reason: text(payload.reason),
  };
}

/** The filters as the caller gave them, for the audit entry of the search itself. */
function criteriaOf(filter: EntryFilter, extra: Record<string, JsonValue> = {}): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) out[key] = value;
  return { ...out, ...extra };
}

/** Filters → column criteria; null when they can match nothing (an unknown login ID). */
async function resolveCriteria(ctx: ServiceContext, filter: EntryFilter): Promise<repo.EntryCriteria | null> {
  let userId: string | undefined;
  if (filter.user !== undefined) {
    if (looksLikeUuid(filter.user)) userId = filter.user.toLowerCase();
    else {
      userId = await repo.userIdByLogin(ctx.db, filter.user);
      if (userId === undefined) return null;
    }
  }
  const action = filter.action;
  return {
    userId,
    unitCode: filter.unit,
    // `auth.` is a prefix; `auth.login` is that action and the ones below it (auth.login.*), not auth.loginX.
    action: action === undefined ? undefined : action.endsWith('.') ? { prefix: action } : { exact: action, prefix: `${action}.` },
    targetId: filter.target,
    outcome: filter.outcome,
    from: filter.from !== undefined ? (boundInstant(filter.from, 'start') ?? undefined) : undefined,
    until: filter.to !== undefined ? (boundInstant(filter.to, 'end') ?? undefined) : undefined,
    beforeSeq: filter.before,
  };
}

export interface SearchAnswer {
  entries: EntrySummary[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export async function searchEntries(ctx: ServiceContext, actor: Actor, input: SearchQuery): Promise<SearchAnswer> {
  await authorize(ctx, actor, 'audit.search', { type: 'System' });
  const { limit, ...filter } = input;
  const criteria = await resolveCriteria(ctx, filter);
  const rows = criteria ? await repo.searchEntries(ctx.db, criteria, limit + 1) : [];
  const page = rows.slice(0, limit);
  const nextBefore = rows.length > limit ? (page[page.length - 1]?.seq ?? null) : null;
  await ctx.audit.record({
    action: 'audit.search',
    actor: auditActor(actor),
    outcome: 'success',
    criteria: criteriaOf(filter, { limit }),
    details: { returned: page.length },
  });
  return { entries: page.map(summarise), nextBefore };
}

export interface EntryDetail {
  entry: EntrySummary;
  /** The stored canonical JSON (RFC 8785), byte for byte as hashed into the log. */
  canonical: string;
  /** SHA-256(0x00 ‖ canonical UTF-8), base64: the leaf of the Merkle tree (RFC 9162). */
  leafHash: string;
  /** Inclusion proof (RFC 9162) with the signed checkpoint it leads to; null checkpoint = unsigned head. */
  proof?: { treeSize: number; proof: string[]; checkpoint: string | null };
}

export async function getEntry(ctx: ServiceContext, actor: Actor, seqText: string): Promise<EntryDetail> {
  await authorize(ctx, actor, 'audit.search', { type: 'System' });
  const seq = seqText.replace(/^0+(?=\d)/, '');
  const row = await repo.entryBySeq(ctx.db, seq);
  const target = { type: 'audit_entry', id: seq };
  if (!row) {
    await ctx.audit.record({
      action: 'audit.view',
      actor: auditActor(actor),
      target,
      outcome: 'failure',
      reason: 'not_found',
      criteria: { seq },
    });
    throw new AppError('not_found');
  }
  await ctx.audit.record({
    action: 'audit.view',
    actor: auditActor(actor),
    target,
    outcome: 'success',
    criteria: { seq },
    details: { returned: 1 },
  });
  const detail: EntryDetail = {
    entry: summarise(row),
    canonical: row.canonical,
    leafHash: Buffer.from(leafHash(row.canonical)).toString('base64'),
  };
  // AUD-3: the proof to the first signed checkpoint that covers the entry (or to the current head).
  const proof = await inclusionProofFor(ctx.db, Number(seq));
  if (proof) detail.proof = { treeSize: proof.treeSize, proof: proof.proof, checkpoint: proof.checkpoint };
  return detail;
}

const CSV_HEADER = ['連番', '日時', '操作', '結果', '利用者ID', '所属', '対象種別', '対象ID', '対象名', '理由'] as const;
const OUTCOME_JA: Readonly<Record<string, string>> = { success: '成功', denied: '拒否', failure: '失敗' };

export interface CsvExport {
  bytes: Buffer;
  filename: string;
  rows: number;
  /** Characters outside cp932 written as `?` (x-sekimori-unencodable). */
  unencodable: number;
  /** More entries matched than one file holds: continue with before=nextBefore. */
  truncated: boolean;
  nextBefore: string | null;
}

function csvRow(row: repo.EntrySearchRow): (string | null)[] {
  const s = summarise(row);
  return [
    s.seq,
    tokyoDateTime(new Date(s.occurredAt)),
    s.action,
    OUTCOME_JA[s.outcome] ?? s.outcome,
    s.actor.loginId,
    s.actor.unitCode,
    s.target?.type ?? null,
    s.target?.id ?? null,
    s.target?.label ?? null,
    s.reason,
  ];
}

function exportFilename(at: Date): string {
  const stamp = tokyoDateTime(at).replaceAll('/', '').replace(' ', '-').replaceAll(':', '');
  return `sekimori-audit-log-${stamp}.csv`;
}

export interface ExportLimits {
  /** Rows in one file (default EXPORT_MAX_ROWS). */
  maxRows?: number;
  /** Rows read per query (default 5,000). */
  chunk?: number;
}

export async function exportCsv(ctx: ServiceContext, actor: Actor, filter: EntryFilter, limits: ExportLimits = {}): Promise<CsvExport> {
  await authorize(ctx, actor, 'audit.export', { type: 'System' });
  const maxRows = limits.maxRows ?? EXPORT_MAX_ROWS;
  const chunkSize = limits.chunk ?? EXPORT_CHUNK;
  const criteria = await resolveCriteria(ctx, filter);
  // Rows become CSV cells chunk by chunk, so the payloads of 100,000 entries are never all in memory.
  const cells: (string | null)[][] = [];
  let truncated = false;
  if (criteria) {
    let before = criteria.beforeSeq;
    for (;;) {
      const want = Math.min(chunkSize, maxRows + 1 - cells.length);
      const chunk = await repo.searchEntries(ctx.db, { ...criteria, beforeSeq: before }, want);
      for (const row of chunk) cells.push(csvRow(row));
      if (chunk.length < want || cells.length > maxRows) break;
      before = chunk[chunk.length - 1]?.seq;
    }
    if (cells.length > maxRows) {
      truncated = true;
      cells.length = maxRows;
    }
  }
  const { bytes, unencodable } = excelCsv(CSV_HEADER, cells);
  const nextBefore = truncated ? (cells[cells.length - 1]?.[0] ?? null) : null;
  await ctx.audit.record({
    action: 'audit.export',
    actor: auditActor(actor),
    outcome: 'success',
    criteria: criteriaOf(filter, { format: 'csv-cp932' }),
    details: { returned: cells.length, unencodable, truncated },
  });
  return { bytes, filename: exportFilename(ctx.clock.now()), rows: cells.length, unencodable, truncated, nextBefore };
}

/** AUD-3, AUD-6: the log's head, the latest signed checkpoint and the clock as recorded at start. */
export async function logStatus(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'audit.status', { type: 'System' });
  const [head, latest] = await Promise.all([readHead(ctx.db), latestCheckpoint(ctx.db)]);
  const signer = ctx.auditRuntime.checkpointer?.status ?? null;
  return {
    head: { size: head.size, root: Buffer.from(head.root).toString('base64') },
    latestCheckpoint: latest
      ? {
          size: latest.size,
          root: Buffer.from(latest.root).toString('base64'),
          signedAt: new Date(latest.signed_at).toISOString(),
          note: latest.note,
        }
      : null,
    verifierKey: ctx.auditRuntime.verifierKey,
    clock: ctx.auditRuntime.clock,
    signer,
    lastVerification: null,
  };
}
