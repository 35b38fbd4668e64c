/**
 * The article page. It reads as a straight line:
 * validate → load the published article → count the view → load the blocks
 * (one query each, in parallel) → names for every list (one query) → render.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isEditor } from '../../accounts/index.js';
import {
  findArticleAuthorId,
  getPublishedArticleOrThrow,
  listPublishedArticles,
  listTopNewsByChannel,
  loadRefs,
  type ArticleRecord,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { findCreatorById, isFollowing } from '../../creators/index.js';
import { getReaderState, listComments } from '../../engagement/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, loose } from '../../http/schemas.js';
import { HOT_BLOCK_SIZE, listHotArticles } from '../../ranking/index.js';
import { listRelatedArticles } from '../../recommend/index.js';
import { AppError } from '../../shared/errors.js';
import { messages as m } from '../messages.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { absolute, articlePath, type PageContext } from '../page-context.js';
import { ARTICLE_PAGE_CHANNELS, ArticlePage } from '../pages/article.js';

/** Titles per 要闻 block. */
export const TOP_NEWS_PER_CHANNEL = 5;
/** 往期回顾: the author's other recent articles. */
const ARCHIVE_SIZE = 5;

const ArticleQuery = z.object({
  shared: loose(z.enum(['link', 'wechat', 'weibo'])),
  comments: z.enum(['time', 'quality']).default('time').catch('time'),
  reply: loose(z.string().max(64)),
  posted: loose(z.enum(['visible', 'held'])),
  reported: loose(z.literal('1')),
});

/** A page view, buffered (never a database write on the request path). */
function countView(ctx: AppContext, request: FastifyRequest, article: ArticleRecord): void {
  if (request.method !== 'GET') return;
  ctx.views?.record({
    articleId: article.id,
    // A signed-in reader is one visitor however many browsers they use (the per-account cap).
    visitorKey: request.viewer ? `user:${request.viewer.id}` : request.viewVisitorKey(),
    ip: request.clientIp,
    userAgent: request.headers['user-agent'],
    purpose: String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '') || undefined,
    isAuthor: request.viewer?.creator?.id === article.authorId,
    // 阅读历史: remembered with the view, written with the next flush.
    ...(request.viewer ? { readerId: request.viewer.id } : {}),
  });
}

/** Every block around the article: one query each, in parallel, then one for every list's names. */
async function loadBlocks(ctx: AppContext, record: ArticleRecord, pageCtx: PageContext) {
  const db = ctx.database.db;
  const blockChannelIds = pageCtx.channels
    .filter((c) => ARTICLE_PAGE_CHANNELS.includes(c.slug))
    .map((c) => c.id);
  const excludeIds = [record.id];
  const hotLoaded = listHotArticles(db, ctx.clock, { limit: HOT_BLOCK_SIZE, excludeIds });
  const [author, related, hot, archive, topNews] = await Promise.all([
    findCreatorById(db, record.authorId),
    // The hot list doubles as the related block's fallback when its list is short.
    hotLoaded.then((h) => listRelatedArticles(db, record, { hot: h })),
    hotLoaded,
    listPublishedArticles(db, { authorId: record.authorId, excludeIds, limit: ARCHIVE_SIZE }),
    listTopNewsByChannel(db, blockChannelIds, TOP_NEWS_PER_CHANNEL, excludeIds),
  ]);
  if (!author) throw new AppError('CREATOR_NOT_FOUND');
  const refs = await loadRefs(
    db,
    [[record], related, hot, archive, ...topNews.values()],
    pageCtx.channels,
  );
  const article = refs.one(record);
  if (!article) throw new AppError('ARTICLE_NOT_FOUND');
  return {
    article,
    author,
    related: refs.list(related),
    hot: refs.list(hot),
    archive: refs.list(archive),
    topNews: new Map([...topNews].map(([cid, list]) => [cid, refs.list(list)])),
  };
}

export const articleRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/article/:id',
    {
      schema: { params: ArticleIdParams, querystring: ArticleQuery },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { shared, comments: sort, reply: replyId, posted, reported } = request.query;
      // The article and its blocks are kept between renders until a change drops them.
      const record = await request.fragment(`article:${id}`, [`article:${id}`], () =>
        getPublishedArticleOrThrow(db, id),
      );
      // The author card and 往期回顾 show the author's counts and latest articles.
      addCacheTags(request, `author:${record.authorId}`);
      // A signed-in reader getting the shared page is counted by its page's beacon, as itself.
      if (!request.pageCache?.signedIn) countView(ctx, request, record);
      const pageCtx = await request.pageContext();
      const blocks = await request.fragment(
        `blocks:${id}`,
        [
          `article:${id}`,
          `author:${record.authorId}`,
          `channel:${record.channelId}`,
          'hot',
          'portal',
        ],
        () => loadBlocks(ctx, record, pageCtx),
      );
      const viewer = request.viewer;
      const following = viewer ? await isFollowing(db, viewer.id, blocks.author.id) : false;
      const reader = viewer
        ? await getReaderState(db, viewer.id, id)
        : { liked: false, bookmarked: false };
      // Comments as everyone sees them are kept; a reader's own (held ones, likes) are not.
      const list = viewer
        ? await listComments(db, id, { sort, viewerId: viewer.id })
        : await request.fragment(`comments:${id}:${sort}`, [`article:${id}`], () =>
            listComments(db, id, { sort }),
          );
      const shareUrl = absolute(pageCtx, articlePath(id));
      return reply.render(
        ArticlePage({
          ctx: pageCtx,
          ...blocks,
          qrSvg: await reply.qrSvg(shareUrl, m.wechatScan),
          shareUrl,
          shared,
          reported: reported === '1',
          following,
          reader,
          comments: {
            list,
            sort,
            replyTo: list.find((c) => c.id === replyId),
            posted,
            canModerate: viewer?.creator?.id === record.authorId || isEditor(viewer),
          },
        }),
      );
    },
  );

  /**
   * The page-view beacon (site.js sends it when an article page is shown):
   * views still count when a CDN in front answered the page. A view the page
   * itself already counted is one view (the same visitor within 30 minutes).
   */
  app.post(
    '/article/:id/view',
    {
      schema: { params: ArticleIdParams },
      config: { notFound: 'ARTICLE_NOT_FOUND', noCsrfToken: true },
    },
    async (request, reply) => {
      const { id } = request.params;
      const viewer = request.viewer;
      const authorId = viewer?.creator ? await findArticleAuthorId(db, id) : undefined;
      ctx.views?.record({
        articleId: id,
        visitorKey: viewer ? `user:${viewer.id}` : request.viewVisitorKey(),
        ip: request.clientIp,
        userAgent: request.headers['user-agent'],
        purpose:
          String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '') || undefined,
        isAuthor: authorId !== undefined && viewer?.creator?.id === authorId,
        ...(viewer ? { readerId: viewer.id } : {}),
      });
      return reply.code(204).header('cache-control', 'no-store').send();
    },
  );
};
