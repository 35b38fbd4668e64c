/** The moderation desk (editors), the audit log (admins) and readers' reports of articles (举报). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import { listRecentAudit } from '../../audit/index.js';
import { getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { listApplications } from '../../creators/index.js';
import { listCommentsForModeration } from '../../engagement/index.js';
import {
  addLexiconTerm,
  CATEGORY_LABELS,
  decideItems,
  listLexiconTerms,
  removeLexiconTerm,
  syncLexicon,
  listOpenItems,
  listRemovedArticles,
  REPORT_REASONS,
  reportArticle,
  restoreRemovedArticle,
  type DeskKind,
} from '../../moderation/index.js';
import { isAppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody, formList, formText, loose } from '../../http/schemas.js';
import { fieldErrors } from '../views/form.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { AuditPage, DeskPage, LexiconPage, type DeskFilter } from '../pages/moderation.js';

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
const ReportForm = formBody({ reason: formText(64), note: formText(10_000) });
const LexiconForm = formBody({ term: formText(1000), category: formText(64) });
const DoneQuery = z.object({ done: loose(z.string().max(32)) });
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

  app.get('/studio/audit', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'admin');
    return reply.render(
      AuditPage({ ctx: await request.pageContext(), entries: await listRecentAudit(db) }),
    );
  });

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

  const lexiconPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: Record<string, string>;
      value?: { term: string; category: string };
      notice?: string;
    } = {},
    status = 200,
  ) =>
    reply.render(
      LexiconPage({
        ctx: await request.pageContext(),
        terms: await listLexiconTerms(db),
        labels: CATEGORY_LABELS,
        errors: extra.errors ?? {},
        value: extra.value,
        notice: extra.notice,
      }),
      status,
    );

  app.get('/studio/lexicon', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'admin');
    const done = request.query.done;
    return lexiconPage(request, reply, {
      notice: done === 'add' ? '已加入词库' : done === 'remove' ? '已从词库删除' : undefined,
    });
  });

  app.post('/studio/lexicon', { schema: { body: LexiconForm } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const value = request.body;
    try {
      await addLexiconTerm(db, ctx.clock, viewer.id, value);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return lexiconPage(request, reply, { errors: fieldErrors(err.details), value }, 422);
    }
    await syncLexicon(db);
    return reply.seeOther('/studio/lexicon?done=add');
  });

  app.post(
    '/studio/lexicon/delete',
    { schema: { body: formBody({ term: formText(1000) }) } },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      await removeLexiconTerm(db, ctx.clock, viewer.id, request.body.term);
      await syncLexicon(db);
      return reply.seeOther('/studio/lexicon?done=remove');
    },
  );
};
