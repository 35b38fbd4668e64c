/**
 * 原创保护 and the moderation desk end to end, through the pages and the API:
 * a Traditional copy with pinyin is caught on publish (claim refused, held,
 * the original's author told), receipts and match reports are visible, the
 * desk decides (and the audit log records it), spam is rejected and lost
 * characters are flagged to the author.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { rowsOf } from '../src/db/client.js';
import { buildServer } from '../src/server.js';
import { updateSiteSettings } from '../src/settings/index.js';
import { toTraditional } from '../src/text/index.js';
import { describeEachEngine } from './db.js';
import { makeCreator, testClock } from './factories.js';
import { Browser } from './http.js';

const ORIGINAL = [
  '赵鹏，中国足球运动员，司职后卫。赵鹏于1997年便加入河南建业青年队，2002年进入河南建业一线队。',
  '2011赛季结束后，赵鹏和建业的合同完结，此后一直盛传他将加盟中超升班马广州富力。',
  '但最后在2012年1月12日，建业成功与赵鹏续约3年。2012赛季，赵鹏未能帮助建业保级。',
  '其后在2013年1月1日，赵鹏连同其队友曾诚双双加盟广州恒大，并在亚冠联赛中多次首发出场。',
].join('\n\n');

/** The reference page's disguise: Traditional script with stray pinyin. */
const disguised = (text: string) =>
  toTraditional(text).replace(/足球/g, '足(zú)球').replace(/廣州/g, '廣(guǎng)州');

describeEachEngine('originality and moderation', ({ db }) => {
  it('catches a disguised copy on publish, shows receipts and reports, and lets editors decide', async () => {
    const database = db();
    const d = database.db;
    const clock = testClock();
    await ensureDefaultChannels(d);
    const app = await buildServer({ database, clock, secret: 's' });
    const session = async (userId: string) =>
      new Browser(app).useSession((await createSession(d, clock, userId, 't')).token);
    const alice = await makeCreator(d, { displayName: '原作者' });
    const bob = await makeCreator(d, { displayName: '搬运工' });
    const editor = await createUser(d, {
      email: 'ed@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    const a = await session(alice.userId);
    const b = await session(bob.userId);
    const e = await session(editor.id);

    const publish = async (browser: Browser, title: string, body: string, claim = true) => {
      clock.advance(60_000); // a minute between publications: "earlier" means something
      await browser.get('/studio/new');
      const res = await browser.post('/studio/articles', {
        title,
        channel: 'sports',
        bodyMarkdown: body,
        ...(claim ? { claimOriginal: '1' } : {}),
        intent: 'publish',
      });
      return {
        res,
        id: /\/studio\/articles\/([a-z0-9]+)\/edit/.exec(String(res.headers.location))?.[1] ?? '',
      };
    };

    const original = await publish(a, '赵鹏的职业生涯', ORIGINAL);
    expect(String(original.res.headers.location)).toContain('done=publish');
    // The receipt: page and JSON, with the SHA-256 of the normalised text.
    const receiptPage = await a.get(`/article/${original.id}/receipt`);
    expect(receiptPage.statusCode).toBe(200);
    const receipt = (await app.inject({ url: `/article/${original.id}/receipt.json` })).json();
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.claim_original).toBe(true);
    expect(receiptPage.body).toContain(receipt.sha256);
    expect(
      (await app.inject({ url: `/api/v1/articles/${original.id}/receipt` })).json().receipt.sha256,
    ).toBe(receipt.sha256);

    // Bob republishes it in Traditional with pinyin, claiming it as original: held, claim refused.
    const copy = await publish(b, '趙鵬：從建業到恆大', disguised(ORIGINAL));
    expect(String(copy.res.headers.location)).toContain('done=held-copy');
    const [row] = rowsOf<{ status: string; originality_claim: boolean }>(
      await d.execute(
        sql`SELECT status, originality_claim FROM byline.articles WHERE id = ${copy.id}`,
      ),
    );
    expect(row).toEqual({ status: 'held', originality_claim: false });
    expect((await app.inject({ url: `/article/${copy.id}` })).statusCode).toBe(404);
    // Alice hears about it in the studio; the report names the passages.
    expect((await a.get('/studio')).body).toContain('疑似被');
    const report = await b.get(`/studio/articles/${copy.id}/originality`);
    expect(report.body).toContain('赵鹏的职业生涯');
    expect(report.body).toContain('重复的段落');
    // …and through the API, for the author only.
    const bobToken = (await createSession(d, clock, bob.userId, 'api')).token;
    const api = await app.inject({
      url: `/api/v1/articles/${copy.id}/originality`,
      headers: { authorization: `Bearer ${bobToken}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json().matches[0]).toMatchObject({ article_id: original.id, direction: 'earlier' });
    const aliceToken = (await createSession(d, clock, alice.userId, 'api')).token;
    expect(
      (
        await app.inject({
          url: `/api/v1/articles/${copy.id}/originality`,
          headers: { authorization: `Bearer ${aliceToken}` },
        })
      ).statusCode,
    ).toBe(403);

    // The desk lists it; the editor approves; it is published (as not original) and audited.
    const desk = await e.get('/studio/moderation');
    expect(desk.body).toContain('趙鵬：從建業到恆大');
    const itemId = /name="ids" value="([0-9a-f-]{36})"/.exec(desk.body)![1]!;
    const decided = await e.post('/studio/moderation/decide', { ids: itemId, action: 'approve' });
    expect(decided.statusCode).toBe(303);
    expect((await app.inject({ url: `/article/${copy.id}` })).statusCode).toBe(200);
    const [audit] = rowsOf<{ n: number }>(
      await d.execute(
        sql`SELECT count(*)::int AS n FROM byline.audit_log WHERE action = 'moderation.approve' AND subject_id = ${copy.id}`,
      ),
    );
    expect(audit?.n).toBe(1);

    // With the repost policy, a copy is published marked 转载 with a link to the original.
    await updateSiteSettings(d, { copyPolicy: 'repost' });
    const repost = await publish(b, '再转一次', disguised(ORIGINAL));
    expect(String(repost.res.headers.location)).toContain('done=repost');
    const page = await app.inject({ url: `/article/${repost.id}` });
    expect(page.body).toContain('转载自《赵鹏的职业生涯》');
    expect(page.body).toContain(`/article/${original.id}`);

    // The author republishing their own article is warned, not blocked.
    const own = await publish(a, '赵鹏小传（修订版）', ORIGINAL);
    expect(String(own.res.headers.location)).toContain('done=publish-own');

    // Injected porn/gambling keywords are refused with a clear code; lost characters go back to the author.
    const spam = await b.post('/studio/articles', {
      title: '新闻',
      channel: 'news',
      bodyMarkdown: '色情|成人视频|免费看片|澳门赌场\n\n网易号今天发布了新功能。',
      intent: 'publish',
    });
    expect(spam.statusCode).toBe(422);
    const spamApi = await app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${bobToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        title: '新闻',
        channel: 'news',
        body_markdown: '色情|成人视频|免费看片|澳门赌场\n\n网易号今天发布了新功能。',
        publish: true,
      }),
    });
    expect(spamApi.statusCode).toBe(422);
    expect(spamApi.json().error.code).toBe('CONTENT_REJECTED');
    const damaged = await b.post('/studio/articles', {
      title: '公式',
      channel: 'tech',
      bodyMarkdown: '爱因斯坦提出了 E=mc??? 这个公式，改变了物理学。',
      intent: 'publish',
    });
    expect(damaged.statusCode).toBe(422);
    expect(damaged.body).toContain('疑似乱码');

    // A reader reports an article; the editor removes it (410), then restores it.
    const reader = await createUser(d, { email: 'r@example.com', displayName: '读者' });
    const r = await session(reader.id);
    await r.get(`/article/${original.id}`);
    const reported = await r.post(`/article/${original.id}/report`, {
      reason: 'spam',
      note: '广告',
    });
    expect(String(reported.headers.location)).toContain('reported=1');
    const again = await e.get('/studio/moderation?type=article_report');
    const reportId = /name="ids" value="([0-9a-f-]{36})"/.exec(again.body)![1]!;
    await e.post('/studio/moderation/decide', { ids: reportId, action: 'remove', reason: '测试' });
    expect((await app.inject({ url: `/article/${original.id}` })).statusCode).toBe(410);
    await e.get('/studio/moderation');
    await e.post(`/studio/moderation/restore/${original.id}`, { reason: '误删' });
    expect((await app.inject({ url: `/article/${original.id}` })).statusCode).toBe(200);
    // Comments and profiles go through the same screen.
    const readerToken = (await createSession(d, clock, reader.id, 'api')).token;
    const spamComment = await app.inject({
      method: 'POST',
      url: `/api/v1/articles/${original.id}/comments`,
      headers: { authorization: `Bearer ${readerToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: '澳门赌场|在线博彩|六合彩|百家乐|免费看片' }),
    });
    expect(spamComment.json().error.code).toBe('CONTENT_REJECTED');
    const spamApply = await app.inject({
      method: 'POST',
      url: '/api/v1/creator-applications',
      headers: { authorization: `Bearer ${readerToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        display_name: '博彩推荐',
        handle: 'spammer',
        account_type: 'individual',
        tagline: '澳门赌场 在线博彩 六合彩 百家乐',
        contact: 'x',
      }),
    });
    expect(spamApply.json().error.code).toBe('CONTENT_REJECTED');
    // Rejecting needs a reason; the audit page is for admins.
    expect((await e.get('/studio/admin/audit')).statusCode).toBe(403);
    await app.close();
  });
});
