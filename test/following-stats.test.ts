/** 关注 → /following, and the studio's per-day statistics chart. */
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createCreatorProfile } from '../src/creators/index.js';
import { ViewBuffer } from '../src/engagement/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { parseHtml } from './html.js';
import { Browser } from './http.js';

describeEachEngine('following and creator statistics', ({ db }) => {
  it('follows a creator, lists their articles on /following, and charts views per day in the studio', async () => {
    const database = db();
    const d = database.db;
    const clock = fixedClock('2026-11-10T10:00:00Z');
    const views = new ViewBuffer(clock);
    const app = await buildServer({ database, clock, views, secret: 's' });
    const writerUser = await createUser(d, {
      email: 'w@example.com',
      displayName: '作者',
      role: 'creator',
    });
    const writer = await createCreatorProfile(d, {
      userId: writerUser.id,
      handle: 'writer',
      displayName: '作者',
    });
    const other = await makeCreator(d, { handle: 'other-writer' });
    const mine = await makeArticle(d, { authorId: writer.id, title: '关注者能看到' });
    await makeArticle(d, { authorId: other.id, title: '没关注的人写的' });

    const reader = await createUser(d, { email: 'r@example.com', displayName: '读者' });
    const b = new Browser(app);
    b.useSession((await createSession(d, clock, reader.id, 't')).token);
    expect(
      parseHtml((await b.get('/following')).body).querySelectorAll('.article-list li'),
    ).toHaveLength(0);
    await b.get('/author/writer');
    expect((await b.post('/author/writer/follow', {})).statusCode).toBe(303);
    const profile = parseHtml((await b.get('/author/writer')).body);
    expect(profile.querySelector('button.follow')!.text.trim()).toBe('已关注');
    expect(profile.querySelectorAll('.counts dd')[1]!.text).toBe('1');
    const following = parseHtml((await b.get('/following')).body);
    expect(following.querySelectorAll('.article-list .title').map((t) => t.text)).toEqual([
      '关注者能看到',
    ]);
    expect((await app.inject({ url: '/following' })).statusCode).toBe(303);

    for (let i = 0; i < 7; i++)
      views.record({
        articleId: mine.id,
        visitorKey: `v${i}`,
        ip: `10.0.${i}.1`,
        userAgent: 'Mozilla/5.0',
        purpose: undefined,
        isAuthor: false,
      });
    await views.flush(d);
    const w = new Browser(app);
    w.useSession((await createSession(d, clock, writerUser.id, 't')).token);
    const studio = parseHtml((await w.get('/studio')).body);
    const chart = studio.querySelector('svg.chart')!;
    expect(chart.getAttribute('aria-label')).toBe('近 30 天每日阅读，合计 7，最高 7');
    expect(chart.querySelectorAll('rect')).toHaveLength(30);
    expect(studio.querySelectorAll('.stats .counts dd').map((x) => x.text)).toEqual([
      '7',
      '0',
      '0',
      '1',
      '1',
    ]);
    expect(studio.querySelector('.studio-table tbody tr td:nth-child(4)')!.text).toBe('7');
    await app.close();
  });
});
