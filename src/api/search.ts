/** GET /search?q=&channel=&author=&from=&to=&limit=&cursor= — the same search as /search, as JSON. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listChannels } from '../channels/index.js';
import { withRefs } from '../articles/index.js';
import type { AppContext } from '../context.js';
import {
  findCreatorByHandle,
  findCreatorsNamed,
  type CreatorWithStats,
} from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import {
  QUERY_MAX_CHARS,
  SEARCH_MAX_LIMIT,
  SEARCH_PAGE_SIZE,
  searchArticles,
} from '../search/index.js';
import { AppError } from '../shared/errors.js';
import { encodeOffset, limitParam, offsetCursorParam } from './paging.js';
import { ArticleCardOut, presentArticleCard } from './presenters.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期（YYYY-MM-DD）')
  .meta({ description: '北京时间的日期，含当天（YYYY-MM-DD）' });
const SearchQuery = z.strictObject({
  q: z
    .string()
    .max(20_000)
    .meta({
      description: `搜索词：多个词用空格，"短语"须连续出现，-词 排除（前 ${QUERY_MAX_CHARS} 字有效）`,
    }),
  channel: z.string().max(64).optional().meta({ description: '频道 slug' }),
  author: z.string().max(64).optional().meta({ description: '创作者账号名 handle' }),
  from: day.optional(),
  to: day.optional(),
  limit: limitParam(SEARCH_PAGE_SIZE, SEARCH_MAX_LIMIT),
  cursor: offsetCursorParam,
  page: z.coerce.number().int().min(1).max(500).optional().meta({
    description: '第几页（从 1 起，每页 limit 条）；给了 cursor 时忽略',
    deprecated: true,
  }),
});

const NamedCreatorOut = z.object({
  handle: z.string(),
  name: z.string(),
  tagline: z.string(),
  url: z.string(),
  avatar_url: z.string().meta({ description: '头像（SVG；上传过头像时为其缩略图）' }),
  articles: z.int(),
  followers: z.int(),
});

function presentNamedCreator(
  c: CreatorWithStats,
  publicUrl: string,
): z.infer<typeof NamedCreatorOut> {
  return {
    handle: c.handle,
    name: c.displayName,
    tagline: c.tagline,
    url: `${publicUrl}/author/${c.handle}`,
    avatar_url: `${publicUrl}/avatar/${c.handle}.svg`,
    articles: c.articleCount,
    followers: c.followerCount,
  };
}

const SearchReply = z.object({
  query: z.object({
    terms: z.array(z.string()),
    phrases: z.array(z.array(z.string())),
    excluded: z.array(z.string()),
    fragments: z
      .array(z.string())
      .meta({ description: '按连续的字（不按词）查找的片段，已转为简体' }),
    truncated: z.boolean(),
  }),
  total: z.int().meta({ description: '匹配的文章数' }),
  page: z.int(),
  page_size: z.int(),
  creators: z.array(NamedCreatorOut).meta({
    description: '搜索词是创作者的名字或账号名（简繁皆可）时，这些创作者；仅第一页',
  }),
  items: z
    .array(
      z.object({
        score: z.number(),
        snippet: z.string().meta({
          description:
            '正文中围绕匹配词语的一段（约 110 字，前后截断处有“…”）；正文里找不到原样的词时为摘要',
        }),
        article: ArticleCardOut,
      }),
    )
    .meta({ description: '先是词语匹配，再是只有片段（连续的字）匹配的文章' }),
  next_cursor: z.string().nullable(),
});

export const searchApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  app.get(
    '/search',
    {
      schema: {
        summary: '中文搜索（繁体输入也能找到简体文章）',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: SearchReply },
      },
    },
    async (request) => {
      const q = request.query;
      const channel = q.channel
        ? (await listChannels(db)).find((c) => c.slug === q.channel)
        : undefined;
      if (q.channel && !channel) throw new AppError('CHANNEL_NOT_FOUND');
      const author = q.author ? await findCreatorByHandle(db, q.author) : undefined;
      if (q.author && !author) throw new AppError('CREATOR_NOT_FOUND');
      const offset = q.cursor ?? ((q.page ?? 1) - 1) * q.limit;
      const { result, items } = await searchArticles(db, ctx.segmenter, q.q, {
        ...(channel ? { channelId: channel.id } : {}),
        ...(author ? { authorId: author.id } : {}),
        ...(q.from ? { fromDay: q.from } : {}),
        ...(q.to ? { toDay: q.to } : {}),
        offset,
        limit: q.limit,
      });
      const end = offset + items.length;
      const creators = offset === 0 && q.q.trim() ? await findCreatorsNamed(db, q.q.trim()) : [];
      return {
        query: {
          terms: [...result.query.terms],
          phrases: result.query.phrases.map((p) => [...p]),
          excluded: [...result.query.excluded],
          fragments: [...result.query.fragments],
          truncated: result.query.truncated,
        },
        total: result.total,
        page: Math.floor(offset / q.limit) + 1,
        page_size: q.limit,
        creators: creators.map((c) => presentNamedCreator(c, publicUrl)),
        items: (await withRefs(ctx.database.db, items)).map((a) => ({
          score: Math.round(a.score * 1e6) / 1e6,
          snippet: a.snippet,
          article: presentArticleCard(a, publicUrl),
        })),
        next_cursor: items.length === q.limit && end < result.ranked ? encodeOffset(end) : null,
      };
    },
  );
};
