import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { channels } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { Channel } from './channel.js';

const channelColumns = {
  id: channels.id,
  slug: channels.slug,
  name: channels.name,
  position: channels.position,
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
