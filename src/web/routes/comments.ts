/** 跟贴 actions: post, like, report, delete (author, article's creator, editors), approve (editors). */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
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
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody, formText, UuidParams } from '../../http/schemas.js';
import { screenContent } from '../../moderation/index.js';
import { AppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { getSiteSettings } from '../../settings/index.js';
import { ModerationPage } from '../pages/moderation.js';

/** Generous bounds: the comment rules (length, content) are the domain's, with their own messages. */
const CommentForm = formBody({ body: formText(100_000), parentId: formText(100) });
const ReportForm = formBody({ reason: formText(10_000) });

const commentRoute = {
  schema: { params: UuidParams },
  config: { notFound: 'COMMENT_NOT_FOUND' as const },
};

/** Back to the comment (or the comments) on the article's page, after a form post. */
const back = (reply: FastifyReply, articleId: string, anchor: string, query = '') =>
  reply.seeOther(`/article/${articleId}${query}#${anchor}`);

/** Readers' actions on comments: post, like, report, delete. */
export const commentRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/article/:id/comments',
    {
      schema: { params: ArticleIdParams, body: CommentForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!request.viewer) return reply.signInFirst(`/article/${id}#comments`);
      await reply.limit(`comment:${request.viewer.id}`, RATE_RULES.commentPerUser);
      await getPublishedArticleOrThrow(db, id);
      const form = request.body;
      const settings = await getSiteSettings(db);
      const { hold } = screenContent(form.body, ctx.lexicon);
      const result = await postComment(db, ctx.clock, {
        articleId: id,
        userId: request.viewer.id,
        holdHours: settings.commentHoldHours,
        hold,
        trusted: isEditor(request.viewer),
        body: form.body,
        ...(form.parentId ? { parentId: form.parentId } : {}),
      });
      return back(reply, id, `c-${result.id}`, `?posted=${result.status}`);
    },
  );

  app.post('/comments/:id/like', commentRoute, async (request, reply) => {
    const comment = await findCommentOrThrow(db, request.params.id);
    if (!request.viewer) return reply.signInFirst(`/article/${comment.articleId}#c-${comment.id}`);
    await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
    const result = await toggleCommentLike(db, ctx.clock, comment.id, request.viewer.id);
    if (request.headers.accept?.includes('application/json')) return result;
    return back(reply, comment.articleId, `c-${comment.id}`);
  });

  app.post(
    '/comments/:id/report',
    { ...commentRoute, schema: { ...commentRoute.schema, body: ReportForm } },
    async (request, reply) => {
      const comment = await findCommentOrThrow(db, request.params.id);
      if (!request.viewer)
        return reply.signInFirst(`/article/${comment.articleId}#c-${comment.id}`);
      await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
      await reportComment(db, ctx.clock, comment.id, request.viewer.id, request.body.reason);
      return back(reply, comment.articleId, `c-${comment.id}`);
    },
  );

  app.post('/comments/:id/delete', commentRoute, async (request, reply) => {
    const comment = await findCommentOrThrow(db, request.params.id);
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    const article = await findArticle(db, comment.articleId);
    const allowed =
      request.viewer.id === comment.userId ||
      request.viewer.creator?.id === article?.authorId ||
      isEditor(request.viewer);
    if (!allowed) throw new AppError('FORBIDDEN');
    // An editor removing someone else's comment (not as the article's author) tells its writer.
    const asEditor =
      isEditor(request.viewer) &&
      request.viewer.id !== comment.userId &&
      request.viewer.creator?.id !== article?.authorId;
    await removeComment(
      db,
      ctx.clock,
      comment.id,
      asEditor ? { actorId: request.viewer.id, reason: '' } : undefined,
    );
    return back(reply, comment.articleId, 'comments');
  });
};

/** Editors' queue of held comments, and approving one. */
export const commentReviewRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post('/comments/:id/approve', commentRoute, async (request, reply) => {
    requireRole(request.viewer, 'editor', 'admin');
    const comment = await findCommentOrThrow(db, request.params.id);
    await approveComment(db, ctx.clock, comment.id);
    return reply.seeOther('/studio/comments');
  });

  app.get('/studio/comments', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst('/studio/comments');
    requireRole(request.viewer, 'editor', 'admin');
    const items = await listCommentsForModeration(db);
    return reply.render(ModerationPage({ ctx: await request.pageContext(), items }));
  });
};
