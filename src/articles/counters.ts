/**
 * The live counters shown with an article (阅读 views, 分享 shares, 跟贴
 * comments, 点赞 likes), kept in article_stats. The engagement domain decides what
 * counts and calls these inside its own transactions.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import { articleStats } from './schema.js';

export type ArticleCounter = 'shares' | 'comments' | 'likes';

/** Adds `delta` (never below zero) to one counter; returns the new value (0 for an unknown article). */
export async function adjustArticleCounter(
  tx: Queryable,
  articleId: string,
  counter: ArticleCounter,
  delta: number,
): Promise<number> {
  const column = articleStats[counter];
  const [row] = await tx
    .update(articleStats)
    .set({ [counter]: sql`greatest(${column} + ${delta}, 0)`, updatedAt: sql`now()` })
    .where(eq(articleStats.articleId, articleId))
    .returning({ value: column });
  return Number(row?.value ?? 0);
}

export async function getArticleCounter(
  db: Queryable,
  articleId: string,
  counter: ArticleCounter,
): Promise<number> {
  const [row] = await db
    .select({ value: articleStats[counter] })
    .from(articleStats)
    .where(eq(articleStats.articleId, articleId));
  return Number(row?.value ?? 0);
}

/**
 * Adds buffered views to many articles in one statement; returns the ids
 * that exist (views of an article deleted meanwhile are dropped).
 */
export async function addArticleViews(
  tx: Queryable,
  totals: ReadonlyMap<string, number>,
): Promise<Set<string>> {
  if (totals.size === 0) return new Set();
  const rows = await tx.execute(sql`
    UPDATE byline.article_stats s SET views = s.views + v.n, updated_at = now()
    FROM (VALUES ${sql.join(
      [...totals].map(([id, n]) => sql`(${id}, ${n}::bigint)`),
      sql`, `,
    )}) AS v(id, n)
    WHERE s.article_id = v.id
    RETURNING s.article_id`);
  return new Set(rowsOf<{ article_id: string }>(rows).map((r) => r.article_id));
}

/** Adds shares to many articles in one statement (an imported engagement history). */
export async function addArticleShares(
  tx: Queryable,
  totals: ReadonlyMap<string, number>,
): Promise<void> {
  if (totals.size === 0) return;
  await tx.execute(sql`
    UPDATE byline.article_stats s SET shares = s.shares + v.n, updated_at = now()
    FROM (VALUES ${sql.join(
      [...totals].map(([id, n]) => sql`(${id}, ${n}::int)`),
      sql`, `,
    )}) AS v(id, n)
    WHERE s.article_id = v.id`);
}
