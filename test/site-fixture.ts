/** A demo-seeded site on a fresh embedded database, for whole-site checks (HTML validity, feeds, browser). */
import { sql } from 'drizzle-orm';
import { createSession, createUser } from '../src/accounts/index.js';
import { removeArticle } from '../src/articles/index.js';
import { createCreatorProfile, submitApplication } from '../src/creators/index.js';
import { seedDemo } from '../src/cli/seed.js';
import { rowsOf } from '../src/db/client.js';
import { indexAll } from '../src/search/index.js';
import { buildServer } from '../src/server.js';
import { createTestDatabase } from './db.js';
import { testClock } from './factories.js';

export async function demoSite(publicUrl = 'http://127.0.0.1:3000') {
  const database = await createTestDatabase('pglite');
  await seedDemo(database.db, { clock: testClock() });
  await indexAll(database.db);
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
  const app = await buildServer({ database, clock: testClock(), publicUrl });
  return {
    app,
    database,
    article,
    longest,
    removed,
    /** One URL per page type, in both scripts where it applies. */
    pageUrls: [
      '/',
      '/channel/tech',
      `/article/${article.id}`,
      `/article/${longest.id}`,
      `/author/${article.handle}`,
      '/hot',
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
    ],
    /** The studio pages signed-in editors see (an editor who is also a creator). */
    studioUrls: ['/studio', '/studio/new', '/studio/review', '/studio/moderation'],
    /**
     * Signs in an editor with a creator profile, with one application pending
     * review; returns the session cookie's value.
     */
    async editorSession(): Promise<string> {
      const clock = testClock();
      const editor = await createUser(database.db, {
        email: 'a11y-editor@example.com',
        displayName: '无障碍编辑',
        role: 'editor',
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
      return (await createSession(database.db, clock, editor.id, 'a11y-test')).token;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
