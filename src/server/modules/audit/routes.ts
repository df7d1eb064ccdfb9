import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import * as schema from './schema.js';
import * as search from './search-service.js';

/** The audit log for 監査 and システム管理者 (AUD-4, AUD-5); see docs/api.md "Audit log". */
export function auditRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/audit/status', { schema: { tags } }, async (request) => search.logStatus(ctx, actorOf(request)));

  r.get('/api/audit/entries', { schema: { querystring: schema.searchQuerySchema, tags } }, async (request) =>
    search.searchEntries(ctx, actorOf(request), request.query),
  );

  r.get('/api/audit/entries.csv', { schema: { querystring: schema.entryFilterSchema, tags } }, async (request, reply) => {
    const file = await search.exportCsv(ctx, actorOf(request), request.query);
    reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-sekimori-unencodable', String(file.unencodable))
      .header('x-sekimori-rows', String(file.rows));
    if (file.nextBefore !== null) reply.header('x-sekimori-next-before', file.nextBefore);
    return reply.send(file.bytes);
  });

  r.get('/api/audit/entries/:seq', { schema: { params: schema.entryParamsSchema, tags } }, async (request) =>
    search.getEntry(ctx, actorOf(request), request.params.seq),
  );
}
