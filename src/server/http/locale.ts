import type { FastifyRequest } from 'fastify';
import { type Locale, pickLocale } from './messages.js';

export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return pickLocale(typeof header === 'string' ? header : undefined, request.auth?.user.locale);
}
