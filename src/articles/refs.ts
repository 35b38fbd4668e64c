/**
 * Names for lists: articles carry their author and channel by id; a page
 * resolves every list it shows with one query for all the authors (the
 * channels come from the page frame, kept in memory).
 */
import { getChannelRefs } from '../channels/index.js';
import { getCreatorRefs } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { findImages } from '../media/index.js';
import type { ArticleImage, ChannelRef, WithRefs } from './article.js';

/** Anything that names an author and a channel by id (and perhaps its picture). */
type Referencing = {
  readonly authorId: string;
  readonly channelId: number;
  readonly imageId?: string | null;
};

/** Resolves items to what lists show: their author's and channel's names. */
export interface RefResolver {
  /** The items whose author and channel exist, with their names, in order. */
  list<T extends Referencing>(items: readonly T[]): WithRefs<T>[];
  one<T extends Referencing>(item: T): WithRefs<T> | undefined;
}

/**
 * Loads the author and channel names of every item a page shows: one query
 * for all the authors, and none for channels when the caller has them (the
 * page frame does).
 */
export async function loadRefs(
  db: Queryable,
  lists: readonly (readonly Referencing[])[],
  channels?: readonly ChannelRef[],
): Promise<RefResolver> {
  const all = lists.flat();
  const imageIds = [...new Set(all.flatMap((r) => (r.imageId ? [r.imageId] : [])))];
  const [authors, channelRefs, images] = await Promise.all([
    getCreatorRefs(
      db,
      all.map((r) => r.authorId),
    ),
    channels
      ? new Map(channels.map((c) => [c.id, { id: c.id, slug: c.slug, name: c.name }]))
      : getChannelRefs(
          db,
          all.map((r) => r.channelId),
        ),
    findImages(db, imageIds),
  ]);
  const pictures = new Map<string, ArticleImage>(
    [...images.values()].map((i) => [
      i.id,
      {
        id: i.id,
        thumbnailUrl: `/media/${i.id}/${i.variants[0] ?? i.width}.webp`,
        url: `/media/${i.id}/${i.variants.at(-1) ?? i.width}.webp`,
        width: i.width,
        height: i.height,
      },
    ]),
  );
  const one = <T extends Referencing>(item: T): WithRefs<T> | undefined => {
    const { authorId, channelId, ...rest } = item;
    const author = authors.get(authorId);
    const channel = channelRefs.get(channelId);
    const image = item.imageId ? pictures.get(item.imageId) : undefined;
    return author && channel
      ? ({ ...rest, author, channel, ...(image ? { image } : {}) } as WithRefs<T>)
      : undefined;
  };
  return { one, list: (items) => items.flatMap((i) => one(i) ?? []) };
}

/** One list with its names (see loadRefs). */
export async function withRefs<T extends Referencing>(
  db: Queryable,
  list: readonly T[],
  channels?: readonly ChannelRef[],
): Promise<WithRefs<T>[]> {
  return (await loadRefs(db, [list], channels)).list(list);
}
