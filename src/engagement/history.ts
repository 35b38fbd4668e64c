/**
 * 阅读历史: the articles a signed-in reader has opened, one row per article
 * with the latest reading. Readings are remembered in memory by the view
 * buffer (views.ts) and written with its flush, never on the request path.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { getUserNames } from '../accounts/index.js';
import { getArticleFacts } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { afterCursor, type ReaderListCursor, type ReaderListEntry } from './reactions.js';
import { readingHistory } from './schema.js';

/** A reading waiting for the flush. */
export interface PendingRead {
  readonly userId: string;
  readonly articleId: string;
  readonly at: number;
}

/**
 * Writes readings in one statement: a row per (reader, article), the time
 * moved forward on a re-read (never back: an older flush arriving late keeps
 * the newer time). Readings of articles or accounts deleted meanwhile are dropped.
 */
export async function recordReads(tx: Queryable, reads: readonly PendingRead[]): Promise<void> {
  if (reads.length === 0) return;
  const latest = new Map<string, PendingRead>();
  for (const r of reads) {
    const key = `${r.userId}|${r.articleId}`;
    if ((latest.get(key)?.at ?? -1) < r.at) latest.set(key, r);
  }
  // CASE: an account or an article deleted since the reading — dropped, never a failed flush.
  const readers = await getUserNames(
    tx,
    [...latest.values()].map((r) => r.userId),
  );
  const articles = await getArticleFacts(tx, [
    ...new Set([...latest.values()].map((r) => r.articleId)),
  ]);
  const live = [...latest.values()].filter(
    (r) => readers.has(r.userId) && articles.has(r.articleId),
  );
  if (live.length === 0) return;
  const values = sql.join(
    live.map(
      (r) => sql`(${r.userId}::uuid, ${r.articleId}, ${new Date(r.at).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    INSERT INTO byline.reading_history (user_id, article_id, read_at)
    VALUES ${values}
    ON CONFLICT (user_id, article_id) DO UPDATE
    SET read_at = greatest(byline.reading_history.read_at, excluded.read_at)`);
}

/** A reader's history, the latest reading first, `limit` from after `before`. */
export async function listReadingHistory(
  db: Queryable,
  userId: string,
  page: { readonly before?: ReaderListCursor; readonly limit: number },
): Promise<ReaderListEntry[]> {
  return db
    .select({ articleId: readingHistory.articleId, at: readingHistory.readAt })
    .from(readingHistory)
    .where(
      and(
        eq(readingHistory.userId, userId),
        afterCursor(readingHistory.readAt, readingHistory.articleId, page.before),
      ),
    )
    .orderBy(desc(readingHistory.readAt), desc(readingHistory.articleId))
    .limit(page.limit);
}

/** 清空阅读历史; returns how many entries went. */
export async function clearReadingHistory(db: Queryable, userId: string): Promise<number> {
  const gone = await db
    .delete(readingHistory)
    .where(eq(readingHistory.userId, userId))
    .returning({ articleId: readingHistory.articleId });
  return gone.length;
}

/** Removes one article from a reader's history (idempotent). */
export async function removeFromReadingHistory(
  db: Queryable,
  userId: string,
  articleId: string,
): Promise<void> {
  await db
    .delete(readingHistory)
    .where(and(eq(readingHistory.userId, userId), eq(readingHistory.articleId, articleId)));
}
