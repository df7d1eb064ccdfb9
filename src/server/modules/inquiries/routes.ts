import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import * as access from './access-service.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** 照会 and 照会記録 (APP-7 … APP-10, AUD-4); see docs/api.md "Inquiries". Thin: validate, one service call, answer. */
export function inquiryRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inquiries'];

  // The answer holds personal data: `cache-control: no-store` is set on every /api answer (app.ts).
  r.post('/api/inquiries', { schema: { body: schema.inquiryBodySchema, tags } }, async (request) =>
    service.runInquiry(ctx, actorOf(request), request.body),
  );

  r.get('/api/access-records', { schema: { querystring: schema.accessRecordsQuerySchema, tags } }, async (request) =>
    access.listAccessRecords(ctx, actorOf(request), request.query),
  );

  r.get('/api/access-records.csv', { schema: { querystring: schema.accessRecordsQuerySchema, tags } }, async (request, reply) => {
    const file = await access.exportAccessRecordsCsv(ctx, actorOf(request), request.query);
    return reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-sekimori-rows', String(file.rows))
      .header('x-sekimori-unencodable', String(file.unencodable))
      .header('x-sekimori-truncated', String(file.truncated))
      .send(file.bytes);
  });
}
