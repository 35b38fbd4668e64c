/** 点赞, 收藏 and 阅读历史 through the API and the pages, and /tag/{name} pages with their feeds. */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createDraft } from '../src/articles/index.js';
import { rowsOf } from '../src/db/client.js';
import { ViewBuffer } from '../src/engagement/index.js';
import { refreshHotLists } from '../src/ranking/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { parseHtml } from './html.js';
import { Browser } from './http.js';

describeEachEngine('likes, bookmarks and reading history', ({ db }) => {
  it('likes and bookmarks through the API: signed in, idempotent, 404 for what is not published, counted', async () => {
    const d = db();
    const clock = fixedClock('2026-11-02T02:00:00Z');
    const app = await buildServer({ database: d, clock, secret: 's' });
    try {
      const author = await makeCreator(d.db);
      const article = await makeArticle(d.db, { authorId: author.id, title: '被点赞的文章' });
      const second = await makeArticle(d.db, { authorId: author.id, title: '第二篇' });
      const draft = await createDraft(
        d.db,
        clock,
        { userId: author.userId, authorId: author.id },
        { title: '草稿', channel: 'tech', bodyMarkdown: '未发布。' },
      );
      const reader = await createUser(d.db, { email: 'r@x.test', displayName: '读者' });
      const auth = {
        authorization: `Bearer ${(await createSession(d.db, clock, reader.id, 't')).token}`,
      };
      const authorAuth = {
        authorization: `Bearer ${(await createSession(d.db, clock, author.userId, 't')).token}`,
      };
      const call = (
        method: 'POST' | 'DELETE',
        url: string,
        headers: Record<string, string> = auth,
      ) => app.inject({ method, url: `/api/v1${url}`, headers });

      expect((await call('POST', `/articles/${article.id}/like`, {})).statusCode).toBe(401);
      for (const id of [draft.id, 'nosucharticle']) {
        const res = await call('POST', `/articles/${id}/like`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('ARTICLE_NOT_FOUND');
        expect((await call('POST', `/articles/${id}/bookmark`)).json().error.code).toBe(
          'ARTICLE_NOT_FOUND',
        );
      }

      // Liking twice is one like; the author's own like is in the count, not in the hot list.
      expect((await call('POST', `/articles/${article.id}/like`)).json()).toEqual({
        liked: true,
        likes: 1,
      });
      expect((await call('POST', `/articles/${article.id}/like`)).json()).toEqual({
        liked: true,
        likes: 1,
      });
      expect((await call('POST', `/articles/${article.id}/like`, authorAuth)).json()).toEqual({
        liked: true,
        likes: 2,
      });
      const got = await app.inject({ url: `/api/v1/articles/${article.id}` });
      expect(got.json().article.counts).toMatchObject({ likes: 2 });
      const listed = await app.inject({ url: '/api/v1/articles' });
      const card = listed.json().items.find((i: { id: string }) => i.id === article.id);
      expect(card.counts.likes).toBe(2);
      const daily = async () =>
        rowsOf<{ n: number }>(
          await d.db.execute(
            sql`SELECT coalesce(sum(article_likes), 0)::int AS n FROM byline.article_daily WHERE article_id = ${article.id}`,
          ),
        )[0]!.n;
      expect(await daily()).toBe(1);

      // Taking it back, twice, is one unlike; the day's hot-list likes go back too.
      expect((await call('DELETE', `/articles/${article.id}/like`)).json()).toEqual({
        liked: false,
        likes: 1,
      });
      expect((await call('DELETE', `/articles/${article.id}/like`)).json()).toEqual({
        liked: false,
        likes: 1,
      });
      expect(await daily()).toBe(0);

      // A reader's like is in the hot score: 2 points each (docs/hot-list.md); the article (from
      // the factory's clock) is a day old, a candidate.
      await call('POST', `/articles/${article.id}/like`);
      await refreshHotLists(d.db, clock);
      const hot = await app.inject({ url: '/api/v1/hot?explain=1' });
      const item = hot
        .json()
        .items.find((i: { article: { id: string } }) => i.article.id === article.id);
      expect(item.components).toMatchObject({ articleLikes: 2 });
      await call('DELETE', `/articles/${article.id}/like`);

      // Bookmarks: idempotent, newest first, paged with limit and cursor.
      expect((await call('POST', `/articles/${article.id}/bookmark`)).json()).toEqual({
        bookmarked: true,
      });
      expect((await call('POST', `/articles/${article.id}/bookmark`)).statusCode).toBe(200);
      clock.advance(60_000);
      await call('POST', `/articles/${second.id}/bookmark`);
      const list = async (query = '') =>
        (await app.inject({ url: `/api/v1/me/bookmarks${query}`, headers: auth })).json();
      const all = await list();
      expect(all.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([
        second.id,
        article.id,
      ]);
      expect(all.next_cursor).toBeNull();
      const first = await list('?limit=1');
      expect(first.items).toHaveLength(1);
      const rest = await list(`?limit=1&cursor=${first.next_cursor}`);
      expect(rest.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([
        article.id,
      ]);
      expect(rest.next_cursor).toBeNull();
      expect((await list('?limit=0')).error.fields[0].path).toBe('limit');
      expect((await list('?cursor=nonsense')).error.fields[0].path).toBe('cursor');
      expect((await app.inject({ url: '/api/v1/me/bookmarks' })).statusCode).toBe(401);
      expect((await call('DELETE', `/articles/${second.id}/bookmark`)).json()).toEqual({
        bookmarked: false,
      });
      expect((await call('DELETE', `/articles/${second.id}/bookmark`)).statusCode).toBe(200);
      expect((await list()).items).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('article page: like and bookmark forms without JavaScript, 我的收藏, and a clearable reading history', async () => {
    const d = db();
    const clock = fixedClock('2026-11-10T02:00:00Z');
    const views = new ViewBuffer(clock);
    const app = await buildServer({ database: d, clock, secret: 's', views });
    try {
      const a = await makeArticle(d.db, { title: '第一篇读过的' });
      const b = await makeArticle(d.db, { title: '第二篇读过的' });

      // Signed out: the buttons are there; posting one leads to sign-in and back.
      const anon = new Browser(app);
      const page = await anon.get(`/article/${a.id}`);
      const doc = parseHtml(page.body);
      expect(
        doc.querySelector('form.reaction-form[action$="/like"] button')?.textContent,
      ).toContain('点赞');
      expect(doc.querySelector('[data-like-count]')?.textContent).toBe('0');
      const signIn = await anon.post(`/article/${a.id}/like`, { on: '1' });
      expect(signIn.statusCode).toBe(303);
      expect(signIn.headers.location).toBe(
        `/signin?next=${encodeURIComponent(`/article/${a.id}#reactions`)}`,
      );

      const user = await createUser(d.db, { email: 'h@x.test', displayName: '读者' });
      const me = new Browser(app).useSession(
        (await createSession(d.db, clock, user.id, 't')).token,
      );
      await me.get(`/article/${a.id}`);
      // A forged post (no CSRF token) is refused.
      expect(
        (await me.post(`/article/${a.id}/like`, { on: '1' }, { csrf: false })).statusCode,
      ).toBe(403);
      const liked = await me.post(`/article/${a.id}/like`, { on: '1' });
      expect(liked.statusCode).toBe(303);
      expect(liked.headers.location).toBe(`/article/${a.id}#reactions`);
      await me.post(`/article/${a.id}/bookmark`, { on: '1' });
      const after = parseHtml((await me.get(`/article/${a.id}`)).body);
      const likeButton = after.querySelector('form.reaction-form[action$="/like"] button');
      expect(likeButton?.getAttribute('aria-pressed')).toBe('true');
      expect(likeButton?.textContent).toContain('已赞');
      expect(after.querySelector('[data-like-count]')?.textContent).toBe('1');
      expect(
        after
          .querySelector('form.reaction-form[action$="/like"] input[name="on"]')
          ?.getAttribute('value'),
      ).toBe('0');
      expect(
        after
          .querySelector('form.reaction-form[action$="/bookmark"] button')
          ?.getAttribute('aria-pressed'),
      ).toBe('true');
      // With JavaScript (Accept: JSON) the answer is the new state.
      const json = await me.post(
        `/article/${a.id}/like`,
        { on: '0' },
        { headers: { accept: 'application/json' } },
      );
      expect(json.json()).toEqual({ liked: false, likes: 0 });

      // 我的收藏 lists it; the account menu and /me link there.
      const saved = parseHtml((await me.get('/me/bookmarks')).body);
      expect(saved.querySelector('.reader-list a')?.textContent).toBe('第一篇读过的');
      expect(saved.querySelector('.account-menu a[href="/me/bookmarks"]')).not.toBeNull();
      expect(
        parseHtml((await me.get('/me')).body).querySelector('.me-links a[href="/me/history"]'),
      ).not.toBeNull();
      expect((await anon.get('/me/bookmarks')).statusCode).toBe(303);

      // Reading history: both articles read (b later), written with the view flush; a re-read moves a up.
      clock.advance(60_000);
      await me.get(`/article/${b.id}`);
      await views.flush(d.db);
      const titles = async () =>
        [
          ...parseHtml((await me.get('/me/history')).body).querySelectorAll('.reader-list h2 a'),
        ].map((x) => x.textContent);
      expect(await titles()).toEqual(['第二篇读过的', '第一篇读过的']);
      clock.advance(60_000);
      await me.get(`/article/${a.id}`);
      await views.flush(d.db);
      expect(await titles()).toEqual(['第一篇读过的', '第二篇读过的']);
      // The API sees the same list.
      const token = (await createSession(d.db, clock, user.id, 'api')).token;
      const apiList = await app.inject({
        url: '/api/v1/me/history?limit=1',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(apiList.json().items[0].article.id).toBe(a.id);
      expect(apiList.json().next_cursor).not.toBeNull();
      // Anonymous readers leave no history.
      expect(
        rowsOf<{ n: number }>(
          await d.db.execute(sql`SELECT count(*)::int AS n FROM byline.reading_history`),
        )[0]!.n,
      ).toBe(2);

      // One removed, then all cleared (forms with CSRF).
      await me.get('/me/history');
      expect((await me.post(`/me/history/${b.id}/delete`, {})).statusCode).toBe(303);
      expect(await titles()).toEqual(['第一篇读过的']);
      expect((await me.post('/me/history/clear', {}, { csrf: false })).statusCode).toBe(403);
      expect((await me.post('/me/history/clear', {})).statusCode).toBe(303);
      expect(await titles()).toEqual([]);
      expect((await me.get('/me/history')).body).toContain('还没有阅读记录');
    } finally {
      await app.close();
    }
  });

  it('tag pages: Unicode names URL-encoded, paged, with feeds; an unknown tag is a friendly 404', async () => {
    const d = db();
    const clock = fixedClock('2026-11-10T02:00:00Z');
    const app = await buildServer({ database: d, clock, secret: 's' });
    try {
      const tag = '人工智能';
      const odd = 'C++ / 编程';
      const tagged = await makeArticle(d.db, { title: '带话题的文章' });
      const other = await makeArticle(d.db, { title: '另一篇' });
      await d.db.execute(
        sql`INSERT INTO byline.article_tags (article_id, tag, position) VALUES (${tagged.id}, ${tag}, 0), (${tagged.id}, ${odd}, 1)`,
      );
      const path = `/tag/${encodeURIComponent(tag)}`;

      // The article links to its tags, each encoded as one path segment.
      const article = parseHtml((await app.inject({ url: `/article/${tagged.id}` })).body);
      const links = [...article.querySelectorAll('.article-tags a')].map((x) =>
        x.getAttribute('href'),
      );
      expect(links).toEqual([path, `/tag/${encodeURIComponent(odd)}`]);

      const res = await app.inject({ url: path });
      expect(res.statusCode).toBe(200);
      const doc = parseHtml(res.body);
      expect(doc.querySelector('h1')?.textContent).toContain(tag);
      expect(
        [...doc.querySelectorAll('.primary .article-list a')].map((x) => x.textContent),
      ).toContain('带话题的文章');
      expect(res.body).not.toContain('另一篇</a></h2>');
      expect(doc.querySelector('link[type="application/rss+xml"]')?.getAttribute('href')).toBe(
        `${path}/feed.xml`,
      );
      // A slash inside a tag stays inside its segment.
      expect((await app.inject({ url: `/tag/${encodeURIComponent(odd)}` })).statusCode).toBe(200);
      // Traditional pages of the same tag.
      expect((await app.inject({ url: `/zh-hant${path}` })).statusCode).toBe(200);

      for (const url of ['/tag/%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA', `/tag/${'长'.repeat(30)}`]) {
        const missing = await app.inject({ url });
        expect(missing.statusCode).toBe(404);
        expect(missing.body).toContain('这个话题下还没有文章');
      }
      const bad = await app.inject({ url: `${path}?before=nonsense` });
      expect(bad.statusCode).toBe(400);

      for (const format of ['xml', 'atom', 'json']) {
        const feed = await app.inject({ url: `${path}/feed.${format}` });
        expect(feed.statusCode).toBe(200);
        expect(feed.body).toContain('带话题的文章');
        expect(feed.body).not.toContain('另一篇');
      }
      // The API lists a tag's articles too, paged like every list.
      const api = await app.inject({ url: `/api/v1/articles?tag=${encodeURIComponent(tag)}` });
      expect(api.json().items.map((i: { id: string }) => i.id)).toEqual([tagged.id]);
      expect(api.json().items[0].tags).toBeUndefined();
      const one = await app.inject({ url: `/api/v1/articles/${tagged.id}` });
      expect(one.json().article.tags).toEqual([tag, odd]);
      expect(other.id).not.toBe(tagged.id);

      // Paged like a channel: 20 a page, then older ones.
      const author = await makeCreator(d.db);
      for (let i = 0; i < 21; i++) {
        const { id } = await makeArticle(d.db, {
          authorId: author.id,
          title: `分页文章${i}`,
          publishedAt: new Date(Date.UTC(2026, 10, 1, 0, i)),
        });
        await d.db.execute(
          sql`INSERT INTO byline.article_tags (article_id, tag, position) VALUES (${id}, '分页', 0)`,
        );
      }
      const first = parseHtml(
        (await app.inject({ url: `/tag/${encodeURIComponent('分页')}` })).body,
      );
      expect(first.querySelectorAll('.primary .article-list > li')).toHaveLength(20);
      const older = first.querySelector('.pager a[rel="next"]')?.getAttribute('href');
      expect(older).toMatch(/^\/tag\/%E5%88%86%E9%A1%B5\?before=/);
      const last = parseHtml((await app.inject({ url: older! })).body);
      expect(
        [...last.querySelectorAll('.primary .article-list h2 a')].map((x) => x.textContent),
      ).toEqual(['分页文章0']);
    } finally {
      await app.close();
    }
  });
});
