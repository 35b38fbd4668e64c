import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator, testClock, testSegmenter } from '../../test/factories.js';
import { findArticle, removeArticle, saveArticle } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { indexAll } from '../search/index.js';
import { buildServer } from '../server.js';
import { fixedClock } from '../shared/clock.js';
import { toTraditional } from '../text/index.js';
import { computeAllRelated, listRelatedArticles, listStoredRelated } from './index.js';

const CHIPS = [
  [
    '英伟达发布新一代人工智能芯片',
    '英伟达今天发布新一代人工智能芯片，显卡算力大幅提升，数据中心客户踊跃采购。',
  ],
  [
    '台积电为英伟达代工芯片',
    '台积电先进制程产能紧张，英伟达人工智能芯片订单排到明年，数据中心需求旺盛。',
  ],
  [
    '数据中心掀起芯片采购潮',
    '云计算厂商扩建数据中心，人工智能芯片与显卡采购量创新高，英伟达受益。',
  ],
];
const FOOTBALL = [
  ['国足世预赛主场告捷', '国足在世预赛主场以二比零取胜，前锋梅开二度，球迷欢呼。'],
  ['中超联赛第二十轮综述', '中超联赛第二十轮，多支球队主场取胜，前锋进球数领跑射手榜。'],
  ['足球青训的新探索', '各地足球青训营扩招，球队教练重视前锋与门将的培养，球迷期待未来。'],
];

/** Term counts equal what PostgreSQL itself counts over the index. */
async function expectExactTermCounts(db: Queryable) {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM (
        SELECT word AS term, ndoc AS documents FROM ts_stat('SELECT document FROM byline.search_documents')
        EXCEPT SELECT term, documents FROM byline.term_frequencies WHERE documents > 0
      ) diff`),
  );
  expect(row?.n).toBe(0);
}

describeEachEngine('related articles', ({ db }) => {
  it('recommends by content, never itself, an unpublished article or a copy; term counts stay exact', async () => {
    const d = db().db;
    const author = await makeCreator(d);
    const other = await makeCreator(d);
    const make = (pair: string[], i: number, channelSlug: string) =>
      makeArticle(d, {
        authorId: i % 2 ? author.id : other.id,
        title: pair[0]!,
        body: pair[1]!,
        channelSlug,
      });
    const chips = await Promise.all(CHIPS.map((p, i) => make(p, i, 'tech')));
    const football = await Promise.all(FOOTBALL.map((p, i) => make(p, i, 'sports')));
    // A Traditional-script copy of the first chip story, by someone else.
    const copy = await makeArticle(d, {
      authorId: other.id,
      title: toTraditional('英伟达芯片新闻转载'),
      body: toTraditional(CHIPS[0]![1]!),
      channelSlug: 'tech',
    });
    await indexAll(d, testSegmenter);
    await computeAllRelated(d);
    await expectExactTermCounts(d);

    const stored = (await listStoredRelated(d, chips[0]!.id)).map((a) => a.id);
    expect(stored.slice(0, 2).sort()).toEqual([chips[1]!.id, chips[2]!.id].sort());
    expect(stored).not.toContain(chips[0]!.id);
    expect(stored).not.toContain(copy.id);
    for (const f of football) expect(stored.indexOf(f.id)).toBeLessThan(0);
    const sports = (await listStoredRelated(d, football[0]!.id)).map((a) => a.id);
    expect(sports.slice(0, 2).sort()).toEqual([football[1]!.id, football[2]!.id].sort());

    // With 7 articles on the site the block is full (filled from the channel, then the site).
    const filled = await listRelatedArticles(d, (await findArticle(d, chips[0]!.id))!);
    expect(filled).toHaveLength(6);
    expect(filled.map((a) => a.id)).not.toContain(chips[0]!.id);

    // Unpublished: gone from serving at once, and from the stored lists after the next pass.
    await removeArticle(d, testClock(), chips[1]!.id);
    expect((await listStoredRelated(d, chips[0]!.id)).map((a) => a.id)).not.toContain(chips[1]!.id);
    // An edit moves an article to another topic; its lists and counts follow.
    await saveArticle(
      d,
      fixedClock('2026-11-02T08:00:00Z'),
      { userId: author.userId },
      chips[2]!.id,
      {
        title: '足球前锋的芯片护腿板',
        channel: 'tech',
        bodyMarkdown: '球队前锋试用新护腿板，球迷关注中超联赛与国足世预赛。',
      },
    );
    await indexAll(d, testSegmenter);
    await computeAllRelated(d);
    await expectExactTermCounts(d);
    const [row] = rowsOf<{ n: number }>(
      await d.execute(
        sql`SELECT count(*)::int AS n FROM byline.related_articles WHERE related_id = ${chips[1]!.id}`,
      ),
    );
    expect(row?.n).toBe(0);
    const moved = (await listStoredRelated(d, chips[2]!.id)).map((a) => a.id);
    expect(football.map((f) => f.id)).toContain(moved[0]);
  });

  it('serves GET /api/v1/articles/{id}/related with validation', async () => {
    const database = db();
    const author = await makeCreator(database.db);
    const ids = [];
    for (const [title, body] of [...CHIPS, ...FOOTBALL])
      ids.push((await makeArticle(database.db, { authorId: author.id, title, body })).id);
    await indexAll(database.db, testSegmenter);
    await computeAllRelated(database.db);
    const app = await buildServer({ database, clock: testClock() });
    const res = await app.inject({ url: `/api/v1/articles/${ids[0]}/related?limit=3` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; url: string }[];
    expect(items).toHaveLength(3);
    expect(
      items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual([ids[1], ids[2]].sort());
    expect(
      (await app.inject({ url: `/api/v1/articles/${ids[0]}/related` })).json().items,
    ).toHaveLength(5);
    expect(
      (await app.inject({ url: `/api/v1/articles/${ids[0]}/related?limit=99` })).json().error.code,
    ).toBe('VALIDATION_FAILED');
    expect((await app.inject({ url: `/api/v1/articles/${ids[0]}/related?x=1` })).statusCode).toBe(
      422,
    );
    expect((await app.inject({ url: '/api/v1/articles/nope/related' })).statusCode).toBe(404);
    await app.close();
  });
});
