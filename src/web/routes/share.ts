/** POST /article/{id}/share: record a share (once per visitor per article per target). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { recordShare, SHARE_TARGETS } from '../../engagement/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody } from '../../http/schemas.js';
import { RATE_RULES } from '../../shared/rate-limit.js';

const WEIBO_SHARE_URL = 'https://service.weibo.com/share/share.php';

const ShareForm = formBody({ target: z.enum(SHARE_TARGETS) });

export const shareRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/article/:id/share',
    {
      schema: { params: ArticleIdParams, body: ShareForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { target } = request.body;
      await reply.limit(`reader-write:${request.clientIp}`, RATE_RULES.readerWritePerIp);
      const article = await getPublishedArticleOrThrow(ctx.database.db, id);
      const result = await recordShare(ctx.database.db, {
        articleId: id,
        target,
        visitorKeys: reply.visitorKeys(),
        at: ctx.clock.now(),
        byAuthor: request.viewer?.creator?.id === article.authorId,
      });
      if (request.headers.accept?.includes('application/json')) return result;
      const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
      if (target === 'weibo') {
        const url = new URL(WEIBO_SHARE_URL);
        url.searchParams.set('url', `${publicUrl}/article/${id}`);
        url.searchParams.set('title', article.title);
        return reply.redirect(url.toString(), 303);
      }
      return reply.seeOther(`/article/${id}?shared=${target}#share`);
    },
  );
};
