/** Reading articles: the public list, one article, its related list, and an author's own work. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isEditor, requireCreator } from '../accounts/index.js';
import {
  findArticle,
  getPublishedArticleOrThrow,
  listArticlesOfAuthor,
  listPublishedArticles,
  normalizeTag,
} from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle } from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { listHotArticles } from '../ranking/index.js';
import { listRelatedArticles, RELATED_SIZE, RELATED_STORED } from '../recommend/index.js';
import { AppError } from '../shared/errors.js';
import {
  keysetCursorParam,
  keysetPage,
  limitParam,
  offsetCursorParam,
  offsetPage,
} from './paging.js';
import { ArticleCardOut, ArticleOut, listOf, presentCards, presentRecord } from './presenters.js';

import { byId, notFound } from './article-access.js';

const ListQuery = z.strictObject({
  limit: limitParam(),
  cursor: keysetCursorParam,
  channel: z
    .string()
    .max(64)
    .optional()
    .meta({ description: '只看这个频道（频道 slug，如 tech）' }),
  author: z.string().max(64).optional().meta({ description: '只看这位创作者（账号名 handle）' }),
  tag: z
    .string()
    .max(100)
    .optional()
    .meta({ description: '只看带这个话题（标签）的文章，如 人工智能' }),
});

const MineQuery = z.strictObject({
  status: z
    .enum(['draft', 'scheduled', 'published', 'held'])
    .optional()
    .meta({ description: '只看这个状态（默认全部，已删除的除外）' }),
  limit: limitParam(),
  cursor: keysetCursorParam,
});

const RelatedQuery = z.strictObject({
  limit: limitParam(RELATED_SIZE, RELATED_STORED),
  cursor: offsetCursorParam,
});

export const articlesApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  app.get(
    '/articles',
    {
      schema: {
        summary: '已发布的文章，最新的在前（可按频道、作者、话题筛选）',
        tags: ['articles'],
        querystring: ListQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
    },
    async (request) => {
      const q = request.query;
      let channelId: number | undefined;
      if (q.channel !== undefined) {
        channelId = (await listChannels(db)).find((c) => c.slug === q.channel)?.id;
        if (channelId === undefined) throw new AppError('CHANNEL_NOT_FOUND');
      }
      let authorId: string | undefined;
      if (q.author !== undefined) {
        authorId = (await findCreatorByHandle(db, q.author))?.id;
        if (authorId === undefined) throw new AppError('CREATOR_NOT_FOUND');
      }
      const rows = await listPublishedArticles(db, {
        channelId,
        authorId,
        ...(q.tag !== undefined ? { tag: normalizeTag(q.tag) } : {}),
        before: q.cursor,
        limit: q.limit + 1,
      });
      const page = keysetPage(rows, q.limit);
      return {
        items: await presentCards(db, page.items, publicUrl),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/me/articles',
    {
      schema: {
        summary: '我的文章：草稿、定时、已发布、待审核，最近修改的在前',
        tags: ['articles'],
        auth: 'bearer',
        querystring: MineQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
    },
    async (request) => {
      const viewer = requireCreator(request.viewer);
      const q = request.query;
      const rows = await listArticlesOfAuthor(db, viewer.creator.id, {
        ...(q.status ? { status: q.status } : {}),
        before: q.cursor,
        limit: q.limit + 1,
      });
      const page = keysetPage(rows, q.limit, (a) => a.updatedAt);
      return {
        items: await presentCards(db, page.items, publicUrl),
        next_cursor: page.next,
      };
    },
  );
};

export const articleApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  app.get(
    '/articles/:id',
    {
      schema: {
        summary: '一篇文章。已发布的人人可读；草稿、定时、待审核的只有作者和编辑能读',
        tags: ['articles'],
        auth: 'optional',
        ...byId,
        response: { 200: z.object({ article: ArticleOut }) },
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      const viewer = request.viewer;
      const article = await findArticle(db, id);
      if (article && article.status !== 'published' && article.status !== 'removed') {
        // CASE: unpublished work exists only for its author and editors; to anyone else it is not there.
        if (viewer && (viewer.creator?.id === article.authorId || isEditor(viewer)))
          return { article: await presentRecord(db, article, publicUrl) };
        throw new AppError('ARTICLE_NOT_FOUND');
      }
      return {
        article: await presentRecord(db, await getPublishedArticleOrThrow(db, id), publicUrl),
      };
    },
  );

  app.get(
    '/articles/:id/related',
    {
      schema: {
        summary: '相关推荐',
        tags: ['articles'],
        ...byId,
        querystring: RelatedQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      const q = request.query;
      const offset = q.cursor ?? 0;
      const article = await getPublishedArticleOrThrow(db, id);
      const want = Math.min(offset + q.limit + 1, RELATED_STORED);
      const all = await listRelatedArticles(db, article, {
        limit: want,
        hot: () => listHotArticles(db, ctx.clock, { limit: want, excludeIds: [id] }),
      });
      const page = offsetPage(all, offset, q.limit);
      return {
        items: await presentCards(db, page.items, publicUrl),
        next_cursor: page.next,
      };
    },
  );
};
