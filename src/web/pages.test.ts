import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngineShared, type TestDatabase } from '../../test/db.js';
import { demoDatabase } from '../../test/demo-database.js';
import { testClock } from '../../test/factories.js';
import { jsonLdOf, listsOf, parseHtml } from '../../test/html.js';
import { rowsOf } from '../db/client.js';
import { buildServer } from '../server.js';
import { DEFAULT_SITE_SETTINGS } from '../settings/index.js';

const PUBLIC_URL = 'https://news.example.cn';

async function setup(database: TestDatabase) {
  const app = await buildServer({ database, clock: testClock(), publicUrl: PUBLIC_URL });
  const [sample] = rowsOf<{ id: string; handle: string; title: string }>(
    await database.db.execute(sql`SELECT a.id, p.handle, a.title FROM byline.articles a
      JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.external_id = 'drcd-1147'`),
  );
  return { app, sample: sample! };
}

describeEachEngineShared(
  'reader site pages',
  setup,
  ({ db, data }) => {
    const get = async (url: string, headers: Record<string, string> = {}) =>
      data().app.inject({ url, headers });

    it('portal: navigation, tools, channel top-news blocks, hot list and latest', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      const root = parseHtml(res.body);
      const nav = root.querySelector('nav.channels')!;
      // 头条 first; channels without a published article (the demo has none in 手机, 本地) left out.
      expect(nav.querySelectorAll('a').map((a) => a.text)).toEqual([
        '首页',
        '头条',
        '科技',
        '体育',
        '娱乐',
        '财经',
        '汽车',
        '时尚',
        '旅游',
        '艺术',
        '热榜',
      ]);
      expect(nav.querySelectorAll('a[aria-current=page]').map((a) => a.text)).toEqual(['首页']);
      expect(root.querySelector('form[role=search] input[name=q]')).not.toBeNull();
      const tools = root.querySelector('.tools')!.text;
      for (const label of ['申请入驻', '无障碍浏览', '进入关怀版', '繁體'])
        expect(tools).toContain(label);
      expect(root.querySelectorAll('.channel-block').length).toBeGreaterThanOrEqual(8);
      expect(root.querySelectorAll('#hot-heading + ol li')).toHaveLength(20);
      expect(root.querySelectorAll('section[aria-labelledby=latest-heading] li')).toHaveLength(20);
      for (const list of listsOf(root))
        expect(new Set(list.hrefs).size, list.label).toBe(list.hrefs.length);
    });

    it('article page has every part of the reference page', async () => {
      const { sample } = data();
      const res = await get(`/article/${sample.id}`);
      expect(res.statusCode).toBe(200);
      const root = parseHtml(res.body);
      // breadcrumb: site home > platform > 正文, as links
      const crumbs = root.querySelectorAll('nav.breadcrumb a');
      expect(crumbs.map((a) => a.text)).toEqual(['署名首页', '署名号', '正文']);
      expect(crumbs.map((a) => a.getAttribute('href'))).toEqual([
        '/',
        '/authors',
        `/article/${sample.id}`,
      ]);
      expect(root.querySelector('h1')!.text).toBe(sample.title);
      expect(root.querySelector('title')!.text).toBe(`${sample.title} - 署名`);
      const meta = root.querySelector('.article .meta')!;
      expect(meta.querySelector('a.author')!.getAttribute('href')).toBe(`/author/${sample.handle}`);
      expect(meta.querySelector('time')!.text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(meta.text).toContain('来源：zh.wikipedia via DRCD');
      // share: count, copy link, WeChat QR (server-side SVG), Weibo
      expect(root.querySelector('[data-share-count]')!.text).toMatch(/^\d+$/);
      expect(
        root.querySelectorAll('.share-targets button').map((b) => b.getAttribute('value')),
      ).toEqual(['link', 'wechat', 'weibo']);
      expect(root.querySelector('.wechat-qr svg[role=img] path')).not.toBeNull();
      expect(root.querySelector('#share-url')!.getAttribute('value')).toBe(
        `${PUBLIC_URL}/article/${sample.id}`,
      );
      expect(root.querySelectorAll('.article-body p').length).toBeGreaterThan(1);
      // bilingual notice
      const notice = root.querySelector('.notice')!.text;
      expect(notice).toContain(DEFAULT_SITE_SETTINGS.noticeZh);
      expect(notice).toContain('Notice: The content above');
      // related: never empty, never the article itself
      const related = root.querySelectorAll('.related a').map((a) => a.getAttribute('href'));
      expect(related.length).toBeGreaterThanOrEqual(5);
      expect(related).not.toContain(`/article/${sample.id}`);
      // hot: ~20 items with title, author, time
      const hot = root.querySelectorAll('#hot-heading + ol li');
      expect(hot).toHaveLength(20);
      expect(hot[0]!.querySelector('time')).not.toBeNull();
      // author card with live counts and a follow button
      const card = root.querySelector('.author-card')!;
      const [stats] = rowsOf<{ articles: number; followers: number }>(
        await db().db.execute(sql`SELECT s.articles, s.followers FROM byline.creator_stats s
        JOIN byline.creator_profiles p ON p.id = s.creator_id WHERE p.handle = ${sample.handle}`),
      );
      expect(stats!.articles).toBeGreaterThan(5);
      expect(
        card
          .querySelectorAll('.counts dd')
          .map((d) => d.text)
          .slice(0, 2),
      ).toEqual([String(stats!.articles), String(stats!.followers)]);
      expect(card.querySelector('img.avatar')!.getAttribute('src')).toBe(
        `/avatar/${sample.handle}.svg`,
      );
      expect(card.text).toContain('文章数');
      expect(card.text).toContain('关注度');
      expect(card.querySelector('button.follow')).not.toBeNull();
      // 往期回顾: 5 other articles by the author + 全部
      const archive = root.querySelectorAll('.archive li a');
      expect(archive).toHaveLength(5);
      expect(root.querySelector('.archive a.all')!.getAttribute('href')).toBe(
        `/author/${sample.handle}`,
      );
      // channel top-news blocks
      expect(root.querySelectorAll('.channel-block h2').map((h) => h.text)).toEqual(
        expect.arrayContaining([
          '科技要闻',
          '头条要闻',
          '体育要闻',
          '娱乐要闻',
          '财经要闻',
          '汽车要闻',
        ]),
      );
      for (const list of listsOf(root)) {
        expect(new Set(list.hrefs).size, list.label).toBe(list.hrefs.length);
        expect(list.hrefs, list.label).not.toContain(`/article/${sample.id}`);
      }
    });

    it('article page carries SEO metadata and JSON-LD', async () => {
      const { sample } = data();
      const root = parseHtml((await get(`/article/${sample.id}`)).body);
      const attr = (selector: string, name = 'content') =>
        root.querySelector(selector)?.getAttribute(name);
      const url = `${PUBLIC_URL}/article/${sample.id}`;
      expect(attr('link[rel=canonical]', 'href')).toBe(url);
      expect(attr('link[hreflang=zh-Hant]', 'href')).toBe(
        `${PUBLIC_URL}/zh-hant/article/${sample.id}`,
      );
      expect(attr('link[hreflang=zh-Hans]', 'href')).toBe(url);
      expect(attr('meta[name=description]')?.length).toBeGreaterThan(10);
      expect(attr('meta[property="og:type"]')).toBe('article');
      expect(attr('meta[property="og:title"]')).toBe(`${sample.title} - 署名`);
      expect(attr('meta[property="og:url"]')).toBe(url);
      expect(attr('meta[name="twitter:card"]')).toBe('summary');
      expect(attr('link[type="application/rss+xml"]', 'href')).toBe(
        `/author/${sample.handle}/feed.xml`,
      );
      const ld = jsonLdOf(root);
      const article = ld.find((d) => d['@type'] === 'NewsArticle')!;
      expect(article).toMatchObject({
        headline: sample.title,
        mainEntityOfPage: { '@id': url },
        publisher: { '@type': 'Organization', name: '署名' },
      });
      for (const key of ['datePublished', 'dateModified', 'author', 'image'])
        expect(article[key], key).toBeDefined();
      const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList') as {
        itemListElement: { item: string }[];
      };
      expect(crumbs.itemListElement.map((i) => i.item)).toEqual([
        `${PUBLIC_URL}/`,
        `${PUBLIC_URL}/authors`,
        url,
      ]);
    });

    it('speaks Taiwan Mandarin under /zh-hant: no mainland-only words in the interface', async () => {
      const { sample } = data();
      // Words Taiwan readers do not use, with what they say instead.
      const MAINLAND_ONLY = [
        '登錄',
        '搜索',
        '鼠標',
        '工具欄',
        '軟件',
        '視頻',
        '默認',
        '用戶',
        '上傳併發布',
      ];
      for (const url of [
        '/zh-hant/',
        `/zh-hant/article/${sample.id}`,
        '/zh-hant/search?q=%E7%BD%91%E7%90%83',
        '/zh-hant/signin',
        '/zh-hant/accessibility',
        '/zh-hant/hot',
      ]) {
        const page = await get(url);
        expect(page.statusCode, url).toBe(200);
        const text = parseHtml(page.body).querySelector('body')!.text;
        for (const word of MAINLAND_ONLY) expect(text, `${url}: ${word}`).not.toContain(word);
      }
      const home = (await get('/zh-hant/')).body;
      expect(home).toContain('登入');
      expect(home).toContain('搜尋');
    });

    it('serves every page in Traditional Chinese under /zh-hant, converted phrase by phrase', async () => {
      const { sample } = data();
      const res = await get(`/zh-hant/article/${sample.id}`);
      expect(res.statusCode).toBe(200);
      const root = parseHtml(res.body);
      expect(root.querySelector('html')!.getAttribute('lang')).toBe('zh-Hant');
      expect(root.querySelector('h1')!.text).toBe('梵文'); // same in both scripts
      expect(root.querySelector('.related h2')!.text).toBe('相關推薦');
      expect(root.querySelector('nav.channels')!.text).toContain('頭條');
      expect(root.querySelector('.notice')!.text).toContain('特別聲明');
      expect(root.querySelector('link[rel=canonical]')!.getAttribute('href')).toBe(
        `${PUBLIC_URL}/zh-hant/article/${sample.id}`,
      );
      expect(root.querySelector(`a[hreflang=zh-Hans]`)!.getAttribute('href')).toBe(
        `/article/${sample.id}`,
      );
      for (const a of root.querySelectorAll('.related a'))
        expect(a.getAttribute('href')).toMatch(/^\/zh-hant\//);
      for (const url of [
        '/zh-hant/',
        '/zh-hant/channel/tech',
        '/zh-hant/hot',
        `/zh-hant/author/${sample.handle}`,
        '/zh-hant/authors',
      ]) {
        const page = await get(url);
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('lang="zh-Hant"');
      }
      // the page text is converted; the stored text is never changed
      const [row] = rowsOf<{ summary: string }>(
        await db().db.execute(sql`SELECT summary FROM byline.articles WHERE id = ${sample.id}`),
      );
      const shownHant = root.querySelector('meta[name=description]')!.getAttribute('content')!;
      const shownHans = parseHtml((await get(`/article/${sample.id}`)).body)
        .querySelector('meta[name=description]')!
        .getAttribute('content')!;
      expect(shownHant).not.toBe(shownHans);
      expect(row!.summary.startsWith(shownHans.replace(/…$/, ''))).toBe(true);
    });

    it('author page shows the profile and a paginated archive', async () => {
      const { sample } = data();
      const first = parseHtml((await get(`/author/${sample.handle}`)).body);
      expect(first.querySelector('h1')!.text.length).toBeGreaterThan(0);
      expect(first.querySelectorAll('.article-list li')).toHaveLength(20);
      const next = first.querySelector('a[rel=next]')!.getAttribute('href')!;
      const second = parseHtml((await get(next)).body);
      const a = first.querySelectorAll('.article-list h3 a').map((x) => x.getAttribute('href'));
      const b = second.querySelectorAll('.article-list h3 a').map((x) => x.getAttribute('href'));
      expect(b.length).toBeGreaterThan(0);
      expect(b.filter((h) => a.includes(h))).toEqual([]);
      expect(second.querySelector('meta[name=robots]')!.getAttribute('content')).toBe('noindex');
    });

    it('hot page: each item its rank, 热度 (best first) and trend; the API gives the same', async () => {
      const hot = parseHtml((await get('/hot')).body);
      const items = hot.querySelectorAll('.hot-list li');
      expect(items.map((li) => li.querySelector('.rank')!.text)).toEqual(
        items.map((_, i) => String(i + 1)),
      );
      const heats = items.map((li) => li.querySelector('.heat')?.text ?? '');
      for (const heat of heats) expect(heat).toMatch(/^热度 \d+(\.\d)?万?$/);
      const value = (t: string) => parseFloat(t.slice(3)) * (t.endsWith('万') ? 10_000 : 1);
      for (let i = 1; i < heats.length; i++)
        expect(value(heats[i]!)).toBeLessThanOrEqual(value(heats[i - 1]!));
      // The seed ranks yesterday's list too, so trends show from the start; each has a spoken label.
      const trends = items.map((li) => li.querySelector('.trend')?.getAttribute('class') ?? '');
      expect(trends.every((t) => /trend-(up|down|same|new)/.test(t))).toBe(true);
      expect(new Set(trends).size).toBeGreaterThan(1);
      expect(items[0]!.querySelector('.trend .visually-hidden')!.text.length).toBeGreaterThan(0);
      const api = (await get('/api/v1/hot?limit=5')).json() as {
        items: { rank: number; heat: number; trend: string; article: { id: string } }[];
      };
      expect(api.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(api.items[0]!.heat).toBe(
        value(heats[0]!) >= 10_000 ? api.items[0]!.heat : value(heats[0]!),
      );
      expect(['up', 'down', 'same', 'new']).toContain(api.items[0]!.trend);
    });

    it('the hot list is not simply the newest articles', async () => {
      const home = parseHtml((await get('/')).body);
      const hot = home.querySelectorAll('#hot-heading + ol li .hot-title').map((a) => a.text);
      const latest = parseHtml((await get('/latest')).body)
        .querySelectorAll('.article-list .title a')
        .map((a) => a.text);
      expect(hot.slice(0, 10)).not.toEqual(latest.slice(0, 10));
    });

    it('最新文章 pages on past the portal at /latest, and the nav marks the current channel', async () => {
      const home = parseHtml((await get('/')).body);
      const shown = home
        .querySelectorAll('section[aria-labelledby=latest-heading] .title a')
        .map((a) => a.getAttribute('href'));
      const more = home.querySelector('section[aria-labelledby=latest-heading] a[rel=next]')!;
      expect(more.getAttribute('href')).toMatch(/^\/latest\?before=/);
      const older = parseHtml((await get(more.getAttribute('href')!)).body);
      const next = older
        .querySelectorAll('.article-list .title a')
        .map((a) => a.getAttribute('href'));
      expect(next).toHaveLength(20);
      expect(next.filter((h) => shown.includes(h))).toEqual([]);
      expect(older.querySelector('a[rel=next]')).not.toBeNull();
      const channel = parseHtml((await get('/channel/sports')).body);
      expect(
        channel.querySelectorAll('nav.channels a[aria-current=page]').map((a) => a.text),
      ).toEqual(['体育']);
      const hot = parseHtml((await get('/hot')).body);
      expect(hot.querySelectorAll('nav.channels a[aria-current=page]').map((a) => a.text)).toEqual([
        '热榜',
      ]);
    });

    it('hot page lists 50, creators page lists all creators', async () => {
      const hot = parseHtml((await get('/hot')).body);
      expect(hot.querySelectorAll('.hot-list li')).toHaveLength(50);
      const authors = parseHtml((await get('/authors')).body);
      expect(authors.querySelectorAll('.creator-list li')).toHaveLength(20);
    });

    it('search finds Simplified text from a Traditional query', async () => {
      const res = await get(`/search?q=${encodeURIComponent('網球')}`);
      expect(res.statusCode).toBe(200);
      const titles = parseHtml(res.body)
        .querySelectorAll('.article-list .title')
        .map((h) => h.text);
      expect(titles).toContain('网球');
      const none = parseHtml((await get('/search?q=zzzzqqqq')).body);
      expect(none.text).toContain('没有找到相关文章');
      expect(none.querySelectorAll('.compact-list li').length).toBeGreaterThan(0);
    });

    it('404 and unknown cursors help the reader on with the right status', async () => {
      const missing = await get('/article/abcdefghijkm');
      expect(missing.statusCode).toBe(404);
      const root = parseHtml(missing.body);
      expect(root.querySelector('code')!.text).toBe('ARTICLE_NOT_FOUND');
      expect(root.querySelectorAll('.compact-list li').length).toBeGreaterThan(0);
      expect(root.querySelector('form[role=search]')).not.toBeNull();
      expect((await get('/channel/nope')).statusCode).toBe(404);
      expect((await get('/author/nobody-here')).statusCode).toBe(404);
      expect((await get('/zh-hant/nope')).body).toContain('頁面不存在');
      const badCursor = await get('/channel/tech?before=xyz');
      expect(badCursor.statusCode).toBe(400);
      expect(parseHtml(badCursor.body).querySelector('code')!.text).toBe('BAD_REQUEST');
    });

    it('care mode: ?mode=care turns it on and a cookie keeps it on every page', async () => {
      const on = await get('/?mode=care');
      expect(on.body).toContain('<body class="care">');
      const cookie = on.cookies.find((c) => c.name === 'byline_mode');
      expect(cookie?.value).toBe('care');
      expect(cookie?.httpOnly).toBe(true);
      const next = await get('/hot', { cookie: `byline_mode=care` });
      expect(next.body).toContain('<body class="care">');
      expect(next.body).toContain('退出关怀版');
      expect((await get('/hot')).body).not.toContain('class="care"');
    });
  },
  demoDatabase,
);
