/** GET /search?q=&channel=&author=&from=&to=&page= — the same search as /search, as JSON. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listChannels } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle } from '../creators/index.js';
import { SEARCH_PAGE_SIZE, searchArticles } from '../search/index.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { presentArticleCard } from './articles.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const SearchQuery = z.strictObject({
  q: z.string({ error: '请填写搜索词 q' }).max(20_000),
  channel: z.string().max(64).optional(),
  author: z.string().max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

export async function searchApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  app.get('/search', async (request) => {
    const q = parseInput(SearchQuery, request.query ?? {});
    const channel = q.channel
      ? (await listChannels(db)).find((c) => c.slug === q.channel)
      : undefined;
    if (q.channel && !channel) throw new AppError('CHANNEL_NOT_FOUND');
    const author = q.author ? await findCreatorByHandle(db, q.author) : undefined;
    if (q.author && !author) throw new AppError('CREATOR_NOT_FOUND');
    const { result, items } = await searchArticles(db, q.q, {
      ...(channel ? { channelId: channel.id } : {}),
      ...(author ? { authorId: author.id } : {}),
      ...(q.from ? { fromDay: q.from } : {}),
      ...(q.to ? { toDay: q.to } : {}),
      page: q.page,
    });
    return {
      query: {
        terms: result.query.terms,
        phrases: result.query.phrases,
        excluded: result.query.excluded,
        truncated: result.query.truncated,
      },
      total: result.total,
      page: q.page,
      page_size: SEARCH_PAGE_SIZE,
      items: items.map((a) => ({
        score: Math.round(a.score * 1e6) / 1e6,
        article: presentArticleCard(a, publicUrl),
      })),
    };
  });
}
