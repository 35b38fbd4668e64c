/** 跟贴 actions: post, like, report, delete (author, article's creator, editors), approve (editors). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isEditor, requireRole } from '../../accounts/index.js';
import { findArticle, getPublishedArticleOrThrow } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import {
  approveComment,
  findCommentOrThrow,
  listCommentsForModeration,
  postComment,
  removeComment,
  reportComment,
  toggleCommentLike,
} from '../../engagement/index.js';
import { screenContent } from '../../moderation/index.js';
import { AppError } from '../../shared/errors.js';
import { ARTICLE_ID_PATTERN } from '../../shared/ids.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { getSiteSettings } from '../../settings/index.js';
import type { WebApp } from '../app.js';
import { ModerationPage } from '../pages/moderation.js';

type Form = Record<string, string | string[] | undefined>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export async function commentRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebApp,
): Promise<void> {
  const db = ctx.database.db;
  const base = (request: FastifyRequest) => (request.url.startsWith('/zh-hant') ? '/zh-hant' : '');
  const signInFirst = (request: FastifyRequest, reply: FastifyReply, next: string) =>
    reply.redirect(`${base(request)}/signin?next=${encodeURIComponent(next)}`, 303);
  const back = (
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: string,
    anchor: string,
    query = '',
  ) => reply.redirect(`${base(request)}/article/${articleId}${query}#${anchor}`, 303);

  app.post('/article/:id/comments', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    if (!request.viewer) return signInFirst(request, reply, `/article/${id}#comments`);
    web.limit(reply, `comment:${request.viewer.id}`, RATE_RULES.commentPerUser);
    await getPublishedArticleOrThrow(db, id);
    const form = (request.body ?? {}) as Form;
    const settings = await getSiteSettings(db);
    const parentId = str(form.parentId) || undefined;
    const { hold } = screenContent(str(form.body));
    const result = await postComment(db, ctx.clock, {
      articleId: id,
      userId: request.viewer.id,
      holdHours: settings.commentHoldHours,
      hold,
      body: str(form.body),
      ...(parentId ? { parentId } : {}),
    });
    return back(request, reply, id, `c-${result.id}`, `?posted=${result.status}`);
  });

  app.post('/comments/:id/like', async (request, reply) => {
    const comment = await findCommentOrThrow(db, (request.params as { id: string }).id);
    if (!request.viewer)
      return signInFirst(request, reply, `/article/${comment.articleId}#c-${comment.id}`);
    web.limit(reply, `reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
    const result = await toggleCommentLike(db, ctx.clock, comment.id, request.viewer.id);
    if (request.headers.accept?.includes('application/json')) return result;
    return back(request, reply, comment.articleId, `c-${comment.id}`);
  });

  app.post('/comments/:id/report', async (request, reply) => {
    const comment = await findCommentOrThrow(db, (request.params as { id: string }).id);
    if (!request.viewer)
      return signInFirst(request, reply, `/article/${comment.articleId}#c-${comment.id}`);
    web.limit(reply, `reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
    await reportComment(
      db,
      ctx.clock,
      comment.id,
      request.viewer.id,
      str(((request.body ?? {}) as Form).reason),
    );
    return back(request, reply, comment.articleId, `c-${comment.id}`);
  });

  app.post('/comments/:id/delete', async (request, reply) => {
    const comment = await findCommentOrThrow(db, (request.params as { id: string }).id);
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    const article = await findArticle(db, comment.articleId);
    const allowed =
      request.viewer.id === comment.userId ||
      request.viewer.creator?.id === article?.author.id ||
      isEditor(request.viewer);
    if (!allowed) throw new AppError('FORBIDDEN');
    await removeComment(db, ctx.clock, comment.id);
    return back(request, reply, comment.articleId, 'comments');
  });

  app.post('/comments/:id/approve', async (request, reply) => {
    requireRole(request.viewer, 'editor', 'admin');
    const comment = await findCommentOrThrow(db, (request.params as { id: string }).id);
    await approveComment(db, ctx.clock, comment.id);
    return reply.redirect(`${base(request)}/studio/comments`, 303);
  });

  app.get('/studio/comments', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply, '/studio/comments');
    requireRole(request.viewer, 'editor', 'admin');
    const items = await listCommentsForModeration(db);
    return web.render(reply, ModerationPage({ ctx: await web.pageContext(request), items }));
  });
}
