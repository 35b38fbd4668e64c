import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { creatorProfiles, creatorStats } from './schema.js';
import { AppError } from '../shared/errors.js';
import type { CreatorWithStats } from './creator.js';

const creatorColumns = {
  id: creatorProfiles.id,
  userId: creatorProfiles.userId,
  handle: creatorProfiles.handle,
  displayName: creatorProfiles.displayName,
  tagline: creatorProfiles.tagline,
  bio: creatorProfiles.bio,
  avatarImageId: creatorProfiles.avatarImageId,
  accountType: creatorProfiles.accountType,
  focusChannels: creatorProfiles.focusChannels,
  articleCount: creatorStats.articles,
  followerCount: creatorStats.followers,
};

function withStats(db: Queryable) {
  return db
    .select(creatorColumns)
    .from(creatorProfiles)
    .innerJoin(creatorStats, eq(creatorStats.creatorId, creatorProfiles.id));
}

export async function listCreators(db: Queryable): Promise<CreatorWithStats[]> {
  return withStats(db).orderBy(asc(creatorProfiles.handle));
}

export async function findCreatorByHandle(
  db: Queryable,
  handle: string,
): Promise<CreatorWithStats | undefined> {
  const [row] = await withStats(db).where(eq(creatorProfiles.handle, handle.toLowerCase()));
  return row;
}

export async function getCreatorByHandleOrThrow(
  db: Queryable,
  handle: string,
): Promise<CreatorWithStats> {
  const creator = await findCreatorByHandle(db, handle);
  if (!creator) throw new AppError('CREATOR_NOT_FOUND', `创作者不存在：${handle}`);
  return creator;
}

export async function findCreatorById(
  db: Queryable,
  id: string,
): Promise<CreatorWithStats | undefined> {
  const [row] = await withStats(db).where(eq(creatorProfiles.id, id));
  return row;
}

/** Creators' names by id, for lists that show each item's author (one query for a whole list). */
export async function getCreatorRefs(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { id: string; userId: string; handle: string; displayName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: creatorProfiles.id,
      userId: creatorProfiles.userId,
      handle: creatorProfiles.handle,
      displayName: creatorProfiles.displayName,
    })
    .from(creatorProfiles)
    .where(inArray(creatorProfiles.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
