/**
 * The page cache: bounded by bytes (LRU), expiring after a minute, never
 * storing a render that raced a change; served with ETag/304, gzip and
 * brotli; never for signed-in readers; counting views on hits; and dropping
 * exactly the pages a change shows — one test per kind of change.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSession } from '../accounts/index.js';
import { createArticle, saveArticle, unpublishArticle } from '../articles/index.js';
import { publishChecked } from '../moderation/index.js';
import { listChannels } from '../channels/index.js';
import { rowsOf } from '../db/client.js';
import { postComment, recordShare, ViewBuffer } from '../engagement/index.js';
import { toggleFollow } from '../creators/index.js';
import { EventRelay } from '../events/index.js';
import { buildServer } from '../server.js';
import { updateSiteSettings } from '../settings/index.js';
import { describeEachEngine, type TestDatabase } from '../../test/db.js';
import { holdCopies, makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { PAGE_TTL_MS, PageCache } from './page-cache.js';

describe('PageCache', async () => {
  const page = (body: string, tags: string[] = []) => ({
    status: 200,
    type: 'text/html; charset=utf-8',
    body,
    tags,
  });

  it('keeps its size under the byte bound, dropping the least recently used first', async () => {
    const cache = new PageCache(4_000_000);
    // Incompressible bodies of ~100 KB (random digits), so 40 of them exceed the bound.
    const body = (i: number) =>
      `<p>${i}</p>` +
      Array.from({ length: 100_000 }, () => Math.floor(Math.random() * 10)).join('');
    for (let i = 0; i < 40; i++) await cache.set(`k${i}`, cache.version, page(body(i)));
    expect(cache.snapshot().bytes).toBeLessThanOrEqual(4_000_000);
    expect(cache.snapshot().evictions).toBeGreaterThan(0);
    expect(cache.has('k0')).toBe(false);
    expect(cache.has('k39')).toBe(true);
    // Reading an entry makes it recent: it outlives newer ones that are not read.
    const survivor = [...Array(40).keys()].find((i) => cache.has(`k${i}`))!;
    cache.get(`k${survivor}`);
    for (let i = 40; i < 45; i++) await cache.set(`k${i}`, cache.version, page(body(i)));
    expect(cache.has(`k${survivor}`)).toBe(true);
  });

  it('expires copies after the TTL, and drops a render that raced a change', async () => {
    let now = 1_000_000;
    const cache = new PageCache(10_000_000, () => now);
    await cache.set('a', cache.version, page('<p>a</p>', ['article:1']));
    expect(cache.get('a')).toBeDefined();
    now += PAGE_TTL_MS + 1;
    expect(cache.get('a')).toBeUndefined();
    const seen = cache.version;
    cache.invalidate(['article:2']);
    expect(await cache.set('b', seen, page('<p>old</p>'))).toBeUndefined();
    expect(cache.has('b')).toBe(false);
  });

  it('invalidates by tag, and only those', async () => {
    const cache = new PageCache();
    await cache.set('x', cache.version, page('x', ['author:1', 'portal']));
    await cache.set('y', cache.version, page('y', ['author:2']));
    expect(cache.invalidate(['author:1'])).toBe(1);
    expect(cache.has('x')).toBe(false);
    expect(cache.has('y')).toBe(true);
  });
});

describeEachEngine('page cache in the server', ({ db }) => {
  async function site(d: TestDatabase) {
    const views = new ViewBuffer(testClock());
    const cache = new PageCache();
    // Polling off: each test delivers the events it waits for (catchUp), as a request would.
    const events = new EventRelay(d.db, { pollMs: 0 });
    const app = await buildServer(
      { database: d, clock: testClock(), views, events },
      { pageCache: cache },
    );
    const get = async (url: string, headers: Record<string, string> = {}) =>
      app.inject({ url, headers });
    return { app, cache, views, events, get };
  }

  it('serves a second request from memory: ETag and 304, gzip and brotli, CDN headers', async () => {
    const d = db();
    const { id } = await makeArticle(d.db, { title: '缓存的文章' });
    const { app, get } = await site(d);
    const first = await get(`/article/${id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await get(`/article/${id}`);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers['cache-control']).toContain('s-maxage=');
    expect(second.headers['cache-control']).toContain('stale-while-revalidate=');
    expect(second.headers['content-security-policy']).toBeDefined();
    const etag = String(second.headers.etag);
    const notModified = await get(`/article/${id}`, { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    const br = await get(`/article/${id}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(first.body);
    const gz = await get(`/article/${id}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(first.body);
    // Traditional and care mode are their own copies.
    const hant = await get(`/zh-hant/article/${id}`);
    expect(hant.headers['x-cache']).toBe('MISS');
    expect(hant.body).toContain('快取的文章');
    const care = await get(`/article/${id}`, { cookie: 'byline_mode=care' });
    expect(care.headers['x-cache']).toBe('MISS');
    expect(care.body).toContain('<body class="care">');
    expect((await get(`/article/${id}`, { cookie: 'byline_mode=care' })).body).toContain(
      '<body class="care">',
    );
    await app.close();
  });

  it('never serves or keeps a signed-in page, and leaves forms, search and the studio alone', async () => {
    const d = db();
    const creator = await makeCreator(d.db, { displayName: '私人名字' });
    const { id } = await makeArticle(d.db, { authorId: creator.id });
    const { token } = await createSession(d.db, testClock(), creator.userId, 'test');
    const { app, cache, get } = await site(d);
    await get(`/article/${id}`);
    const signedIn = await get(`/article/${id}`, { cookie: `byline_session=${token}` });
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.body).toContain('私人名字');
    expect(signedIn.body).toContain('name="_csrf"');
    const anonymous = await get(`/article/${id}`);
    expect(anonymous.headers['x-cache']).toBe('HIT');
    expect(anonymous.body).not.toContain('name="_csrf"');
    for (const url of [
      '/search?q=测试',
      '/signin',
      '/apply',
      '/studio',
      `/article/${id}?mode=care`,
    ])
      await get(url);
    expect(cache.snapshot().entries).toBe(1);
    await app.close();
  });

  it('counts views on cache hits', async () => {
    const d = db();
    const { id } = await makeArticle(d.db);
    const { app, views, get } = await site(d);
    for (let i = 0; i < 5; i++)
      await get(`/article/${id}`, { cookie: `byline_vid=visitor-number-${i}-abcdefgh` });
    await views.flush(d.db);
    const [row] = rowsOf<{ views: number }>(
      await d.db.execute(sql`SELECT views FROM byline.article_stats WHERE article_id = ${id}`),
    );
    expect(Number(row!.views)).toBe(5);
    await app.close();
  });

  /** Every URL cached, then which of them a change dropped. */
  async function dropped(
    s: Awaited<ReturnType<typeof site>>,
    urls: string[],
    change: () => Promise<void>,
  ): Promise<string[]> {
    for (const url of urls) {
      await s.get(url);
      expect((await s.get(url)).headers['x-cache'], url).toBe('HIT');
    }
    await change();
    // Committed events reach this process's cache (a request that changes something does this itself).
    await s.events.catchUp();
    const out: string[] = [];
    for (const url of urls) if ((await s.get(url)).headers['x-cache'] !== 'HIT') out.push(url);
    return out;
  }

  async function world(d: TestDatabase) {
    const author = await makeCreator(d.db, { handle: 'cache-author' });
    const other = await makeCreator(d.db, { handle: 'cache-other' });
    const mine = await makeArticle(d.db, { authorId: author.id, channelSlug: 'tech' });
    const theirs = await makeArticle(d.db, { authorId: other.id, channelSlug: 'sports' });
    const channels = await listChannels(d.db);
    const urls = {
      portal: '/',
      mine: `/article/${mine.id}`,
      theirs: `/article/${theirs.id}`,
      author: '/author/cache-author',
      otherAuthor: '/author/cache-other',
      tech: '/channel/tech',
      sports: '/channel/sports',
      feed: '/feed.xml',
      authorFeed: '/author/cache-author/feed.xml',
      sportsFeed: '/channel/sports/feed.xml',
      hant: `/zh-hant/article/${mine.id}`,
    };
    return { author, other, mine, theirs, channels, urls, all: Object.values(urls) };
  }

  it('publishing drops the portal, the author’s and channel’s pages and the feeds, nothing else', async () => {
    const d = db();
    const w = await world(d);
    const s = await site(d);
    const tech = w.channels.find((c) => c.slug === 'tech')!;
    const drops = await dropped(s, w.all, async () => {
      const draft = await createArticle(d.db, testClock(), {
        title: '新发布的文章',
        body: '正文。',
        channelId: tech.id,
        authorId: w.author.id,
        status: 'draft',
      });
      await publishChecked(d.db, testClock(), draft.id, holdCopies);
    });
    const u = w.urls;
    expect(drops.sort()).toEqual(
      [u.portal, u.mine, u.author, u.tech, u.feed, u.authorFeed, u.hant].sort(),
    );
    expect((await s.get(u.portal)).body).toContain('新发布的文章');
    expect((await s.get(u.author)).body).toContain('新发布的文章');
    await s.app.close();
  });

  it('editing drops the article and its lists; unpublishing makes it 404 at once', async () => {
    const d = db();
    const w = await world(d);
    const s = await site(d);
    const u = w.urls;
    const drops = await dropped(s, w.all, async () => {
      await saveArticle(d.db, testClock(), { userId: w.author.userId }, w.mine.id, {
        title: '改过的标题',
        channel: 'tech',
        bodyMarkdown: '新的正文。',
      });
    });
    expect(drops).toContain(u.mine);
    expect(drops).toContain(u.hant);
    expect(drops).toContain(u.portal);
    expect(drops).toContain(u.tech);
    expect(drops).not.toContain(u.theirs);
    expect(drops).not.toContain(u.sports);
    expect(drops).not.toContain(u.otherAuthor);
    expect((await s.get(u.mine)).body).toContain('改过的标题');
    await unpublishArticle(d.db, testClock(), w.mine.id);
    await s.events.catchUp();
    expect((await s.get(u.mine)).statusCode).toBe(404);
    expect((await s.get(u.portal)).body).not.toContain('改过的标题');
    await s.app.close();
  });

  it('a new comment or share drops only that article’s pages', async () => {
    const d = db();
    const w = await world(d);
    const s = await site(d);
    const u = w.urls;
    const commentDrops = await dropped(s, w.all, async () => {
      // A day from now: the commenter's account is no longer new (new accounts' comments wait).
      await postComment(
        d.db,
        { now: () => new Date(Date.now() + 86_400_000) },
        {
          articleId: w.mine.id,
          userId: w.other.userId,
          holdHours: 0,
          body: '写得好，缓存也要跟上。',
        },
      );
    });
    expect(commentDrops.sort()).toEqual([u.mine, u.hant].sort());
    expect((await s.get(u.mine)).body).toContain('写得好，缓存也要跟上。');
    const shareDrops = await dropped(s, w.all, async () => {
      await recordShare(d.db, {
        articleId: w.theirs.id,
        target: 'link',
        visitorKeys: ['a-visitor'],
        at: testClock().now(),
      });
    });
    expect(shareDrops).toEqual([u.theirs]);
    await s.app.close();
  });

  it('a follow drops the creator’s pages (their counts); a settings change drops everything', async () => {
    const d = db();
    const w = await world(d);
    const s = await site(d);
    const u = w.urls;
    const followDrops = await dropped(s, w.all, async () => {
      await toggleFollow(d.db, { userId: w.other.userId, creatorId: w.author.id, at: new Date() });
    });
    expect(followDrops.sort()).toEqual([u.mine, u.author, u.authorFeed, u.hant].sort());
    const settingsDrops = await dropped(s, w.all, async () => {
      await updateSiteSettings(d.db, { siteName: '新的站名' });
    });
    expect(settingsDrops.sort()).toEqual([...w.all].sort());
    expect((await s.get(u.sports)).body).toContain('新的站名');
    await s.app.close();
  });
});
