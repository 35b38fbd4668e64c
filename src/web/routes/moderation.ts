/** The moderation desk (editors): open items, decisions, restoring removed articles; the audit log (admins). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { listApplications } from '../../creators/index.js';
import { listCommentsForModeration } from '../../engagement/index.js';
import {
  decideItems,
  listOpenItems,
  REPORT_REASONS,
  restoreRemovedArticle,
  type DeskKind,
} from '../../moderation/index.js';
import { listRemovedArticles } from '../../articles/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody, formList, formText, loose } from '../../http/schemas.js';
import { DeskPage, type DeskFilter } from '../pages/moderation.js';

const FILTERS = [
  'all',
  'applications',
  'held_article',
  'article_report',
  'comments',
] as const satisfies readonly DeskFilter[];
const DeskQuery = z.object({
  type: z.enum(FILTERS).default('all').catch('all'),
  done: loose(z.string().max(32)),
});
const DecideForm = formBody({
  action: formText(32),
  ids: formList(1000, 64),
  reason: formText(10_000),
});
const ReasonForm = formBody({ reason: formText(10_000) });
const DECIDED: Record<string, string> = {
  approve: '已通过并发布',
  reject: '已驳回，文章退回作者草稿箱',
  remove: '已删除文章',
  dismiss: '已忽略举报',
  restore: '已恢复文章',
};

export const moderationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio/moderation', { schema: { querystring: DeskQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'editor', 'admin');
    const q = request.query;
    const filter = q.type;
    const kind: DeskKind | undefined =
      filter === 'held_article' || filter === 'article_report' ? filter : undefined;
    const [items, applications, comments, removed] = await Promise.all([
      listOpenItems(db, kind),
      listApplications(db, 'pending'),
      listCommentsForModeration(db),
      listRemovedArticles(db),
    ]);
    return reply.render(
      DeskPage({
        ctx: await request.pageContext(),
        filter,
        items,
        applications,
        comments,
        removed,
        notice: q.done ? DECIDED[q.done] : undefined,
        reportLabels: REPORT_REASONS,
      }),
    );
  });

  app.post(
    '/studio/moderation/decide',
    { schema: { body: DecideForm } },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'editor', 'admin');
      const form = request.body;
      await decideItems(db, ctx.clock, viewer.id, form);
      return reply.seeOther(`/studio/moderation?done=${encodeURIComponent(form.action)}`);
    },
  );

  app.post(
    '/studio/moderation/restore/:id',
    {
      schema: { params: ArticleIdParams, body: ReasonForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'editor', 'admin');
      await restoreRemovedArticle(db, ctx.clock, viewer.id, request.params.id, request.body.reason);
      return reply.seeOther('/studio/moderation?done=restore');
    },
  );

  // The audit log moved into the admin console.
  app.get('/studio/audit', async (_request, reply) => reply.redirect('/studio/admin/audit', 301));
};
