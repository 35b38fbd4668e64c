/** Feeds (site, channel, author, tag × RSS/Atom/JSON Feed), at the root only. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  listPublishedArticlesWithBody,
  type ArticleView,
  type ListFilter,
  withRefs,
} from '../../articles/index.js';
import { listChannels } from '../../channels/index.js';
import type { AppContext } from '../../context.js';
import { getCreatorByHandleOrThrow } from '../../creators/index.js';
import { toAtom, toJsonFeed, toRss, type FeedMeta } from '../../feeds/index.js';
import { getSiteSettings } from '../../settings/index.js';
import { AppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { HandleParams, SlugParams } from '../../http/schemas.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { authorPath, channelPath, tagPath } from '../page-context.js';
import { TagParams } from './tag-params.js';

/** Items per feed: full content makes each one large; readers poll often. */
const FEED_SIZE = 20;
/** Feeds and sitemaps change at most every few minutes; let caches keep them that long. */
export const FEED_MAX_AGE_S = 300;

const FORMATS = {
  xml: { type: 'application/rss+xml; charset=utf-8' },
  atom: { type: 'application/atom+xml; charset=utf-8' },
  json: { type: 'application/feed+json; charset=utf-8' },
} as const;
type Format = keyof typeof FORMATS;
const FormatParam = z.enum(['xml', 'atom', 'json']);
const FeedParams = z.object({ format: FormatParam });

/** A URL on the public origin: feeds and sitemaps are read away from the site. */
export function absoluteUrl(ctx: AppContext, path: string): string {
  return `${ctx.publicUrl ?? 'http://127.0.0.1:3000'}${path}`;
}

/** Sends the latest articles that match `filter` (with their content) in one feed format. */
async function sendFeed(
  ctx: AppContext,
  reply: FastifyReply,
  format: Format,
  meta: FeedMeta,
  filter: Omit<ListFilter, 'limit'>,
) {
  const db = ctx.database.db;
  const abs = (path: string) => absoluteUrl(ctx, path);
  const rows = await withRefs(
    db,
    await listPublishedArticlesWithBody(db, { ...filter, limit: FEED_SIZE }),
  );
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
}

/** A feed's title, description and links; the site's name and tagline where none is given. */
async function feedMeta(
  ctx: AppContext,
  title: string,
  description: string,
  path: string,
): Promise<FeedMeta> {
  const settings = await getSiteSettings(ctx.database.db);
  return {
    title: title || settings.siteName,
    description: description || settings.tagline,
    homeUrl: absoluteUrl(ctx, path || '/'),
    feedBase: absoluteUrl(ctx, `${path}/feed`),
    language: 'zh-CN',
    generator: 'Byline',
  };
}

export const feedRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/feed.:format', { schema: { params: FeedParams } }, async (request, reply) => {
    const settings = await getSiteSettings(db);
    return sendFeed(
      ctx,
      reply,
      request.params.format,
      await feedMeta(ctx, settings.siteName, settings.tagline, ''),
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
      const meta = await feedMeta(
        ctx,
        `${settings.siteName} · ${channel.name}`,
        `${channel.name}频道最新文章`,
        channelPath(channel.slug),
      );
      addCacheTags(request, `channel:${channel.id}`);
      return sendFeed(ctx, reply, params.format, meta, { channelId: channel.id });
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
      const meta = await feedMeta(
        ctx,
        creator.displayName,
        creator.tagline,
        authorPath(creator.handle),
      );
      addCacheTags(request, `author:${creator.id}`);
      return sendFeed(ctx, reply, params.format, meta, { authorId: creator.id });
    },
  );

  app.get(
    '/tag/:name/feed.:format',
    {
      schema: { params: TagParams.extend(FeedParams.shape) },
      config: { notFound: 'TAG_NOT_FOUND' },
    },
    async (request, reply) => {
      const { name: tag, format } = request.params;
      const settings = await getSiteSettings(db);
      const meta = await feedMeta(
        ctx,
        `${settings.siteName} · 话题 ${tag}`,
        `话题“${tag}”的最新文章`,
        tagPath(tag),
      );
      addCacheTags(request, 'feeds');
      return sendFeed(ctx, reply, format, meta, { tag });
    },
  );
};
