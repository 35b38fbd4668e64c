/**
 * The open JSON API under /api/v1. Authentication is `Authorization: Bearer
 * <token>` only (tokens from POST /api/v1/session); cookies are ignored here,
 * so no cross-site request can act through the API. Errors are
 * `{ "error": { "code", "message", "fields"? } }` with stable codes.
 */
import type { FastifyInstance } from 'fastify';
import { findViewerBySession } from '../accounts/index.js';
import type { AppContext } from '../context.js';
import { toAppError } from '../shared/errors.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { applicationsApi } from './applications.js';
import { articlesApi } from './articles.js';
import { commentsApi } from './comments.js';
import { hotApi } from './hot.js';
import { searchApi } from './search.js';
import { imagesApi } from './images.js';
import { openApiRoute } from './openapi.js';
import { sessionApi } from './session.js';

export interface ApiShared {
  readonly limiter: RateLimiter;
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
  return m?.[1];
}

export async function apiApp(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization);
    request.viewer = token
      ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null)
      : null;
  });
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err }, 'api request failed');
    return reply.code(appError.status).send({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { fields: appError.details } : {}),
      },
    });
  });
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
  );
  await app.register(async (scope) => {
    await sessionApi(scope, ctx, shared);
    await applicationsApi(scope, ctx, shared);
    await articlesApi(scope, ctx, shared);
    await imagesApi(scope, ctx, shared);
    await hotApi(scope, ctx);
    await searchApi(scope, ctx);
    await commentsApi(scope, ctx, shared);
    await openApiRoute(scope);
  });
}
