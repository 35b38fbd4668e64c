/** A demo-seeded site on a fresh embedded database, for whole-site checks (HTML validity, feeds, browser). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createSession, createUser } from '../src/accounts/index.js';
import { createDraft, removeArticle, saveArticle } from '../src/articles/index.js';
import { DiskMediaStore, storeImage } from '../src/media/index.js';
import { publishChecked } from '../src/moderation/index.js';
import { createCreatorProfile, submitApplication } from '../src/creators/index.js';
import { rowsOf } from '../src/db/client.js';
import { bookmarkArticle, likeArticle } from '../src/engagement/index.js';
import { buildServer } from '../src/server.js';
import { demoDatabase } from './demo-database.js';
import { holdCopies, makeCreator, testClock } from './factories.js';
import { testPhoto } from './photo.js';

export async function demoSite(publicUrl = 'http://127.0.0.1:3000') {
  const database = await demoDatabase('pglite');
  const pick = async (where: string) =>
    rowsOf<{ id: string; handle: string }>(
      await database.db.execute(
        sql.raw(`SELECT a.id, p.handle FROM byline.articles a JOIN byline.creator_profiles p
          ON p.id = a.author_id WHERE ${where} LIMIT 1`),
      ),
    )[0]!;
  const article = await pick(`a.external_id = 'drcd-1147'`);
  const longest = await pick(
    `a.id = (SELECT id FROM byline.articles ORDER BY length(body_source) DESC LIMIT 1)`,
  );
  const removed = await pick(`a.external_id = 'cmrc2018-DEV_0'`);
  await removeArticle(database.db, testClock(), removed.id);
  const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-site-')));
  const studio = await studioArticle(database.db, media);
  const app = await buildServer({ database, clock: testClock(), publicUrl, media });
  return {
    app,
    database,
    article,
    longest,
    removed,
    /** A creator's article with a cover, a figure directly followed by text, tags and 原创. */
    studio,
    /** One URL per page type, in both scripts where it applies. */
    pageUrls: [
      '/',
      '/channel/tech',
      `/article/${article.id}`,
      `/article/${longest.id}`,
      `/author/${article.handle}`,
      '/hot',
      '/latest',
      '/authors',
      '/search?q=%E7%BD%91%E7%90%83',
      '/search?q=zzzz',
      '/apply',
      '/accessibility',
      '/no-such-page',
      `/article/${removed.id}`,
      '/zh-hant/',
      `/zh-hant/article/${article.id}`,
      `/article/${article.id}?mode=care`,
      `/article/${studio.id}`,
      // 话题 pages (the studio article's tag 人工智能), in both scripts.
      `/tag/${encodeURIComponent('人工智能')}`,
      `/zh-hant/tag/${encodeURIComponent('人工智能')}`,
      `/tag/${encodeURIComponent('没有这个话题')}`,
    ],
    /** Pages only a signed-in reader sees (with editorSession's cookie): their lists, an article with their state. */
    readerUrls: ['/me/bookmarks', '/me/history', `/article/${studio.id}`, '/me'],
    /** The studio pages signed-in editors see (an editor who is also a creator). */
    studioUrls: ['/studio', '/studio/new', '/studio/review', '/studio/moderation'],
    /**
     * Signs in an editor with a creator profile, with one application pending
     * review; returns the session cookie's value.
     */
    async editorSession(role: 'editor' | 'admin' = 'editor'): Promise<string> {
      const clock = testClock();
      const editor = await createUser(database.db, {
        email: 'a11y-editor@example.com',
        displayName: '无障碍编辑',
        role,
      });
      await createCreatorProfile(database.db, {
        userId: editor.id,
        handle: 'a11y-editor',
        displayName: '无障碍编辑',
      });
      const applicant = await createUser(database.db, {
        email: 'a11y-applicant@example.com',
        displayName: '申请人',
        role: 'reader',
      });
      await submitApplication(database.db, clock, applicant.id, {
        displayName: '长者新闻',
        handle: 'elder-news',
        accountType: 'media',
        tagline: '给长辈看的新闻',
        bio: '每天三条要闻，字大好读。',
        contact: 'elder@example.com',
      });
      // Something in 我的收藏 and 阅读历史, and a like: the lists and the pressed buttons are checked too.
      for (const id of [studio.id, article.id])
        await bookmarkArticle(database.db, clock, { articleId: id, userId: editor.id });
      await likeArticle(database.db, clock, { articleId: studio.id, userId: editor.id });
      await database.db.execute(
        sql`INSERT INTO byline.reading_history (user_id, article_id, read_at)
          VALUES (${editor.id}, ${studio.id}, now()), (${editor.id}, ${article.id}, now())`,
      );
      return (await createSession(database.db, clock, editor.id, 'a11y-test')).token;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A studio-written article: cover, a figure with its caption followed directly by a line of text, tags, 原创, two revisions. */
async function studioArticle(db: Parameters<typeof createDraft>[0], media: DiskMediaStore) {
  const clock = testClock();
  const creator = await makeCreator(db, { handle: 'studio-writer', displayName: '工作室作者' });
  const photo = await testPhoto();
  const cover = await storeImage(db, clock, {
    ownerId: creator.userId,
    bytes: photo,
    store: media,
    alt: '红色封面',
  });
  const figure = await storeImage(db, clock, {
    ownerId: creator.userId,
    bytes: photo,
    store: media,
  });
  const draft = {
    title: '一篇有封面和标签的原创文章',
    channel: 'tech',
    bodyMarkdown: `## 小标题\n\n> 一段引用\n\n![一张红色的图](/media/${figure.id} "图注：红色")\n紧接着图片的一行文字。\n\n最后一段正文。`,
    coverImageId: cover.id,
    claimOriginal: true,
    tags: ['人工智能', '新能源'],
  };
  const actor = { userId: creator.userId, authorId: creator.id };
  const { id } = await createDraft(db, clock, actor, { ...draft, bodyMarkdown: '第一版正文。' });
  await saveArticle(db, clock, actor, id, draft);
  await publishChecked(db, clock, id, holdCopies);
  return {
    id,
    handle: creator.handle,
    coverId: cover.id,
    figureId: figure.id,
    userId: creator.userId,
  };
}
