import { expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine, testEngines } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { parseHtml } from '../../test/html.js';
import { listChannels } from '../channels/index.js';
import { EventRelay } from '../events/index.js';
import { buildServer } from '../server.js';
import { updateSiteSettings } from '../settings/index.js';

const at = (iso: string) => new Date(iso);

describeEachEngine('reader site behaviour', ({ db }) => {
  it('channel pages use cursors that stay stable when new articles are published', async () => {
    const d = db();
    const author = await makeCreator(d.db);
    for (let i = 0; i < 25; i++) {
      await makeArticle(d.db, {
        authorId: author.id,
        title: `科技文章 ${i}`,
        channelSlug: 'tech',
        publishedAt: at(`2026-10-${String(1 + i).padStart(2, '0')}T00:00:00Z`),
      });
    }
    const app = await buildServer({ database: d, clock: testClock() });
    const first = parseHtml((await app.inject({ url: '/channel/tech' })).body);
    const titles = (root: ReturnType<typeof parseHtml>) =>
      root.querySelectorAll('.article-list .title').map((h) => h.text);
    expect(titles(first)).toHaveLength(20);
    expect(titles(first)[0]).toBe('科技文章 24');
    const next = first.querySelector('a[rel=next]')!.getAttribute('href')!;
    const before = titles(parseHtml((await app.inject({ url: next })).body));
    expect(before).toEqual(['科技文章 4', '科技文章 3', '科技文章 2', '科技文章 1', '科技文章 0']);
    await makeArticle(d.db, {
      authorId: author.id,
      title: '刚发布',
      channelSlug: 'tech',
      publishedAt: at('2026-10-31T00:00:00Z'),
    });
    const after = titles(parseHtml((await app.inject({ url: next })).body));
    expect(after).toEqual(before);
    expect(
      parseHtml((await app.inject({ url: next })).body).querySelector('a[rel=next]'),
    ).toBeNull();
    await app.close();
  });

  it('counts a share once per visitor per article per target', async () => {
    const d = db();
    const { id } = await makeArticle(d.db);
    const app = await buildServer({ database: d, clock: testClock() });
    const share = (target: string, cookie?: string) =>
      app.inject({
        method: 'POST',
        url: `/article/${id}/share`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        payload: `target=${target}`,
      });
    const first = await share('link');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/article/${id}?shared=link#share`);
    const visitor = first.cookies.find((c) => c.name === 'byline_vid')!;
    expect(visitor.httpOnly).toBe(true);
    expect(visitor.sameSite).toBe('Lax');
    const cookie = `byline_vid=${visitor.value}`;
    await share('link', cookie);
    await share('link', cookie);
    await share('link'); // same IP and agent, cookie dropped: still the same visitor today
    const weibo = await share('weibo', cookie);
    expect(weibo.statusCode).toBe(303);
    expect(weibo.headers.location).toMatch(
      /^https:\/\/service\.weibo\.com\/share\/share\.php\?url=/,
    );
    const json = await app.inject({
      method: 'POST',
      url: `/article/${id}/share`,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        cookie: 'byline_vid=another-visitor-000001',
      },
      payload: { target: 'link' },
    });
    expect(json.json()).toEqual({ counted: true, shares: 3 });
    const page = parseHtml((await app.inject({ url: `/article/${id}` })).body);
    expect(page.querySelector('[data-share-count]')!.text).toBe('3');
    const bad = await share('telegram', cookie);
    expect(bad.statusCode).toBe(422);
    const crossSite = await app.inject({
      method: 'POST',
      url: `/article/${id}/share`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'target=link',
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain('CSRF_REJECTED');
    const evilOrigin = await app.inject({
      method: 'POST',
      url: `/article/${id}/share`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      payload: 'target=link',
    });
    expect(evilOrigin.statusCode).toBe(403);
    await app.close();
  });

  it('shows the configured site name and bilingual notice', async () => {
    const d = db();
    const { id } = await makeArticle(d.db);
    await updateSiteSettings(d.db, {
      siteName: '南方新闻',
      platformName: '南方号',
      noticeZh: '特别声明：测试声明。',
      noticeEn: 'Notice: test.',
    });
    const app = await buildServer({ database: d, clock: testClock() });
    const root = parseHtml((await app.inject({ url: `/article/${id}` })).body);
    expect(root.querySelector('.notice')!.text).toContain('特别声明：测试声明。');
    expect(root.querySelector('.notice')!.text).toContain('Notice: test.');
    expect(root.querySelectorAll('nav.breadcrumb a').map((a) => a.text)).toEqual([
      '南方新闻首页',
      '南方号',
      '正文',
    ]);
    await app.close();
  });

  it('publishes feeds, sitemaps and robots.txt', async () => {
    const d = db();
    const author = await makeCreator(d.db, { handle: 'feed-author', displayName: '订阅作者' });
    const recent = await makeArticle(d.db, {
      authorId: author.id,
      title: '新文章 <b>',
      body: '全文 & 内容\u0001。',
      publishedAt: at('2026-11-01T06:00:00Z'),
    });
    await makeArticle(d.db, {
      authorId: author.id,
      channelSlug: 'money',
      title: '旧文章',
      publishedAt: at('2026-10-01T00:00:00Z'),
    });
    const app = await buildServer({
      database: d,
      clock: testClock(),
      publicUrl: 'https://x.example',
    });
    const rss = await app.inject({ url: '/feed.xml' });
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body).toContain('<title>新文章 &lt;b&gt;</title>');
    expect(rss.body).toContain('&lt;p&gt;全文 &amp;amp; 内容。&lt;/p&gt;'); // full content, control char dropped
    expect((await app.inject({ url: '/feed.atom' })).body).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom"',
    );
    const json = (await app.inject({ url: '/feed.json' })).json<{
      version: string;
      items: { content_html: string }[];
    }>();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items[0]!.content_html).toContain('全文');
    const channelFeed = (await app.inject({ url: '/channel/money/feed.json' })).json<{
      items: { title: string }[];
    }>();
    expect(channelFeed.items.map((i) => i.title)).toEqual(['旧文章']);
    const authorFeed = await app.inject({ url: '/author/feed-author/feed.atom' });
    expect(authorFeed.statusCode).toBe(200);
    expect((await app.inject({ url: '/feed.rss' })).statusCode).toBe(404);
    const index = await app.inject({ url: '/sitemap.xml' });
    expect(index.body).toContain('<loc>https://x.example/sitemaps/articles-1.xml</loc>');
    const articles = (await app.inject({ url: '/sitemaps/articles-1.xml' })).body;
    expect(articles).toContain(`<loc>https://x.example/article/${recent.id}</loc>`);
    expect(articles).toContain(
      `hreflang="zh-Hant" href="https://x.example/zh-hant/article/${recent.id}"`,
    );
    const news = (await app.inject({ url: '/sitemaps/news.xml' })).body;
    expect(news).toContain('<news:title>新文章 &lt;b&gt;</news:title>');
    expect(news).not.toContain('旧文章'); // older than 48 hours
    const robots = (await app.inject({ url: '/robots.txt' })).body;
    expect(robots).toContain('Sitemap: https://x.example/sitemap.xml');
    await app.close();
  });
});

/**
 * No N+1: every page type issues a fixed number of queries, however many
 * articles, authors and channels its lists show.
 */
for (const { engine, skip } of testEngines()) {
  it.skipIf(skip !== null)(`queries per page do not grow with the data [${engine}]`, async () => {
    let queries = 0;
    const database = await createTestDatabase(engine, { onQuery: () => queries++ });
    try {
      const first = await makeCreator(database.db, { handle: 'count-author' });
      const { id } = await makeArticle(database.db, { authorId: first.id });
      await makeArticle(database.db, { authorId: first.id, channelSlug: 'money' });
      // No relay polling: it would count its own queries into the pages'.
      const events = new EventRelay(database.db, { pollMs: 0 });
      const app = await buildServer({ database, clock: testClock(), events });
      const pages = [
        '/',
        '/channel/tech',
        `/article/${id}`,
        `/zh-hant/article/${id}`,
        '/author/count-author',
        '/hot',
        '/authors',
        '/search?q=%E6%B5%8B%E8%AF%95',
        '/feed.xml',
        '/channel/tech/feed.atom',
        '/author/count-author/feed.json',
        '/sitemap.xml',
        '/sitemaps/pages.xml',
        '/sitemaps/articles-1.xml',
        '/sitemaps/news.xml',
      ];
      const count = async () => {
        const result: Record<string, number> = {};
        for (const url of pages) {
          queries = 0;
          const res = await app.inject({ url });
          expect(res.statusCode, url).toBe(200);
          result[url] = queries;
        }
        return result;
      };
      const small = await count();
      const channels = await listChannels(database.db);
      for (let i = 0; i < 8; i++) {
        const author = await makeCreator(database.db);
        for (let j = 0; j < 6; j++) {
          await makeArticle(database.db, {
            authorId: (j % 2 === 0 ? author : first).id,
            channelSlug: channels[(i + j) % channels.length]!.slug,
          });
        }
      }
      const large = await count();
      console.log(`[queries per page, ${engine}]`, JSON.stringify(large));
      for (const url of pages) {
        expect(large[url], url).toBeLessThanOrEqual(small[url]!);
        // A fixed budget per page: settings, channels, the article, one query per block (comments, hot, related …).
        expect(large[url], url).toBeLessThanOrEqual(12);
      }
      await app.close();
    } finally {
      await database.close();
    }
  });
}
