/** Process-level configuration (from CLI flags and environment). Organisation settings live in the database. */
export interface AppConfig {
  /** 'production' turns on Secure cookies and the __Host- prefix even without TLS (TLS terminated by a proxy). */
  mode: 'production' | 'development' | 'test';
  databaseUrl?: string | undefined;
  migrationDatabaseUrl?: string | undefined;
  dataDir: string;
  runtimeRole: string;
  tls?: { cert: string; key: string } | undefined;
  /** Addresses (IPs or CIDRs) of reverse proxies whose X-Forwarded-* headers are trusted (SEC-2). */
  trustedProxies: string[];
  /** WebAuthn relying party: the host name users see, and the exact origin. */
  rpId: string;
  origin: string;
  /** Serve the built UI from this directory; absent = API only. */
  webRoot?: string | undefined;
  rateLimit: { authPerMinute: number; globalPerMinute: number };
  bodyLimitBytes: number;
  logLevel: string;
  audit: {
    /** The log's name in its checkpoints (C2SP origin), e.g. "sekimori.example.lg.jp/audit". */
    origin: string;
    /** Ed25519 signing key file, outside the database (default <data-dir>/audit-signing.key). */
    keyFile: string;
    /** Where every checkpoint and completed leaf tile is copied for auditors (default <data-dir>/audit-export). */
    exportDir: string;
    /** AUD-6: what to do when the clock is behind the last checkpoint: refuse to start, or warn. */
    clockBehind: 'refuse' | 'warn';
    /** AUD-2: payload retention in years (at least 5). */
    retentionYears: number;
  };
}

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    mode: 'development',
    dataDir: './data',
    runtimeRole: 'sekimori_app',
    trustedProxies: [],
    rpId: 'localhost',
    origin: 'http://localhost:3000',
    rateLimit: { authPerMinute: 20, globalPerMinute: 600 },
    bodyLimitBytes: 256 * 1024,
    logLevel: 'info',
    ...overrides,
    audit: {
      origin: 'sekimori.local/audit',
      keyFile: `${overrides.dataDir ?? './data'}/audit-signing.key`,
      exportDir: `${overrides.dataDir ?? './data'}/audit-export`,
      clockBehind: 'refuse',
      retentionYears: 5,
      ...overrides.audit,
    },
  };
}

/** Cookies are Secure (and may carry the __Host- prefix) only where the browser reaches us over HTTPS. */
export function cookiesAreSecure(config: AppConfig): boolean {
  return config.mode === 'production' || config.tls !== undefined;
}
