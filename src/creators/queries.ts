import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { creatorProfiles, creatorStats } from './schema.js';
import { AppError } from '../shared/errors.js';
import type { CreatorWithStats } from './creator.js';
import { toSimplified, toTraditional } from '../text/index.js';

/** Creators shown for one search: a query names a few people, not a directory. */
const NAMED_CREATORS_MAX = 5;
/** Words of a query looked at as names (the whole query is one more). */
const NAMED_WORDS_MAX = 5;

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

/**
 * The creators a search query names: the whole query, or one of its words, is
 * a creator's display name or handle (`@handle` too), ignoring case and width,
 * in either script (林知遠 finds 林知远, and the other way round).
 */
export async function findCreatorsNamed(db: Queryable, query: string): Promise<CreatorWithStats[]> {
  const words = query.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  const names = [words.join(' '), ...words.slice(0, NAMED_WORDS_MAX)]
    .map((w) => w.replace(/^@/, '').toLowerCase())
    .filter((w) => w.length > 0 && w.length <= 64);
  if (names.length === 0) return [];
  const variants = [...new Set(names.flatMap((n) => [n, toSimplified(n), toTraditional(n)]))];
  return withStats(db)
    .where(
      or(
        inArray(creatorProfiles.handle, names),
        inArray(sql`lower(${creatorProfiles.displayName})`, variants),
      ),
    )
    .orderBy(sql`${creatorStats.followers} DESC`, asc(creatorProfiles.handle))
    .limit(NAMED_CREATORS_MAX);
}
