import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppConfig, defaultConfig } from '../config.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: string;
  production?: boolean;
  origin?: string;
  rpId?: string;
  auditKey?: string;
  auditExportDir?: string;
  auditOrigin?: string;
  clockBehind?: string;
}

/** The package root: where package.json is, whether we run from src/ (tsx) or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function dataDirFrom(flag: string | undefined): string {
  return resolve(flag ?? process.env.SEKIMORI_DATA_DIR ?? './data');
}

export function configFromFlags(flags: ServeFlags): AppConfig & { port: number; host: string } {
  const port = Number(flags.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${flags.port}`);
  const host = flags.host ?? process.env.SEKIMORI_HOST ?? '127.0.0.1';
  const tls = flags.tlsCert && flags.tlsKey ? { cert: resolve(flags.tlsCert), key: resolve(flags.tlsKey) } : undefined;
  if ((flags.tlsCert && !flags.tlsKey) || (!flags.tlsCert && flags.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
  const scheme = tls ? 'https' : 'http';
  const publicHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host === '127.0.0.1' ? 'localhost' : host;
  const origin = flags.origin ?? process.env.SEKIMORI_ORIGIN ?? `${scheme}://${publicHost}:${port}`;
  const webRoot = join(packageRoot(), 'dist', 'web');
  return {
    ...defaultConfig({
      mode: flags.production || process.env.NODE_ENV === 'production' ? 'production' : 'development',
      databaseUrl: process.env.DATABASE_URL || undefined,
      migrationDatabaseUrl: process.env.SEKIMORI_MIGRATION_DATABASE_URL || undefined,
      dataDir: dataDirFrom(flags.dataDir),
      tls,
      trustedProxies: (flags.trustProxy ?? process.env.SEKIMORI_TRUSTED_PROXIES ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      origin,
      rpId: flags.rpId ?? process.env.SEKIMORI_RP_ID ?? new URL(origin).hostname,
      webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      audit: auditConfig(flags, dataDirFrom(flags.dataDir)),
    }),
    port,
    host,
  };
}

/** AUD-3/AUD-6 settings of `serve` (flags win over the environment). */
export function auditConfig(flags: ServeFlags, dataDir: string): AppConfig['audit'] {
  const clockBehind = flags.clockBehind ?? process.env.SEKIMORI_CLOCK_BEHIND ?? 'refuse';
  if (clockBehind !== 'refuse' && clockBehind !== 'warn') throw new Error('--clock-behind must be refuse or warn');
  return {
    origin: flags.auditOrigin ?? process.env.SEKIMORI_AUDIT_ORIGIN ?? 'sekimori.local/audit',
    keyFile: resolve(flags.auditKey ?? process.env.SEKIMORI_AUDIT_KEY_FILE ?? join(dataDir, 'audit-signing.key')),
    exportDir: resolve(flags.auditExportDir ?? process.env.SEKIMORI_AUDIT_EXPORT_DIR ?? join(dataDir, 'audit-export')),
    clockBehind,
    retentionYears: Math.max(5, Number(process.env.SEKIMORI_AUDIT_RETENTION_YEARS ?? 5)),
  };
}
