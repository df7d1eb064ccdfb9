import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { tokyoDate } from '../../shared/clock.js';
import * as events from './events-service.js';
import * as exporter from './export-service.js';
import * as ledger from './ledger-service.js';
import * as manuals from './manuals-service.js';
import * as schema from './schema.js';
import { processTemporaryOutput } from './temporary-output-service.js';

/** Output ledger (APP-9, OUT-1 … OUT-6, 様式7) and manuals ledger (OUT-7); see docs/api.md "Outputs". Thin. */
export function outputRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outputs'];

  r.post('/api/inquiries/:id/export', { schema: { params: schema.idParams, body: schema.exportSchema, tags } }, async (request, reply) => {
    const file = await exporter.exportResults(ctx, actorOf(request), request.params.id, request.body);
    const name = `${file.number}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="output.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-output-number', encodeURIComponent(file.number))
      .header('x-sekimori-rows', String(file.rows))
      .header('x-sekimori-unencodable', String(file.unencodable))
      .send(file.bytes);
  });

  r.post('/api/inquiries/:id/print', { schema: { params: schema.idParams, body: schema.exportSchema, tags } }, async (request, reply) => {
    const printed = await exporter.printResults(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(201).send(printed);
  });

  r.get('/api/outputs', { schema: { querystring: schema.listQuerySchema, tags } }, async (request) =>
    ledger.list(ctx, actorOf(request), request.query),
  );

  r.get('/api/outputs.csv', { schema: { querystring: schema.listQuerySchema, tags } }, async (request, reply) => {
    const file = await ledger.csv(ctx, actorOf(request), request.query);
    return reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="outputs-${tokyoDate(ctx.clock.now())}.csv"`)
      .header('x-sekimori-rows', String(file.rows))
      .header('x-sekimori-unencodable', String(file.unencodable))
      .send(file.bytes);
  });

  r.get('/api/outputs/overdue', { schema: { tags } }, async (request) => ledger.overdue(ctx, actorOf(request)));

  r.get('/api/outputs/:id', { schema: { params: schema.idParams, tags } }, async (request) =>
    ledger.show(ctx, actorOf(request), request.params.id),
  );

  r.post('/api/outputs/:id/events', { schema: { params: schema.idParams, body: schema.eventSchema, tags } }, async (request, reply) => {
    const recorded = await events.recordEvent(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(201).send(recorded);
  });

  r.post(
    '/api/outputs/:id/pre-delivery-check',
    { schema: { params: schema.idParams, body: schema.confirmSchema, tags } },
    async (request, reply) => {
      const checked = await events.preDeliveryCheck(ctx, actorOf(request), request.params.id, request.body.note);
      return reply.status(201).send(checked);
    },
  );

  r.post(
    '/api/output-events/:eventId/confirm',
    { schema: { params: schema.eventIdParams, body: schema.confirmSchema, tags } },
    async (request, reply) => {
      const confirmed = await events.confirm(ctx, actorOf(request), request.params.eventId, request.body.note);
      return reply.status(201).send(confirmed);
    },
  );

  r.post(
    '/api/effects/:id/temporary-output',
    { schema: { params: schema.idParams, body: schema.temporaryOutputSchema, tags } },
    async (request, reply) => {
      const made = await processTemporaryOutput(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(made);
    },
  );

  r.get('/api/manuals', { schema: { tags } }, async (request) => manuals.list(ctx, actorOf(request)));

  r.post('/api/manuals', { schema: { body: schema.manualCreateSchema, tags } }, async (request, reply) => {
    const created = await manuals.register(ctx, actorOf(request), request.body);
    return reply.status(201).send(created);
  });

  r.get('/api/manuals/:id', { schema: { params: schema.idParams, tags } }, async (request) =>
    manuals.show(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/manuals/:id/events',
    { schema: { params: schema.idParams, body: schema.manualEventSchema, tags } },
    async (request, reply) => {
      const recorded = await manuals.recordEvent(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(recorded);
    },
  );
}
