/** Readers' reports of articles (举报), for the moderation desk. */
import type { FastifyPluginAsync } from 'fastify';
import { getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody, formText } from '../../http/schemas.js';
import { reportArticle } from '../../moderation/index.js';
import { RATE_RULES } from '../../shared/rate-limit.js';

const ReportForm = formBody({ reason: formText(64), note: formText(10_000) });

export const reportRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/article/:id/report',
    {
      schema: { params: ArticleIdParams, body: ReportForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!request.viewer) return reply.signInFirst(`/article/${id}#report`);
      await reply.limit(`report:${request.viewer.id}`, RATE_RULES.reportPerUser);
      await getPublishedArticleOrThrow(db, id);
      await reportArticle(db, ctx.clock, request.viewer.id, id, request.body);
      return reply.seeOther(`/article/${id}?reported=1#report`);
    },
  );
};
