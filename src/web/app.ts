/**
 * Server-rendered reader pages. Thin edges: validate → query the domain →
 * present with JSX. Errors here render HTML pages with the right status.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { getPublishedArticleOrThrow, listLatestArticles } from '../articles/index.js';
import type { AppContext } from '../context.js';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';
import { AppError, toAppError } from '../shared/errors.js';
import { ArticlePage } from './pages/article.js';
import { ErrorPage, type ErrorKind } from './pages/error.js';
import { HomePage } from './pages/home.js';

/** A plain list on the home page until the portal (channel blocks, hot list) lands. */
const HOME_LATEST_LIMIT = 50;
/** CSS changes only with a deploy; a day of caching is safe and the file is tiny. */
const ASSET_MAX_AGE_S = 86_400;

const siteCss = readFileSync(new URL('./assets/site.css', import.meta.url));

const ArticleParams = z.object({
  id: z.string().regex(ARTICLE_ID_PATTERN, '文章编号格式不正确'),
});

export function sendHtml(reply: FastifyReply, html: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export async function webApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err }, 'page failed');
    const kind: ErrorKind =
      appError.status === 404
        ? 'not-found'
        : appError.status === 410
          ? 'gone'
          : appError.status < 500
            ? 'bad-request'
            : 'error';
    return sendHtml(reply, await ErrorPage({ kind, code: appError.code }), appError.status);
  });

  app.get('/assets/site.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', `public, max-age=${ASSET_MAX_AGE_S}`)
      .send(siteCss),
  );

  app.get('/', async (_request, reply) => {
    const latest = await listLatestArticles(ctx.database.db, HOME_LATEST_LIMIT);
    return sendHtml(reply, await HomePage({ latest }));
  });

  app.get('/article/:id', async (request, reply) => {
    const params = ArticleParams.safeParse(request.params);
    if (!params.success) throw new AppError('ARTICLE_NOT_FOUND');
    const article = await getPublishedArticleOrThrow(ctx.database.db, params.data.id);
    return sendHtml(reply, await ArticlePage({ article }));
  });
}
