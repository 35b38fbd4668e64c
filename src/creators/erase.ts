/**
 * A user's creator-side data as account deletion and data export see it:
 * the creator profile, applications and follows.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { recordEvents } from '../events/index.js';
import { creatorApplications, creatorProfiles, creatorStats, follows } from './schema.js';

/** The profile, applications and follows of a user, as stored. */
export async function exportCreatorDataOf(db: Queryable, userId: string) {
  const [profile] = await db
    .select({
      id: creatorProfiles.id,
      handle: creatorProfiles.handle,
      displayName: creatorProfiles.displayName,
      tagline: creatorProfiles.tagline,
      bio: creatorProfiles.bio,
      accountType: creatorProfiles.accountType,
      focusChannels: creatorProfiles.focusChannels,
      createdAt: creatorProfiles.createdAt,
    })
    .from(creatorProfiles)
    .where(eq(creatorProfiles.userId, userId));
  const applications = await db
    .select({
      id: creatorApplications.id,
      displayName: creatorApplications.displayName,
      handle: creatorApplications.handle,
      accountType: creatorApplications.accountType,
      tagline: creatorApplications.tagline,
      bio: creatorApplications.bio,
      focusChannels: creatorApplications.focusChannels,
      sampleLinks: creatorApplications.sampleLinks,
      contact: creatorApplications.contact,
      status: creatorApplications.status,
      decisionReason: creatorApplications.decisionReason,
      createdAt: creatorApplications.createdAt,
      decidedAt: creatorApplications.decidedAt,
    })
    .from(creatorApplications)
    .where(eq(creatorApplications.userId, userId))
    .orderBy(asc(creatorApplications.createdAt));
  const following = await db
    .select({
      creatorId: follows.creatorId,
      handle: creatorProfiles.handle,
      displayName: creatorProfiles.displayName,
      since: follows.createdAt,
    })
    .from(follows)
    .innerJoin(creatorProfiles, eq(creatorProfiles.id, follows.creatorId))
    .where(eq(follows.userId, userId))
    .orderBy(asc(follows.createdAt));
  return { profile: profile ?? null, applications, following };
}

/** Deletes a creator profile (its articles must be gone): followers, stats and old handles go with it. */
export async function deleteCreatorProfile(tx: Queryable, creatorId: string): Promise<void> {
  await tx.delete(creatorProfiles).where(eq(creatorProfiles.id, creatorId));
}

/** Deletes a user's follows (the creators' 关注度 recounted) and applications. */
export async function eraseFollowsAndApplicationsOf(tx: Queryable, userId: string): Promise<void> {
  const gone = await tx
    .delete(follows)
    .where(eq(follows.userId, userId))
    .returning({ creatorId: follows.creatorId });
  const creators = [...new Set(gone.map((g) => g.creatorId))];
  if (creators.length > 0) {
    await tx
      .update(creatorStats)
      .set({
        followers: sql`(SELECT count(*) FROM byline.follows f WHERE f.creator_id = ${creatorStats.creatorId})::int`,
      })
      .where(inArray(creatorStats.creatorId, creators));
    await recordEvents(
      tx,
      creators.map((creatorId) => ({ type: 'creator.unfollowed' as const, creatorId, userId })),
    );
  }
  await tx.delete(creatorApplications).where(eq(creatorApplications.userId, userId));
}
