import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle } from '../../test/factories.js';
import { rowsOf } from '../db/client.js';
import { fixedClock } from '../shared/clock.js';
import { networkPrefix, PREFIX_DAILY_CAP, ViewBuffer } from './views.js';

const UA = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36';
const view = (over: Partial<Parameters<ViewBuffer['record']>[0]> = {}) => ({
  articleId: 'a1',
  visitorKey: 'v1',
  ip: '203.0.113.7',
  userAgent: UA,
  purpose: undefined,
  isAuthor: false,
  ...over,
});

describe('ViewBuffer.record', () => {
  it('counts a visitor once per 30 minutes and ignores bots, prefetch and the author', () => {
    const clock = fixedClock('2026-11-01T00:00:00Z');
    const buffer = new ViewBuffer(clock);
    expect(buffer.record(view())).toBe('counted');
    expect(buffer.record(view())).toBe('duplicate');
    clock.advance(29 * 60_000);
    expect(buffer.record(view())).toBe('duplicate');
    clock.advance(2 * 60_000);
    expect(buffer.record(view())).toBe('counted');
    expect(buffer.record(view({ userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' }))).toBe(
      'bot',
    );
    expect(buffer.record(view({ userAgent: 'Baiduspider' }))).toBe('bot');
    expect(buffer.record(view({ userAgent: undefined }))).toBe('bot');
    expect(buffer.record(view({ visitorKey: 'v2', purpose: 'prefetch' }))).toBe('prefetch');
    expect(buffer.record(view({ visitorKey: 'v3', isAuthor: true }))).toBe('own');
    expect(buffer.pendingViews()).toBe(2);
  });

  it("remembers a signed-in reader's readings (one per article, even a reload), never a bot's", () => {
    const buffer = new ViewBuffer(fixedClock('2026-11-01T00:00:00Z'));
    buffer.record(view({ readerId: 'u1' }));
    expect(buffer.record(view({ readerId: 'u1' }))).toBe('duplicate');
    buffer.record(view({ articleId: 'a2', readerId: 'u1', isAuthor: true }));
    buffer.record(view({ articleId: 'a3', readerId: 'u1', userAgent: 'Googlebot' }));
    buffer.record(view({ articleId: 'a4' }));
    expect(buffer.pendingReads()).toBe(2);
  });

  it('maps addresses to their /24 or /48 network', () => {
    expect(networkPrefix('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkPrefix('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
  });
});

describeEachEngine('view counting', ({ db }) => {
  it('writes buffered views to the counters and daily rows, capping one network toward the hot list', async () => {
    const d = db().db;
    const clock = fixedClock('2026-11-01T08:00:00Z');
    const { id } = await makeArticle(d);
    const buffer = new ViewBuffer(clock);
    // 1,000 reloads by one visitor: one view
    for (let i = 0; i < 1000; i++) buffer.record(view({ articleId: id }));
    // 50 visitors from one /24: 50 views, but only PREFIX_DAILY_CAP count toward ranking
    for (let i = 0; i < 50; i++)
      buffer.record(view({ articleId: id, visitorKey: `office-${i}`, ip: `198.51.100.${i}` }));
    // 30 visitors from 30 networks
    for (let i = 0; i < 30; i++)
      buffer.record(view({ articleId: id, visitorKey: `home-${i}`, ip: `192.0.${i}.9` }));
    buffer.record(view({ articleId: 'zzzzzzzzzzzz', visitorKey: 'ghost' })); // a deleted article is skipped
    expect(await buffer.flush(d)).toBe(82);
    expect(buffer.pendingViews()).toBe(0);
    const [stats] = rowsOf<{ views: number }>(
      await d.execute(sql`SELECT views::int FROM byline.article_stats WHERE article_id = ${id}`),
    );
    expect(stats!.views).toBe(81);
    const [daily] = rowsOf<{ views: number; visitors: number; day: string }>(
      await d.execute(
        sql`SELECT day, views, visitors FROM byline.article_daily WHERE article_id = ${id}`,
      ),
    );
    expect(daily).toEqual({ day: '2026-11-01', views: 81, visitors: 1 + PREFIX_DAILY_CAP + 30 });
    // a second flush adds to the same rows
    buffer.record(view({ articleId: id, visitorKey: 'late' }));
    await buffer.flush(d);
    const [again] = rowsOf<{ views: number }>(
      await d.execute(sql`SELECT views::int FROM byline.article_stats WHERE article_id = ${id}`),
    );
    expect(again!.views).toBe(82);
  });
});

describeEachEngine('view counting across instances', ({ db }) => {
  it('counts a reader once whichever instance served them, and one network to its cap in total', async () => {
    const d = db().db;
    const clock = fixedClock('2026-11-01T08:00:00Z');
    const { id } = await makeArticle(d);
    const [a, b] = [new ViewBuffer(clock), new ViewBuffer(clock)];
    // The same reader on instance A, then on instance B a minute later: one view.
    a.record(view({ articleId: id, visitorKey: 'reader' }));
    await a.flush(d);
    clock.advance(60_000);
    b.record(view({ articleId: id, visitorKey: 'reader' }));
    // One office network split across both instances: the cap holds in total.
    for (let i = 0; i < 30; i++)
      (i % 2 ? a : b).record(
        view({ articleId: id, visitorKey: `office-${i}`, ip: `198.51.100.${i}` }),
      );
    await a.flush(d);
    await b.flush(d);
    const [daily] = rowsOf<{ views: number; visitors: number }>(
      await d.execute(
        sql`SELECT views, visitors FROM byline.article_daily WHERE article_id = ${id}`,
      ),
    );
    expect(daily).toEqual({ views: 31, visitors: 1 + PREFIX_DAILY_CAP });
  });
});
