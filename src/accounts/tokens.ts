/**
 * Single-use links sent by mail: 256 random bits, only their SHA-256 stored,
 * gone once used or expired.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { accountTokens } from './schema.js';
import { hashToken } from './sessions.js';

export type TokenPurpose = 'password_reset' | 'verify_email' | 'unlock';

/** A reset link works for 30 minutes (long enough to find the mail, short enough to be useless later). */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
/** A verification link works for 3 days (a new reader may not read mail today). */
export const VERIFY_EMAIL_TTL_MS = 3 * 86_400_000;
/** An unlock link works for an hour. */
export const UNLOCK_TTL_MS = 3_600_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,50}$/;

/** A new token for `purpose`; earlier ones of the same purpose stop working. */
export async function issueToken(
  tx: Queryable,
  clock: Clock,
  userId: string,
  purpose: TokenPurpose,
  ttlMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  await tx
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)));
  await tx.insert(accountTokens).values({
    idHash: hashToken(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return token;
}

/** The account a live token belongs to, without using it up (to show the form it opens). */
export async function peekToken(
  db: Queryable,
  clock: Clock,
  token: string,
  purpose: TokenPurpose,
): Promise<string | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db
    .select({ userId: accountTokens.userId })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.idHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        gt(accountTokens.expiresAt, clock.now()),
      ),
    );
  return row?.userId;
}

/** Uses a token up: its account, or undefined when it is unknown, used or expired. */
export async function consumeToken(
  tx: Queryable,
  clock: Clock,
  token: string,
  purpose: TokenPurpose,
): Promise<string | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await tx
    .delete(accountTokens)
    .where(and(eq(accountTokens.idHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .returning({ userId: accountTokens.userId, expiresAt: accountTokens.expiresAt });
  if (!row || row.expiresAt.getTime() <= clock.now().getTime()) return undefined;
  return row.userId;
}

/** When the newest live token of `purpose` was issued to the account (to send a link once per lockout). */
export async function lastIssuedAt(
  db: Queryable,
  clock: Clock,
  userId: string,
  purpose: TokenPurpose,
): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: accountTokens.createdAt })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        gt(accountTokens.expiresAt, clock.now()),
      ),
    );
  return row?.at;
}

export async function deleteExpiredTokens(db: Queryable, clock: Clock): Promise<void> {
  await db.delete(accountTokens).where(lt(accountTokens.expiresAt, clock.now()));
}
