import type { FastifyInstance } from 'fastify';
import { LONE_SURROGATE } from '../shared/unicode.js';
import { AppError } from './errors.js';

function unstorable(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

/**
 * APP-12: text the database cannot store is refused at the door. PostgreSQL text never holds U+0000,
 * and a lone surrogate has no UTF-8 form (nor an RFC 8785 canonical form for the audit entry), so
 * either would otherwise surface as an error (500) in whatever statement first meets it. The walk is
 * iterative: deeply nested JSON cannot exhaust the stack.
 */
export function containsUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (unstorable(item)) return true;
    } else if (Array.isArray(item)) {
      for (const v of item) stack.push(v);
    } else if (item !== null && typeof item === 'object') {
      for (const [k, v] of Object.entries(item)) {
        if (unstorable(k)) return true;
        stack.push(v);
      }
    }
  }
  return false;
}

export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (containsUnstorableText(request.params) || containsUnstorableText(request.query) || containsUnstorableText(request.body)) {
      throw new AppError('validation_failed', {
        ja: '入力内容に使用できない文字（NUL 文字または不正な文字コード）が含まれています。',
        en: 'The input contains a character that is not allowed (NUL or an unpaired surrogate).',
      });
    }
  });
}
