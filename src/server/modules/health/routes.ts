import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { VERSION } from '../../version.js';

export function healthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/health', { schema: { tags: ['meta'] }, config: { auth: 'public' } }, async () => {
    try {
      await sql`SELECT 1`.execute(ctx.db);
    } catch {
      throw new AppError('service_unavailable');
    }
    return {
      status: 'ok',
      database: ctx.dbKind,
      version: VERSION,
      time: ctx.clock.now().toISOString(),
      // AUD-6: the clock's source and state as recorded at start.
      clock: ctx.auditRuntime.clock,
      audit: ctx.auditRuntime.checkpointer?.status ?? null,
    };
  });
}
