import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { sessions, users } from './schema.js';
import type { Clock } from '../shared/clock.js';
import type { SessionUser } from './user.js';

/** A month: long enough not to nag, short enough that a lost device's session dies. */
export const SESSION_TTL_MS = 30 * 86_400_000;
/** Refresh last_seen_at at most this often, so reads don't write on every request. */
const LAST_SEEN_RESOLUTION_MS = 10 * 60_000;

/** Tokens are 256 random bits; only their SHA-256 is stored, so a database leak yields no sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(
  db: Queryable,
  clock: Clock,
  userId: string,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The signed-in user of a session token, or undefined (unknown, expired,
 * suspended). The creators domain adds the user's creator profile (Viewer).
 */
export async function findSessionUser(
  db: Queryable,
  clock: Clock,
  token: string,
): Promise<SessionUser | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const idHash = hashToken(token);
  const now = clock.now();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
  if (!row || row.status !== 'active') return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    sessionIdHash: idHash,
  };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

/** Sign out everywhere: every session of the user ends. */
export async function deleteUserSessions(db: Queryable, userId: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.idHash });
  return gone.length;
}

export async function deleteExpiredSessions(db: Queryable, clock: Clock): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, clock.now()));
}
