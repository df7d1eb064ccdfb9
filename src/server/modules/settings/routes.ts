import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { vocabulary } from '../org/catalog.js';
import { settingsPatchSchema } from './schema.js';

export function settingsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Labels follow the organisation type (police or local government, ORG-2); needed before login. */
  r.get('/api/vocabulary', { schema: { tags: ['meta'] }, config: { auth: 'public' } }, async () => {
    const settings = await ctx.settings.get();
    return { ...vocabulary(settings.organizationType), organizationName: settings.organizationName };
  });

  r.get('/api/admin/settings', { schema: { tags: ['admin'] } }, async (request) => {
    await authorize(ctx, actorOf(request), 'admin.settings.read', { type: 'System' });
    return ctx.settings.get();
  });

  r.patch('/api/admin/settings', { schema: { body: settingsPatchSchema, tags: ['admin'] } }, async (request) => {
    const actor = actorOf(request);
    await authorize(ctx, actor, 'admin.settings.write', { type: 'System' });
    return ctx.settings.update(actor, request.body);
  });
}
