/**
 * 图片库: a creator's own uploads (avatars excluded), newest first, with
 * their alt text; alt text changed by the owner; an unused image deleted by
 * its owner. Whether an image is in use is the articles domain's to say: the
 * caller asks it inside the same transaction as the delete.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { AVATAR_WIDTHS } from './images.js';
import { images } from './schema.js';

/** Alt text: a sentence or two for a screen reader, not an essay. */
export const ALT_MAX_CHARS = 200;

export interface LibraryImage {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly alt: string;
  readonly variants: readonly number[];
  readonly createdAt: Date;
}

/** A library page position: (created_at, id) of the last image shown. */
export interface ImageCursor {
  readonly createdAt: Date;
  readonly id: string;
}

const columns = {
  id: images.id,
  width: images.width,
  height: images.height,
  bytes: images.bytes,
  alt: images.alt,
  variants: images.variants,
  createdAt: images.createdAt,
};

/** Avatars are stored as images too (every avatar size); they are not article images. */
const notAvatar = ne(images.variants, sql`${JSON.stringify(AVATAR_WIDTHS)}::jsonb`);

/** The owner's images, newest first; `limit + 1` tells the caller whether a next page exists. */
export async function listImagesOf(
  db: Queryable,
  ownerId: string,
  page: { before?: ImageCursor; limit: number },
): Promise<LibraryImage[]> {
  return db
    .select(columns)
    .from(images)
    .where(
      and(
        eq(images.ownerId, ownerId),
        notAvatar,
        page.before
          ? sql`(${images.createdAt}, ${images.id}) < (${page.before.createdAt.toISOString()}::timestamptz, ${page.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(images.createdAt), desc(images.id))
    .limit(page.limit);
}

/** One of the owner's library images; IMAGE_NOT_FOUND for anyone else's (or an avatar). */
export async function getOwnImageOrThrow(
  db: Queryable,
  ownerId: string,
  id: string,
): Promise<LibraryImage> {
  const [row] = await db
    .select(columns)
    .from(images)
    .where(and(eq(images.id, id), eq(images.ownerId, ownerId), notAvatar));
  if (!row) throw new AppError('IMAGE_NOT_FOUND');
  return row;
}

export async function setImageAlt(
  db: Queryable,
  ownerId: string,
  id: string,
  alt: string,
): Promise<void> {
  const text = alt.replace(/\s+/gu, ' ').trim();
  if (Array.from(text).length > ALT_MAX_CHARS)
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'alt', message: `图片说明最多 ${ALT_MAX_CHARS} 个字` }],
    });
  const done = await db
    .update(images)
    .set({ alt: text })
    .where(and(eq(images.id, id), eq(images.ownerId, ownerId), notAvatar))
    .returning({ id: images.id });
  if (done.length === 0) throw new AppError('IMAGE_NOT_FOUND');
}

/**
 * Deletes one of the owner's images (its row, locked first); the caller
 * checked in the same transaction that no article uses it, and removes the
 * files after commit.
 */
export async function deleteOwnImage(tx: Queryable, ownerId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(images)
    .where(and(eq(images.id, id), eq(images.ownerId, ownerId), notAvatar))
    .returning({ id: images.id });
  if (gone.length === 0) throw new AppError('IMAGE_NOT_FOUND');
}

/** Locks an image row until the transaction ends (a save that adds it waits, or is waited for). */
export async function lockImage(tx: Queryable, id: string): Promise<void> {
  await tx.select({ id: images.id }).from(images).where(eq(images.id, id)).for('update');
}

/** The Markdown of a figure of this image: `![alt](/media/id "")` (the caption is the author's to add). */
export function figureMarkdown(id: string, alt: string): string {
  const safeAlt = alt.replace(/[[\]\\\r\n]+/g, ' ').trim();
  return `![${safeAlt}](/media/${id} "")`;
}

export function encodeImageCursor(c: ImageCursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`, 'utf8').toString('base64url');
}

/** undefined for anything that is not a cursor encodeImageCursor made. */
export function decodeImageCursor(text: string): ImageCursor | undefined {
  if (text.length > 80) return undefined;
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!m) return undefined;
  const createdAt = new Date(Number(m[1]));
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: m[2]! };
}
