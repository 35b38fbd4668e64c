/**
 * 删除频道: a channel goes and its articles move to another, in one
 * transaction (no article is ever left without a channel). Lives here, not in
 * channels, because the articles are this domain's rows.
 */
import { eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.js';
import { deleteChannelRow, getChannelBySlugOrThrow } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { articles } from './schema.js';

export async function removeChannel(
  db: Queryable,
  clock: Clock,
  actorId: string | null,
  slug: string,
  moveTo: string,
): Promise<{ moved: number }> {
  if (slug === moveTo)
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'move_to', message: '须是另一个频道' }],
    });
  return db.transaction(async (tx) => {
    const from = await getChannelBySlugOrThrow(tx, slug);
    const to = await getChannelBySlugOrThrow(tx, moveTo);
    const moved = await tx
      .update(articles)
      .set({ channelId: to.id })
      .where(eq(articles.channelId, from.id))
      .returning({ id: articles.id });
    await deleteChannelRow(tx, from.id);
    if (moved.length > 0)
      await recordEvent(tx, { type: 'articles.imported', articleIds: moved.map((r) => r.id) });
    await writeAudit(tx, {
      actorId,
      action: 'channel.remove',
      subjectType: 'channel',
      subjectId: slug,
      data: { name: from.name, movedTo: moveTo, moved: moved.length },
      at: clock.now(),
    });
    return { moved: moved.length };
  });
}
