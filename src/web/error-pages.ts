/** Errors as pages in the web scope: the error handler and the not-found handler render ErrorPage. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withRefs, type ArticleCard } from '../articles/index.js';
import type { AppContext } from '../context.js';
import { logFailure, RETRY_AFTER_S } from '../http/failures.js';
import { routeError } from '../http/route-schema.js';
import { listHotArticles } from '../ranking/index.js';
import { DEFAULT_SITE_SETTINGS } from '../settings/index.js';
import { AppError, toAppError } from '../shared/errors.js';
import { findRedirect } from '../transfer/index.js';
import type {} from './decorations.js';
import type { PageContext, Variant } from './page-context.js';
import { ErrorPage, type ErrorKind } from './pages/simple.js';

/** Articles offered on 404/410 pages. */
const ERROR_SUGGESTIONS = 8;

/** Errors and unknown paths answer with an error page (logged; Retry-After while the database is down). */
export function installErrorPages(app: FastifyInstance, ctx: AppContext, variant: Variant): void {
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(routeError(err, request.routeOptions.config.notFound));
    logFailure(request, appError, err);
    if (appError.code === 'DB_UNAVAILABLE') reply.header('retry-after', String(RETRY_AFTER_S));
    return renderError(ctx, variant, request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => {
    // An imported article's old address (its permalink on the old site) moves here for good.
    if (request.method === 'GET' || request.method === 'HEAD') {
      const moved = await findRedirect(ctx.database.db, request.url).catch(() => undefined);
      if (moved) return reply.redirect(`/article/${moved}`, 301);
    }
    return renderError(ctx, variant, request, reply, new AppError('NOT_FOUND'));
  });
}

/** Which error page a status shows. */
function errorKind(status: number): ErrorKind {
  return status === 404
    ? 'not-found'
    : status === 410
      ? 'gone'
      : status === 503
        ? 'unavailable'
        : status < 500
          ? 'bad-request'
          : 'error';
}

/** An error as a page: 404 and 410 suggest hot articles; it renders even when the database fails. */
async function renderError(
  ctx: AppContext,
  variant: Variant,
  request: FastifyRequest,
  reply: FastifyReply,
  appError: AppError,
) {
  const kind = errorKind(appError.status);
  let pageCtx: PageContext;
  let suggestions: ArticleCard[] = [];
  try {
    pageCtx = await request.pageContext();
    if (kind === 'not-found' || kind === 'gone') {
      suggestions = await withRefs(
        ctx.database.db,
        await listHotArticles(ctx.database.db, ctx.clock, { limit: ERROR_SUGGESTIONS }),
        pageCtx.channels,
      );
    }
  } catch {
    // CASE: the database itself is failing; the error page must still render.
    pageCtx = {
      variant,
      care: request.care,
      settings: DEFAULT_SITE_SETTINGS,
      channels: [],
      path: '/',
      publicUrl: ctx.publicUrl ?? 'http://127.0.0.1:3000',
      viewer: null,
      csrf: '',
    };
  }
  return reply.render(
    ErrorPage({
      ctx: pageCtx,
      kind,
      code: appError.code,
      suggestions,
      message: appError.message,
      details: appError.details ?? [],
    }),
    appError.status,
  );
}
