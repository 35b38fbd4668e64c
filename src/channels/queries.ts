import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { channels } from './schema.js';
import { AppError } from '../shared/errors.js';
import type { Channel } from './channel.js';

const channelColumns = {
  id: channels.id,
  slug: channels.slug,
  name: channels.name,
  position: channels.position,
  hidden: channels.hidden,
  description: channels.description,
};

export async function listChannels(db: Queryable): Promise<Channel[]> {
  return db.select(channelColumns).from(channels).orderBy(asc(channels.position), asc(channels.id));
}

export async function findChannelBySlug(db: Queryable, slug: string): Promise<Channel | undefined> {
  const [row] = await db.select(channelColumns).from(channels).where(eq(channels.slug, slug));
  return row;
}

export async function getChannelBySlugOrThrow(db: Queryable, slug: string): Promise<Channel> {
  const channel = await findChannelBySlug(db, slug);
  if (!channel) throw new AppError('CHANNEL_NOT_FOUND', `频道不存在：${slug}`);
  return channel;
}

/** Channels by id, for lists that show each item's channel (one query for a whole list). */
export async function getChannelRefs(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, { id: number; slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: channels.id, slug: channels.slug, name: channels.name })
    .from(channels)
    .where(inArray(channels.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
