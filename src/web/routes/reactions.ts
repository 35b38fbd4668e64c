/**
 * 点赞 and 收藏 from the article page (forms that work without JavaScript),
 * and the reader's own lists: 我的收藏 and 阅读历史 (clearable).
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  getPublishedArticleOrThrow,
  listPublishedArticles,
  withRefs,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import {
  bookmarkArticle,
  clearReadingHistory,
  likeArticle,
  listBookmarks,
  listReadingHistory,
  removeFromReadingHistory,
  unbookmarkArticle,
  unlikeArticle,
  type ReaderListEntry,
} from '../../engagement/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, formBody, formText } from '../../http/schemas.js';
import { encodeCursor } from '../../shared/pagination.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import type { PageContext } from '../page-context.js';
import { BookmarksPage, HistoryPage, type ReaderListItem } from '../pages/reader-lists.js';
import { cursorOrThrow, PAGE_SIZE, PageQuery } from './paging.js';

/** `on=1` asks for the like (bookmark), `on=0` takes it back: a repeated post changes nothing. */
const ReactionForm = formBody({ on: formText(1) });

/** One page of a reader's list as cards (articles no longer published are left out). */
async function readerListPage(
  ctx: AppContext,
  pageCtx: PageContext,
  rows: readonly ReaderListEntry[],
): Promise<{ items: ReaderListItem[]; next?: string }> {
  const db = ctx.database.db;
  const entries = rows.slice(0, PAGE_SIZE);
  const ids = entries.map((e) => e.articleId);
  const cards = await withRefs(
    db,
    await listPublishedArticles(db, { onlyIds: ids, limit: Math.max(ids.length, 1) }),
    pageCtx.channels,
  );
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  const last = entries.at(-1);
  return {
    items: entries.flatMap((e) => {
      const article = cardOf.get(e.articleId);
      return article ? [{ article, at: e.at }] : [];
    }),
    ...(rows.length > PAGE_SIZE && last
      ? { next: encodeCursor({ publishedAt: last.at, id: last.articleId }) }
      : {}),
  };
}

export const reactionRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/article/:id/like',
    {
      schema: { params: ArticleIdParams, body: ReactionForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      // CASE: liking needs an account — send the reader to sign in and back to the article.
      if (!request.viewer) return reply.signInFirst(`/article/${id}#reactions`);
      const viewer = request.viewer;
      await reply.limit(`reader-write:${viewer.id}`, RATE_RULES.readerWritePerIp);
      const article = await getPublishedArticleOrThrow(db, id);
      const input = {
        articleId: id,
        userId: viewer.id,
        byAuthor: viewer.creator?.id === article.authorId,
      };
      const result =
        request.body.on === '0'
          ? await unlikeArticle(db, input)
          : await likeArticle(db, ctx.clock, input);
      if (request.headers.accept?.includes('application/json')) return result;
      return reply.seeOther(`/article/${id}#reactions`);
    },
  );

  app.post(
    '/article/:id/bookmark',
    {
      schema: { params: ArticleIdParams, body: ReactionForm },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!request.viewer) return reply.signInFirst(`/article/${id}#reactions`);
      const viewer = request.viewer;
      await reply.limit(`reader-write:${viewer.id}`, RATE_RULES.readerWritePerIp);
      await getPublishedArticleOrThrow(db, id);
      const input = { articleId: id, userId: viewer.id };
      const result =
        request.body.on === '0'
          ? await unbookmarkArticle(db, input)
          : await bookmarkArticle(db, ctx.clock, input);
      if (request.headers.accept?.includes('application/json')) return result;
      return reply.seeOther(`/article/${id}#reactions`);
    },
  );

  app.get('/me/bookmarks', { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const cursor = cursorOrThrow(request.query.before);
    const pageCtx = await request.pageContext();
    const rows = await listBookmarks(db, request.viewer.id, {
      ...(cursor ? { before: { at: cursor.publishedAt, articleId: cursor.id } } : {}),
      limit: PAGE_SIZE + 1,
    });
    const page = await readerListPage(ctx, pageCtx, rows);
    return reply.render(BookmarksPage({ ctx: pageCtx, ...page, isFirst: !cursor }));
  });

  app.get('/me/history', { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const cursor = cursorOrThrow(request.query.before);
    const pageCtx = await request.pageContext();
    const rows = await listReadingHistory(db, request.viewer.id, {
      ...(cursor ? { before: { at: cursor.publishedAt, articleId: cursor.id } } : {}),
      limit: PAGE_SIZE + 1,
    });
    const page = await readerListPage(ctx, pageCtx, rows);
    return reply.render(HistoryPage({ ctx: pageCtx, ...page, isFirst: !cursor }));
  });

  app.post('/me/history/clear', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst('/me/history');
    await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
    await clearReadingHistory(db, request.viewer.id);
    return reply.seeOther('/me/history');
  });

  app.post(
    '/me/history/:id/delete',
    { schema: { params: ArticleIdParams } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst('/me/history');
      await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
      await removeFromReadingHistory(db, request.viewer.id, request.params.id);
      return reply.seeOther('/me/history');
    },
  );
};
