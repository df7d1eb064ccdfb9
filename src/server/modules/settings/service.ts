import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AuditLog } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import { auditActor } from '../identity/actor.js';
import { readSettingRows, upsertSetting } from './repo.js';
import { DEFAULT_SETTINGS, type Settings, settingsPatchSchema, settingsSchema } from './schema.js';

type Db = Kysely<Database>;

/** Settings are read on every request; a short cache keeps that off the database. */
export class SettingsService {
  private cached: { value: Settings; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<Settings> {
    if (this.cached && Date.now() - this.cached.at < 2_000) return this.cached.value;
    const rows = await readSettingRows(this.db);
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) merged[row.key] = row.value;
    const parsed = settingsSchema.safeParse(merged);
    const value = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    this.cached = { value, at: Date.now() };
    return value;
  }

  async update(actor: Actor, patch: unknown): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new AppError('validation_failed');
    const before = await this.get();
    await this.db.transaction().execute(async (tx) => {
      for (const [key, value] of Object.entries(parsed.data)) {
        await upsertSetting(tx, key, value, actor.kind === 'user' ? actor.userId : null);
      }
      await this.audit.record(
        {
          action: 'admin.settings.update',
          actor: auditActor(actor),
          target: { type: 'settings', id: 'organization' },
          outcome: 'success',
          details: { changed: Object.keys(parsed.data), before: pick(before, Object.keys(parsed.data)) },
        },
        { tx },
      );
    });
    this.cached = null;
    return this.get();
  }
}

function pick(settings: Settings, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) out[key] = JSON.stringify((settings as Record<string, unknown>)[key]);
  return out;
}
