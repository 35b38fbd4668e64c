import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { channels } from './schema.js';
import { recordEvent } from '../events/index.js';
import { writeAudit } from '../audit/index.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  ChannelChangeSchema,
  ChannelInputSchema,
  DEFAULT_CHANNELS,
  type Channel,
  type ChannelChange,
  type ChannelInput,
} from './channel.js';

/**
 * Creates the default channels on a site that has none. A site whose admin
 * has changed its channels is left alone.
 */
export async function ensureDefaultChannels(db: Queryable): Promise<{ created: number }> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(channels);
  if ((row?.n ?? 0) > 0) return { created: 0 };
  await db.transaction(async (tx) => {
    await tx
      .insert(channels)
      .values(
        DEFAULT_CHANNELS.map((c, i) => ({ slug: c.slug, name: c.name, position: (i + 1) * 10 })),
      )
      .onConflictDoNothing();
    await recordEvent(tx, { type: 'site.channels_changed' });
  });
  return { created: DEFAULT_CHANNELS.length };
}

/** Numbers the channels 10, 20, 30 … in this order (room to insert between without renumbering). */
async function renumber(tx: Queryable, ids: readonly number[]): Promise<void> {
  for (const [i, id] of ids.entries())
    await tx
      .update(channels)
      .set({ position: (i + 1) * POSITION_STEP })
      .where(eq(channels.id, id));
}

/** Gap between consecutive positions. */
const POSITION_STEP = 10;

async function orderedIds(tx: Queryable): Promise<number[]> {
  const rows = await tx
    .select({ id: channels.id })
    .from(channels)
    .orderBy(asc(channels.position), asc(channels.id));
  return rows.map((r) => r.id);
}

/** 新建频道, at the end of the navigation. */
/** Who made a change, for the audit log (absent: the CLI or start-up). */
export interface ChangedBy {
  readonly actorId: string | null;
  readonly at: Date;
}

export async function createChannel(
  db: Queryable,
  input: ChannelInput,
  by?: ChangedBy,
): Promise<Channel> {
  const data = parseInput(ChannelInputSchema, input);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ max: sql<number>`coalesce(max(${channels.position}), 0)::int` })
      .from(channels);
    const [row] = await tx
      .insert(channels)
      .values({ ...data, position: (last?.max ?? 0) + POSITION_STEP })
      .onConflictDoNothing({ target: channels.slug })
      .returning();
    if (!row) throw new AppError('CHANNEL_TAKEN', `频道标识已被使用：${data.slug}`);
    await recordEvent(tx, { type: 'site.channels_changed' });
    if (by) await audit(tx, by, 'channel.create', data.slug, { name: data.name });
    return row;
  });
}

/** 改名、简介、隐藏、排序: one channel's change; the navigation follows on every instance. */
export async function updateChannel(
  db: Queryable,
  slug: string,
  change: ChannelChange,
  by?: ChangedBy,
): Promise<Channel> {
  const data = parseInput(ChannelChangeSchema, change);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(channels).where(eq(channels.slug, slug)).for('update');
    if (!current) throw new AppError('CHANNEL_NOT_FOUND', `频道不存在：${slug}`);
    const { position, ...fields } = data;
    if (Object.keys(fields).length > 0)
      await tx.update(channels).set(fields).where(eq(channels.id, current.id));
    if (position !== undefined) {
      const ids = (await orderedIds(tx)).filter((id) => id !== current.id);
      ids.splice(Math.min(position - 1, ids.length), 0, current.id);
      await renumber(tx, ids);
    }
    await recordEvent(tx, { type: 'site.channels_changed' });
    const [row] = await tx.select().from(channels).where(eq(channels.id, current.id));
    if (by)
      await audit(tx, by, 'channel.update', slug, {
        name: row!.name,
        ...(data.name !== undefined && data.name !== current.name ? { from: current.name } : {}),
        changed: Object.keys(data),
      });
    return row!;
  });
}

/** 排序: the channels in this order (slugs not named keep their order, after these). */
export async function reorderChannels(
  db: Queryable,
  slugs: readonly string[],
  by?: ChangedBy,
): Promise<void> {
  await db.transaction(async (tx) => {
    const all = await tx
      .select({ id: channels.id, slug: channels.slug })
      .from(channels)
      .orderBy(asc(channels.position), asc(channels.id));
    const bySlug = new Map(all.map((c) => [c.slug, c.id]));
    for (const slug of slugs)
      if (!bySlug.has(slug)) throw new AppError('CHANNEL_NOT_FOUND', `频道不存在：${slug}`);
    const named = [...new Set(slugs)].map((s) => bySlug.get(s)!);
    const rest = all.map((c) => c.id).filter((id) => !named.includes(id));
    await renumber(tx, [...named, ...rest]);
    await recordEvent(tx, { type: 'site.channels_changed' });
    if (by) await audit(tx, by, 'channel.reorder', '', { order: slugs });
  });
}

/**
 * Deletes a channel row. Its articles must have been moved first, in the same
 * transaction (articles' removeChannel does both); the last channel stays.
 */
export async function deleteChannelRow(tx: Queryable, channelId: number): Promise<void> {
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(channels);
  if ((count?.n ?? 0) <= 1) throw new AppError('LAST_CHANNEL');
  await tx.delete(channels).where(eq(channels.id, channelId));
  await recordEvent(tx, { type: 'site.channels_changed' });
}

function audit(
  tx: Queryable,
  by: ChangedBy,
  action: string,
  slug: string,
  data: Record<string, unknown>,
): Promise<void> {
  return writeAudit(tx, {
    actorId: by.actorId,
    action,
    subjectType: 'channel',
    subjectId: slug,
    data,
    at: by.at,
  });
}
