/**
 * The notification centre: every type reaches the right account, never the
 * one who caused it, once per cause; preferences choose the centre, mail or
 * digest; the API lists and marks them; the bell's count is fetched.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createDraft, findArticle, unpublishArticle } from '../src/articles/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import {
  approveApplication,
  rejectApplication,
  setFollow,
  submitApplication,
} from '../src/creators/index.js';
import { postComment, removeComment, toggleCommentLike } from '../src/engagement/index.js';
import { listOutbox } from '../src/mail/index.js';
import { publishChecked, decideItems, listOpenItems } from '../src/moderation/index.js';
import {
  listNotifications,
  runNotificationConsumer,
  type NotifyContext,
} from '../src/notifications/index.js';
import { fingerprintAll } from '../src/originality/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { holdCopies, makeArticle, makeCreator } from './factories.js';
import { Browser } from './http.js';

const SECRET = 'notify-secret';

describeEachEngine('notifications', ({ db }) => {
  it('tells each account what happened to its content, never about what it did itself', async () => {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const notify: NotifyContext = {
      clock,
      site: { siteName: '署名', publicUrl: 'http://byline.test' },
      secret: SECRET,
    };
    const catchUp = async () => {
      for (let run = await runNotificationConsumer(d.db, notify); run.more;)
        run = await runNotificationConsumer(d.db, notify);
    };
    await catchUp();
    const source = JSON.parse(readFileSync(DEMO_CORPUS_URL, 'utf8').split('\n')[0]!) as {
      title: string;
      body: string;
    };
    const author = await makeCreator(d.db, { displayName: '原作者' });
    const article = await makeArticle(d.db, {
      authorId: author.id,
      title: source.title,
      body: source.body,
    });
    // The consumer runs every two seconds: the first article is old news before anyone follows.
    await catchUp();
    const reader = await createUser(d.db, { email: 'r@example.com', displayName: '读者甲' });
    const other = await createUser(d.db, { email: 's@example.com', displayName: '读者乙' });
    const editor = await createUser(d.db, {
      email: 'e@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    const comment = (userId: string, body: string, parentId?: string) =>
      postComment(d.db, clock, {
        articleId: article.id,
        userId,
        holdHours: 0,
        body,
        ...(parentId ? { parentId } : {}),
      });

    // Comments and replies.
    const first = await comment(reader.id, '写得好');
    const reply = await comment(author.userId, '谢谢支持', first.id);
    await comment(other.id, '同意作者', reply.id);
    // Likes: one from a reader, one on one's own comment, one taken back and given again.
    await toggleCommentLike(d.db, clock, reply.id, reader.id);
    await toggleCommentLike(d.db, clock, reply.id, author.userId);
    await toggleCommentLike(d.db, clock, first.id, other.id);
    await toggleCommentLike(d.db, clock, first.id, other.id);
    await toggleCommentLike(d.db, clock, first.id, other.id);
    // Followers (a creator cannot follow itself).
    await setFollow(d.db, {
      userId: reader.id,
      creatorId: author.id,
      follow: true,
      at: clock.now(),
    });
    await expect(
      setFollow(d.db, {
        userId: author.userId,
        creatorId: author.id,
        follow: true,
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: 'SELF_FOLLOW' });
    // An application rejected, then one approved.
    const applicant = await createUser(d.db, { email: 'p@example.com', displayName: '申请人' });
    const application = {
      displayName: '申请人',
      handle: 'applicant',
      accountType: 'individual' as const,
      tagline: '写作',
      contact: 'p@example.com',
    };
    const a1 = await submitApplication(d.db, clock, applicant.id, application);
    await rejectApplication(d.db, clock, editor.id, a1.id, '作品链接无法打开');
    const a2 = await submitApplication(d.db, clock, applicant.id, application);
    await approveApplication(d.db, clock, editor.id, a2.id);
    // A copy of the author's article, held; the editor rejects it.
    await fingerprintAll(d.db);
    const copier = await makeCreator(d.db, { displayName: '搬运工' });
    const copy = await createDraft(
      d.db,
      clock,
      { userId: copier.userId, authorId: copier.id },
      { title: source.title, channel: 'tech', bodyMarkdown: source.body, claimOriginal: true },
    );
    await publishChecked(d.db, clock, copy.id, holdCopies);
    const held = (await listOpenItems(d.db)).filter((i) => i.articleId === copy.id);
    await decideItems(d.db, clock, editor.id, {
      action: 'reject',
      ids: held.map((i) => i.id),
      reason: '搬运他人原创',
    });
    // An editor removes a reader's comment; the author removes nothing of anyone's.
    const rude = await comment(other.id, '广告广告');
    await removeComment(d.db, clock, rude.id, { actorId: editor.id, reason: '广告' });
    // The author publishes a new article (and publishes it again after an edit).
    const fresh = await makeArticle(d.db, { authorId: author.id, title: '新文章' });
    await catchUp();
    await unpublishArticle(d.db, clock, fresh.id);
    await publishChecked(d.db, clock, fresh.id, holdCopies);
    expect((await findArticle(d.db, fresh.id))!.status).toBe('published');
    await catchUp();

    const types = async (userId: string) =>
      (await listNotifications(d.db, userId)).items.map((n) => `${n.type}: ${n.text}`).sort();
    expect(await types(author.userId)).toEqual(
      [
        `article_comment: 读者甲 评论了你的文章《${source.title}》：「写得好」`,
        `comment_like: 读者甲 赞了你在《${source.title}》的评论：「谢谢支持」`,
        `comment_reply: 读者乙 回复了你在《${source.title}》的评论：「同意作者」`,
        `new_follower: 读者甲 关注了你`,
        `originality_match: 你的文章《${source.title}》被他人的文章大段复制：「复制它的文章：《${source.title}》」`,
        // The removed comment's words are not repeated.
        `article_comment: 读者乙 评论了你的文章《${source.title}》`,
      ].sort(),
    );
    expect(await types(reader.id)).toEqual(
      [
        `comment_reply: ${author.displayName} 回复了你在《${source.title}》的评论：「谢谢支持」`,
        `comment_like: 读者乙 赞了你在《${source.title}》的评论：「写得好」`,
        `followed_article: ${author.displayName} 发布了新文章《新文章》`,
      ].sort(),
    );
    expect(await types(other.id)).toEqual([
      `moderation_outcome: 你的在《${source.title}》的评论已被编辑删除。理由：广告`,
    ]);
    expect(await types(applicant.id)).toEqual(
      [
        'application_decided: 你的入驻申请未通过。理由：作品链接无法打开',
        'application_decided: 你的入驻申请已通过，欢迎成为创作者「申请人」！现在可以在创作中心发文了',
      ].sort(),
    );
    expect(await types(copier.userId)).toEqual([
      `moderation_outcome: 你的文章《${source.title}》未通过审核，已退回草稿。理由：搬运他人原创`,
    ]);
    expect(await types(editor.id)).toEqual([]);
  });

  it('lists, counts and marks notifications through the API and the pages, and follows preferences', async () => {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const notify: NotifyContext = {
      clock,
      site: { siteName: '署名', publicUrl: 'http://byline.test' },
      secret: SECRET,
    };
    await runNotificationConsumer(d.db, notify);
    const app = await buildServer({ database: d, clock, secret: SECRET });
    const author = await makeCreator(d.db);
    const fans = [];
    for (let i = 0; i < 3; i++)
      fans.push(await createUser(d.db, { email: `f${i}@example.com`, displayName: `粉丝${i}` }));
    const token = (await createSession(d.db, clock, author.userId, 'test')).token;
    const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    // The author wants new followers by mail, and not in the centre.
    const prefs = await api('PUT', '/me/notification-preferences', {
      types: { new_follower: { in_app: false, email: true, digest: false } },
    });
    expect(prefs.statusCode).toBe(200);
    expect(prefs.json().types.new_follower).toEqual({ in_app: false, email: true, digest: false });
    expect(prefs.json().types.comment_reply).toEqual({ in_app: true, email: false, digest: true });
    const fanToken = (await createSession(d.db, clock, fans[0]!.id, 'test')).token;
    const follow = await app.inject({
      method: 'POST',
      url: `/api/v1/creators/${author.handle}/follow`,
      headers: { authorization: `Bearer ${fanToken}` },
    });
    expect(follow.json()).toEqual({ following: true, followers: 1 });
    // Idempotent: following twice is following.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/creators/${author.handle}/follow`,
          headers: { authorization: `Bearer ${fanToken}` },
        })
      ).json(),
    ).toEqual({ following: true, followers: 1 });
    const self = await api('POST', `/creators/${author.handle}/follow`);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('SELF_FOLLOW');
    await runNotificationConsumer(d.db, notify);
    expect((await api('GET', '/notifications')).json()).toMatchObject({ items: [], unread: 0 });
    const mail = (await listOutbox(d.db)).items;
    expect(mail.map((m) => m.kind)).toEqual(['notification:new_follower']);
    expect(mail[0]!.to).toBe(`${author.handle}@example.test`);

    // Back to the centre: comments on the author's article.
    const article = await makeArticle(d.db, { authorId: author.id });
    for (const fan of fans)
      await postComment(d.db, clock, {
        articleId: article.id,
        userId: fan.id,
        holdHours: 0,
        body: `${fan.displayName}的评论`,
      });
    await runNotificationConsumer(d.db, notify);
    const list = await api('GET', '/notifications?limit=2');
    expect(list.statusCode).toBe(200);
    const page = list.json();
    expect(page.unread).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      type: 'article_comment',
      read: false,
      actor: { display_name: '粉丝2', avatar_url: null },
      target: { kind: 'comment', url: expect.stringMatching(/^\/article\/\w+#comment-/) },
    });
    const older = (await api('GET', `/notifications?before=${page.next_before}`)).json();
    expect(older.items).toHaveLength(1);
    expect(older.next_before).toBeNull();
    expect((await api('GET', '/notifications?limit=0')).statusCode).toBe(422);
    expect((await api('POST', '/notifications/read', { ids: [page.items[0].id] })).json()).toEqual({
      marked: 1,
      unread: 2,
    });
    expect((await api('GET', '/notifications/unread')).json()).toEqual({ unread: 2 });
    expect((await api('GET', '/notifications?unread_only=true')).json().items).toHaveLength(2);

    // The pages: the bell's count is fetched (private), opening one marks it read.
    const browser = new Browser(app).useSession(token);
    const bell = await browser.get('/notifications/unread');
    expect(bell.headers['cache-control']).toBe('private, no-store');
    expect(bell.json()).toEqual({ unread: 2 });
    const centre = await browser.get('/notifications');
    expect(centre.statusCode).toBe(200);
    expect(centre.body).toContain('2 条未读');
    const open = await browser.get(`/notifications/${older.items[0].id}/open`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toMatch(/^\/article\/\w+#comment-/);
    expect((await browser.get('/notifications/unread')).json()).toEqual({ unread: 1 });
    // Someone else's notification is not found.
    const stranger = new Browser(app).useSession(fanToken);
    expect((await stranger.get(`/notifications/${page.items[1].id}/open`)).statusCode).toBe(404);
    await browser.get('/notifications');
    expect((await browser.post('/notifications/read-all', {})).statusCode).toBe(303);
    expect((await api('GET', '/notifications/unread')).json()).toEqual({ unread: 0 });
    // The header shows the bell and the menu; no unread number is rendered into the page.
    const home = await browser.get('/');
    expect(home.body).toContain('data-unread-url="/notifications/unread"');
    expect(home.body).toMatch(/<span class="badge" data-unread hidden><\/span>/);
    await app.close();
  });
});
