import { listMostViewedSince, listPublishedArticles, type ArticleCard } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';

/**
 * The interim hot list (热点推荐), until the scored 热榜 job lands: the most
 * viewed articles of the last week, ties broken by recency.
 */
export const HOT_WINDOW_DAYS = 7;
/** About as many items as the reference page's 热点推荐 block. */
export const HOT_BLOCK_SIZE = 20;
/** The full /hot page. */
export const HOT_PAGE_SIZE = 50;

const DAY_MS = 86_400_000;

export async function listHotArticles(
  db: Queryable,
  clock: Clock,
  options: { limit: number; excludeIds?: readonly string[] },
): Promise<ArticleCard[]> {
  const exclude = options.excludeIds ?? [];
  const since = new Date(clock.now().getTime() - HOT_WINDOW_DAYS * DAY_MS);
  const hot = await listMostViewedSince(db, since, options.limit, exclude);
  if (hot.length >= options.limit) return hot;
  // CASE: a quiet week — fill with older articles so the block is never short or empty.
  const older = await listPublishedArticles(db, {
    limit: options.limit - hot.length,
    excludeIds: [...exclude, ...hot.map((a) => a.id)],
  });
  return [...hot, ...older];
}
