/** GET /hot?channel=&limit=&cursor=&explain=1 — the 热榜, with each item's score components on request. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { HOT_LIST_SIZE, listHotItems } from '../ranking/index.js';
import { limitParam, offsetCursorParam, offsetPage } from './paging.js';
import { ArticleCardOut, presentArticleCard } from './presenters.js';

const HotQuery = z.strictObject({
  channel: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, '频道 slug 只含小写字母、数字和连字符')
    .optional()
    .meta({ description: '频道 slug；不填为全站热榜' }),
  limit: limitParam(HOT_LIST_SIZE, HOT_LIST_SIZE),
  cursor: offsetCursorParam,
  explain: z.enum(['0', '1']).optional().meta({ description: '1：给出每项得分的组成' }),
});

const HotReply = z.object({
  scope: z.string(),
  formula: z.string(),
  items: z.array(
    z.object({
      rank: z.int(),
      score: z.number(),
      components: z.record(z.string(), z.number()).optional(),
      article: ArticleCardOut,
    }),
  ),
  next_cursor: z.string().nullable(),
});

export const hotApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  app.get(
    '/hot',
    {
      schema: {
        summary: '热榜（公式公开，见 docs/hot-list.md）',
        tags: ['hot'],
        querystring: HotQuery,
        response: { 200: HotReply },
      },
    },
    async (request) => {
      const q = request.query;
      const offset = q.cursor ?? 0;
      const all = await listHotItems(ctx.database.db, {
        limit: Math.min(offset + q.limit + 1, HOT_LIST_SIZE),
        scope: q.channel ?? 'all',
      });
      const page = offsetPage(all, offset, q.limit);
      return {
        scope: q.channel ?? 'all',
        formula:
          'score = (1·visitors + 5·shares + 4·comments + 1·likes over 3 days) / (age_hours + 2)^1.5',
        items: page.items.map((i) => ({
          rank: i.rank,
          score: i.score,
          ...(q.explain === '1' ? { components: i.components } : {}),
          article: presentArticleCard(i, publicUrl),
        })),
        next_cursor: page.next,
      };
    },
  );
};
