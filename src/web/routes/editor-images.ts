/** The images the editor offers (cover picker, insert from the library), one query each. */
import { imageIdsIn } from '../../articles/index.js';
import type { Queryable } from '../../db/client.js';
import { figureMarkdown, findImages, listImagesOf } from '../../media/index.js';
import type { EditorImages, ImageChoice } from '../pages/editor.js';

/** Library images the editor shows: the latest two dozen (the library page has them all). */
export const EDITOR_LIBRARY_SIZE = 24;

const thumb = (i: { id: string; variants: readonly number[]; width: number }) =>
  `/media/${i.id}/${i.variants[0] ?? i.width}.webp`;

export async function loadEditorImages(
  db: Queryable,
  ownerId: string,
  bodyMarkdown: string,
): Promise<EditorImages> {
  const ids = imageIdsIn(bodyMarkdown);
  const [library, figures] = await Promise.all([
    listImagesOf(db, ownerId, { limit: EDITOR_LIBRARY_SIZE }),
    findImages(db, ids),
  ]);
  return {
    figures: ids.flatMap((id): ImageChoice[] => {
      const info = figures.get(id);
      return info
        ? [{ id, thumbnailUrl: thumb(info), alt: '', markdown: figureMarkdown(id, '') }]
        : [];
    }),
    library: library.map((i) => ({
      id: i.id,
      thumbnailUrl: thumb(i),
      alt: i.alt,
      markdown: figureMarkdown(i.id, i.alt),
    })),
  };
}
