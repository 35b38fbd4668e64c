import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { creatorStats, follows } from '../db/schema.js';
import { recordEvent } from '../events/index.js';

/**
 * 关注 / 取消关注: toggles whether a user follows a creator and keeps the
 * creator's 关注度 (followers) counter exact, in one transaction.
 */
export async function toggleFollow(
  db: Queryable,
  input: { userId: string; creatorId: string; at: Date },
): Promise<{ following: boolean; followers: number }> {
  const result = await db.transaction(async (tx) => {
    const removed = await tx
      .delete(follows)
      .where(and(eq(follows.userId, input.userId), eq(follows.creatorId, input.creatorId)))
      .returning({ userId: follows.userId });
    const following = removed.length === 0;
    if (following) {
      await tx
        .insert(follows)
        .values({ userId: input.userId, creatorId: input.creatorId, createdAt: input.at })
        .onConflictDoNothing();
    }
    const [row] = await tx
      .update(creatorStats)
      .set({
        followers: sql`(SELECT count(*) FROM byline.follows WHERE creator_id = ${input.creatorId})::int`,
        updatedAt: input.at,
      })
      .where(eq(creatorStats.creatorId, input.creatorId))
      .returning({ followers: creatorStats.followers });
    await recordEvent(tx, {
      type: following ? 'creator.followed' : 'creator.unfollowed',
      creatorId: input.creatorId,
      userId: input.userId,
    });
    return { following, followers: row?.followers ?? 0 };
  });
  return result;
}

export async function isFollowing(
  db: Queryable,
  userId: string,
  creatorId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.creatorId, creatorId)));
  return row !== undefined;
}
