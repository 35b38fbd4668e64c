/**
 * The 热榜 end to end with a fake clock: views through the article page (GET
 * only, no bots, no authors), buffered, flushed, ranked by the documented
 * formula, explained, and resistant to the manipulation the issue lists.
 */
import { expect, it } from 'vitest';
import { createSession, createUser, hashToken } from '../src/accounts/index.js';
import { csrfToken } from '../src/web/session.js';
import { findArticle } from '../src/articles/index.js';
import { createCreatorProfile } from '../src/creators/index.js';
import { ViewBuffer } from '../src/engagement/index.js';
import { listHotItems, refreshHotLists } from '../src/ranking/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { parseHtml } from './html.js';

const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';
const HOUR = 3_600_000;

describeEachEngine('hot list', ({ db }) => {
  it('ranks broad, fresh interest first and resists manipulation', async () => {
    const database = db();
    const d = database.db;
    const clock = fixedClock('2026-11-10T12:00:00Z');
    const at = (hoursAgo: number) => new Date(clock.now().getTime() - hoursAgo * HOUR);
    const author = await makeCreator(d, { handle: 'hot-author' });
    const a = (title: string, hoursAgo: number, channelSlug = 'tech') =>
      makeArticle(d, { authorId: author.id, title, publishedAt: at(hoursAgo), channelSlug });
    const fresh = await a('新鲜且广受关注', 2);
    const dayOld = await a('一天前的旧闻', 26);
    const oneVisitor = await a('一个人刷了三百次', 2);
    const botOnly = await a('只有爬虫来过', 2);
    const officeBurst = await a('同一网段的突击', 2);
    const broad30 = await a('三十个不同网络', 2);
    const original = await a('特斯拉发布新车！', 5, 'auto');
    const repost = await a('特斯拉 發布新車', 3, 'auto');
    const views = new ViewBuffer(clock);
    const app = await buildServer({ database, clock, views, secret: 'hot-secret' });
    const visit = (
      id: string,
      ip: string,
      ua = UA,
      method: 'GET' | 'HEAD' = 'GET',
      extra: Record<string, string> = {},
    ) =>
      app.inject({
        method,
        url: `/article/${id}`,
        remoteAddress: ip,
        headers: { 'user-agent': ua, ...extra },
      });

    for (let i = 0; i < 60; i++) await visit(fresh.id, `10.${i}.0.1`);
    for (let i = 0; i < 300; i++)
      views.record({
        articleId: dayOld.id,
        visitorKey: `old-${i}`,
        ip: `172.16.${i % 250}.${i}`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    for (let i = 0; i < 300; i++) await visit(oneVisitor.id, '192.0.2.1');
    for (let i = 0; i < 50; i++)
      await visit(botOnly.id, `10.9.${i}.1`, 'Mozilla/5.0 (compatible; bingbot/2.0)');
    await visit(botOnly.id, '10.9.99.1', UA, 'HEAD');
    await visit(botOnly.id, '10.9.98.1', UA, 'GET', { 'sec-purpose': 'prefetch' });
    for (let i = 0; i < 500; i++)
      views.record({
        articleId: officeBurst.id,
        visitorKey: `o-${i}`,
        ip: `198.51.100.${i % 250}`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    for (let i = 0; i < 30; i++)
      views.record({
        articleId: broad30.id,
        visitorKey: `b-${i}`,
        ip: `100.${i}.1.1`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    for (let i = 0; i < 10; i++)
      views.record({
        articleId: original.id,
        visitorKey: `t-${i}`,
        ip: `100.64.${i}.1`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    for (let i = 0; i < 10; i++)
      views.record({
        articleId: repost.id,
        visitorKey: `r-${i}`,
        ip: `100.65.${i}.1`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    // the author reading their own article does not count
    const authorUser = await createUser(d, {
      email: 'own@example.com',
      displayName: '自己',
      role: 'creator',
    });
    const own = await createCreatorProfile(d, {
      userId: authorUser.id,
      handle: 'self-reader',
      displayName: '自己',
    });
    const ownArticle = await makeArticle(d, {
      authorId: own.id,
      title: '自己看自己',
      publishedAt: at(2),
    });
    const { token } = await createSession(d, clock, authorUser.id, UA);
    for (let i = 0; i < 5; i++)
      await app.inject({
        url: `/article/${ownArticle.id}`,
        remoteAddress: `10.77.${i}.1`,
        headers: { 'user-agent': UA, cookie: `byline_session=${token}` },
      });

    // one account on five networks and browsers is one visitor; its author's share adds nothing to the ranking
    const accountArticle = await a('一个账号五台设备', 2);
    const readerUser = await createUser(d, { email: 'multi@example.com', displayName: '多设备' });
    const readerSession = await createSession(d, clock, readerUser.id, UA);
    for (let i = 0; i < 5; i++) {
      await app.inject({
        url: `/article/${accountArticle.id}`,
        remoteAddress: `10.88.${i}.1`,
        headers: {
          'user-agent': `${UA} device/${i}`,
          cookie: `byline_session=${readerSession.token}`,
        },
      });
    }
    const ownShare = await app.inject({
      method: 'POST',
      url: `/article/${ownArticle.id}/share`,
      payload: 'target=link',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `byline_session=${token}`,
        'x-csrf-token': csrfToken('hot-secret', hashToken(token)),
        'user-agent': UA,
      },
    });

    expect(ownShare.statusCode).toBe(303);
    expect((await findArticle(d, ownArticle.id))!.stats.shares).toBe(1);
    await views.flush(d);
    await refreshHotLists(d, clock);
    const hot = await listHotItems(d, { limit: 50 });
    const rank = (id: string) => hot.findIndex((h) => h.id === id);
    const score = (id: string) => hot.find((h) => h.id === id)?.score ?? 0;

    expect(rank(fresh.id)).toBe(0);
    expect(rank(fresh.id)).toBeLessThan(rank(dayOld.id)); // fresh broad interest beats more raw views a day ago
    expect(score(oneVisitor.id)).toBeCloseTo(1 / Math.pow(4, 1.5), 6); // 300 reloads = one visitor
    expect(score(botOnly.id)).toBe(0); // bots, HEAD and prefetch move nothing
    expect(score(ownArticle.id)).toBe(0); // the author's own views and shares move nothing
    expect(hot.find((h) => h.id === accountArticle.id)!.components.visitors).toBe(1);
    expect(hot.find((h) => h.id === officeBurst.id)!.components.visitors).toBe(20); // one /24 capped
    expect(rank(broad30.id)).toBeLessThan(rank(officeBurst.id));
    expect(hot.filter((h) => h.id === original.id || h.id === repost.id).map((h) => h.id)).toEqual([
      original.id,
    ]);
    expect(new Set(hot.map((h) => h.id)).size).toBe(hot.length);

    // per channel, explained in the API and (for editors only) on /hot
    const api = await app.inject({ url: '/api/v1/hot?channel=auto&explain=1' });
    const items = api.json<{
      items: { article: { id: string }; components: { visitors: number } }[];
    }>().items;
    expect(items[0]!.article.id).toBe(original.id);
    expect(items[0]!.components.visitors).toBe(20);
    expect((await app.inject({ url: '/hot?explain=1' })).body).not.toContain('评分明细');
    const editor = await createUser(d, {
      email: 'ed-hot@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    const edSession = await createSession(d, clock, editor.id, UA);
    const explained = parseHtml(
      (
        await app.inject({
          url: '/hot?explain=1',
          headers: { cookie: `byline_session=${edSession.token}` },
        })
      ).body,
    );
    expect(explained.querySelector('h1')!.text).toContain('评分明细');
    expect(explained.querySelector('tbody tr td a')!.text).toBe('新鲜且广受关注');
    // the article page's 热点推荐 uses it, without the article itself
    const page = parseHtml(
      (await app.inject({ url: `/article/${dayOld.id}`, headers: { 'user-agent': UA } })).body,
    );
    expect(page.querySelector('#hot-heading + ol li a')!.text).toBe('新鲜且广受关注');
    await app.close();
  });
});
