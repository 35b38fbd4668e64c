import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { channels } from '../db/schema.js';
import { recordEvent } from '../events/index.js';
import { DEFAULT_CHANNELS } from './channel.js';

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
