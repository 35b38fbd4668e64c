/** The moderation desk (editors), the audit log (admins) and readers' reports of articles (举报). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { AppError, isAppError } from '../../shared/errors.js';
import { fieldErrors } from '../views/form.js';
import { ARTICLE_ID_PATTERN } from '../../shared/ids.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import type { WebApp } from '../app.js';
import { AuditPage, DeskPage, LexiconPage, type DeskFilter } from '../pages/moderation.js';

type Form = Record<string, string | string[] | undefined>;
const str = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
const list = (v: unknown) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []);
const FILTERS: readonly DeskFilter[] = [
  'all',
  'applications',
  'held_article',
  'article_report',
  'comments',
];
const DECIDED: Record<string, string> = {
  approve: '已通过并发布',
  reject: '已驳回，文章退回作者草稿箱',
  remove: '已删除文章',
  dismiss: '已忽略举报',
  restore: '已恢复文章',
};

export async function moderationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebApp,
): Promise<void> {
  const db = ctx.database.db;
  const base = (request: FastifyRequest) => (request.url.startsWith('/zh-hant') ? '/zh-hant' : '');
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`${base(request)}/signin?next=${encodeURIComponent(request.url)}`, 303);

  app.get('/studio/moderation', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    requireRole(request.viewer, 'editor', 'admin');
    const q = request.query as Form;
    const filter = FILTERS.find((f) => f === str(q.type)) ?? 'all';
    const kind: DeskKind | undefined =
      filter === 'held_article' || filter === 'article_report' ? filter : undefined;
    const [items, applications, comments, removed] = await Promise.all([
      listOpenItems(db, kind),
      listApplications(db, 'pending'),
      listCommentsForModeration(db),
      listRemovedArticles(db),
    ]);
    return web.render(
      reply,
      DeskPage({
        ctx: await web.pageContext(request),
        filter,
        items,
        applications,
        comments,
        removed,
        notice: DECIDED[str(q.done)],
        reportLabels: REPORT_REASONS,
      }),
    );
  });

  app.post('/studio/moderation/decide', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const form = (request.body ?? {}) as Form;
    const action = str(form.action);
    await decideItems(db, ctx.clock, viewer.id, {
      action: action as 'approve',
      ids: list(form.ids),
      reason: str(form.reason),
    });
    return reply.redirect(
      `${base(request)}/studio/moderation?done=${encodeURIComponent(action)}`,
      303,
    );
  });

  app.post('/studio/moderation/restore/:id', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    await restoreRemovedArticle(
      db,
      ctx.clock,
      viewer.id,
      id,
      str(((request.body ?? {}) as Form).reason),
    );
    return reply.redirect(`${base(request)}/studio/moderation?done=restore`, 303);
  });

  app.get('/studio/audit', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    requireRole(request.viewer, 'admin');
    return web.render(
      reply,
      AuditPage({ ctx: await web.pageContext(request), entries: await listRecentAudit(db) }),
    );
  });

  app.post('/article/:id/report', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    if (!request.viewer)
      return reply.redirect(
        `${base(request)}/signin?next=${encodeURIComponent(`/article/${id}#report`)}`,
        303,
      );
    web.limit(reply, `report:${request.viewer.id}`, RATE_RULES.reportPerUser);
    await getPublishedArticleOrThrow(db, id);
    const form = (request.body ?? {}) as Form;
    await reportArticle(db, ctx.clock, request.viewer.id, id, {
      reason: str(form.reason) as 'other',
      note: str(form.note),
    });
    return reply.redirect(`${base(request)}/article/${id}?reported=1#report`, 303);
  });

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
    web.render(
      reply,
      LexiconPage({
        ctx: await web.pageContext(request),
        terms: await listLexiconTerms(db),
        labels: CATEGORY_LABELS,
        errors: extra.errors ?? {},
        value: extra.value,
        notice: extra.notice,
      }),
      status,
    );

  app.get('/studio/lexicon', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    requireRole(request.viewer, 'admin');
    const done = str((request.query as Form).done);
    return lexiconPage(request, reply, {
      notice: done === 'add' ? '已加入词库' : done === 'remove' ? '已从词库删除' : undefined,
    });
  });

  app.post('/studio/lexicon', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const form = (request.body ?? {}) as Form;
    const value = { term: str(form.term), category: str(form.category) };
    try {
      await addLexiconTerm(db, ctx.clock, viewer.id, value as never);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return lexiconPage(request, reply, { errors: fieldErrors(err.details), value }, 422);
    }
    await syncLexicon(db);
    return reply.redirect(`${base(request)}/studio/lexicon?done=add`, 303);
  });

  app.post('/studio/lexicon/delete', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    await removeLexiconTerm(db, ctx.clock, viewer.id, str(((request.body ?? {}) as Form).term));
    await syncLexicon(db);
    return reply.redirect(`${base(request)}/studio/lexicon?done=remove`, 303);
  });
}
