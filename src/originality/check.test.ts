import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator } from '../../test/factories.js';
import { rowsOf } from '../db/client.js';
import { toTraditional } from '../text/index.js';
import { findCopies, findReceipt, fingerprintAll } from './index.js';

const BODY = [
  '长江是亚洲第一长河，全长约六千三百公里，发源于青藏高原的唐古拉山脉各拉丹冬峰西南侧。',
  '干流流经青海、西藏、四川、云南、重庆、湖北、湖南、江西、安徽、江苏、上海十一个省级行政区。',
  '长江流域面积约一百八十万平方公里，约占中国陆地总面积的五分之一，养育了数亿人口。',
  '三峡工程是世界上规模最大的水电站，位于湖北省宜昌市境内的长江西陵峡段。',
].join('\n\n');

describeEachEngine('fingerprints', ({ db }) => {
  it('matches a copy imported with its original, by publishing order, through indexed keys only', async () => {
    const d = db().db;
    const alice = await makeCreator(d);
    const bob = await makeCreator(d);
    const at = (m: number) => new Date(Date.UTC(2026, 9, 1, 0, m));
    const original = await makeArticle(d, {
      authorId: alice.id,
      title: '长江',
      body: BODY,
      publishedAt: at(0),
    });
    const copy = await makeArticle(d, {
      authorId: bob.id,
      title: '長江概覽',
      body: toTraditional(BODY).replace(/長江/g, '長(cháng)江'),
      publishedAt: at(5),
    });
    const other = await makeArticle(d, {
      authorId: bob.id,
      title: '黄河',
      body: '黄河是中国第二长河，发源于青海省巴颜喀拉山脉，注入渤海，全长约五千四百六十四公里。',
      publishedAt: at(10),
    });
    expect(await fingerprintAll(d)).toBe(3);
    const matches = rowsOf<{ article_id: string; original_id: string; kind: string }>(
      await d.execute(sql`SELECT article_id, original_id, kind FROM byline.originality_matches`),
    );
    expect(matches).toEqual([{ article_id: copy.id, original_id: original.id, kind: 'whole' }]);
    const receipt = await findReceipt(d, original.id);
    expect(receipt?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt?.firstPublishedAt.toISOString()).toBe(at(0).toISOString());
    expect((await findReceipt(d, copy.id))?.earlierMatches.map((m) => m.id)).toEqual([original.id]);
    // A new text: the first third, with punctuation switched to half width.
    const third = BODY.split('\n\n')
      .slice(0, 2)
      .join('\n\n')
      .replace(/，/g, ',')
      .replace(/。/g, '.');
    const found = await findCopies(d, { title: '', body: third, authorId: bob.id });
    expect(found.matches.map((m) => m.originalId)).toContain(original.id);
    expect(found.matches.find((m) => m.originalId === original.id)?.kind).toBe('partial');
    expect(found.matches.map((m) => m.originalId)).not.toContain(other.id);
  });
});
