/**
 * The viewer of a request: the session's user (accounts) with their creator
 * profile, if they have one. Two indexed reads; the edges call this once per
 * request.
 */
import { eq } from 'drizzle-orm';
import { findSessionUser, type Viewer } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { creatorProfiles } from './schema.js';

/** The creator profile of a user, as the viewer carries it. */
export async function findCreatorRefOfUser(
  db: Queryable,
  userId: string,
): Promise<{ id: string; handle: string } | null> {
  const [row] = await db
    .select({ id: creatorProfiles.id, handle: creatorProfiles.handle })
    .from(creatorProfiles)
    .where(eq(creatorProfiles.userId, userId));
  return row ?? null;
}

/** The signed-in viewer for a session token, or undefined (unknown, expired, suspended). */
export async function findViewerBySession(
  db: Queryable,
  clock: Clock,
  token: string,
): Promise<Viewer | undefined> {
  const user = await findSessionUser(db, clock, token);
  if (!user) return undefined;
  return { ...user, creator: await findCreatorRefOfUser(db, user.id) };
}
