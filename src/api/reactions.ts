/**
 * A signed-in reader's 点赞 and 收藏 of articles, their bookmarks and their
 * reading history: PUT-like POST/DELETE pairs (idempotent), and two lists
 * paged like every other list (`limit`, `cursor`).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { requireViewer, type Viewer } from '../accounts/index.js';
import { getPublishedArticleOrThrow, listPublishedArticles } from '../articles/index.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import {
  bookmarkArticle,
  clearReadingHistory,
  likeArticle,
  listBookmarks,
  listReadingHistory,
  unbookmarkArticle,
  unlikeArticle,
  type ReaderListEntry,
} from '../engagement/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { encodeCursor } from '../shared/pagination.js';
import { byId, notFound } from './article-access.js';
import { keysetCursorParam, limitParam } from './paging.js';
import { ArticleCardOut, listOf, presentCards } from './presenters.js';

const LikeOut = z.object({
  liked: z.boolean().meta({ description: '我是否已点赞' }),
  likes: z.int().meta({ description: '文章的点赞数' }),
});
const BookmarkOut = z.object({ bookmarked: z.boolean().meta({ description: '我是否已收藏' }) });
const ListQuery = z.strictObject({ limit: limitParam(), cursor: keysetCursorParam });
const BookmarkItem = z.object({
  bookmarked_at: z.iso.datetime({ offset: true }),
  article: ArticleCardOut,
});
const HistoryItem = z.object({
  read_at: z.iso.datetime({ offset: true }).meta({ description: '最近一次阅读的时间' }),
  article: ArticleCardOut,
});

/**
 * A page of a reader's list: the entries still published, as cards, in the
 * list's order; the cursor comes from the stored entries, so an article
 * unpublished meanwhile shortens a page but never breaks the paging.
 */
async function readerPage(
  db: Queryable,
  rows: readonly ReaderListEntry[],
  limit: number,
  publicUrl: string,
) {
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  const ids = entries.map((e) => e.articleId);
  const published = await listPublishedArticles(db, { onlyIds: ids, limit: ids.length });
  const cards = await presentCards(db, published, publicUrl);
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  return {
    entries: entries.flatMap((e) => {
      const article = cardOf.get(e.articleId);
      return article ? [{ at: e.at.toISOString(), article }] : [];
    }),
    next:
      rows.length > limit && last
        ? encodeCursor({ publishedAt: last.at, id: last.articleId })
        : null,
  };
}

export const reactionsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  /** The signed-in reader (within the reader write limit) and whether they wrote the published article. */
  async function readerOf(viewer: Viewer | null, reply: FastifyReply, id: string) {
    const reader = requireViewer(viewer);
    await reply.limit(`reader-write:${reader.id}`, RATE_RULES.readerWritePerIp);
    const article = await getPublishedArticleOrThrow(db, id);
    return { reader, byAuthor: reader.creator?.id === article.authorId };
  }

  app.post(
    '/articles/:id/like',
    {
      schema: {
        summary: '点赞（重复点赞仍算一次）',
        tags: ['reactions'],
        auth: 'bearer',
        ...byId,
        response: { 200: LikeOut },
      },
      config: notFound,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reader, byAuthor } = await readerOf(request.viewer, reply, id);
      return likeArticle(db, ctx.clock, { articleId: id, userId: reader.id, byAuthor });
    },
  );

  app.delete(
    '/articles/:id/like',
    {
      schema: {
        summary: '取消点赞（未点赞时也成功）',
        tags: ['reactions'],
        auth: 'bearer',
        ...byId,
        response: { 200: LikeOut },
      },
      config: notFound,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reader, byAuthor } = await readerOf(request.viewer, reply, id);
      return unlikeArticle(db, { articleId: id, userId: reader.id, byAuthor });
    },
  );

  app.post(
    '/articles/:id/bookmark',
    {
      schema: {
        summary: '收藏（重复收藏仍是一条）',
        tags: ['reactions'],
        auth: 'bearer',
        ...byId,
        response: { 200: BookmarkOut },
      },
      config: notFound,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reader } = await readerOf(request.viewer, reply, id);
      return bookmarkArticle(db, ctx.clock, { articleId: id, userId: reader.id });
    },
  );

  app.delete(
    '/articles/:id/bookmark',
    {
      schema: {
        summary: '取消收藏（未收藏时也成功）',
        tags: ['reactions'],
        auth: 'bearer',
        ...byId,
        response: { 200: BookmarkOut },
      },
      config: notFound,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reader } = await readerOf(request.viewer, reply, id);
      return unbookmarkArticle(db, { articleId: id, userId: reader.id });
    },
  );

  app.get(
    '/me/bookmarks',
    {
      schema: {
        summary: '我的收藏，最近收藏的在前（已下线的文章不列出）',
        tags: ['reactions'],
        auth: 'bearer',
        querystring: ListQuery,
        response: { 200: listOf(BookmarkItem) },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const { limit, cursor } = request.query;
      const rows = await listBookmarks(db, viewer.id, {
        ...(cursor ? { before: { at: cursor.publishedAt, articleId: cursor.id } } : {}),
        limit: limit + 1,
      });
      const page = await readerPage(db, rows, limit, publicUrl);
      return {
        items: page.entries.map((e) => ({ bookmarked_at: e.at, article: e.article })),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/me/history',
    {
      schema: {
        summary: '我的阅读历史，最近读的在前（每篇一条）',
        tags: ['reactions'],
        auth: 'bearer',
        querystring: ListQuery,
        response: { 200: listOf(HistoryItem) },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const { limit, cursor } = request.query;
      const rows = await listReadingHistory(db, viewer.id, {
        ...(cursor ? { before: { at: cursor.publishedAt, articleId: cursor.id } } : {}),
        limit: limit + 1,
      });
      const page = await readerPage(db, rows, limit, publicUrl);
      return {
        items: page.entries.map((e) => ({ read_at: e.at, article: e.article })),
        next_cursor: page.next,
      };
    },
  );

  app.delete(
    '/me/history',
    {
      schema: {
        summary: '清空我的阅读历史',
        tags: ['reactions'],
        auth: 'bearer',
        response: { 200: z.object({ removed: z.int() }) },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`reader-write:${viewer.id}`, RATE_RULES.readerWritePerIp);
      return { removed: await clearReadingHistory(db, viewer.id) };
    },
  );
};
