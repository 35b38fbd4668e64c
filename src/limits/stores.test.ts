import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { DbRateStore, pruneRateLimits, RedisRateStore } from './index.js';
import type { RateStore } from '../shared/rate-limit.js';

const RULE = { limit: 5, windowMs: 15 * 60_000 };

/** Two stores stand for two instances: they must share one count. */
async function sharedCounts(a: RateStore, b: RateStore, key: string) {
  const decisions = [];
  for (let i = 0; i < 8; i++) decisions.push(await (i % 2 ? b : a).hit(key, RULE));
  return decisions.map((d) => d.allowed);
}

describeEachEngine('rate limits in the database', ({ db }) => {
  it('counts across instances and restarts, refuses over the limit, resets, expires and prunes', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const clock = () => now;
    const a = new DbRateStore(db().db, clock);
    const b = new DbRateStore(db().db, clock);
    expect(await sharedCounts(a, b, 'signin:account:x')).toEqual([
      ...Array(5).fill(true),
      ...Array(3).fill(false),
    ]);
    // A "restart" is a new store on the same database: the count stays.
    const refused = await new DbRateStore(db().db, clock).hit('signin:account:x', RULE);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterS).toBe(15 * 60);
    await b.reset('signin:account:x');
    expect((await a.hit('signin:account:x', RULE)).allowed).toBe(true);
    now += RULE.windowMs + 1;
    expect(await pruneRateLimits(db().db, new Date(now))).toBe(1);
    expect((await a.hit('signin:account:x', RULE)).allowed).toBe(true);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl && process.env.CI === 'true') throw new Error('CI=true but Redis is not reachable');
if (!redisUrl) console.warn('[byline] Redis rate-limit test skipped: TEST_REDIS_URL is not set');
it.skipIf(!redisUrl)('rate limits in Redis count across instances, refuse and reset', async () => {
  const [a, b] = await Promise.all([
    RedisRateStore.connect(redisUrl!),
    RedisRateStore.connect(redisUrl!),
  ]);
  try {
    const key = `test:${Date.now()}:${Math.random()}`;
    expect(await sharedCounts(a, b, key)).toEqual([
      ...Array(5).fill(true),
      ...Array(3).fill(false),
    ]);
    const refused = await a.hit(key, RULE);
    expect(refused.retryAfterS).toBeGreaterThan(14 * 60);
    await b.reset(key);
    expect((await a.hit(key, RULE)).allowed).toBe(true);
    await a.reset(key);
  } finally {
    await a.close();
    await b.close();
  }
});
