/** POST /article/{id}/share: record a share (once per visitor per article per target). */
import type { FastifyInstance } from 'fastify';
import { getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { recordShare, ShareInputSchema } from '../../engagement/index.js';
import { AppError } from '../../shared/errors.js';
import { ARTICLE_ID_PATTERN } from '../../shared/ids.js';
import { parseInput } from '../../shared/validation.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import type { WebApp } from '../app.js';
import { href, VARIANT_PREFIX } from '../page-context.js';
import { visitorKeys } from '../visitor.js';

const WEIBO_SHARE_URL = 'https://service.weibo.com/share/share.php';

export async function shareRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebApp,
): Promise<void> {
  app.post('/article/:id/share', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    const { target } = parseInput(ShareInputSchema, request.body ?? {});
    web.limit(reply, `reader-write:${request.ip}`, RATE_RULES.readerWritePerIp);
    const article = await getPublishedArticleOrThrow(ctx.database.db, id);
    const result = await recordShare(ctx.database.db, {
      articleId: id,
      target,
      visitorKeys: visitorKeys(request, reply, ctx.clock.now()),
      at: ctx.clock.now(),
      byAuthor: request.viewer?.creator?.id === article.author.id,
    });
    if (request.headers.accept?.includes('application/json')) return result;
    const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
    if (target === 'weibo') {
      const url = new URL(WEIBO_SHARE_URL);
      url.searchParams.set('url', `${publicUrl}/article/${id}`);
      url.searchParams.set('title', article.title);
      return reply.redirect(url.toString(), 303);
    }
    const variant = request.url.startsWith(VARIANT_PREFIX.hant) ? 'hant' : 'hans';
    return reply.redirect(`${href({ variant }, `/article/${id}`)}?shared=${target}#share`, 303);
  });
}
