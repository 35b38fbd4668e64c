/** The portal (首页), 最新文章 pages and the channel pages. Each handler: validate → query the domains (one query per block) → render. */
import type { FastifyPluginAsync } from 'fastify';
import {
  listPublishedArticles,
  listTopNewsByChannel,
  loadRefs,
  type ArticleCard,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { HOT_BLOCK_SIZE, listHotItems } from '../../ranking/index.js';
import { AppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { SlugParams } from '../../http/schemas.js';
import { ChannelPage, LatestPage } from '../pages/channel.js';
import { PortalPage } from '../pages/portal.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { TOP_NEWS_PER_CHANNEL } from './article.js';
import { cursorOrThrow, PAGE_SIZE, pageOf, PageQuery } from './paging.js';

/** How far down the hot list the lead story may come from when the top items have no picture. */
const LEAD_PICTURE_DEPTH = 10;

/** The lead: the hottest article with a picture near the top, else the hottest, else the newest. */
function pickLead(hot: readonly ArticleCard[], latest: readonly ArticleCard[]) {
  return (
    hot.slice(0, LEAD_PICTURE_DEPTH).find((a) => a.image) ??
    latest.find((a) => a.image) ??
    hot[0] ??
    latest[0]
  );
}

export const portalRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const channels = pageCtx.navChannels ?? pageCtx.channels;
    // The portal's lists are kept between renders until a publish (or any change) drops them.
    const { lead, items, next, hot, topNews } = await request.fragment(
      'portal',
      ['portal'],
      async () => {
        const [latestRows, hotRows, topNewsRows] = await Promise.all([
          // Two more than a page: one may be the lead, one tells whether an older page exists.
          listPublishedArticles(db, { limit: PAGE_SIZE + 2 }),
          listHotItems(db, { limit: HOT_BLOCK_SIZE }),
          listTopNewsByChannel(
            db,
            channels.map((c) => c.id),
            TOP_NEWS_PER_CHANNEL,
          ),
        ]);
        const refs = await loadRefs(
          db,
          [latestRows, hotRows, ...topNewsRows.values()],
          pageCtx.channels,
        );
        const hotCards = refs.list(hotRows);
        const latestCards = refs.list(latestRows);
        const leadCard = pickLead(hotCards, latestCards);
        return {
          lead: leadCard,
          ...pageOf(latestCards.filter((a) => a.id !== leadCard?.id)),
          hot: hotCards,
          topNews: new Map([...topNewsRows].map(([id, list]) => [id, refs.list(list)])),
        };
      },
    );
    return reply.render(
      PortalPage({
        ctx: pageCtx,
        lead,
        latest: items,
        next,
        hot,
        topNews,
      }),
    );
  });

  app.get('/latest', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const cursor = cursorOrThrow(request.query.before);
    const [rows, hot] = await Promise.all([
      listPublishedArticles(db, { before: cursor, limit: PAGE_SIZE + 1 }),
      listHotItems(db, { limit: HOT_BLOCK_SIZE }),
    ]);
    const { items, next } = pageOf(rows);
    const refs = await loadRefs(db, [items, hot], pageCtx.channels);
    return reply.render(
      LatestPage({
        ctx: pageCtx,
        items: refs.list(items),
        hot: refs.list(hot),
        next,
        isFirst: !cursor,
      }),
    );
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
      // A channel's pages are kept between renders until a publish in it drops them.
      const { items, next, hot } = await request.fragment(
        `channel:${channel.id}:${before ?? ''}`,
        [`channel:${channel.id}`],
        async () => {
          const [rows, hotRows] = await Promise.all([
            listPublishedArticles(db, {
              channelId: channel.id,
              before: cursor,
              limit: PAGE_SIZE + 1,
            }),
            listHotItems(db, { limit: HOT_BLOCK_SIZE }),
          ]);
          const page = pageOf(rows);
          const refs = await loadRefs(db, [page.items, hotRows], pageCtx.channels);
          return { items: refs.list(page.items), next: page.next, hot: refs.list(hotRows) };
        },
      );
      return reply.render(
        ChannelPage({
          ctx: pageCtx,
          channel,
          items,
          hot,
          next,
          isFirst: !cursor,
        }),
      );
    },
  );
};
