/** An article's tools in the studio: its preview page, its originality match report, its revisions. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireViewer } from '../../accounts/index.js';
import {
  diffLines,
  getRevisionOrThrow,
  listRevisions,
  restoreRevision,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, loose } from '../../http/schemas.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { getMatchReport } from '../../originality/index.js';
import { PreviewPage, RevisionsPage } from '../pages/article-tools.js';
import { RevisionComparePage } from '../pages/revisions.js';
import { MatchReportPage } from '../pages/originality.js';
import { articleRoute, authorizeArticleChange, getOwnArticleOrThrow } from './studio-access.js';

const RevisionParams = z.object({
  id: ArticleIdParams.shape.id,
  n: z.coerce.number().int().min(1).max(1_000_000),
});
const revisionNumber = loose(z.coerce.number().int().min(1).max(1_000_000));
const CompareQuery = z.object({ from: revisionNumber, to: revisionNumber });

export const articleToolRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio/articles/:id/preview', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
    return reply.render(PreviewPage({ ctx: await request.pageContext(), article }));
  });

  app.get('/studio/articles/:id/originality', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
    return reply.render(
      MatchReportPage({
        ctx: await request.pageContext(),
        article,
        items: await getMatchReport(db, article.id),
      }),
    );
  });

  app.get('/studio/articles/:id/revisions', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
    const revisions = await listRevisions(db, article.id);
    return reply.render(
      RevisionsPage({
        ctx: await request.pageContext(),
        articleId: article.id,
        current: article.revision,
        revisions,
      }),
    );
  });

  /** Two revisions side by side as one diff: `from` (default the one before `to`) → `to` (default the current). */
  app.get(
    '/studio/articles/:id/revisions/compare',
    { ...articleRoute, schema: { ...articleRoute.schema, querystring: CompareQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
      const to = request.query.to ?? article.revision;
      const from = request.query.from ?? Math.max(1, to - 1);
      const [revisions, before, after] = await Promise.all([
        listRevisions(db, article.id),
        getRevisionOrThrow(db, article.id, from),
        getRevisionOrThrow(db, article.id, to),
      ]);
      return reply.render(
        RevisionComparePage({
          ctx: await request.pageContext(),
          articleId: article.id,
          revisions,
          before,
          after,
          title: diffLines(before.title, after.title),
          body: diffLines(before.bodySource, after.bodySource),
        }),
      );
    },
  );

  /** Restoring is editing: a new revision with the old text (authorized as a save). */
  app.post(
    '/studio/articles/:id/revisions/:n/restore',
    { schema: { params: RevisionParams }, config: { notFound: 'ARTICLE_NOT_FOUND' } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await authorizeArticleChange(ctx, request, request.params.id);
      await restoreRevision(db, ctx.clock, { userId: viewer.id }, article.id, request.params.n);
      return reply.seeOther(`/studio/articles/${article.id}/edit?done=restored`);
    },
  );

  app.get(
    '/studio/articles/:id/revisions/:n',
    { schema: { params: RevisionParams } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
      const n = request.params.n;
      const [revisions, shown] = await Promise.all([
        listRevisions(db, article.id),
        getRevisionOrThrow(db, article.id, n),
      ]);
      return reply.render(
        RevisionsPage({
          ctx: await request.pageContext(),
          articleId: article.id,
          current: article.revision,
          revisions,
          shown,
        }),
      );
    },
  );
};
