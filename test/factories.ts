import { createUser } from '../src/accounts/index.js';
import { createArticle, type CreateArticleInput } from '../src/articles/index.js';
import { ensureDefaultChannels, listChannels } from '../src/channels/index.js';
import { createCreatorProfile, type Creator } from '../src/creators/index.js';
import type { Queryable } from '../src/db/client.js';
import { fixedClock } from '../src/shared/clock.js';

let seq = 0;

export const testClock = () => fixedClock('2026-11-01T08:00:00Z');

export async function makeCreator(
  db: Queryable,
  overrides: Partial<{ handle: string; displayName: string }> = {},
): Promise<Creator> {
  seq++;
  const handle = overrides.handle ?? `creator-${process.pid}-${seq}`;
  const user = await createUser(db, {
    email: `${handle}@example.test`,
    displayName: handle,
    role: 'creator',
  });
  return createCreatorProfile(db, {
    userId: user.id,
    handle,
    displayName: overrides.displayName ?? `作者${seq}`,
    tagline: '测试作者',
  });
}

export async function makeArticle(
  db: Queryable,
  overrides: Partial<CreateArticleInput> & { channelSlug?: string } = {},
): Promise<{ id: string }> {
  await ensureDefaultChannels(db);
  const channels = await listChannels(db);
  const channel =
    channels.find((c) => c.slug === (overrides.channelSlug ?? 'tech')) ?? channels[0]!;
  const authorId = overrides.authorId ?? (await makeCreator(db)).id;
  const { channelSlug: _ignored, ...rest } = overrides;
  return createArticle(db, testClock(), {
    title: '测试文章',
    body: '第一段。\n\n第二段。',
    channelId: channel.id,
    status: 'published',
    ...rest,
    authorId,
  });
}
