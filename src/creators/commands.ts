import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { creatorProfiles, creatorStats } from '../db/schema.js';
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

/** Recounts 文章数 from the articles table (exact, cheap with the author index). */
export async function recountCreatorArticles(db: Queryable, creatorId: string): Promise<void> {
  await db.execute(sql`
    UPDATE byline.creator_stats SET
      articles = (SELECT count(*) FROM byline.articles
                  WHERE author_id = ${creatorId} AND status = 'published'),
      updated_at = now()
    WHERE creator_id = ${creatorId}`);
}
