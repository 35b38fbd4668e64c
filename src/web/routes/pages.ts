/** Reader pages. Each handler: validate → query the domains (one query per block) → render. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  getPublishedArticleOrThrow,
  listPublishedArticles,
  listTopNewsByChannel,
} from '../../articles/index.js';
import {
  findCreatorByHandle,
  findCreatorById,
  getCreatorByHandleOrThrow,
  listCreators,
} from '../../creators/index.js';
import type { AppContext } from '../../context.js';
import {
  HOT_BLOCK_SIZE,
  HOT_PAGE_SIZE,
  listHotArticles,
  listHotItems,
} from '../../ranking/index.js';
import { isEditor } from '../../accounts/index.js';
import { listRelatedArticles } from '../../recommend/index.js';
import { searchArticles } from '../../search/index.js';
import { isFollowing, listComments, toggleFollow } from '../../engagement/index.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { AppError } from '../../shared/errors.js';
import { findReceipt, presentReceipt } from '../../originality/index.js';
import { ReceiptPage } from '../pages/originality.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { ArticleIdParams, HandleParams, loose, SlugParams } from '../../http/schemas.js';
import { messages as m } from '../messages.js';
import { absolute, articlePath } from '../page-context.js';
import { ARTICLE_PAGE_CHANNELS, ArticlePage } from '../pages/article.js';
import { AuthorPage } from '../pages/author.js';
import { ChannelPage } from '../pages/channel.js';
import { PortalPage } from '../pages/portal.js';
import { AuthorsPage, FollowingPage, HotPage, InfoPage, SearchPage } from '../pages/simple.js';
import { qrSvg } from '../qr.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { viewVisitorKey } from '../visitor.js';

/** Articles per channel/author page. */
const PAGE_SIZE = 20;
/** Titles per 要闻 block. */
const TOP_NEWS_PER_CHANNEL = 5;
/** Latest articles on the portal. */
const PORTAL_LATEST = 20;
/** 往期回顾: the author's other recent articles. */
const ARCHIVE_SIZE = 5;

/** `?before=` pages back; a cursor we did not make is a bad request (400), not a 500. */
const PageQuery = z.object({ before: loose(z.string()) });
const ArticleQuery = z.object({
  shared: loose(z.enum(['link', 'wechat', 'weibo'])),
  comments: z.enum(['time', 'quality']).default('time').catch('time'),
  reply: loose(z.string().max(64)),
  posted: loose(z.enum(['visible', 'held'])),
  reported: loose(z.literal('1')),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SearchQuery = z.object({
  q: loose(z.string().max(20_000)),
  channel: loose(z.string().max(64)),
  author: loose(z.string().max(64)),
  from: loose(day),
  to: loose(day),
  page: z.coerce.number().int().min(1).max(500).default(1).catch(1),
});
const HotQuery = z.object({ explain: loose(z.literal('1')) });

/** Fetches one more than shown to learn whether an older page exists. */
function pageOf<T extends { id: string; publishedAt: Date | null }>(rows: T[]) {
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const next =
    rows.length > PAGE_SIZE && last?.publishedAt
      ? encodeCursor({ publishedAt: last.publishedAt, id: last.id })
      : undefined;
  return { items, next };
}

function cursorOrThrow(before: string | undefined) {
  if (before === undefined) return undefined;
  const cursor = decodeCursor(before);
  if (!cursor) throw new AppError('BAD_REQUEST', '分页参数无效');
  return cursor;
}

export const pageRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const [latest, hot, topNews] = await Promise.all([
      listPublishedArticles(db, { limit: PORTAL_LATEST }),
      listHotArticles(db, ctx.clock, { limit: HOT_BLOCK_SIZE }),
      listTopNewsByChannel(
        db,
        pageCtx.channels.map((c) => c.id),
        TOP_NEWS_PER_CHANNEL,
      ),
    ]);
    return reply.render(PortalPage({ ctx: pageCtx, latest, hot, topNews }));
  });

  app.get(
    '/channel/:slug',
    {
      schema: { params: SlugParams, querystring: PageQuery },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { before } = request.query;
      const pageCtx = await request.pageContext();
      const channel = pageCtx.channels.find((c) => c.slug === slug);
      if (!channel) throw new AppError('CHANNEL_NOT_FOUND');
      addCacheTags(request, `channel:${channel.id}`);
      const cursor = cursorOrThrow(before);
      const [rows, hot] = await Promise.all([
        listPublishedArticles(db, { channelId: channel.id, before: cursor, limit: PAGE_SIZE + 1 }),
        listHotArticles(db, ctx.clock, { limit: HOT_BLOCK_SIZE }),
      ]);
      const { items, next } = pageOf(rows);
      return reply.render(
        ChannelPage({ ctx: pageCtx, channel, items, hot, next, isFirst: !cursor }),
      );
    },
  );

  app.get(
    '/article/:id',
    {
      schema: { params: ArticleIdParams, querystring: ArticleQuery },
      config: { notFound: 'ARTICLE_NOT_FOUND' },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { shared, comments: commentSort, reply: replyId, posted, reported } = request.query;
      const article = await getPublishedArticleOrThrow(db, id);
      // The author card and 往期回顾 show the author's counts and latest articles.
      addCacheTags(request, `author:${article.author.id}`);
      if (request.method === 'GET') {
        ctx.views?.record({
          articleId: id,
          // A signed-in reader is one visitor however many browsers they use (the per-account cap).
          visitorKey: request.viewer
            ? `user:${request.viewer.id}`
            : viewVisitorKey(request, ctx.clock.now()),
          ip: request.clientIp,
          userAgent: request.headers['user-agent'],
          purpose:
            String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '') || undefined,
          isAuthor: request.viewer?.creator?.id === article.author.id,
        });
      }
      const pageCtx = await request.pageContext();
      const blockChannelIds = pageCtx.channels
        .filter((c) => ARTICLE_PAGE_CHANNELS.includes(c.slug))
        .map((c) => c.id);
      const hotLoaded = listHotArticles(db, ctx.clock, { limit: HOT_BLOCK_SIZE, excludeIds: [id] });
      const [author, related, hot, archive, topNews] = await Promise.all([
        findCreatorById(db, article.author.id),
        // The hot list doubles as the related block's fallback when its list is short.
        hotLoaded.then((h) => listRelatedArticles(db, article, { hot: h })),
        hotLoaded,
        listPublishedArticles(db, {
          authorId: article.author.id,
          excludeIds: [id],
          limit: ARCHIVE_SIZE,
        }),
        listTopNewsByChannel(db, blockChannelIds, TOP_NEWS_PER_CHANNEL, [id]),
      ]);
      if (!author) throw new AppError('CREATOR_NOT_FOUND');
      const following = request.viewer
        ? await isFollowing(db, request.viewer.id, author.id)
        : false;
      const commentList = await listComments(db, id, {
        sort: commentSort,
        ...(request.viewer ? { viewerId: request.viewer.id } : {}),
      });
      const shareUrl = absolute(pageCtx, articlePath(id));
      const qr = await qrSvg(shareUrl, m.wechatScan);
      return reply.render(
        ArticlePage({
          ctx: pageCtx,
          article,
          author,
          related,
          hot,
          archive,
          topNews,
          qrSvg: qr,
          shareUrl,
          shared,
          reported: reported === '1',
          following,
          comments: {
            list: commentList,
            sort: commentSort,
            replyTo: commentList.find((c) => c.id === replyId),
            posted,
            canModerate:
              request.viewer?.creator?.id === article.author.id || isEditor(request.viewer),
          },
        }),
      );
    },
  );

  const receiptOf = async (id: string) => {
    await getPublishedArticleOrThrow(db, id);
    const receipt = await findReceipt(db, id);
    // Published but not fingerprinted yet (the job runs every few seconds).
    if (!receipt) throw new AppError('NOT_FOUND', '原创凭证正在生成，请稍后再试');
    return receipt;
  };

  const articleRoute = {
    schema: { params: ArticleIdParams },
    config: { notFound: 'ARTICLE_NOT_FOUND' as const },
  };

  app.get('/article/:id/receipt', articleRoute, async (request, reply) => {
    const receipt = await receiptOf(request.params.id);
    if (/application\/json/.test(String(request.headers.accept ?? '')))
      return reply.type('application/json').send(presentReceipt(receipt));
    return reply.render(ReceiptPage({ ctx: await request.pageContext(), receipt }));
  });

  app.get('/article/:id/receipt.json', articleRoute, async (request, reply) => {
    const receipt = await receiptOf(request.params.id);
    return reply.type('application/json').send(presentReceipt(receipt));
  });

  app.get(
    '/author/:handle',
    {
      schema: { params: HandleParams, querystring: PageQuery },
      config: { notFound: 'CREATOR_NOT_FOUND' },
    },
    async (request, reply) => {
      const { handle } = request.params;
      const { before } = request.query;
      const cursor = cursorOrThrow(before);
      const creator = await getCreatorByHandleOrThrow(db, handle);
      addCacheTags(request, `author:${creator.id}`);
      const pageCtx = await request.pageContext();
      const rows = await listPublishedArticles(db, {
        authorId: creator.id,
        before: cursor,
        limit: PAGE_SIZE + 1,
      });
      const { items, next } = pageOf(rows);
      const following = request.viewer
        ? await isFollowing(db, request.viewer.id, creator.id)
        : false;
      return reply.render(
        AuthorPage({ ctx: pageCtx, creator, items, next, isFirst: !cursor, following }),
      );
    },
  );

  app.post(
    '/author/:handle/follow',
    { schema: { params: HandleParams }, config: { notFound: 'CREATOR_NOT_FOUND' } },
    async (request, reply) => {
      const creator = await getCreatorByHandleOrThrow(db, request.params.handle);
      // CASE: following needs an account — send the reader to sign in and back.
      if (!request.viewer) return reply.signInFirst(`/author/${creator.handle}`);
      await reply.limit(`reader-write:${request.viewer.id}`, RATE_RULES.readerWritePerIp);
      const result = await toggleFollow(db, {
        userId: request.viewer.id,
        creatorId: creator.id,
        at: ctx.clock.now(),
      });
      if (request.headers.accept?.includes('application/json')) return result;
      return reply.seeOther(`/author/${creator.handle}`);
    },
  );

  app.get('/hot', { schema: { querystring: HotQuery } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const explain = request.query.explain === '1' && isEditor(request.viewer);
    const items = await listHotItems(db, { limit: HOT_PAGE_SIZE });
    return reply.render(HotPage({ ctx: pageCtx, items, explain }));
  });

  app.get('/following', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst('/following');
    const pageCtx = await request.pageContext();
    const items = await listPublishedArticles(db, {
      followedBy: request.viewer.id,
      limit: PAGE_SIZE,
    });
    return reply.render(FollowingPage({ ctx: pageCtx, items }));
  });

  app.get('/authors', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const creators = await listCreators(db);
    return reply.render(AuthorsPage({ ctx: pageCtx, creators }));
  });

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const q = request.query;
    const query = (q.q ?? '').trim();
    const pageCtx = await request.pageContext();
    const channel = q.channel ? pageCtx.channels.find((c) => c.slug === q.channel) : undefined;
    const author = q.author ? await findCreatorByHandle(db, q.author) : undefined;
    const found = query
      ? await searchArticles(db, query, {
          ...(channel ? { channelId: channel.id } : {}),
          ...(author ? { authorId: author.id } : {}),
          ...(q.from ? { fromDay: q.from } : {}),
          ...(q.to ? { toDay: q.to } : {}),
          page: q.page,
        })
      : undefined;
    const result = found?.result;
    const results = found?.items ?? [];
    const hot =
      query && results.length === 0 ? await listHotArticles(db, ctx.clock, { limit: 10 }) : [];
    return reply.render(
      SearchPage({
        ctx: pageCtx,
        query,
        results,
        hot,
        total: result?.total ?? 0,
        ranked: result?.ranked ?? 0,
        page: q.page,
        truncated: result?.query.truncated ?? false,
        noWords:
          !!query &&
          !!result &&
          result.query.terms.length === 0 &&
          result.query.phrases.length === 0,
        words: result ? [...result.query.terms, ...result.query.phrases.flat()] : [],
      }),
    );
  });

  app.get('/accessibility', async (request, reply) => {
    const pageCtx = await request.pageContext();
    return reply.render(
      InfoPage({
        ctx: pageCtx,
        title: m.accessibilityTitle,
        path: '/accessibility',
        paragraphs: [
          '本站所有页面都可以只用键盘浏览：按 Tab 键在链接和按钮之间移动，每页开头的“跳到正文”链接可直接进入正文。',
          '点击页面顶部的“进入关怀版”，字号更大、行距更宽、版面更简洁，所有页面都会保持这一设置，直到您退出关怀版。',
          '点击页面顶部的“无障碍浏览”打开工具栏（关怀版中始终打开）：可以调整字号和行距，开启高对比度、大鼠标和阅读辅助线，一键重置。设置保存在本机浏览器中，换页后依然有效。',
          '“语音阅读”使用浏览器自带的语音合成，无需安装插件：可以播放、暂停、停止和调节语速，按顺序朗读标题和正文，并高亮正在朗读的句子。如果设备上没有中文语音，页面会明确提示。',
          '点击“繁體”可切换到繁体中文，点击“简体”切换回来。浏览器的文字放大（最多 200%）不会让页面出现横向滚动。',
          '搜索“关怀版”“长辈版”“关爱版”或“亲情版”也可以找到关怀版入口。本站没有广告、弹窗和下载应用的提示。',
        ],
      }),
    );
  });
};
