import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import * as contracts from './contract-service.js';
import * as query from './query-service.js';
import { registerRegistrarEffect } from './registrar-service.js';
import { listPending, registerUseRightEffect } from './registration-service.js';
import * as schema from './schema.js';

/** Business use rights (業務利用権, APP-3 … APP-6) and contractor scopes; see docs/api.md "Use rights". */
export function rightsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rights'];

  r.get('/api/rights/mine', { schema: { tags } }, async (request) => query.myRights(ctx, actorOf(request)));

  r.get('/api/rights', { schema: { querystring: schema.unitListQuery, tags } }, async (request) =>
    query.unitRights(ctx, actorOf(request), request.query.unit, request.query.includeEnded),
  );

  r.get('/api/rights.csv', { schema: { querystring: schema.unitQuery, tags } }, async (request, reply) => {
    const file = await query.unitRightsCsv(ctx, actorOf(request), request.query.unit);
    return reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-sekimori-unencodable', String(file.unencodable))
      .header('x-sekimori-rows', String(file.rows))
      .send(file.bytes);
  });

  r.get('/api/rights/unused', { schema: { querystring: schema.unusedQuery, tags } }, async (request) =>
    query.unusedRights(ctx, actorOf(request), request.query.days),
  );

  r.get('/api/rights/pending', { schema: { querystring: schema.unitQuery, tags } }, async (request) =>
    listPending(ctx, actorOf(request), request.query.unit),
  );

  r.post('/api/rights/pending/:effectId/register', { schema: { params: schema.effectParams, tags } }, async (request) =>
    registerUseRightEffect(ctx, actorOf(request), request.params.effectId),
  );

  r.post('/api/effects/:id/registrar', { schema: { params: schema.idParams, tags } }, async (request) =>
    registerRegistrarEffect(ctx, actorOf(request), request.params.id),
  );

  r.get('/api/contracts', { schema: { tags } }, async (request) => contracts.listContracts(ctx, actorOf(request)));

  r.post('/api/contracts', { schema: { body: schema.contractSchema, tags } }, async (request, reply) => {
    const created = await contracts.createContract(ctx, actorOf(request), request.body);
    return reply.status(201).send({ contract: created });
  });

  r.post('/api/contracts/:id/end', { schema: { params: schema.idParams, tags } }, async (request, reply) => {
    await contracts.endContract(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
}
