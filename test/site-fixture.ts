/** A demo-seeded site on a fresh embedded database, for whole-site checks (HTML validity, feeds, browser). */
import { sql } from 'drizzle-orm';
import { removeArticle } from '../src/articles/index.js';
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
    async close() {
      await app.close();
      await database.close();
    },
  };
}
