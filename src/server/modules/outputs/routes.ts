import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../context.js';

/** Placeholder: the routes of this module are being written (issue 5). */
export function outputRoutes(_app: FastifyInstance, _ctx: ServiceContext): void {}
