import { and, asc, eq, notInArray } from 'drizzle-orm';
import { listPublishedArticles, type ArticleItem } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { hotList } from './schema.js';
import type { Clock } from '../shared/clock.js';
import { CANDIDATE_MAX_AGE_DAYS, heatOf, trendOf, type HotTrend } from './hot-score.js';

/** About as many items as the reference page's 热点推荐 block. */
export const HOT_BLOCK_SIZE = 20;
/** The full /hot page. */
export const HOT_PAGE_SIZE = 50;

export interface HotItem extends ArticleItem {
  readonly rank: number;
  readonly score: number;
  readonly components: Record<string, number>;
  /** 热度: the score on the readable scale (heatOf). */
  readonly heat: number;
  /** Against the previous site day's list. */
  readonly trend: HotTrend;
}

/**
 * The computed hot list (global, or one channel's), best first. Before the
 * first computation (a fresh install) it is filled with the newest articles,
 * so the block is never empty.
 */
export async function listHotItems(
  db: Queryable,
  options: { limit: number; scope?: string; excludeIds?: readonly string[] },
): Promise<HotItem[]> {
  const exclude = options.excludeIds ?? [];
  const rows = await db
    .select({
      id: hotList.articleId,
      rank: hotList.rank,
      score: hotList.score,
      components: hotList.components,
      computedAt: hotList.computedAt,
      previousRank: hotList.previousRank,
      hasBaseline: hotList.hasBaseline,
    })
    .from(hotList)
    .where(
      and(
        eq(hotList.scope, options.scope ?? 'all'),
        exclude.length ? notInArray(hotList.articleId, [...exclude]) : undefined,
      ),
    )
    .orderBy(asc(hotList.rank))
    .limit(options.limit);
  const cards = rows.length
    ? await listPublishedArticles(db, { onlyIds: rows.map((r) => r.id), limit: rows.length })
    : [];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const items: HotItem[] = rows.flatMap((r) => {
    const card = byId.get(r.id);
    return card
      ? [
          {
            ...card,
            rank: r.rank,
            score: r.score,
            components: r.components,
            heat: heatOf(r.score),
            trend: trendOf(r.rank, r.previousRank, r.hasBaseline),
          },
        ]
      : [];
  });
  if (items.length >= options.limit) return items;
  // CASE: not computed yet (fill with the newest), or fewer candidates than the block shows
  // (fill with articles older than the candidate window, so collapsed re-posts stay out).
  // Every row of one computation carries the same time; no extra query for it.
  const computedAt = rows[0]?.computedAt;
  const fill = await listPublishedArticles(db, {
    limit: options.limit - items.length,
    excludeIds: [...exclude, ...items.map((i) => i.id)],
    ...(computedAt
      ? {
          before: {
            publishedAt: new Date(computedAt.getTime() - CANDIDATE_MAX_AGE_DAYS * 86_400_000),
            id: '',
          },
        }
      : {}),
  });
  return [
    ...items,
    ...fill.map((c, i) => ({
      ...c,
      rank: items.length + i + 1,
      score: 0,
      components: {},
      heat: 0,
      trend: { kind: 'none' } as const,
    })),
  ];
}

/** The 热点推荐 block and /hot: the global hot list. */
export async function listHotArticles(
  db: Queryable,
  _clock: Clock,
  options: { limit: number; excludeIds?: readonly string[] },
): Promise<ArticleItem[]> {
  return listHotItems(db, options);
}
