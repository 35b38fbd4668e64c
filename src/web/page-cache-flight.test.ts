/**
 * No stampede (issue 20): concurrent misses of one page make one render
 * (single flight); past its TTL a copy is served to everyone while the
 * server renders it again in the background; after a change dropped it, the
 * request that renders shows the change and the others get the copy as it was.
 */
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { saveArticle } from '../articles/index.js';
import { EventRelay } from '../events/index.js';
import { buildServer } from '../server.js';
import { describeEachEngine, type TestDatabase } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { PAGE_TTL_MS, PageCache } from './page-cache.js';

describe('PageCache single flight', () => {
  it('gives the first caller a ticket and the others the render to wait on', async () => {
    const cache = new PageCache();
    const first = cache.begin('k');
    const second = cache.begin('k');
    expect(first.ticket).toBeDefined();
    expect(second.ticket).toBeUndefined();
    expect(cache.rendering('k')).toBe(true);
    const page = await cache.set('k', cache.version, {
      status: 200,
      type: 'text/html',
      body: '<p>k</p>',
      tags: [],
    });
    first.ticket!.done(page);
    expect(await second.pending).toBe(page);
    expect(cache.rendering('k')).toBe(false);
    // A dropped copy stays as the stale one until the page is kept again.
    cache.invalidate([]);
    cache.clear();
    expect(cache.get('k')).toBeUndefined();
    expect(cache.stale('k')?.etag).toBe(page!.etag);
    expect(cache.stats.renders).toBe(1);
  });
});

describe('PageCache brotli', () => {
  it('sends a quick brotli first and swaps in the best one once the page is read again', async () => {
    const cache = new PageCache();
    const body = Array.from({ length: 400 }, (_, i) => `<p>第${i}段，署名的缓存页面。</p>`).join(
      '',
    );
    const first = await cache.set('k', cache.version, {
      status: 200,
      type: 'text/html',
      body,
      tags: [],
    });
    const quick = first!.br.length;
    const bytes = cache.snapshot().bytes;
    cache.get('k');
    for (let i = 0; i < 100 && cache.get('k')!.br.length === quick; i++)
      await new Promise((r) => setTimeout(r, 10));
    const page = cache.get('k')!;
    expect(page.br.length).toBeLessThan(quick);
    expect(brotliDecompressSync(page.br).toString('utf8')).toBe(body);
    expect(cache.snapshot().bytes).toBe(bytes - (quick - page.br.length));
  });
});

describeEachEngine('page cache under concurrent requests', ({ db }) => {
  async function site(d: TestDatabase, now: () => number) {
    const cache = new PageCache(64 * 1024 * 1024, now);
    const events = new EventRelay(d.db, { pollMs: 0 });
    const app = await buildServer(
      { database: d, clock: testClock(), events },
      { pageCache: cache },
    );
    const author = await makeCreator(d.db);
    const { id } = await makeArticle(d.db, { authorId: author.id, title: '并发的文章' });
    const burst = (n: number) =>
      Promise.all(Array.from({ length: n }, () => app.inject({ url: `/article/${id}` })));
    return { app, cache, events, author, id, burst };
  }

  it('renders a cold page once for N concurrent requests', async () => {
    const d = db();
    const { app, cache, burst } = await site(d, Date.now);
    const answers = await burst(12);
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(answers.filter((a) => a.headers['x-cache'] === 'MISS')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(cache.stats.renders).toBe(1);
    await app.close();
  });

  it('serves the copy as it was while one request renders, after the TTL and after a change', async () => {
    const d = db();
    let now = 1_000_000;
    const { app, cache, events, author, id, burst } = await site(d, () => now);
    await burst(1);
    now += PAGE_TTL_MS + 1;
    // Past its TTL the copy is served to everyone at once while the server renders it again.
    const expired = await burst(10);
    expect(expired.map((a) => a.headers['x-cache'])).toEqual(Array(10).fill('STALE'));
    for (let i = 0; i < 100 && cache.rendering(`std /article/${id}`); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await burst(1))[0]!.headers['x-cache']).toBe('HIT');
    expect(cache.stats.renders).toBe(2);
    // An edit drops the page: the request that renders it shows the edit, the others the old copy.
    await saveArticle(d.db, testClock(), { userId: author.userId }, id, {
      title: '改过的标题',
      channel: 'tech',
      bodyMarkdown: '新的正文。',
    });
    await events.catchUp();
    const changed = await burst(10);
    const leader = changed.find((a) => a.headers['x-cache'] === 'MISS')!;
    expect(leader.body).toContain('改过的标题');
    for (const a of changed.filter((x) => x !== leader)) {
      expect(a.headers['x-cache']).toBe('STALE');
      expect(a.body).toContain('并发的文章');
    }
    expect((await burst(1))[0]!.body).toContain('改过的标题');
    await app.close();
  });
});
