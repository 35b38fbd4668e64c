/**
 * The parts of pages kept between renders (issue 20): a second render of an
 * article reads nothing, and a change (an edit, a comment) shows on the next
 * render all the same.
 */
import { describe, expect, it } from 'vitest';
import { createArticle, saveArticle } from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import { publishChecked } from '../moderation/index.js';
import { postComment } from '../engagement/index.js';
import { EventRelay } from '../events/index.js';
import { buildServer } from '../server.js';
import { describeEachEngine } from '../../test/db.js';
import { holdCopies, makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { FragmentCache } from './fragment-cache.js';

describe('FragmentCache', () => {
  it('loads once, shares a load in flight, drops by tag and after the TTL, keeps no failure', async () => {
    let now = 0;
    const cache = new FragmentCache(() => now, 1_000);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', ['t'], load), cache.get('k', ['t'], load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    cache.invalidate(['other']);
    expect(await cache.get('k', ['t'], load)).toBe(1);
    cache.invalidate(['t']);
    expect(await cache.get('k', ['t'], load)).toBe(2);
    now += 1_001;
    expect(await cache.get('k', ['t'], load)).toBe(3);
    await expect(cache.get('bad', [], () => Promise.reject(new Error('x')))).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('bad', [], load)).toBe(4);
  });

  it('stays under its byte bound, the least recently used going first', async () => {
    const cache = new FragmentCache(Date.now, 60_000, 1_000_000);
    for (let i = 0; i < 40; i++) await cache.get(`k${i}`, [], async () => 'x'.repeat(50_000));
    await new Promise((r) => setImmediate(r));
    expect(cache.bytes).toBeLessThanOrEqual(1_000_000);
    expect(cache.size).toBeLessThan(40);
    expect(cache.size).toBeGreaterThan(5);
  });
});

describeEachEngine('an article page made from kept parts', ({ db }) => {
  it('reads nothing the second time, and shows an edit and a comment on the next render', async () => {
    const d = db();
    const fragments = new FragmentCache();
    const events = new EventRelay(d.db, { pollMs: 0 });
    const app = await buildServer({ database: d, clock: testClock(), events }, { fragments });
    const author = await makeCreator(d.db);
    const reader = await makeCreator(d.db);
    const { id } = await makeArticle(d.db, { authorId: author.id, title: '拼出来的页面' });
    expect((await app.inject({ url: `/article/${id}` })).body).toContain('拼出来的页面');
    const loads = fragments.stats.loads;
    const again = await app.inject({ url: `/article/${id}` });
    expect(again.body).toContain('拼出来的页面');
    expect(fragments.stats.loads).toBe(loads);
    await saveArticle(d.db, testClock(), { userId: author.userId }, id, {
      title: '改过以后的标题',
      channel: 'tech',
      bodyMarkdown: '新的正文。',
    });
    await events.catchUp();
    expect((await app.inject({ url: `/article/${id}` })).body).toContain('改过以后的标题');
    await postComment(
      d.db,
      { now: () => new Date(Date.now() + 86_400_000) },
      { articleId: id, userId: reader.userId, holdHours: 0, body: '部件缓存也跟得上。' },
    );
    await events.catchUp();
    expect((await app.inject({ url: `/article/${id}` })).body).toContain('部件缓存也跟得上。');
    // The portal and a channel page: kept, and a new article shows on the next render.
    await app.inject({ url: '/' });
    await app.inject({ url: '/channel/tech' });
    const before = fragments.stats.loads;
    await app.inject({ url: '/' });
    await app.inject({ url: '/channel/tech' });
    expect(fragments.stats.loads).toBe(before);
    const tech = (await listChannels(d.db)).find((c) => c.slug === 'tech')!;
    const draft = await createArticle(d.db, testClock(), {
      title: '刚刚发布的新文章',
      body: '正文。',
      channelId: tech.id,
      authorId: author.id,
      status: 'draft',
    });
    await publishChecked(d.db, testClock(), draft.id, holdCopies);
    await events.catchUp();
    expect((await app.inject({ url: '/' })).body).toContain('刚刚发布的新文章');
    expect((await app.inject({ url: '/channel/tech' })).body).toContain('刚刚发布的新文章');
    await app.close();
  });
});
