import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import * as decisions from './decision-service.js';
import * as delegation from './delegation.js';
import * as drafts from './draft-service.js';
import * as emergency from './emergency-service.js';
import * as exports from './export-service.js';
import { fieldForm } from './presenters.js';
import * as query from './query-service.js';
import * as recordsService from './records-service.js';
import * as registers from './register-service.js';
import * as schema from './schema.js';

/** Attachments travel as base64 in JSON: 2 MiB of file is about 2.7 MiB of body. */
const ATTACHMENT_BODY_LIMIT = 3 * 1024 * 1024;

/** The ASCII fallback name keeps the extension of the real one, which services make match the content type. */
function sendFile(reply: FastifyReply, file: { bytes: Buffer; filename: string }, contentType: string) {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(file.filename)?.[0].toLowerCase() ?? '.bin';
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="request${extension}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.bytes);
}

/**
 * A form PDF for the preview frame on the request page (`?inline=1`): shown in place, and framable by
 * this origin only (every other answer keeps frame-ancestors 'none').
 */
function sendPdf(reply: FastifyReply, file: { bytes: Buffer; filename: string }, inline: boolean) {
  if (!inline) return sendFile(reply, file, 'application/pdf');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="request.pdf"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('content-security-policy', "frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .send(file.bytes);
}

/** Applications and approvals (申請・決裁); see docs/api.md "Requests". Thin: validate, one service call, answer. */
export function requestRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requests'];
  const params = schema.requestIdParams;

  r.get('/api/requests/types', { schema: { tags } }, async () => ({
    types: query.typeCatalogue().types.map((type) => ({ ...type, ...fieldForm(type.code) })),
  }));

  r.post('/api/requests', { schema: { body: schema.createRequestSchema, tags } }, async (request, reply) => {
    const created = await drafts.createDraft(ctx, actorOf(request), request.body);
    return reply.status(201).send({ request: created });
  });

  r.get('/api/requests', { schema: { querystring: schema.listQuerySchema, tags } }, async (request) =>
    query.listMine(ctx, actorOf(request), request.query),
  );

  r.get('/api/requests/inbox', { schema: { tags } }, async (request) => query.inbox(ctx, actorOf(request)));

  r.get('/api/requests/all', { schema: { querystring: schema.listQuerySchema, tags } }, async (request) =>
    query.listAll(ctx, actorOf(request), request.query),
  );

  r.get('/api/requests/export.csv', { schema: { querystring: schema.csvQuerySchema, tags } }, async (request, reply) => {
    const { scope, ...q } = request.query;
    const file = await exports.exportCsv(ctx, actorOf(request), scope, q);
    return reply
      .header('content-type', 'text/csv; charset=Shift_JIS')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-sekimori-unencodable', String(file.unencodable))
      .header('x-sekimori-rows', String(file.rows))
      .send(file.bytes);
  });

  r.get('/api/requests/reports/overdue', { schema: { tags } }, async (request) => query.overdueReport(ctx, actorOf(request)));

  r.get('/api/requests/flagged-decisions', { schema: { tags } }, async (request) => query.flaggedDecisions(ctx, actorOf(request)));

  r.post(
    '/api/requests/flagged-decisions/:id/review',
    { schema: { params: schema.uuidParams, body: schema.reviewSchema, tags } },
    async (request, reply) => {
      await registers.reviewDecision(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  r.post('/api/requests/oral', { schema: { body: schema.oralSchema, tags } }, async (request, reply) => {
    const created = await emergency.acceptOral(ctx, actorOf(request), request.body);
    return reply.status(201).send({ request: created });
  });

  r.get('/api/requests/:id', { schema: { params, tags } }, async (request) => query.show(ctx, actorOf(request), request.params.id));

  r.patch('/api/requests/:id', { schema: { params, body: schema.updateRequestSchema, tags } }, async (request) => ({
    request: await drafts.updateDraft(ctx, actorOf(request), request.params.id, request.body),
  }));

  r.post('/api/requests/:id/submit', { schema: { params, tags } }, async (request) => ({
    request: await drafts.submit(ctx, actorOf(request), request.params.id, 'draft'),
  }));

  r.post('/api/requests/:id/resubmit', { schema: { params, tags } }, async (request) => ({
    request: await drafts.submit(ctx, actorOf(request), request.params.id, 'returned'),
  }));

  r.post('/api/requests/:id/withdraw', { schema: { params, body: schema.withdrawSchema, tags } }, async (request) => ({
    request: await drafts.withdraw(ctx, actorOf(request), request.params.id, request.body),
  }));

  r.post('/api/requests/:id/cancel', { schema: { params, body: schema.cancelSchema, tags } }, async (request) => ({
    request: await drafts.cancel(ctx, actorOf(request), request.params.id, request.body),
  }));

  // 承認 and 合議 are one act: the stage says which it is.
  for (const verb of ['approve', 'concur'] as const) {
    r.post(`/api/requests/:id/${verb}`, { schema: { params, body: schema.approveSchema, tags } }, async (request) => ({
      request: await decisions.decide(ctx, actorOf(request), request.params.id, { decision: 'approve', ...request.body }),
    }));
  }

  r.post('/api/requests/:id/reject', { schema: { params, body: schema.rejectSchema, tags } }, async (request) => ({
    request: await decisions.decide(ctx, actorOf(request), request.params.id, { decision: 'reject', ...request.body }),
  }));

  r.post('/api/requests/:id/return', { schema: { params, body: schema.rejectSchema, tags } }, async (request) => ({
    request: await decisions.decide(ctx, actorOf(request), request.params.id, { decision: 'return', ...request.body }),
  }));

  r.post('/api/requests/:id/paperwork', { schema: { params, body: schema.paperworkSchema, tags } }, async (request) => ({
    request: await emergency.filePaperwork(ctx, actorOf(request), request.params.id, request.body),
  }));

  r.post('/api/requests/:id/comments', { schema: { params, body: schema.commentSchema, tags } }, async (request, reply) => {
    const comment = await recordsService.addComment(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(201).send({ comment });
  });

  r.post(
    '/api/requests/:id/attachments',
    { bodyLimit: ATTACHMENT_BODY_LIMIT, schema: { params, body: schema.attachmentSchema, tags } },
    async (request, reply) => {
      const attachment = await recordsService.addAttachment(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ attachment });
    },
  );

  r.get('/api/requests/:id/attachments/:attachmentId', { schema: { params: schema.attachmentParams, tags } }, async (request, reply) => {
    const file = await recordsService.downloadAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId);
    reply.header('x-content-type-options', 'nosniff');
    return sendFile(reply, { bytes: file.data, filename: file.filename }, file.contentType);
  });

  r.post('/api/requests/:id/lend', { schema: { params, body: schema.lendSchema, tags } }, async (request) =>
    recordsService.recordLend(ctx, actorOf(request), request.params.id, request.body),
  );

  /** `?inline=1`: for the preview frame of the request page. */
  const pdfQuery = z.object({ inline: z.literal('1').optional() });
  r.get('/api/requests/:id/pdf', { schema: { params, querystring: pdfQuery, tags } }, async (request, reply) =>
    sendPdf(reply, await exports.requestPdf(ctx, actorOf(request), request.params.id, 'form'), request.query.inline === '1'),
  );

  r.get('/api/requests/:id/permit.pdf', { schema: { params, querystring: pdfQuery, tags } }, async (request, reply) =>
    sendPdf(reply, await exports.requestPdf(ctx, actorOf(request), request.params.id, 'permit'), request.query.inline === '1'),
  );

  // 代決 (delegation): my deputies and whom I stand in for.
  r.get('/api/delegations', { schema: { tags } }, async (request) => delegation.listDelegations(ctx, actorOf(request)));

  r.post('/api/delegations', { schema: { body: schema.delegationSchema, tags } }, async (request, reply) => {
    const created = await delegation.createDelegation(ctx, actorOf(request), request.body);
    return reply.status(201).send({ delegation: created });
  });

  r.delete('/api/delegations/:id', { schema: { params: schema.uuidParams, tags } }, async (request, reply) => {
    await delegation.revokeDelegation(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // GOV-2: the register of approved external services.
  r.get('/api/external-services', { schema: { querystring: schema.serviceListQuerySchema, tags } }, async (request) =>
    registers.listExternalServices(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/external-services/:id/end',
    { schema: { params: schema.uuidParams, body: schema.serviceEndSchema, tags } },
    async (request) => registers.endExternalService(ctx, actorOf(request), request.params.id, 'end', request.body),
  );

  r.post(
    '/api/external-services/:id/deletion-confirmation',
    { schema: { params: schema.uuidParams, body: schema.serviceEndSchema, tags } },
    async (request) => registers.endExternalService(ctx, actorOf(request), request.params.id, 'deletion', request.body),
  );
}
