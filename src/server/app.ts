import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Authorizer } from './authz/authorizer.js';
import type { AppConfig } from './config.js';
import type { ServiceContext } from './context.js';
import { type OpenDatabase, openDatabase } from './db/database.js';
import { installAuth } from './http/auth.js';
import { answerFrameworkError, installErrorHandling } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import { installInputGuard } from './http/input-guard.js';
import { requestLocale } from './http/locale.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { createAuditLog } from './modules/audit/service.js';
import { healthRoutes } from './modules/health/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { inquiryRoutes } from './modules/inquiries/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { outputRoutes } from './modules/outputs/routes.js';
import { requestRoutes } from './modules/requests/routes.js';
import { rightsRoutes } from './modules/rights/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { SettingsService } from './modules/settings/service.js';
import { type Clock, systemClock } from './shared/clock.js';
import { VERSION } from './version.js';

export interface BuiltApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  close(): Promise<void>;
}

export interface BuildOptions {
  config: AppConfig;
  clock?: Clock;
  /** An already open database (tests share one per file); otherwise opened from the config. */
  database?: OpenDatabase;
  logger?: boolean;
}

export function createContext(database: OpenDatabase, config: AppConfig, clock: Clock): ServiceContext {
  const audit = createAuditLog(database.db, clock);
  return {
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    audit,
    settings: new SettingsService(database.db, audit),
    authorizer: new Authorizer(),
    auditRuntime: { checkpointer: null, clock: null, verifierKey: null },
  };
}

function securityHeaders(config: AppConfig) {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.tls ? [] : null,
      },
    },
    // HSTS only where we really serve HTTPS; a proxy in front sets its own.
    strictTransportSecurity: config.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' as const },
  };
}

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      migrationUrl: config.migrationDatabaseUrl,
      dataDir: config.dataDir,
      runtimeRole: config.runtimeRole,
    }));
  const ctx = createContext(database, config, clock);

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Never passwords, tokens or cookies in process logs.
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } } : {}),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(helmet, securityHeaders(config));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.globalPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (request) => {
      const error = new AppError('rate_limited');
      return Object.assign(new Error('rate_limited'), { statusCode: 429, ...error.body(requestLocale(request)) });
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Sekimori API', version: VERSION, description: '関守 — see docs/api.md for the contract.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-sekimori_sid' } } },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onSend', async (request, reply) => {
    // Answers of the API may hold personal data: browsers and proxies must not keep them.
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
  });
  installAuth(app, ctx);
  installInputGuard(app);

  healthRoutes(app, ctx);
  identityRoutes(app, ctx);
  orgRoutes(app, ctx);
  settingsRoutes(app, ctx);
  auditRoutes(app, ctx);
  requestRoutes(app, ctx);
  applicationRoutes(app, ctx);
  rightsRoutes(app, ctx);
  inquiryRoutes(app, ctx);
  outputRoutes(app, ctx);
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  // An unknown API path is 404 for everyone, whether or not a session came with it.
  app.all('/api/*', { config: { auth: 'public' }, schema: { hide: true } }, async () => {
    throw new AppError('not_found');
  });

  if (config.webRoot) {
    const webRoot = config.webRoot;
    // serve: false — files go out only through the public routes below; routes of the plugin's own
    // would fall under the session check, and the login page could not load its scripts.
    await app.register(fastifyStatic, { root: webRoot, serve: false, index: false, maxAge: 0 });
    const indexHtml = readFileSync(join(webRoot, 'index.html'));
    const sendIndex = async (_request: unknown, reply: import('fastify').FastifyReply) =>
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(indexHtml);
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, sendIndex);
    app.get('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(join('assets', path), { cacheControl: false });
    });
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (path.startsWith('api/')) throw new AppError('not_found');
      // Files at the web root (favicon …) are served; every other path is a client-side route.
      if (/^[\w.-]+\.(ico|png|svg|txt|webmanifest)$/.test(path)) return reply.sendFile(path);
      return sendIndex(request, reply);
    });
  }

  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
