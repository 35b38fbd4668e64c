/**
 * The open JSON API under /api/v1. Authentication is `Authorization: Bearer
 * <token>` only (tokens from POST /api/v1/session); cookies are ignored here,
 * so no cross-site request can act through the API. Errors are
 * `{ "error": { "code", "message", "fields"? } }` with stable codes.
 *
 * Every route declares its zod schemas; the OpenAPI document is generated
 * from the routes as registered (api/openapi.ts), never written by hand.
 */
import { adminApi } from './admin.js';
import { adminUsersApi } from './admin-users.js';
import { importsApi } from './imports.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findViewerBySession } from '../creators/index.js';
import type { AppContext } from '../context.js';
import { logFailure, RETRY_AFTER_S } from '../http/failures.js';
import { bearerToken } from '../http/request-parts.js';
import { routeError } from '../http/route-schema.js';
import { toAppError } from '../shared/errors.js';
import { enforceRate } from '../shared/rate-limit.js';
import type {} from '../web/decorations.js';
import type { WebShared } from '../web/app.js';
import { pageStateApi } from './page-state.js';
import { applicationReviewApi, applicationsApi } from './applications.js';
import { articlePublishingApi, articleWritesApi } from './article-writes.js';
import { articleApi, articlesApi } from './articles.js';
import { meApi } from './me.js';
import { notificationsApi } from './notifications.js';
import { commentsApi } from './comments.js';
import { hotApi } from './hot.js';
import { imagesApi } from './images.js';
import { openApiRoutes, type DocumentedRoute } from './openapi.js';
import { originalityApi } from './originality.js';
import { reactionsApi } from './reactions.js';
import { revisionsApi } from './revisions.js';
import { searchApi } from './search.js';
import { sessionApi, usersApi } from './session.js';

/** What the API shares with the web scopes (the page-state route renders web slots). */
export type ApiShared = WebShared;

export async function apiApp(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const documented: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    documented.push({ method: route.method, url: route.url, schema: route.schema ?? {} });
  });
  app.decorateRequest('viewer', null);
  app.decorateReply('limit', async function (this: FastifyReply, key: string, rule) {
    await enforceRate(shared.limits, key, rule, (k, v) => this.header(k, v));
  });
  app.decorateReply('forgetLimit', async function (key: string) {
    await shared.limits.reset(key);
  });
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization);
    request.viewer = token
      ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null)
      : null;
  });
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(routeError(err, request.routeOptions.config.notFound));
    logFailure(request, appError, err);
    if (appError.code === 'DB_UNAVAILABLE') reply.header('retry-after', String(RETRY_AFTER_S));
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
  const options = { ctx };
  await app.register(usersApi, options);
  await app.register(sessionApi, options);
  await app.register(applicationsApi, options);
  await app.register(applicationReviewApi, options);
  await app.register(articlesApi, options);
  await app.register(articleApi, options);
  await app.register(articleWritesApi, options);
  await app.register(articlePublishingApi, options);
  await app.register(originalityApi, options);
  await app.register(imagesApi, options);
  await app.register(revisionsApi, options);
  await app.register(hotApi, options);
  await app.register(searchApi, options);
  await app.register(commentsApi, options);
  await app.register(reactionsApi, options);
  await app.register(meApi, options);
  await app.register(notificationsApi, options);
  await app.register(pageStateApi, { ctx, shared });
  await app.register(adminApi, options);
  await app.register(adminUsersApi, options);
  await app.register(importsApi, options);
  await app.register(openApiRoutes, { routes: documented });
}
