/**
 * Measured search quality on the CC BY-SA corpus (issue 6): known-item search
 * by title (top 3), by 3 distinctive body words (top 10), and the same
 * queries in Traditional Chinese, and by fragments: 4 characters cut from inside
 * a body run off jieba's word boundaries, alone and two at a time. Prints the figures, not only pass/fail.
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
const FRAGMENT_TOP10_MIN = 0.9;
/** Han runs at least this long are cut for fragments (a fragment sits well inside one). */
const FRAGMENT_RUN_MIN = 8;

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

  /**
   * A 4-character piece of the body cut where jieba does not cut (neither end on a word
   * boundary): the `nth` such piece, counted from a point chosen by the article's id.
   */
  const fragment = (a: { id: string; body: string }, nth: number): string | undefined => {
    const cuts: string[] = [];
    for (const m of a.body.matchAll(new RegExp(`\\p{Script=Han}{${FRAGMENT_RUN_MIN},}`, 'gu'))) {
      const run = Array.from(m[0]);
      const boundaries = new Set([0]);
      let at = 0;
      for (const t of testSegmenter.queryTokens(m[0])) boundaries.add((at += Array.from(t).length));
      for (let i = 1; i + 4 < run.length; i++)
        if (!boundaries.has(i) && !boundaries.has(i + 4)) cuts.push(run.slice(i, i + 4).join(''));
    }
    if (cuts.length === 0) return undefined;
    let seed = 0;
    for (const c of a.id) seed = (seed * 31 + c.charCodeAt(0)) % 1_000_003;
    return cuts[(seed + nth * 7919) % cuts.length];
  };

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

  it('finds articles by fragments cut anywhere (top 10), one piece and two', async () => {
    const rate = async (query: (a: { id: string; body: string }) => string | undefined) => {
      let hit = 0;
      let asked = 0;
      for (const a of sample) {
        const q = query(a);
        if (!q) continue;
        asked++;
        const ids = (await searchArticleIds(database.db, testSegmenter, q)).hits
          .slice(0, 10)
          .map((h) => h.id);
        if (ids.includes(a.id)) hit++;
      }
      return { rate: hit / asked, asked };
    };
    const one = await rate((a) => fragment(a, 0));
    const two = await rate((a) => {
      const [x, y] = [fragment(a, 0), fragment(a, 1)];
      return x && y ? `${x} ${y}` : undefined;
    });
    const oneHant = await rate((a) => {
      const x = fragment(a, 0);
      return x && toTraditional(x);
    });
    console.log(
      `[search quality, ${one.asked} articles] 4-character fragment→top10 ${(one.rate * 100).toFixed(1)}% ` +
        `(Traditional ${(oneHant.rate * 100).toFixed(1)}%), two fragments→top10 ${(two.rate * 100).toFixed(1)}%`,
    );
    expect(one.asked).toBeGreaterThanOrEqual(SAMPLE * 0.9);
    expect(one.rate).toBeGreaterThanOrEqual(FRAGMENT_TOP10_MIN);
    expect(two.rate).toBeGreaterThanOrEqual(FRAGMENT_TOP10_MIN);
  }, 300_000);
});
