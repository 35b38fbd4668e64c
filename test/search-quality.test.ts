/**
 * Measured search quality on the CC BY-SA corpus (issue 6): known-item search
 * by title (top 3), by 3 distinctive body words (top 10), and the same
 * queries in Traditional Chinese. Prints the figures, not only pass/fail.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/cli/seed.js';
import { rowsOf } from '../src/db/client.js';
import { indexAll, searchArticleIds } from '../src/search/index.js';
import { toTraditional } from '../src/text/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { testClock, testSegmenter } from './factories.js';

/** Articles sampled (deterministically, by md5 of the id). */
const SAMPLE = 300;
const TITLE_TOP3_MIN = 0.95;
const BODY_TOP10_MIN = 0.8;

describe('search quality on the corpus', () => {
  let database: TestDatabase;
  let sample: { id: string; title: string; body: string }[];
  const df = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedDemo(database.db, { clock: testClock() });
    await indexAll(database.db, testSegmenter);
    const all = rowsOf<{ id: string; title: string; body: string }>(
      await database.db.execute(
        sql`SELECT id, title, body_source AS body FROM byline.articles ORDER BY md5(id)`,
      ),
    );
    for (const a of all)
      for (const t of new Set(testSegmenter.queryTokens(a.body))) df.set(t, (df.get(t) ?? 0) + 1);
    sample = all.slice(0, SAMPLE);
  }, 300_000);
  afterAll(async () => database?.close());

  /** The 3 rarest words of the body that are at least 2 characters and appear in 2–20 articles. */
  const distinctive = (body: string) =>
    [...new Set(testSegmenter.queryTokens(body))]
      .filter((t) => Array.from(t).length >= 2 && (df.get(t) ?? 0) >= 2 && (df.get(t) ?? 0) <= 20)
      .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, 3);

  it('finds articles by title (top 3) and by distinctive body words (top 10), in both scripts', async () => {
    const rate = async (query: (a: { title: string; body: string }) => string, k: number) => {
      let hit = 0;
      for (const a of sample) {
        const ids = (await searchArticleIds(database.db, testSegmenter, query(a))).hits
          .slice(0, k)
          .map((h) => h.id);
        if (ids.includes(a.id)) hit++;
      }
      return hit / sample.length;
    };
    const title = await rate((a) => a.title, 3);
    const titleHant = await rate((a) => toTraditional(a.title), 3);
    const body = await rate((a) => distinctive(a.body).join(' '), 10);
    const bodyHant = await rate((a) => toTraditional(distinctive(a.body).join(' ')), 10);
    console.log(
      `[search quality, ${SAMPLE} articles] title→top3 ${(title * 100).toFixed(1)}% (Traditional ${(titleHant * 100).toFixed(1)}%), ` +
        `3 body words→top10 ${(body * 100).toFixed(1)}% (Traditional ${(bodyHant * 100).toFixed(1)}%)`,
    );
    expect(title).toBeGreaterThanOrEqual(TITLE_TOP3_MIN);
    expect(titleHant).toBeGreaterThanOrEqual(TITLE_TOP3_MIN);
    expect(body).toBeGreaterThanOrEqual(BODY_TOP10_MIN);
    expect(bodyHant).toBeGreaterThanOrEqual(BODY_TOP10_MIN);
    expect(Math.abs(title - titleHant)).toBeLessThanOrEqual(0.02);
  }, 300_000);
});
