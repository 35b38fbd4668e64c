/**
 * 编辑资料: a user's own profile — name, bio, tagline, avatar — and, for a
 * creator, the public profile kept in step with it, including a new handle
 * (the old one answers 301 to the new, and stays reserved for its creator).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { ProfileSchema, updateProfile } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import { isAvatarImageOf } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { HandleSchema } from './creator.js';
import { creatorHandleHistory, creatorProfiles } from './schema.js';

/** A creator's public name is shorter than an account's (it sits in article bylines). */
const CREATOR_NAME_MAX = 30;

export const OwnProfileSchema = ProfileSchema.extend({
  handle: HandleSchema.optional(),
});
export type OwnProfileInput = z.input<typeof OwnProfileSchema>;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { details: [{ path, message }] });

export async function updateOwnProfile(
  db: Queryable,
  clock: Clock,
  userId: string,
  input: OwnProfileInput,
): Promise<void> {
  const data = parseInput(OwnProfileSchema, input);
  if (data.avatarImageId && !(await isAvatarImageOf(db, data.avatarImageId, userId))) {
    throw invalid('avatarImageId', '头像须是你上传的头像图片（POST /api/v1/me/avatar）');
  }
  await db.transaction(async (tx) => {
    const { handle, ...common } = data;
    await updateProfile(tx, clock, userId, common);
    const [creator] = await tx
      .select({ id: creatorProfiles.id, handle: creatorProfiles.handle })
      .from(creatorProfiles)
      .where(eq(creatorProfiles.userId, userId))
      .for('update');
    if (!creator) {
      if (handle !== undefined) throw invalid('handle', '只有创作者有账号名');
      return;
    }
    if (
      common.displayName !== undefined &&
      Array.from(common.displayName).length > CREATOR_NAME_MAX
    )
      throw invalid('displayName', `创作者名称最多 ${CREATOR_NAME_MAX} 个字符`);
    const newHandle = handle !== undefined && handle !== creator.handle ? handle : undefined;
    if (newHandle) await moveHandle(tx, creator, newHandle);
    const set = Object.fromEntries(
      Object.entries({ ...common, handle: newHandle }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(set).length === 0) return;
    await tx
      .update(creatorProfiles)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(creatorProfiles.id, creator.id));
    await recordEvent(tx, { type: 'creator.updated', creatorId: creator.id });
  });
}

/** Frees nothing: the old handle goes to the history (301), a handle of the history comes back. */
async function moveHandle(
  tx: Queryable,
  creator: { id: string; handle: string },
  handle: string,
): Promise<void> {
  const [taken] = await tx
    .select({ id: creatorProfiles.id })
    .from(creatorProfiles)
    .where(and(eq(creatorProfiles.handle, handle), ne(creatorProfiles.id, creator.id)));
  const [reserved] = await tx
    .select({ creatorId: creatorHandleHistory.creatorId })
    .from(creatorHandleHistory)
    .where(eq(creatorHandleHistory.handle, handle));
  if (taken || (reserved && reserved.creatorId !== creator.id))
    throw new AppError('HANDLE_TAKEN', `账号名已被占用：${handle}`, {
      details: [{ path: 'handle', message: '这个账号名已被占用，请换一个' }],
    });
  if (reserved)
    await tx.delete(creatorHandleHistory).where(eq(creatorHandleHistory.handle, handle));
  await tx
    .insert(creatorHandleHistory)
    .values({ handle: creator.handle, creatorId: creator.id })
    .onConflictDoNothing();
}

/** The current handle of a creator who used to be `/author/{handle}`, or undefined. */
export async function findRenamedHandle(
  db: Queryable,
  handle: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ handle: creatorProfiles.handle })
    .from(creatorHandleHistory)
    .innerJoin(creatorProfiles, eq(creatorProfiles.id, creatorHandleHistory.creatorId))
    .where(eq(creatorHandleHistory.handle, handle.toLowerCase()));
  return row?.handle;
}

/** Every handle a creator used before its current one. */
export async function listHandleHistory(db: Queryable, creatorId: string): Promise<string[]> {
  const rows = await db
    .select({ handle: creatorHandleHistory.handle })
    .from(creatorHandleHistory)
    .where(eq(creatorHandleHistory.creatorId, creatorId));
  return rows.map((r) => r.handle);
}
