/** The open JSON API under /api/v1. Errors are `{ error: { code, message, details? } }`. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { toAppError } from '../shared/errors.js';
import { articlesApi } from './articles.js';

export async function apiApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err }, 'api request failed');
    return reply.code(appError.status).send({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { details: appError.details } : {}),
      },
    });
  });
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
  );
  await app.register(async (scope) => articlesApi(scope, ctx));
}
