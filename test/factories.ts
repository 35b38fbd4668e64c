import { createUser } from '../src/accounts/index.js';
import { createArticle, type CreateArticleInput } from '../src/articles/index.js';
import { ensureDefaultChannels, listChannels } from '../src/channels/index.js';
import { createCreatorProfile, type Creator } from '../src/creators/index.js';
import type { Queryable } from '../src/db/client.js';
import { fixedClock } from '../src/shared/clock.js';
import { Lexicon } from '../src/moderation/index.js';
import { Segmenter } from '../src/text/index.js';

let seq = 0;

export const testClock = () => fixedClock('2026-11-01T08:00:00Z');

export async function makeCreator(
  db: Queryable,
  overrides: Partial<{ handle: string; displayName: string }> = {},
): Promise<Creator> {
  seq++;
  const handle = overrides.handle ?? `creator-${process.pid}-${seq}`;
  // One account, one name (as an approved application leaves it).
  const displayName = overrides.displayName ?? `作者${seq}`;
  const user = await createUser(db, {
    email: `${handle}@example.test`,
    displayName,
    role: 'creator',
  });
  return createCreatorProfile(db, {
    userId: user.id,
    handle,
    displayName,
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

/**
 * One segmenter and one lexicon for the tests of a worker: building jieba's
 * dictionaries takes ~0.5 s, and tests that change a site's word lists make
 * their own.
 */
export const testSegmenter = new Segmenter();
export const testLexicon = new Lexicon();
/** The checks a creator's publish passes, with the copy policy tests use unless they say otherwise. */
export const holdCopies = { policy: 'hold' as const, lexicon: testLexicon };
