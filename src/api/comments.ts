/** /articles/{id}/comments: read (public) and post (signed in). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireViewer } from '../accounts/index.js';
import { getPublishedArticleOrThrow } from '../articles/index.js';
import type { AppContext } from '../context.js';
import { listComments, postComment, type CommentView } from '../engagement/index.js';
import { screenContent } from '../moderation/index.js';
import { getSiteSettings } from '../settings/index.js';
import { AppError } from '../shared/errors.js';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';
import { enforceRate, RATE_RULES } from '../shared/rate-limit.js';
import { parseInput } from '../shared/validation.js';
import type { ApiShared } from './app.js';

const ListQuery = z.strictObject({ sort: z.enum(['time', 'quality']).default('time') });
const PostBody = z.strictObject({ body: z.unknown(), parent_id: z.unknown().optional() });

export function presentComment(c: CommentView) {
  return {
    id: c.id,
    parent_id: c.parentId,
    body: c.body,
    status: c.status,
    likes: c.likes,
    quality: Math.round(c.quality * 1e4) / 1e4,
    created_at: c.createdAt.toISOString(),
    author: { name: c.user.displayName },
    quotes: c.quotes.map((q) => ({ id: q.id, body: q.body, author: { name: q.displayName } })),
  };
}

export async function commentsApi(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const db = ctx.database.db;
  const articleId = (params: unknown) => {
    const { id } = params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    return id;
  };

  app.get('/articles/:id/comments', async (request) => {
    const id = articleId(request.params);
    const { sort } = parseInput(ListQuery, request.query ?? {});
    await getPublishedArticleOrThrow(db, id);
    const list = await listComments(db, id, {
      sort,
      ...(request.viewer ? { viewerId: request.viewer.id } : {}),
    });
    return { items: list.map(presentComment) };
  });

  app.post('/articles/:id/comments', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    enforceRate(shared.limiter, `comment:${viewer.id}`, RATE_RULES.commentPerUser, (k, v) =>
      reply.header(k, v),
    );
    const id = articleId(request.params);
    const body = parseInput(PostBody, request.body ?? {});
    await getPublishedArticleOrThrow(db, id);
    const settings = await getSiteSettings(db);
    const { hold } = screenContent(typeof body.body === 'string' ? body.body : '');
    const result = await postComment(db, ctx.clock, {
      articleId: id,
      userId: viewer.id,
      holdHours: settings.commentHoldHours,
      hold,
      body: body.body as string,
      ...(body.parent_id !== undefined ? { parentId: body.parent_id as string } : {}),
    });
    return reply.code(201).send({ comment: result });
  });
}
