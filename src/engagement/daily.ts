/** Engagement per article per day (article_daily): what the hot list weighs. */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { addArticleShares, addArticleViews } from '../articles/index.js';
import type { Db, Queryable } from '../db/client.js';
import { articleDaily } from './schema.js';

export interface EngagementTotals {
  readonly visitors: number;
  readonly shares: number;
  readonly comments: number;
  /** Likes given to the article's comments. */
  readonly likes: number;
  /** 点赞 on the article itself, net of likes taken back. */
  readonly articleLikes: number;
}

/** Each article's engagement from `firstDay` (YYYY-MM-DD, a site day) on; articles without any are absent. */
export async function sumEngagementSince(
  db: Queryable,
  firstDay: string,
  articleIds: readonly string[],
  /** Last day counted (inclusive); every day so far when left out. */
  lastDay?: string,
): Promise<Map<string, EngagementTotals>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: articleDaily.articleId,
      visitors: sql<number>`sum(${articleDaily.visitors})::int`,
      shares: sql<number>`sum(${articleDaily.shares})::int`,
      comments: sql<number>`sum(${articleDaily.comments})::int`,
      likes: sql<number>`sum(${articleDaily.likes})::int`,
      articleLikes: sql<number>`sum(${articleDaily.articleLikes})::int`,
    })
    .from(articleDaily)
    .where(
      and(
        gte(articleDaily.day, firstDay),
        lastDay !== undefined ? lte(articleDaily.day, lastDay) : undefined,
        inArray(articleDaily.articleId, [...articleIds]),
      ),
    )
    .groupBy(articleDaily.articleId);
  return new Map(rows.map(({ id, ...totals }) => [id, totals]));
}

/** The whole site's engagement on one day (the admin's dashboard): views, visitors, shares, comments. */
export async function siteEngagementOn(
  db: Queryable,
  day: string,
): Promise<{ views: number; visitors: number; shares: number; comments: number }> {
  const [row] = await db
    .select({
      views: sql<number>`coalesce(sum(${articleDaily.views}), 0)::int`,
      visitors: sql<number>`coalesce(sum(${articleDaily.visitors}), 0)::int`,
      shares: sql<number>`coalesce(sum(${articleDaily.shares}), 0)::int`,
      comments: sql<number>`coalesce(sum(${articleDaily.comments}), 0)::int`,
    })
    .from(articleDaily)
    .where(eq(articleDaily.day, day));
  return row ?? { views: 0, visitors: 0, shares: 0, comments: 0 };
}

/** One article's engagement on one day, as an imported history gives it. */
export interface DailyEngagementRow {
  readonly articleId: string;
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
  readonly shares: number;
}

/** Rows per insert statement. */
const HISTORY_BATCH = 1000;

/**
 * Adds an engagement history (the demo seed's; an import from another
 * platform) to the per-day table the hot list reads and to the articles'
 * live counters, in one transaction.
 */
export async function importEngagementHistory(
  db: Db,
  rows: readonly DailyEngagementRow[],
): Promise<void> {
  const views = new Map<string, number>();
  const shares = new Map<string, number>();
  for (const r of rows) {
    views.set(r.articleId, (views.get(r.articleId) ?? 0) + r.views);
    shares.set(r.articleId, (shares.get(r.articleId) ?? 0) + r.shares);
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += HISTORY_BATCH)
      await tx
        .insert(articleDaily)
        .values(rows.slice(i, i + HISTORY_BATCH).map((r) => ({ ...r })))
        .onConflictDoUpdate({
          target: [articleDaily.articleId, articleDaily.day],
          set: {
            views: sql`${articleDaily.views} + excluded.views`,
            visitors: sql`${articleDaily.visitors} + excluded.visitors`,
            shares: sql`${articleDaily.shares} + excluded.shares`,
          },
        });
    await addArticleViews(tx, views);
    await addArticleShares(tx, new Map([...shares].filter(([, n]) => n > 0)));
  });
}
