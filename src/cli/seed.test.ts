import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { testClock } from '../../test/factories.js';
import { listCreators } from '../creators/index.js';
import { rowsOf } from '../db/client.js';
import { DEMO_CREATORS } from './demo-creators.js';
import { seedDemo } from './seed.js';

describeEachEngine('demo seed', ({ db }) => {
  it('imports the corpus over 20 creators, 8+ channels and the last 30 days, once', async () => {
    const d = db().db;
    const clock = testClock();
    let total = 0;
    let last = 0;
    const report = await seedDemo(d, {
      clock,
      onStart: (n) => (total = n),
      onProgress: (n) => (last = n),
    });
    expect(total).toBe(1608);
    expect(last).toBe(1608);
    expect(report).toEqual({ imported: 1608, skipped: 0, failed: [] });

    const creators = await listCreators(d);
    expect(creators).toHaveLength(DEMO_CREATORS.length);
    expect(creators.length).toBeGreaterThanOrEqual(20);
    expect(creators.reduce((n, c) => n + c.articleCount, 0)).toBe(1608);
    expect(creators.every((c) => c.articleCount > 0)).toBe(true);

    const channels = rowsOf<{ slug: string; n: number }>(
      await d.execute(sql`SELECT c.slug, count(*)::int AS n FROM byline.articles a
        JOIN byline.channels c ON c.id = a.channel_id GROUP BY c.slug`),
    );
    expect(channels.length).toBeGreaterThanOrEqual(8);
    expect(channels.find((c) => c.slug === 'news')?.n).toBe(1109);

    const range = rowsOf<{ min: string; max: string }>(
      await d.execute(
        sql`SELECT min(published_at)::text AS min, max(published_at)::text AS max FROM byline.articles`,
      ),
    )[0]!;
    const now = clock.now().getTime();
    expect(new Date(range.max).getTime()).toBeLessThanOrEqual(now);
    expect(new Date(range.min).getTime()).toBeGreaterThan(now - 30 * 86_400_000);

    // Deterministic: the same corpus line always lands with the same author and time.
    const sample = rowsOf<{ external_id: string; handle: string; published_at: string }>(
      await d.execute(sql`SELECT a.external_id, p.handle, a.published_at::text FROM byline.articles a
        JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.external_id IN ('drcd-1147', 'cmrc2018-DEV_0')
        ORDER BY 1`),
    );
    expect(sample).toEqual([
      {
        external_id: 'cmrc2018-DEV_0',
        // 战国无双3, a video game: the entertainment studio's beat.
        handle: 'wenyu-studio',
        published_at: '2026-10-24 13:19:06.388+00',
      },
      {
        external_id: 'drcd-1147',
        // 梵文 (Sanskrit), a general article: the language-and-books writer.
        handle: 'fangweiming',
        published_at: '2026-10-13 10:31:16.692+00',
      },
    ]);

    // Creators write on their beat: 汽车智库 only about cars.
    const autoDesk = rowsOf<{ slug: string }>(
      await d.execute(sql`SELECT DISTINCT c.slug FROM byline.articles a
        JOIN byline.creator_profiles p ON p.id = a.author_id
        JOIN byline.channels c ON c.id = a.channel_id WHERE p.handle = 'qiche-zhiku'`),
    );
    expect(autoDesk).toEqual([{ slug: 'auto' }]);

    // An engagement history: the hot list is computed, with trends against yesterday's list.
    const hot = rowsOf<{ n: number; baseline: boolean }>(
      await d.execute(sql`SELECT count(*)::int AS n, bool_and(has_baseline) AS baseline
        FROM byline.hot_list WHERE scope = 'all'`),
    );
    expect(hot).toEqual([{ n: 50, baseline: true }]);

    // 话题: two thirds of the articles have topics their text is about; tag pages are not empty.
    const tags = rowsOf<{ tagged: number; top: string; n: number }>(
      await d.execute(sql`SELECT (SELECT count(DISTINCT article_id)::int FROM byline.article_tags) AS tagged,
        tag AS top, count(*)::int AS n FROM byline.article_tags GROUP BY tag ORDER BY n DESC, tag LIMIT 1`),
    );
    expect(tags).toEqual([{ tagged: 1090, top: '美国', n: 133 }]);
    const wuhan = rowsOf<{ tag: string }>(
      await d.execute(sql`SELECT t.tag FROM byline.article_tags t JOIN byline.articles a ON a.id = t.article_id
        WHERE a.title = '武汉大学' ORDER BY t.position`),
    );
    expect(wuhan[0]).toEqual({ tag: '大学' });

    // A second seed imports nothing new.
    const again = await seedDemo(d, { clock });
    expect(again).toEqual({ imported: 0, skipped: 1608, failed: [] });
  });
});
