/** GET /hot?channel=&limit=&cursor=&explain=1 — the 热榜, with each item's score components on request. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { withRefs } from '../articles/index.js';
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
      rank: z.int().meta({ description: '名次，从 1 开始' }),
      score: z.number().meta({ description: '热榜分数（公式见 formula）' }),
      heat: z.int().meta({
        description: '热度：分数 × 1000 取整（HEAT_SCALE），页面上显示为「热度 N」，排序同分数',
      }),
      trend: z.enum(['up', 'down', 'same', 'new', 'none']).meta({
        description:
          '与上一个自然日（北京时间）最后一次计算的榜单相比：up 上升、down 下降、same 持平、new 新上榜、none 无前一日可比',
      }),
      trend_places: z.int().optional().meta({ description: 'up/down 时升降的名次数' }),
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
          'score = (1·visitors + 5·shares + 4·comments + 1·likes + 2·article_likes over 3 days) / (age_hours + 2)^1.5',
        items: (await withRefs(ctx.database.db, page.items)).map((i) => ({
          rank: i.rank,
          score: i.score,
          heat: i.heat,
          trend: i.trend.kind,
          ...('by' in i.trend ? { trend_places: i.trend.by } : {}),
          ...(q.explain === '1' ? { components: i.components } : {}),
          article: presentArticleCard(i, publicUrl),
        })),
        next_cursor: page.next,
      };
    },
  );
};
