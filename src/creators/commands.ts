import { eq, sql } from 'drizzle-orm';
import { getAdminUser } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import { creatorProfiles, creatorStats } from './schema.js';
import { recordEvent } from '../events/index.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { CreateCreatorSchema, type CreateCreatorInput, type Creator } from './creator.js';

/** Creates a creator profile and its counters row. Call inside a transaction. */
export async function createCreatorProfile(
  db: Queryable,
  input: CreateCreatorInput,
): Promise<Creator> {
  const data = parseInput(CreateCreatorSchema, input);
  const [row] = await db
    .insert(creatorProfiles)
    .values(data)
    .onConflictDoNothing({ target: creatorProfiles.handle })
    .returning();
  if (!row) throw new AppError('HANDLE_TAKEN', `该账号名已被占用：${data.handle}`);
  await db.insert(creatorStats).values({ creatorId: row.id });
  await recordEvent(db, { type: 'creator.created', creatorId: row.id });
  return {
    id: row.id,
    userId: row.userId,
    handle: row.handle,
    displayName: row.displayName,
    tagline: row.tagline,
    bio: row.bio,
    accountType: row.accountType,
    focusChannels: row.focusChannels,
  };
}

/**
 * Sets 文章数, the creator's count of published articles, as the articles
 * domain counted it in the transaction that changed it.
 */
export async function setCreatorArticleCount(
  db: Queryable,
  creatorId: string,
  articles: number,
): Promise<void> {
  await db
    .update(creatorStats)
    .set({ articles, updatedAt: sql`now()` })
    .where(eq(creatorStats.creatorId, creatorId));
}

/**
 * A creator profile for an account that has none (an admin made it a creator
 * from the console or the CLI): named after the account, with a handle from
 * its e-mail address (a number appended while taken). Returns the existing
 * profile when there is one.
 */
export async function ensureCreatorProfile(
  db: Queryable,
  userId: string,
): Promise<{ id: string; handle: string; created: boolean }> {
  const [existing] = await db
    .select({ id: creatorProfiles.id, handle: creatorProfiles.handle })
    .from(creatorProfiles)
    .where(eq(creatorProfiles.userId, userId));
  if (existing) return { ...existing, created: false };
  const account = await getAdminUser(db, userId);
  const local = account.email.split('@')[0] ?? '';
  let base = local
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '');
  if (base.length < 3) base = `creator-${base}`.replace(/-$/, '');
  base = base.slice(0, 24);
  for (let n = 0; n < 50; n++) {
    const handle = n === 0 ? base : `${base}-${n + 1}`;
    try {
      const creator = await db.transaction((tx) =>
        createCreatorProfile(tx, {
          userId,
          handle,
          displayName: account.displayName.slice(0, 30) || handle,
        }),
      );
      return { id: creator.id, handle: creator.handle, created: true };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'HANDLE_TAKEN') throw err;
    }
  }
  throw new AppError('HANDLE_TAKEN');
}
