/** The open JSON API under /api/v1. Errors are `{ error: { code, message, details? } }`. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { isAppError } from '../shared/errors.js';
import { articlesApi } from './articles.js';

export async function apiApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.setErrorHandler(async (err, request, reply) => {
    if (isAppError(err)) {
      return reply.code(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
        },
      });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'api request failed');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
    }
    return reply
      .code(status)
      .send({ error: { code: 'BAD_REQUEST', message: (err as Error).message } });
  });
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
  );
  await app.register(async (scope) => articlesApi(scope, ctx));
}
