import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from './errors.js';
import { requestLocale } from './locale.js';

/** Fastify's own errors (parsing, limits) mapped onto our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_BAD_URL: 'not_found',
  FST_ERR_MAX_PARAM_LENGTH: 'not_found',
  FST_ERR_ASYNC_CONSTRAINT: 'not_found',
};

/**
 * The router's own refusals (a malformed percent escape, an over-long path parameter) happen before
 * any route or hook; without this Fastify answers them in its own shape, echoing the path.
 * Passed to Fastify as `frameworkErrors`.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = new AppError(FASTIFY_CODES[error.code] ?? 'validation_failed');
  reply
    .header('cache-control', 'no-store')
    .status(appError.status)
    .send(appError.body(requestLocale(request)));
}

function describeValidation(error: FastifyError): { ja: string; en: string } | undefined {
  if (!hasZodFastifySchemaValidationErrors(error)) return undefined;
  const fields = [
    ...new Set(
      error.validation.map((v) => v.instancePath.replace(/^\//, '').replaceAll('/', '.') || v.params?.issue?.path?.join('.') || '(body)'),
    ),
  ];
  const list = fields.slice(0, 10).join(', ');
  return { ja: `入力内容に誤りがあります（${list}）。`, en: `The input is not valid (${list}).` };
}

/** One place maps every failure to `{"error":{"code","message"}}` and a status; no stack trace leaves. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const locale = requestLocale(request);
    if (error instanceof AppError) {
      if (error.code === 'audit_unavailable') request.log.error({ err: error.cause ?? error }, 'audit write failed');
      return reply.status(error.status).send(error.body(locale));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const appError = new AppError('validation_failed', describeValidation(fastifyError));
      return reply.status(appError.status).send(appError.body(locale));
    }
    const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (mapped) {
      const appError = new AppError(mapped);
      return reply.status(appError.status).send(appError.body(locale));
    }
    if (fastifyError.statusCode === 429) {
      const appError = new AppError('rate_limited');
      return reply.status(429).send(appError.body(locale));
    }
    if (error instanceof SyntaxError || (fastifyError.statusCode === 400 && !fastifyError.code?.startsWith('FST_ERR_'))) {
      const appError = new AppError('invalid_json');
      return reply.status(400).send(appError.body(locale));
    }
    request.log.error({ err: error }, 'unhandled error');
    const appError = new AppError('internal_error');
    return reply.status(500).send(appError.body(locale));
  });

  app.setNotFoundHandler((request, reply) => {
    const appError = new AppError('not_found');
    return reply.status(404).send(appError.body(requestLocale(request)));
  });
}
