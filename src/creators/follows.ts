import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { creatorProfiles, creatorStats, follows } from './schema.js';
import { AppError } from '../shared/errors.js';
import { recordEvent } from '../events/index.js';

/**
 * 关注 / 取消关注: makes a user follow a creator or not (idempotent: following
 * twice is following) and keeps the creator's 关注度 (followers) counter
 * exact, in one transaction. A creator cannot follow itself.
 */
export async function setFollow(
  db: Queryable,
  input: { userId: string; creatorId: string; follow: boolean; at: Date },
): Promise<{ following: boolean; followers: number }> {
  return db.transaction(async (tx) => {
    const [creator] = await tx
      .select({ userId: creatorProfiles.userId })
      .from(creatorProfiles)
      .where(eq(creatorProfiles.id, input.creatorId));
    if (!creator) throw new AppError('CREATOR_NOT_FOUND');
    if (input.follow && creator.userId === input.userId) throw new AppError('SELF_FOLLOW');
    const changed = input.follow
      ? await tx
          .insert(follows)
          .values({ userId: input.userId, creatorId: input.creatorId, createdAt: input.at })
          .onConflictDoNothing()
          .returning({ userId: follows.userId })
      : await tx
          .delete(follows)
          .where(and(eq(follows.userId, input.userId), eq(follows.creatorId, input.creatorId)))
          .returning({ userId: follows.userId });
    const [row] = await tx
      .update(creatorStats)
      .set({
        followers: sql`(SELECT count(*) FROM byline.follows WHERE creator_id = ${input.creatorId})::int`,
        updatedAt: input.at,
      })
      .where(eq(creatorStats.creatorId, input.creatorId))
      .returning({ followers: creatorStats.followers });
    if (changed.length > 0) {
      await recordEvent(tx, {
        type: input.follow ? 'creator.followed' : 'creator.unfollowed',
        creatorId: input.creatorId,
        userId: input.userId,
      });
    }
    return { following: input.follow, followers: row?.followers ?? 0 };
  });
}

/** The page's 关注 button: follows when not following, else stops. */
export async function toggleFollow(
  db: Queryable,
  input: { userId: string; creatorId: string; at: Date },
): Promise<{ following: boolean; followers: number }> {
  const following = await isFollowing(db, input.userId, input.creatorId);
  return setFollow(db, { ...input, follow: !following });
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

/** The creators a user follows (/following lists their articles). */
export async function listFollowedCreatorIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .select({ creatorId: follows.creatorId })
    .from(follows)
    .where(eq(follows.userId, userId));
  return rows.map((r) => r.creatorId);
}

/** New followers of a creator per site day (Beijing time) since `since` (the studio's daily chart). */
export async function countNewFollowersByDay(
  db: Queryable,
  creatorId: string,
  since: Date,
): Promise<Map<string, number>> {
  const rows = await db
    .select({
      day: sql<string>`to_char((${follows.createdAt} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`,
      n: sql<number>`count(*)::int`,
    })
    .from(follows)
    .where(and(eq(follows.creatorId, creatorId), gte(follows.createdAt, since)))
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** Who follows a creator (a new article notifies them), as user ids; only those following by `at`. */
export async function listFollowerIds(
  db: Queryable,
  creatorId: string,
  at?: Date,
): Promise<string[]> {
  const rows = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.creatorId, creatorId), at ? lte(follows.createdAt, at) : undefined));
  return rows.map((r) => r.userId);
}
