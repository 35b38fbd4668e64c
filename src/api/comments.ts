/** /articles/{id}/comments: read (public) and post (signed in). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isEditor, requireViewer } from '../accounts/index.js';
import { getPublishedArticleOrThrow } from '../articles/index.js';
import type { AppContext } from '../context.js';
import {
  COMMENT_MAX_CHARS,
  CommentInputSchema,
  listComments,
  postComment,
} from '../engagement/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { ArticleIdParams } from '../http/schemas.js';
import { screenContent } from '../moderation/index.js';
import { getSiteSettings } from '../settings/index.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { limitParam, offsetCursorParam, offsetPage } from './paging.js';
import { CommentOut, listOf, presentComment } from './presenters.js';

const ListQuery = z.strictObject({
  sort: z
    .enum(['time', 'quality'])
    .default('time')
    .meta({ description: 'time：最新在前；quality：按 Wilson 下界' }),
  limit: limitParam(),
  cursor: offsetCursorParam,
});
const PostBody = z.strictObject({
  body: CommentInputSchema.shape.body.meta({
    description: '评论内容',
    maxLength: COMMENT_MAX_CHARS,
  }),
  parent_id: CommentInputSchema.shape.parentId.meta({ description: '回复哪条评论（盖楼）' }),
});

export const commentsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/articles/:id/comments',
    {
      schema: {
        summary: '跟贴',
        tags: ['comments'],
        auth: 'optional',
        params: ArticleIdParams,
        querystring: ListQuery,
        response: { 200: listOf(CommentOut) },
      },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request) => {
      const { id } = request.params;
      const { sort, limit, cursor } = request.query;
      await getPublishedArticleOrThrow(db, id);
      const all = await listComments(db, id, {
        sort,
        ...(request.viewer ? { viewerId: request.viewer.id } : {}),
      });
      const page = offsetPage(all, cursor ?? 0, limit);
      return { items: page.items.map(presentComment), next_cursor: page.next };
    },
  );

  app.post(
    '/articles/:id/comments',
    {
      schema: {
        summary: '发表跟贴（新账号的评论先由编辑审核）',
        tags: ['comments'],
        auth: 'bearer',
        params: ArticleIdParams,
        body: PostBody,
        response: {
          201: z.object({
            comment: z.object({ id: z.uuid(), status: z.enum(['visible', 'held']) }),
          }),
        },
      },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`comment:${viewer.id}`, RATE_RULES.commentPerUser);
      const { id } = request.params;
      const body = request.body;
      await getPublishedArticleOrThrow(db, id);
      const settings = await getSiteSettings(db);
      const { hold } = screenContent(body.body, ctx.lexicon);
      const result = await postComment(db, ctx.clock, {
        articleId: id,
        userId: viewer.id,
        holdHours: settings.commentHoldHours,
        hold,
        trusted: isEditor(viewer),
        body: body.body,
        ...(body.parent_id !== undefined ? { parentId: body.parent_id } : {}),
      });
      return reply.code(201).send({ comment: result });
    },
  );
};
