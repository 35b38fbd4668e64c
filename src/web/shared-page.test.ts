/**
 * One shared page for everyone (issue 20): a signed-in reader whose browser
 * runs scripts gets the very bytes every reader gets, from the cache; its own
 * parts (account menu, follow, 点赞/收藏, 跟贴 and the CSRF token) come from
 * GET /api/v1/me/page-state, which no cache keeps. Without scripts the reader
 * gets its own page, as before.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../accounts/index.js';
import { rowsOf } from '../db/client.js';
import { toggleFollow } from '../creators/index.js';
import { ViewBuffer } from '../engagement/index.js';
import { EventRelay } from '../events/index.js';
import { buildServer } from '../server.js';
import { describeEachEngine, type TestDatabase } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { PageCache } from './page-cache.js';

const SCRIPTS = 'byline_js=1; byline_signed=1';

describeEachEngine('one shared page for every reader', ({ db }) => {
  async function site(d: TestDatabase) {
    const views = new ViewBuffer(testClock());
    const events = new EventRelay(d.db, { pollMs: 0 });
    const app = await buildServer(
      { database: d, clock: testClock(), views, events },
      { pageCache: new PageCache() },
    );
    const author = await makeCreator(d.db, { handle: 'shared-author', displayName: '共享作者' });
    const { id } = await makeArticle(d.db, { authorId: author.id, title: '人人相同的页面' });
    const reader = async (email: string, name: string) => {
      const user = await createUser(d.db, { email, displayName: name, role: 'reader' });
      const { token } = await createSession(d.db, testClock(), user.id, 'test');
      return { user, cookie: `byline_session=${token}; ${SCRIPTS}` };
    };
    return { app, views, author, id, reader };
  }

  it('gives two signed-in readers and an anonymous one byte-identical cached pages', async () => {
    const d = db();
    const { app, id, author, reader } = await site(d);
    const a = await reader('zhang@example.test', '张三读者');
    const b = await reader('li@example.test', '李四读者');
    await toggleFollow(d.db, { userId: a.user.id, creatorId: author.id, at: new Date() });
    const anonymous = await app.inject({ url: `/article/${id}` });
    const first = await app.inject({ url: `/article/${id}`, headers: { cookie: a.cookie } });
    const second = await app.inject({ url: `/article/${id}`, headers: { cookie: b.cookie } });
    expect(anonymous.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('HIT');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(first.rawPayload.equals(anonymous.rawPayload)).toBe(true);
    expect(second.rawPayload.equals(anonymous.rawPayload)).toBe(true);
    expect(first.headers.etag).toBe(anonymous.headers.etag);
    for (const body of [first.body, second.body]) {
      expect(body).not.toContain('张三读者');
      expect(body).not.toContain('李四读者');
      expect(body).not.toContain('name="_csrf"');
      expect(body).toContain('data-slot="account"');
      expect(body).toContain('data-slot="comments:');
    }
    expect(first.headers['cache-control']).toContain('public');
    // The same through a miss: a signed-in reader's render is the shared one, and is kept.
    const tag = await app.inject({ url: `/author/shared-author`, headers: { cookie: a.cookie } });
    expect(tag.headers['x-cache']).toBe('MISS');
    expect(tag.body).not.toContain('张三读者');
    const again = await app.inject({ url: `/author/shared-author` });
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.rawPayload.equals(tag.rawPayload)).toBe(true);
    await app.close();
  });

  it('fills the reader in from /api/v1/me/page-state, never cached, and its token posts', async () => {
    const d = db();
    const { app, id, author, reader } = await site(d);
    const a = await reader('wang@example.test', '王五读者');
    await toggleFollow(d.db, { userId: a.user.id, creatorId: author.id, at: new Date() });
    const slots = ['account', 'apply', `follow:shared-author`, `reactions:${id}`, `comments:${id}`];
    const url = `/api/v1/me/page-state?path=${encodeURIComponent(`/article/${id}`)}&slots=${encodeURIComponent(slots.join(','))}`;
    const res = await app.inject({ url, headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(String(res.headers.vary)).toContain('Cookie');
    const state = res.json() as {
      signed_in: boolean;
      csrf: string;
      slots: Record<string, string>;
    };
    expect(state.signed_in).toBe(true);
    expect(state.csrf.length).toBeGreaterThan(20);
    expect(state.slots.account).toContain('王五读者');
    expect(state.slots.account).toContain(state.csrf);
    expect(state.slots.apply).toContain('/apply');
    expect(state.slots['follow:shared-author']).toContain('已关注');
    expect(state.slots[`reactions:${id}`]).toContain('name="_csrf"');
    expect(state.slots[`comments:${id}`]).toContain('id="comment-form"');
    // The token from the answer is the reader's: a comment posted with it is accepted.
    const posted = await app.inject({
      method: 'POST',
      url: `/article/${id}/comments`,
      headers: {
        cookie: a.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      payload: `_csrf=${encodeURIComponent(state.csrf)}&body=${encodeURIComponent('共享页面上的跟贴')}`,
    });
    expect(posted.statusCode).toBe(303);
    // Signed out (or a broken session): nothing personal, and the script stops asking.
    const out = await app.inject({ url, headers: { cookie: 'byline_session=nope' } });
    expect(out.json()).toEqual({ signed_in: false, csrf: '', unread: 0, slots: {} });
    expect(out.headers['cache-control']).toBe('private, no-store');
    // Traditional pages get their slots in Traditional script.
    const hant = await app.inject({
      url: `/api/v1/me/page-state?path=${encodeURIComponent(`/zh-hant/article/${id}`)}&slots=comments:${id}`,
      headers: { cookie: a.cookie },
    });
    expect((hant.json() as { slots: Record<string, string> }).slots[`comments:${id}`]).toContain(
      '跟貼',
    );
    // The documented contract: both query fields and the answer's fields.
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: object } }>;
    };
    const op = doc.paths['/me/page-state']!.get;
    expect(op.parameters.map((p) => p.name).sort()).toEqual(['path', 'slots']);
    expect(JSON.stringify(op.responses)).toContain('signed_in');
    await app.close();
  });

  it('renders its own page for a signed-in browser without scripts, and counts its view once', async () => {
    const d = db();
    const { app, views, id, reader } = await site(d);
    const a = await reader('zhao@example.test', '赵六读者');
    const noScripts = a.cookie.replace(`; ${SCRIPTS}`, '');
    const own = await app.inject({ url: `/article/${id}`, headers: { cookie: noScripts } });
    expect(own.headers['x-cache']).toBeUndefined();
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.body).toContain('赵六读者');
    expect(own.body).toContain('name="_csrf"');
    await views.flush(d.db);
    // The shared page does not count a signed-in reader's view (its beacon does, as that reader).
    await app.inject({ url: `/article/${id}`, headers: { cookie: a.cookie } });
    await app.inject({ url: `/article/${id}`, headers: { cookie: a.cookie } });
    await app.inject({
      method: 'POST',
      url: `/article/${id}/view`,
      headers: { cookie: a.cookie, 'sec-fetch-site': 'same-origin' },
    });
    await views.flush(d.db);
    const [row] = rowsOf<{ views: number }>(
      await d.db.execute(sql`SELECT views FROM byline.article_stats WHERE article_id = ${id}`),
    );
    expect(Number(row!.views)).toBe(1);
    await app.close();
  });
});
