/**
 * 注销账号 and 个人信息副本 (PIPL arts. 45, 47): an account that wrote
 * everywhere — profile, avatar, articles, comments, likes, reports, follows,
 * applications, notifications, mail — is deleted, and a scan of every text
 * column of every table finds nothing of it; counters it moved are back; its
 * export contains everything it wrote.
 */
import { sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { getArticleCounter, createDraft } from '../src/articles/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import {
  findCreatorById,
  setFollow,
  submitApplication,
  approveApplication,
} from '../src/creators/index.js';
import { rowsOf, type Queryable } from '../src/db/client.js';
import {
  postComment,
  reportComment,
  toggleCommentLike,
  ViewBuffer,
} from '../src/engagement/index.js';
import { reportArticle, publishChecked } from '../src/moderation/index.js';
import { runNotificationConsumer } from '../src/notifications/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { holdCopies, makeArticle, makeCreator } from './factories.js';
import { multipart } from './http.js';
import { testPhoto } from './photo.js';

const MARK = 'ZHANG7QX';
const EMAIL = `zhang7qx@example.com`;

/** Every text-like column of every table in the byline schema, and the rows where `needle` appears. */
async function findEverywhere(db: Queryable, needles: readonly string[]) {
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'byline' AND data_type IN ('text', 'character varying', 'jsonb', 'json')
      ORDER BY 1, 2`),
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const [row] = rowsOf<{ n: number }>(
        await db.execute(
          sql`SELECT count(*)::int AS n FROM ${sql.identifier('byline')}.${sql.identifier(table_name)}
              WHERE strpos(lower(${sql.identifier(column_name)}::text), lower(${needle})) > 0`,
        ),
      );
      if (row!.n > 0) found.push(`${table_name}.${column_name} (${needle})`);
    }
  }
  return { columns: columns.length, found };
}

describeEachEngine('account deletion and export', ({ db }) => {
  it('exports everything an account wrote, and deleting it leaves none of its personal data', async () => {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const notify = {
      clock,
      site: { siteName: '署名', publicUrl: 'http://byline.test' },
      secret: 's',
    };
    await runNotificationConsumer(d.db, notify);
    const app = await buildServer({ database: d, clock, secret: 's' });
    const other = await makeCreator(d.db, { displayName: '别的作者' });
    const othersArticle = await makeArticle(d.db, { authorId: other.id, title: '别人的文章' });
    const fan = await createUser(d.db, { email: 'fan@example.com', displayName: '粉丝' });

    // The account: registered, applied (approved), a creator with a profile and an avatar.
    const user = await createUser(d.db, {
      email: EMAIL,
      password: 'the password of zhang',
      displayName: `张${MARK}`,
    });
    const token = (await createSession(d.db, clock, user.id, 'test')).token;
    const auth = { authorization: `Bearer ${token}` };
    const application = await submitApplication(d.db, clock, user.id, {
      displayName: `张${MARK}号`,
      handle: 'zhang7qx',
      accountType: 'individual',
      tagline: `${MARK}的一句话`,
      bio: `${MARK}的申请介绍`,
      contact: `微信 ${MARK}`,
    });
    const editor = await createUser(d.db, {
      email: 'ed@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    await approveApplication(d.db, clock, editor.id, application.id, '欢迎入驻');
    const photo = await testPhoto();
    const upload = multipart({}, 'image', photo, 'me.jpg', 'image/jpeg');
    const avatar = await app.inject({
      method: 'POST',
      url: '/api/v1/me/avatar',
      headers: { ...auth, 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(avatar.statusCode).toBe(201);
    const me = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: auth,
      payload: { bio: `${MARK}的简介`, tagline: `${MARK}说`, handle: 'zhang-new' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      display_name: `张${MARK}号`,
      creator: { handle: 'zhang-new', url: '/author/zhang-new' },
      avatar_url: expect.stringMatching(/^\/media\/[0-9a-f-]+\/128\.webp$/),
    });
    const creatorId = me.json().creator.id as string;
    // Articles (published and a draft), with an image of theirs.
    const published = await createDraft(
      d.db,
      clock,
      { userId: user.id, authorId: creatorId },
      { title: `${MARK}的文章`, channel: 'tech', bodyMarkdown: `正文里有${MARK}。` },
    );
    await publishChecked(d.db, clock, published.id, holdCopies);
    await createDraft(
      d.db,
      clock,
      { userId: user.id, authorId: creatorId },
      { title: `${MARK}的草稿`, channel: 'tech', bodyMarkdown: `草稿${MARK}` },
    );
    // Engagement everywhere: comments, a reply on their own article, likes, reports, follows.
    const comment = await postComment(d.db, clock, {
      articleId: othersArticle.id,
      userId: user.id,
      holdHours: 0,
      body: `${MARK}的评论`,
    });
    const fanComment = await postComment(d.db, clock, {
      articleId: othersArticle.id,
      userId: fan.id,
      holdHours: 0,
      body: '粉丝的评论',
    });
    await toggleCommentLike(d.db, clock, fanComment.id, user.id);
    await reportComment(d.db, clock, fanComment.id, user.id, `${MARK}举报理由`);
    await reportArticle(d.db, clock, user.id, othersArticle.id, {
      reason: 'spam',
      note: `${MARK}`,
    });
    await setFollow(d.db, { userId: user.id, creatorId: other.id, follow: true, at: clock.now() });
    await setFollow(d.db, { userId: fan.id, creatorId, follow: true, at: clock.now() });
    await postComment(d.db, clock, {
      articleId: published.id,
      userId: fan.id,
      holdHours: 0,
      body: '粉丝评论作者',
    });
    await toggleCommentLike(d.db, clock, comment.id, fan.id);
    await runNotificationConsumer(d.db, notify);
    // Mail to them: a reset link.
    await app.inject({
      method: 'POST',
      url: '/api/v1/password-resets',
      payload: { email: EMAIL },
    });

    // 点赞, 收藏 and 阅读历史 of another creator's article.
    for (const what of ['like', 'bookmark'])
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/articles/${othersArticle.id}/${what}`,
            headers: auth,
          })
        ).statusCode,
      ).toBe(200);
    const reads = new ViewBuffer(clock);
    reads.record({
      articleId: othersArticle.id,
      visitorKey: `user:${user.id}`,
      ip: '192.0.2.1',
      userAgent: 'Mozilla/5.0',
      purpose: undefined,
      isAuthor: false,
      readerId: user.id,
    });
    await reads.flush(d.db);

    // The export: everything they wrote, readable.
    const exported = await app.inject({ url: '/api/v1/me/export', headers: auth });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(exported.rawPayload));
    const text = (name: string) => {
      const key = Object.keys(files).find((k) => k.endsWith(`/${name}`));
      if (!key) throw new Error(`${name} missing from ${Object.keys(files).join(', ')}`);
      return strFromU8(files[key]!);
    };
    const profile = JSON.parse(text('profile.json'));
    expect(profile.account).toMatchObject({ email: EMAIL, bio: `${MARK}的简介` });
    expect(profile.creator).toMatchObject({ handle: 'zhang-new' });
    expect(JSON.parse(text('applications.json'))[0]).toMatchObject({ contact: `微信 ${MARK}` });
    const articles = JSON.parse(text('articles.json')) as { title: string; file: string }[];
    expect(articles.map((a) => a.title).sort()).toEqual([`${MARK}的文章`, `${MARK}的草稿`].sort());
    expect(text(articles[0]!.file.split('/').pop()!)).toMatch(/^---\ntitle: /);
    expect(text(`${published.id}.md`)).toContain(`正文里有${MARK}。`);
    expect(JSON.parse(text('comments.json'))[0]).toMatchObject({
      body: `${MARK}的评论`,
      articleTitle: '别人的文章',
    });
    expect(JSON.parse(text('likes.json'))).toHaveLength(1);
    for (const name of ['article-likes.json', 'bookmarks.json', 'history.json'])
      expect(JSON.parse(text(name))).toMatchObject([
        { articleId: othersArticle.id, articleTitle: '别人的文章' },
      ]);
    expect(await getArticleCounter(d.db, othersArticle.id, 'likes')).toBe(1);
    expect(JSON.parse(text('reports.json'))[0]).toMatchObject({ reason: `${MARK}举报理由` });
    expect(JSON.parse(text('following.json'))[0]).toMatchObject({ displayName: '别的作者' });
    expect(JSON.parse(text('notifications.json')).items.length).toBeGreaterThanOrEqual(2);

    const before = await findEverywhere(d.db, [MARK, EMAIL]);
    expect(before.found.length).toBeGreaterThan(10);
    const followersBefore = (await findCreatorById(d.db, other.id))!.followerCount;
    const commentsBefore = await getArticleCounter(d.db, othersArticle.id, 'comments');

    // Deleting: the password is required.
    const wrong = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: auth,
      payload: { password: 'not it' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields[0].path).toBe('password');
    const gone = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: auth,
      payload: { password: 'the password of zhang' },
    });
    expect(gone.statusCode).toBe(204);

    const after = await findEverywhere(d.db, [MARK, EMAIL]);
    console.log(
      `[privacy] ${after.columns} text columns scanned; before deletion the account appeared in ${before.found.length}, after in ${after.found.length}: ${after.found.join(', ')}`,
    );
    expect(after.found).toEqual([]);
    // Sessions ended, pages gone, counters back.
    expect((await app.inject({ url: '/api/v1/me', headers: auth })).statusCode).toBe(401);
    expect((await app.inject({ url: `/article/${published.id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/author/zhang-new' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/author/zhang7qx' })).statusCode).toBe(404);
    expect((await findCreatorById(d.db, other.id))!.followerCount).toBe(followersBefore - 1);
    expect(await getArticleCounter(d.db, othersArticle.id, 'comments')).toBe(commentsBefore - 1);
    const [likes] = rowsOf<{ likes: number; reports: number }>(
      await d.db.execute(
        sql`SELECT likes, reports FROM byline.comments WHERE id = ${fanComment.id}`,
      ),
    );
    expect(likes).toEqual({ likes: 0, reports: 0 });
    expect(await getArticleCounter(d.db, othersArticle.id, 'likes')).toBe(0);
    const [left] = rowsOf<{ n: number }>(
      await d.db.execute(sql`SELECT
        (SELECT count(*) FROM byline.article_likes) + (SELECT count(*) FROM byline.bookmarks)
        + (SELECT count(*) FROM byline.reading_history) AS n`),
    );
    expect(Number(left!.n)).toBe(0);
    // The address can register again.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: EMAIL, password: 'a brand new life', display_name: '新人' },
    });
    expect(again.statusCode).toBe(202);
    await app.close();
  });
});
