import { siteDay } from '../shared/time-zone.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import { adjustArticleCounter, getArticleCounter } from '../articles/index.js';
import { articleShares } from './schema.js';

export const SHARE_TARGETS = ['link', 'wechat', 'weibo'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];
export const ShareInputSchema = z.object({ target: z.enum(SHARE_TARGETS) });

/**
 * Records a share; it counts once per visitor per article per target.
 * A visitor may be known by several keys (a new cookie and the IP + UA hash
 * of a first visit): the share counts only if none of them shared before.
 * Returns whether this one counted and the article's share count after it.
 */
export async function recordShare(
  db: Queryable,
  input: {
    articleId: string;
    target: ShareTarget;
    visitorKeys: readonly string[];
    at: Date;
    /** The article's own author: counted in the share total, never toward the hot list. */
    byAuthor?: boolean;
  },
): Promise<{ counted: boolean; shares: number }> {
  const shared = await db.transaction(async (tx) => {
    const known = await tx
      .select({ key: articleShares.visitorKey })
      .from(articleShares)
      .where(
        and(
          eq(articleShares.articleId, input.articleId),
          eq(articleShares.target, input.target),
          inArray(articleShares.visitorKey, [...input.visitorKeys]),
        ),
      );
    const inserted = await tx
      .insert(articleShares)
      .values(
        input.visitorKeys.map((visitorKey) => ({
          articleId: input.articleId,
          target: input.target,
          visitorKey,
        })),
      )
      .onConflictDoNothing()
      .returning({ articleId: articleShares.articleId });
    const counted = known.length === 0 && inserted.length === input.visitorKeys.length;
    if (counted && !input.byAuthor) {
      await tx.execute(sql`
        INSERT INTO byline.article_daily (article_id, day, shares)
        VALUES (${input.articleId}, ${siteDay(input.at)}, 1)
        ON CONFLICT (article_id, day) DO UPDATE SET shares = byline.article_daily.shares + 1`);
    }
    const shares = counted
      ? await adjustArticleCounter(tx, input.articleId, 'shares', 1)
      : await getArticleCounter(tx, input.articleId, 'shares');
    if (counted) await recordEvent(tx, { type: 'article.shared', articleId: input.articleId });
    return { counted, shares };
  });
  return shared;
}
