/** 跟贴 through the pages and the API: replies quote their chain, new accounts are held, likes and reports sort by quality. */
import { describe, expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createCreatorProfile } from '../src/creators/index.js';
import { listComments, wilsonLowerBound } from '../src/engagement/index.js';
import { buildServer } from '../src/server.js';
import { updateSiteSettings } from '../src/settings/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle } from './factories.js';
import { parseHtml } from './html.js';
import { Browser } from './http.js';

describe('wilsonLowerBound', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 0.2065],
    [50, 52, 0.8704],
    [5, 10, 0.2366],
  ])('%i of %i → %f', (pos, total, expected) => {
    expect(wilsonLowerBound(pos, total)).toBeCloseTo(expected, 3);
  });
  it('ranks many likes with a few reports above a single like', () => {
    expect(wilsonLowerBound(50, 52)).toBeGreaterThan(wilsonLowerBound(1, 1));
  });
});

describeEachEngine('comments (跟贴)', ({ db }) => {
  it('posts, replies with quote chains, holds new accounts, likes, reports, sorts and deletes', async () => {
    const database = db();
    const d = database.db;
    const clock = fixedClock('2026-11-10T00:00:00Z');
    const app = await buildServer({ database, clock, secret: 's' });
    const creatorUser = await createUser(d, {
      email: 'w@example.com',
      displayName: '作者',
      role: 'creator',
    });
    const creator = await createCreatorProfile(d, {
      userId: creatorUser.id,
      handle: 'writer',
      displayName: '作者',
    });
    const { id } = await makeArticle(d, { authorId: creator.id, title: '讨论' });
    await updateSiteSettings(d, { commentHoldHours: 24 });
    // old accounts (created "a week ago" by moving the clock) and one brand-new
    const old = async (email: string, name: string) => {
      const u = await createUser(d, { email, displayName: name });
      await d.execute(
        `UPDATE byline.users SET created_at = '2026-11-01T00:00:00Z' WHERE id = '${u.id}'` as never,
      );
      return u;
    };
    const zhang = await old('zhang@example.com', '张三');
    const li = await old('li@example.com', '李四');
    const wang = await old('wang@example.com', '王五');
    const fresh = await createUser(d, { email: 'new@example.com', displayName: '新人' });
    const browserFor = async (userId: string) => {
      const b = new Browser(app);
      const { token } = await createSession(d, clock, userId, 'test');
      b.useSession(token);
      await b.get(`/article/${id}`);
      return b;
    };
    const z = await browserFor(zhang.id);
    const text = '第一楼：<script>alert(1)</script> 😀 E=mc²，全角！';
    const first = await z.post(`/article/${id}/comments`, { body: text });
    expect(first.statusCode).toBe(303);
    const firstId = /#c-([0-9a-f-]{36})/.exec(String(first.headers.location))![1]!;
    clock.advance(60_000);
    const l = await browserFor(li.id);
    await l.get(`/article/${id}?reply=${firstId}`);
    const second = await l.post(`/article/${id}/comments`, {
      body: '第二楼回复',
      parentId: firstId,
    });
    const secondId = /#c-([0-9a-f-]{36})/.exec(String(second.headers.location))![1]!;
    clock.advance(60_000);
    const w = await browserFor(wang.id);
    await w.post(`/article/${id}/comments`, { body: '第三楼接着回复', parentId: secondId });
    clock.advance(60_000);
    const n = await browserFor(fresh.id);
    const held = await n.post(`/article/${id}/comments`, { body: '新账号的评论' });
    expect(held.headers.location).toContain('posted=held');

    const page = parseHtml((await app.inject({ url: `/article/${id}` })).body);
    expect(page.querySelector('#comments-heading')!.text).toBe('跟贴 3');
    const items = page.querySelectorAll('.comment-list > li');
    expect(items).toHaveLength(3);
    expect(page.text).not.toContain('新账号的评论');
    const third = items[0]!;
    expect(third.querySelector('.comment-body')!.text).toBe('第三楼接着回复');
    expect(third.querySelectorAll('blockquote')).toHaveLength(2); // 盖楼: both earlier floors quoted
    const firstBody = page.querySelector(`#c-${firstId} .comment-body`)!;
    expect(firstBody.text).toBe(text);
    expect(firstBody.innerHTML).toContain('&lt;script>');
    // the author of the held comment sees it, marked
    expect((await n.get(`/article/${id}`)).body).toContain('审核中，仅自己可见');

    // likes and reports drive the quality sort
    const like = async (b: Browser, commentId: string) => b.post(`/comments/${commentId}/like`, {});
    await like(l, firstId);
    await like(w, firstId);
    await like(z, secondId);
    await w.post(`/comments/${secondId}/report`, { reason: '广告' });
    await l.post(`/comments/${secondId}/report`, { reason: '广告' });
    const byQuality = await listComments(d, id, { sort: 'quality' });
    expect(byQuality[0]!.id).toBe(firstId);
    expect(byQuality[0]!.likes).toBe(2);
    await like(l, firstId); // toggles off
    expect((await listComments(d, id, { sort: 'time' })).find((c) => c.id === firstId)!.likes).toBe(
      1,
    );

    // an editor approves the held comment; the article's creator deletes one
    const editor = await createUser(d, {
      email: 'e@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    const e = await browserFor(editor.id);
    const queue = parseHtml((await e.get('/studio/comments')).body);
    const approve = queue.querySelector('form[action$="/approve"]')!.getAttribute('action')!;
    expect((await z.post(approve, {})).statusCode).toBe(403);
    expect((await e.post(approve, {})).statusCode).toBe(303);
    const c = await browserFor(creatorUser.id);
    expect((await c.post(`/comments/${secondId}/delete`, {})).statusCode).toBe(303);
    expect((await z.post(`/comments/${secondId}/delete`, {})).statusCode).toBe(404);
    const after = parseHtml((await app.inject({ url: `/article/${id}` })).body);
    expect(after.querySelector('#comments-heading')!.text).toBe('跟贴 3');

    // the API reads them with quote chains and posts with a bearer token
    const api = await app.inject({ url: `/api/v1/articles/${id}/comments?sort=quality` });
    const list = api.json<{ items: { body: string; quotes: unknown[] }[] }>().items;
    expect(list.map((i) => i.body)).toContain(text);
    const { token } = await createSession(d, clock, zhang.id, 'api');
    const posted = await app.inject({
      method: 'POST',
      url: `/api/v1/articles/${id}/comments`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body: '来自 API', parent_id: firstId },
    });
    expect(posted.statusCode).toBe(201);
    const empty = await app.inject({
      method: 'POST',
      url: `/api/v1/articles/${id}/comments`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body: '   ' },
    });
    expect(empty.statusCode).toBe(422);
    await app.close();
  });
});
