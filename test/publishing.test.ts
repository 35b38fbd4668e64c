/**
 * Publishing as one command: two job runners at once publish every due
 * article exactly once, and a publish whose last step fails leaves no trace
 * — no status change, no desk item, no fingerprint, no notice, no event.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createDraft, findArticle, scheduleArticle } from '../src/articles/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import { openPostgres, rowsOf, type Queryable } from '../src/db/client.js';
import { publishChecked, publishDueArticles } from '../src/moderation/index.js';
import { fingerprintAll } from '../src/originality/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { holdCopies, makeArticle, makeCreator, testClock, testLexicon } from './factories.js';

const DUE = 20;

async function count(db: Queryable, query: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: string | number }>(await db.execute(query))[0]!.n);
}

describeEachEngine('publishing', ({ engine, db }) => {
  it('publishes each due scheduled article exactly once with two runners at once', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    const creator = await makeCreator(d.db);
    const clock = testClock();
    const ids: string[] = [];
    for (let i = 0; i < DUE; i++) {
      const { id } = await createDraft(
        d.db,
        clock,
        { userId: creator.userId, authorId: creator.id },
        {
          title: `定时文章 ${i}`,
          channel: 'tech',
          bodyMarkdown: `第 ${i} 篇定时发布的文章，内容各不相同：${'甲乙丙丁戊己庚辛'.repeat(i + 2)}。`,
        },
      );
      await scheduleArticle(d.db, clock, id, new Date(clock.now().getTime() + 60_000));
      ids.push(id);
    }
    const later = fixedClock(new Date(clock.now().getTime() + 120_000).toISOString());
    // Two runners as two instances would be: on PostgreSQL, two connection pools.
    const second = engine === 'postgres' ? await openPostgres(d.url!) : undefined;
    const before = await count(d.db, sql`SELECT max(id) AS n FROM byline.events`);
    try {
      const [a, b] = await Promise.all([
        publishDueArticles(d.db, later, testLexicon),
        publishDueArticles(second?.db ?? d.db, later, testLexicon),
      ]);
      console.log(`[publishing ${engine}] two runners published ${a} + ${b} of ${DUE}`);
      expect(a + b).toBe(DUE);
    } finally {
      await second?.close();
    }
    for (const id of ids) expect((await findArticle(d.db, id))!.status).toBe('published');
    const published = await count(
      d.db,
      sql`SELECT count(*) AS n FROM byline.events WHERE type = 'article.published' AND id > ${before}`,
    );
    expect(published).toBe(DUE);
    expect(
      await count(d.db, sql`SELECT count(*) AS n FROM byline.article_fingerprints`),
    ).toBeGreaterThanOrEqual(DUE);
    // A third run finds nothing due.
    expect(await publishDueArticles(d.db, later, testLexicon)).toBe(0);
  });

  it('leaves no trace when the last step of a publish fails', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    // A real article from the demo corpus, and a copy of it by another creator.
    const source = JSON.parse(readFileSync(DEMO_CORPUS_URL, 'utf8').split('\n')[0]!) as {
      title: string;
      body: string;
    };
    await makeArticle(d.db, { title: source.title, body: source.body });
    const copier = await makeCreator(d.db);
    const clock = testClock();
    const copy = await createDraft(
      d.db,
      clock,
      { userId: copier.userId, authorId: copier.id },
      { title: source.title, channel: 'tech', bodyMarkdown: source.body, claimOriginal: true },
    );
    // The original is on the site, fingerprinted (as the job or start-up leaves it).
    await fingerprintAll(d.db);
    // The original's author is told last: make that step fail.
    await d.db.execute(sql`
      CREATE FUNCTION byline.test_fail() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await d.db.execute(sql`
      CREATE TRIGGER test_fail BEFORE INSERT ON byline.creator_notices
      FOR EACH ROW EXECUTE FUNCTION byline.test_fail()`);
    const events = await count(d.db, sql`SELECT count(*) AS n FROM byline.events`);
    await expect(publishChecked(d.db, clock, copy.id, holdCopies)).rejects.toThrow();
    const after = (await findArticle(d.db, copy.id))!;
    expect(after.status).toBe('draft');
    expect(after.originalityClaim).toBe(true);
    expect(
      await count(
        d.db,
        sql`SELECT count(*) AS n FROM byline.moderation_items WHERE article_id = ${copy.id}`,
      ),
    ).toBe(0);
    expect(
      await count(
        d.db,
        sql`SELECT count(*) AS n FROM byline.originality_matches WHERE article_id = ${copy.id}`,
      ),
    ).toBe(0);
    expect(
      await count(
        d.db,
        sql`SELECT count(*) AS n FROM byline.article_fingerprints WHERE article_id = ${copy.id}`,
      ),
    ).toBe(0);
    expect(await count(d.db, sql`SELECT count(*) AS n FROM byline.events`)).toBe(events);
    // Without the failure the same publish holds the copy with its desk item and tells the original's author.
    await d.db.execute(sql`DROP TRIGGER test_fail ON byline.creator_notices`);
    const outcome = await publishChecked(d.db, clock, copy.id, holdCopies);
    expect(outcome.status).toBe('held');
    expect(
      await count(
        d.db,
        sql`SELECT count(*) AS n FROM byline.moderation_items WHERE article_id = ${copy.id}`,
      ),
    ).toBe(1);
    expect(
      await count(
        d.db,
        sql`SELECT count(*) AS n FROM byline.creator_notices WHERE other_article_id = ${copy.id}`,
      ),
    ).toBe(1);
  });
});
