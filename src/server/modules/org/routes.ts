import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import * as schema from './schema.js';
import * as org from './service.js';

const userParams = z.object({ id: z.uuid() });
const unitParams = z.object({ code: schema.unitCodeSchema });

export function orgRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get('/api/admin/units', { schema: { tags } }, async (request) => ({ units: await org.listUnits(ctx, actorOf(request)) }));

  r.post('/api/admin/units', { schema: { body: schema.createUnitSchema, tags } }, async (request, reply) => {
    const unit = await org.createUnit(ctx, actorOf(request), request.body);
    return reply.status(201).send({ unit });
  });

  r.patch('/api/admin/units/:code', { schema: { params: unitParams, body: schema.updateUnitSchema, tags } }, async (request) => ({
    unit: await org.updateUnit(ctx, actorOf(request), request.params.code, request.body),
  }));

  r.get('/api/admin/users', { schema: { querystring: schema.listUsersQuerySchema, tags } }, async (request) => ({
    users: await org.listUsers(ctx, actorOf(request), request.query),
  }));

  r.post('/api/admin/users', { schema: { body: schema.createUserSchema, tags } }, async (request, reply) => {
    const created = await org.createUser(ctx, actorOf(request), request.body);
    return reply.status(201).send(created);
  });

  r.get('/api/admin/users/:id', { schema: { params: userParams, tags } }, async (request) =>
    org.getUser(ctx, actorOf(request), request.params.id),
  );

  r.put('/api/admin/users/:id/roles', { schema: { params: userParams, body: schema.rolesSchema, tags } }, async (request) =>
    org.setRoles(ctx, actorOf(request), request.params.id, request.body.roles),
  );

  r.post('/api/admin/users/:id/posts', { schema: { params: userParams, body: schema.addPostSchema, tags } }, async (request, reply) => {
    const created = await org.addPost(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(201).send(created);
  });

  r.delete(
    '/api/admin/users/:id/posts/:postId',
    { schema: { params: userParams.extend({ postId: z.uuid() }), tags } },
    async (request, reply) => {
      await org.endPost(ctx, actorOf(request), request.params.id, request.params.postId);
      return reply.status(204).send();
    },
  );

  r.post('/api/admin/users/:id/transfer', { schema: { params: userParams, body: schema.transferSchema, tags } }, async (request, reply) => {
    await org.transferUser(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  r.post('/api/admin/users/:id/retire', { schema: { params: userParams, body: schema.retireSchema, tags } }, async (request, reply) => {
    await org.retireUser(ctx, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  r.post('/api/admin/users/:id/reset-password', { schema: { params: userParams, tags } }, async (request) =>
    org.resetPassword(ctx, actorOf(request), request.params.id),
  );

  r.post('/api/admin/users/:id/unlock', { schema: { params: userParams, tags } }, async (request, reply) => {
    await org.unlockUser(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  r.post('/api/admin/users/:id/disable', { schema: { params: userParams, body: schema.disableSchema, tags } }, async (request, reply) => {
    await org.disableUser(ctx, actorOf(request), request.params.id, request.body.reason);
    return reply.status(204).send();
  });

  r.post('/api/admin/users/:id/enable', { schema: { params: userParams, tags } }, async (request, reply) => {
    await org.enableUser(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  r.get('/api/admin/sessions', { schema: { querystring: z.object({ userId: z.uuid().optional() }), tags } }, async (request) => ({
    sessions: await org.listSessions(ctx, actorOf(request), request.query.userId),
  }));

  r.delete('/api/admin/sessions/:id', { schema: { params: userParams, tags } }, async (request, reply) => {
    await org.endSessionAsAdmin(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  r.get('/api/units/:code/members', { schema: { params: unitParams, tags: ['org'] } }, async (request) =>
    org.unitMembers(ctx, actorOf(request), request.params.code),
  );
}
