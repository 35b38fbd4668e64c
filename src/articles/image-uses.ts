/**
 * Where an image is used: as an article's cover or as a figure in its body.
 * The image library shows it, and refuses to delete an image in use (a
 * removed article does not count: it has no readers, and its author deleted it).
 */
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { deleteOwnImage, lockImage, type MediaStore } from '../media/index.js';
import { AppError } from '../shared/errors.js';
import type { ArticleStatus } from './article.js';
import { imageIdsIn } from './markdown.js';
import { articles } from './schema.js';

export interface ImageUse {
  readonly articleId: string;
  readonly title: string;
  readonly status: ArticleStatus;
  readonly asCover: boolean;
}

/**
 * The uses of these images: covers of any article, figures in the bodies of
 * one author's articles (an image is the uploader's own; searching every
 * body on the site for every image would read the whole table).
 */
export async function listImageUses(
  db: Queryable,
  authorId: string | undefined,
  imageIds: readonly string[],
): Promise<Map<string, ImageUse[]>> {
  const uses = new Map<string, ImageUse[]>();
  if (imageIds.length === 0) return uses;
  const inBody = authorId
    ? and(
        eq(articles.authorId, authorId),
        or(...imageIds.map((id) => sql`strpos(${articles.bodySource}, ${`/media/${id}`}) > 0`)),
      )
    : undefined;
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      status: articles.status,
      coverImageId: articles.coverImageId,
      bodySource: articles.bodySource,
    })
    .from(articles)
    .where(
      and(
        ne(articles.status, 'removed'),
        or(inArray(articles.coverImageId, [...imageIds]), inBody),
      ),
    );
  const wanted = new Set(imageIds);
  for (const row of rows) {
    const ids = new Set(authorId ? imageIdsIn(row.bodySource).filter((id) => wanted.has(id)) : []);
    if (row.coverImageId && wanted.has(row.coverImageId)) ids.add(row.coverImageId);
    for (const id of ids) {
      const list = uses.get(id) ?? [];
      list.push({
        articleId: row.id,
        title: row.title,
        status: row.status,
        asCover: row.coverImageId === id,
      });
      uses.set(id, list);
    }
  }
  return uses;
}

/**
 * Deletes one of the owner's images unless an article uses it
 * (IMAGE_IN_USE). The image row is locked first, so a save that adds it
 * as a cover waits for the delete (and then fails on the missing image).
 */
export async function deleteUnusedImage(
  db: Queryable,
  store: MediaStore,
  owner: { userId: string; authorId: string | undefined },
  imageId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockImage(tx, imageId);
    const uses = (await listImageUses(tx, owner.authorId, [imageId])).get(imageId) ?? [];
    if (uses.length > 0)
      throw new AppError('IMAGE_IN_USE', undefined, {
        details: uses.map((u) => ({
          path: 'id',
          message: `${u.asCover ? '用作封面' : '用在正文中'}：《${u.title}》`,
        })),
      });
    await deleteOwnImage(tx, owner.userId, imageId);
  });
  // After commit: a failed file removal leaves orphan files, never a row without its files.
  await store.removeAll(imageId).catch(() => {});
}
