import { listPublishedArticles, type ArticleCard } from '../articles/index.js';
import type { Queryable } from '../db/client.js';

/** Items in the 相关推荐 block. */
export const RELATED_SIZE = 6;

/**
 * Interim related articles (相关推荐), until content-based recommendations
 * land: the same channel's newest articles, filled from the whole site when
 * the channel is thin. Never the article itself; never empty while the site
 * has another published article.
 */
export async function listRelatedArticles(
  db: Queryable,
  article: { id: string; channel: { id: number } },
  limit = RELATED_SIZE,
): Promise<ArticleCard[]> {
  const sameChannel = await listPublishedArticles(db, {
    channelId: article.channel.id,
    excludeIds: [article.id],
    limit,
  });
  if (sameChannel.length >= limit) return sameChannel;
  const more = await listPublishedArticles(db, {
    excludeIds: [article.id, ...sameChannel.map((a) => a.id)],
    limit: limit - sameChannel.length,
  });
  return [...sameChannel, ...more];
}
