import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { processCancelEffect, registerApplicationEffect } from './effect-service.js';
import { listOpenEffects } from './effects-inbox.js';
import { importRecords, validateImport } from './import-service.js';
import { listApplications, showApplication } from './query-service.js';
import { codeParams, effectIdParams, IMPORT_BODY_LIMIT, importBodySchema, registerBodySchema } from './schema.js';

/** Applications (適用業務), the effects inbox and 様式6 imports; see docs/information-management.md. Thin. */
export function applicationRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['applications'];

  r.get('/api/applications', { schema: { tags } }, async (request) => listApplications(ctx, actorOf(request)));

  r.get('/api/applications/:code', { schema: { params: codeParams, tags } }, async (request) =>
    showApplication(ctx, actorOf(request), request.params.code),
  );

  r.get('/api/effects', { schema: { tags } }, async (request) => listOpenEffects(ctx, actorOf(request)));

  r.post('/api/effects/:id/application', { schema: { params: effectIdParams, body: registerBodySchema, tags } }, async (request) => ({
    application: await registerApplicationEffect(ctx, actorOf(request), request.params.id, request.body ?? undefined),
  }));

  r.post('/api/effects/:id/cancellation', { schema: { params: effectIdParams, tags } }, async (request) =>
    processCancelEffect(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/effects/:id/import/validate',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { params: effectIdParams, body: importBodySchema, tags } },
    async (request) => validateImport(ctx, actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/effects/:id/import',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { params: effectIdParams, body: importBodySchema, tags } },
    async (request, reply) =>
      reply.status(201).send({ import: await importRecords(ctx, actorOf(request), request.params.id, request.body) }),
  );
}
