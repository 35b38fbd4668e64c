/** Sitemaps (index, pages, articles, news) and robots.txt: what crawlers read, at the root only. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  countPublishedArticles,
  listArticleUrls,
  listPublishedArticles,
} from '../../articles/index.js';
import { listChannels } from '../../channels/index.js';
import type { AppContext } from '../../context.js';
import { listCreators } from '../../creators/index.js';
import {
  NEWS_SITEMAP_MAX,
  NEWS_SITEMAP_WINDOW_HOURS,
  newsSitemap,
  SITEMAP_PAGE_SIZE,
  sitemapIndex,
  urlSet,
} from '../../feeds/index.js';
import { getSiteSettings } from '../../settings/index.js';
import { AppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { authorPath, channelPath, variantHref } from '../page-context.js';
import { absoluteUrl, FEED_MAX_AGE_S } from './feeds.js';

const SitemapParams = z.object({ page: z.coerce.number().int().min(1).max(100_000) });

/** Sends a sitemap, cacheable as long as a feed. */
const sendXml = (reply: FastifyReply, xml: string) =>
  reply
    .type('application/xml; charset=utf-8')
    .header('cache-control', `public, max-age=${FEED_MAX_AGE_S}`)
    .send(xml);

/** The page in both scripts (hreflang alternates). */
const alternates = (ctx: AppContext, path: string) => [
  { hreflang: 'zh-Hans', href: absoluteUrl(ctx, variantHref('hans', path)) },
  { hreflang: 'zh-Hant', href: absoluteUrl(ctx, variantHref('hant', path)) },
];

/** The sitemap index and its sitemaps: pages, articles (paged), news of the last days. */
export const sitemapRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const abs = (path: string) => absoluteUrl(ctx, path);

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
    return sendXml(
      reply,
      urlSet(paths.map((p) => ({ loc: abs(p), alternates: alternates(ctx, p) }))),
    );
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
            alternates: alternates(ctx, `/article/${r.id}`),
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
};

/** robots.txt: search pages and the API are not for crawlers; the sitemap is. */
export const robotsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();

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
          `Sitemap: ${absoluteUrl(ctx, '/sitemap.xml')}`,
          '',
        ].join('\n'),
      ),
  );
};
