/** The search page: results for a query (filtered by channel, author, days), else the hot list. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { loadRefs } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { findCreatorByHandle, findCreatorsNamed } from '../../creators/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { loose } from '../../http/schemas.js';
import { listHotArticles } from '../../ranking/index.js';
import { searchArticles } from '../../search/index.js';
import { SearchPage } from '../pages/search.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SearchQuery = z.object({
  q: loose(z.string().max(20_000)),
  channel: loose(z.string().max(64)),
  author: loose(z.string().max(64)),
  from: loose(day),
  to: loose(day),
  page: z.coerce.number().int().min(1).max(500).default(1).catch(1),
});

export const searchRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const q = request.query;
    const query = (q.q ?? '').trim();
    const pageCtx = await request.pageContext();
    const channel = q.channel ? pageCtx.channels.find((c) => c.slug === q.channel) : undefined;
    const author = q.author ? await findCreatorByHandle(db, q.author) : undefined;
    const found = query
      ? await searchArticles(db, ctx.segmenter, query, {
          ...(channel ? { channelId: channel.id } : {}),
          ...(author ? { authorId: author.id } : {}),
          ...(q.from ? { fromDay: q.from } : {}),
          ...(q.to ? { toDay: q.to } : {}),
          page: q.page,
        })
      : undefined;
    // Only on the first page: the creators a query names sit above its first results.
    const creators = query && q.page === 1 ? await findCreatorsNamed(db, query) : [];
    const result = found?.result;
    // The cards show the snippet around the match in place of the summary.
    const hits = (found?.items ?? []).map((h) => ({ ...h, summary: h.snippet }));
    const hotItems =
      query && hits.length === 0 ? await listHotArticles(db, ctx.clock, { limit: 10 }) : [];
    const refs = await loadRefs(db, [hits, hotItems], pageCtx.channels);
    const results = refs.list(hits);
    const hot = refs.list(hotItems);
    return reply.render(
      SearchPage({
        ctx: pageCtx,
        query,
        filters: {
          ...(channel ? { channel: channel.slug } : {}),
          ...(q.author ? { author: q.author.trim() } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
        },
        creators,
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
        words: result
          ? [...result.query.terms, ...result.query.phrases.flat(), ...result.query.fragments]
          : [],
      }),
    );
  });
};
