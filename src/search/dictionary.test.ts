import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { Browser, errorsOn } from '../../test/http.js';
import { createSession, createUser } from '../accounts/index.js';
import { rowsOf } from '../db/client.js';
import { buildServer } from '../server.js';
import { Segmenter } from '../text/index.js';
import { indexAll, searchArticleIds, syncDictionary } from './index.js';

describeEachEngine('user dictionary', ({ db }) => {
  it('lets an admin add and remove words; the index is rebuilt with them', async () => {
    const database = db();
    const d = database.db;
    const clock = testClock();
    // This site's own segmenter: the server and the indexer share it, as in production.
    const segmenter = new Segmenter();
    const queryTokens = (text: string) => segmenter.queryTokens(text);
    const author = await makeCreator(d);
    const story = await makeArticle(d, {
      authorId: author.id,
      title: '深度求索发布新模型',
      body: '深度求索今天发布了新的大语言模型。',
    });
    await makeArticle(d, { authorId: author.id, title: '深度学习入门', body: '求索之路漫长。' });
    await syncDictionary(d, segmenter);
    await indexAll(d, segmenter);
    expect(queryTokens('深度求索')).not.toContain('深度求索');

    const app = await buildServer({ database, clock, segmenter });
    const admin = await createUser(d, {
      email: 'admin@example.com',
      displayName: '管',
      role: 'admin',
    });
    const editor = await createUser(d, {
      email: 'ed@example.com',
      displayName: '编',
      role: 'editor',
    });
    const b = new Browser(app).useSession((await createSession(d, clock, admin.id, 't')).token);
    const page = await b.get('/studio/dictionary');
    expect(page.statusCode).toBe(200);
    // bad words get field errors, nothing is written
    for (const bad of ['字', '有 空格', 'x'.repeat(21), '<script>']) {
      const res = await b.post('/studio/dictionary', { word: bad });
      expect(res.statusCode).toBe(422);
      expect(errorsOn(res.body).word).toBeTruthy();
    }
    const added = await b.post('/studio/dictionary', { word: '深度求索' });
    expect(added.statusCode).toBe(303);
    expect((await b.get(String(added.headers.location))).body).toContain('已加入“深度求索”');

    // editors may not
    const e = new Browser(app).useSession((await createSession(d, clock, editor.id, 't')).token);
    expect((await e.get('/studio/dictionary')).statusCode).toBe(403);

    await syncDictionary(d, segmenter);
    expect(queryTokens('深度求索')).toContain('深度求索');
    await indexAll(d, segmenter); // every document was queued again
    const [doc] = rowsOf<{ words: string[] }>(
      await d.execute(
        sql`SELECT tsvector_to_array(document) AS words FROM byline.search_documents WHERE article_id = ${story.id}`,
      ),
    );
    expect(doc?.words).toContain('深度求索');
    expect((await searchArticleIds(d, segmenter, '深度求索')).hits.map((h) => h.id)).toEqual([
      story.id,
    ]);
    const [audit] = rowsOf<{ n: number }>(
      await d.execute(
        sql`SELECT count(*)::int AS n FROM byline.audit_log WHERE action = 'dictionary.add' AND subject_id = '深度求索'`,
      ),
    );
    expect(audit?.n).toBe(1);

    expect((await b.post('/studio/dictionary/delete', { word: '深度求索' })).statusCode).toBe(303);
    await syncDictionary(d, segmenter);
    expect(queryTokens('深度求索')).not.toContain('深度求索');
    await app.close();
  });
});
