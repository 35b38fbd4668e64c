import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { parseHtml } from '../../test/html.js';
import { removeArticle } from '../articles/index.js';
import { buildServer } from '../server.js';
import { ASSET_VERSION } from './views/layout.js';

describeEachEngine('reader pages', ({ db }) => {
  it('lists published articles on the home page, newest first, each linking to its page', async () => {
    const d = db();
    const author = await makeCreator(d.db, { displayName: '林知远' });
    const older = await makeArticle(d.db, {
      authorId: author.id,
      title: '较早的文章',
      publishedAt: new Date('2026-10-01T00:00:00Z'),
    });
    const newer = await makeArticle(d.db, {
      authorId: author.id,
      title: '较新的文章',
      channelSlug: 'money',
      publishedAt: new Date('2026-10-02T00:00:00Z'),
    });
    await makeArticle(d.db, { authorId: author.id, title: '草稿不可见', status: 'draft' });
    const app = await buildServer({ database: d, clock: testClock() });
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<a href="/article/${newer.id}">较新的文章</a>`);
    // The newest is the lead story above 最新文章, the older one in the list below it.
    const main = res.body.slice(res.body.indexOf('<main'));
    expect(main.indexOf(newer.id)).toBeGreaterThan(-1);
    expect(main.indexOf(newer.id)).toBeLessThan(main.indexOf(older.id));
    expect(main.slice(main.indexOf('id="latest-heading"'))).toContain(older.id);
    expect(res.body).not.toContain('草稿不可见');
    expect(res.body).toContain('<a href="/channel/money">财经</a>');
    await app.close();
  });

  it('shows title, author, channel, time (Asia/Shanghai) and body on the article page', async () => {
    const d = db();
    const author = await makeCreator(d.db, { displayName: '陈默然' });
    const { id } = await makeArticle(d.db, {
      authorId: author.id,
      title: '锣鼓经 <script>alert(1)</script>',
      body: '第一段 & 更多。\n\n第二段\n换行',
      channelSlug: 'art',
      publishedAt: new Date('2026-01-25T09:27:00Z'),
      sourceName: 'zh.wikipedia via CMRC 2018 (CC BY-SA 4.0)',
      sourceUrl: 'https://zh.wikipedia.org/wiki/x',
    });
    const app = await buildServer({ database: d, clock: testClock() });
    const res = await app.inject({ url: `/article/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>锣鼓经 &lt;script>alert(1)&lt;/script></h1>');
    // No injected element: the only scripts are our own files and the JSON-LD blocks.
    const scripts = parseHtml(res.body).querySelectorAll('script');
    expect(scripts.map((x) => x.getAttribute('src') ?? x.getAttribute('type'))).toEqual([
      `/assets/prefs.js?v=${ASSET_VERSION}`,
      `/assets/read-aloud.js?v=${ASSET_VERSION}`,
      `/assets/site.js?v=${ASSET_VERSION}`,
      'application/ld+json',
      'application/ld+json',
    ]);
    expect(
      parseHtml(res.body).querySelector('meta[property="og:title"]')!.getAttribute('content'),
    ).toBe('锣鼓经 <script>alert(1)</script> - 署名');
    expect(res.body).toContain(
      '"headline":"锣鼓经 \\u003cscript\\u003ealert(1)\\u003c/script\\u003e"',
    );
    expect(res.body).toMatch(/<a class="author" href="\/author\/[^"]+">陈默然<\/a>/);
    expect(res.body).toContain('<a class="channel" href="/channel/art">艺术</a>');
    expect(res.body).toContain('<time datetime="2026-01-25T09:27:00.000Z">2026-01-25 17:27</time>');
    expect(res.body).toContain('<p>第一段 &amp; 更多。</p>\n<p>第二段<br>换行</p>');
    expect(res.body).toContain('CC BY-SA 4.0');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });

  it('answers 404 for unknown or malformed ids and drafts, 410 for removed articles', async () => {
    const d = db();
    const draft = await makeArticle(d.db, { status: 'draft' });
    const removed = await makeArticle(d.db);
    await removeArticle(d.db, testClock(), removed.id);
    const app = await buildServer({ database: d, clock: testClock() });
    for (const url of [
      '/article/abcdefghijkm',
      '/article/../../etc',
      `/article/${draft.id}`,
      '/nope',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('NOT_FOUND');
      expect(res.headers['content-type']).toContain('text/html');
    }
    const gone = await app.inject({ url: `/article/${removed.id}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('ARTICLE_GONE');
    const api = await app.inject({ url: `/api/v1/articles/${removed.id}` });
    expect(api.statusCode).toBe(410);
    expect(api.json()).toMatchObject({ error: { code: 'ARTICLE_GONE' } });
    await app.close();
  });

  it('reports health with the engine and the article count', async () => {
    const d = db();
    await makeArticle(d.db);
    await makeArticle(d.db);
    const app = await buildServer({ database: d, clock: testClock() });
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: d.kind, articles: 2 });
    await app.close();
  });

  it('validates API input with stable error codes', async () => {
    const d = db();
    const app = await buildServer({ database: d, clock: testClock() });
    const bad = await app.inject({ url: '/api/v1/articles?limit=100000' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const missing = await app.inject({ url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await app.close();
  });
});
