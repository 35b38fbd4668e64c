/** Feeds (site, channel, author × RSS/Atom/JSON Feed), sitemaps and robots.txt, at the root only. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  countPublishedArticles,
  listArticleUrls,
  listPublishedArticles,
  listPublishedArticlesWithBody,
  type ArticleView,
  type ListFilter,
} from '../../articles/index.js';
import { listChannels } from '../../channels/index.js';
import type { AppContext } from '../../context.js';
import { getCreatorByHandleOrThrow, listCreators } from '../../creators/index.js';
import {
  NEWS_SITEMAP_MAX,
  NEWS_SITEMAP_WINDOW_HOURS,
  newsSitemap,
  SITEMAP_PAGE_SIZE,
  sitemapIndex,
  toAtom,
  toJsonFeed,
  toRss,
  urlSet,
  type FeedMeta,
} from '../../feeds/index.js';
import { getSiteSettings } from '../../settings/index.js';
import { AppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { HandleParams, SlugParams } from '../../http/schemas.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { authorPath, channelPath, variantHref } from '../page-context.js';

/** Items per feed: full content makes each one large; readers poll often. */
const FEED_SIZE = 20;
/** Feeds and sitemaps change at most every few minutes; let caches keep them that long. */
const FEED_MAX_AGE_S = 300;

const FORMATS = {
  xml: { type: 'application/rss+xml; charset=utf-8' },
  atom: { type: 'application/atom+xml; charset=utf-8' },
  json: { type: 'application/feed+json; charset=utf-8' },
} as const;
type Format = keyof typeof FORMATS;
const FormatParam = z.enum(['xml', 'atom', 'json']);
const FeedParams = z.object({ format: FormatParam });
const SitemapParams = z.object({ page: z.coerce.number().int().min(1).max(100_000) });

export const feedRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  const abs = (path: string) => `${publicUrl}${path}`;

  const sendFeed = async (
    reply: FastifyReply,
    format: Format,
    meta: FeedMeta,
    filter: Omit<ListFilter, 'limit'>,
  ) => {
    const rows = await listPublishedArticlesWithBody(db, { ...filter, limit: FEED_SIZE });
    const items = rows.map((a: ArticleView) => ({
      url: abs(`/article/${a.id}`),
      title: a.title,
      summary: a.summary,
      contentHtml: a.bodyHtml,
      published: a.publishedAt ?? a.updatedAt,
      updated: a.updatedAt,
      authorName: a.author.displayName,
      authorUrl: abs(authorPath(a.author.handle)),
      category: a.channel.name,
    }));
    reply.type(FORMATS[format].type).header('cache-control', `public, max-age=${FEED_MAX_AGE_S}`);
    if (format === 'json') return reply.send(JSON.stringify(toJsonFeed(meta, items)));
    return reply.send(format === 'xml' ? toRss(meta, items) : toAtom(meta, items));
  };

  const metaFor = async (title: string, description: string, path: string): Promise<FeedMeta> => {
    const settings = await getSiteSettings(db);
    return {
      title: title || settings.siteName,
      description: description || settings.tagline,
      homeUrl: abs(path || '/'),
      feedBase: abs(`${path}/feed`),
      language: 'zh-CN',
      generator: 'Byline',
    };
  };

  app.get('/feed.:format', { schema: { params: FeedParams } }, async (request, reply) => {
    const settings = await getSiteSettings(db);
    return sendFeed(
      reply,
      request.params.format,
      await metaFor(settings.siteName, settings.tagline, ''),
      {},
    );
  });

  app.get(
    '/channel/:slug/feed.:format',
    {
      schema: { params: SlugParams.extend(FeedParams.shape) },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request, reply) => {
      const params = request.params;
      const channel = (await listChannels(db)).find((c) => c.slug === params.slug);
      if (!channel) throw new AppError('CHANNEL_NOT_FOUND');
      const settings = await getSiteSettings(db);
      const meta = await metaFor(
        `${settings.siteName} · ${channel.name}`,
        `${channel.name}频道最新文章`,
        channelPath(channel.slug),
      );
      addCacheTags(request, `channel:${channel.id}`);
      return sendFeed(reply, params.format, meta, { channelId: channel.id });
    },
  );

  app.get(
    '/author/:handle/feed.:format',
    {
      schema: { params: HandleParams.extend(FeedParams.shape) },
      config: { notFound: 'CREATOR_NOT_FOUND' },
    },
    async (request, reply) => {
      const params = request.params;
      const creator = await getCreatorByHandleOrThrow(db, params.handle);
      const meta = await metaFor(creator.displayName, creator.tagline, authorPath(creator.handle));
      addCacheTags(request, `author:${creator.id}`);
      return sendFeed(reply, params.format, meta, { authorId: creator.id });
    },
  );

  const sendXml = (reply: FastifyReply, xml: string) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', `public, max-age=${FEED_MAX_AGE_S}`)
      .send(xml);

  const alternates = (path: string) => [
    { hreflang: 'zh-Hans', href: abs(variantHref('hans', path)) },
    { hreflang: 'zh-Hant', href: abs(variantHref('hant', path)) },
  ];

  app.get('/sitemap.xml', async (_request, reply) => {
    const pages = Math.max(1, Math.ceil((await countPublishedArticles(db)) / SITEMAP_PAGE_SIZE));
    return sendXml(
      reply,
      sitemapIndex([
        { loc: abs('/sitemaps/pages.xml') },
        ...Array.from({ length: pages }, (_, i) => ({
          loc: abs(`/sitemaps/articles-${i + 1}.xml`),
        })),
        { loc: abs('/sitemaps/news.xml') },
      ]),
    );
  });

  app.get('/sitemaps/pages.xml', async (_request, reply) => {
    const [channels, creators] = await Promise.all([listChannels(db), listCreators(db)]);
    const paths = [
      '/',
      '/hot',
      '/authors',
      ...channels.map((c) => channelPath(c.slug)),
      ...creators.map((c) => authorPath(c.handle)),
    ];
    return sendXml(reply, urlSet(paths.map((p) => ({ loc: abs(p), alternates: alternates(p) }))));
  });

  app.get(
    '/sitemaps/articles-:page.xml',
    { schema: { params: SitemapParams } },
    async (request, reply) => {
      const page = request.params.page;
      const rows = await listArticleUrls(db, (page - 1) * SITEMAP_PAGE_SIZE, SITEMAP_PAGE_SIZE);
      if (rows.length === 0 && page > 1) throw new AppError('NOT_FOUND');
      return sendXml(
        reply,
        urlSet(
          rows.map((r) => ({
            loc: abs(`/article/${r.id}`),
            lastmod: r.updatedAt,
            alternates: alternates(`/article/${r.id}`),
          })),
        ),
      );
    },
  );

  app.get('/sitemaps/news.xml', async (_request, reply) => {
    const since = new Date(ctx.clock.now().getTime() - NEWS_SITEMAP_WINDOW_HOURS * 3_600_000);
    const [settings, rows] = await Promise.all([
      getSiteSettings(db),
      listPublishedArticles(db, { since, limit: NEWS_SITEMAP_MAX }),
    ]);
    return sendXml(
      reply,
      newsSitemap(
        { name: settings.siteName, language: 'zh-cn' },
        rows.map((a) => ({
          loc: abs(`/article/${a.id}`),
          title: a.title,
          published: a.publishedAt ?? a.updatedAt,
        })),
      ),
    );
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        [
          'User-agent: *',
          'Disallow: /search',
          'Disallow: /zh-hant/search',
          'Disallow: /api/',
          '',
          `Sitemap: ${abs('/sitemap.xml')}`,
          '',
        ].join('\n'),
      ),
  );
};
