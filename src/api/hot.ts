/** GET /hot?channel=&limit=&explain=1 — the 热榜, with each item's score components on request. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { HOT_LIST_SIZE, listHotItems } from '../ranking/index.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { presentArticleCard } from './articles.js';

const HotQuery = z.strictObject({
  channel: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(HOT_LIST_SIZE).default(HOT_LIST_SIZE),
  explain: z.enum(['0', '1']).optional(),
});

export async function hotApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  app.get('/hot', async (request) => {
    const q = parseInput(HotQuery, request.query ?? {});
    if (q.channel !== undefined && !/^[a-z0-9-]+$/.test(q.channel))
      throw new AppError('CHANNEL_NOT_FOUND');
    const items = await listHotItems(ctx.database.db, {
      limit: q.limit,
      scope: q.channel ?? 'all',
    });
    return {
      scope: q.channel ?? 'all',
      formula:
        'score = (1·visitors + 5·shares + 4·comments + 1·likes over 3 days) / (age_hours + 2)^1.5',
      items: items.map((i) => ({
        rank: i.rank,
        score: i.score,
        ...(q.explain === '1' ? { components: i.components } : {}),
        article: presentArticleCard(i, publicUrl),
      })),
    };
  });
}
