/**
 * Where rate counters live when several instances serve one site: in the
 * database (every instance, every restart sees the same counts), or in Redis
 * when `REDIS_URL` is set (measured in `npm run bench`). Both are fixed
 * windows, like the in-memory limiter of shared/rate-limit.ts.
 */
import { lt, sql } from 'drizzle-orm';
import { createClient } from 'redis';
import { rowsOf, type Queryable } from '../db/client.js';
import type { RateDecision, RateRule, RateStore } from '../shared/rate-limit.js';
import { rateLimits } from './schema.js';

/** Seconds until a window ends, never 0 (Retry-After). */
const retryAfter = (endMs: number, nowMs: number) => Math.max(1, Math.ceil((endMs - nowMs) / 1000));

/** Counters in the `rate_limits` table: one upsert per hit. */
export class DbRateStore implements RateStore {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number,
  ) {}

  async hit(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.now();
    const at = new Date(now).toISOString();
    const expired = new Date(now - rule.windowMs).toISOString();
    const [row] = rowsOf<{ start: number; hits: number }>(
      await this.db.execute(sql`
        INSERT INTO byline.rate_limits AS r (key, window_start, hits, expires_at)
        VALUES (${key}, ${at}::timestamptz, 1, ${at}::timestamptz + ${rule.windowMs} * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          window_start = CASE WHEN r.window_start <= ${expired}::timestamptz THEN excluded.window_start ELSE r.window_start END,
          hits = CASE WHEN r.window_start <= ${expired}::timestamptz THEN 1 ELSE r.hits + 1 END,
          expires_at = CASE WHEN r.window_start <= ${expired}::timestamptz THEN excluded.expires_at ELSE r.expires_at END
        RETURNING (extract(epoch FROM r.window_start) * 1000)::float8 AS start, r.hits AS hits`),
    );
    const start = Number(row!.start);
    return {
      allowed: row!.hits <= rule.limit,
      retryAfterS: retryAfter(start + rule.windowMs, now),
    };
  }

  async reset(key: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM byline.rate_limits WHERE key = ${key}`);
  }
}

/** Drops windows that have ended (an hourly job keeps the table small). */
export async function pruneRateLimits(db: Queryable, now: Date): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.expiresAt, now))
    .returning({ key: rateLimits.key });
  return gone.length;
}

/** Redis keys get this prefix, so Byline shares a Redis with others safely. */
const REDIS_PREFIX = 'byline:rate:';

/** Counters in Redis: INCR, the window's expiry set on its first hit (PEXPIRE NX), one round trip. */
export class RedisRateStore implements RateStore {
  readonly #client;

  private constructor(url: string) {
    this.#client = createClient({ url });
    // Errors surface on the commands that fail; the client reconnects by itself.
    this.#client.on('error', () => {});
  }

  static async connect(url: string): Promise<RedisRateStore> {
    const store = new RedisRateStore(url);
    await store.#client.connect();
    return store;
  }

  async hit(key: string, rule: RateRule): Promise<RateDecision> {
    const k = REDIS_PREFIX + key;
    const [hits, , ttl] = (await this.#client
      .multi()
      .incr(k)
      .pExpire(k, rule.windowMs, 'NX')
      .pTTL(k)
      .exec()) as unknown as [number, number, number];
    const left = ttl > 0 ? ttl : rule.windowMs;
    return { allowed: hits <= rule.limit, retryAfterS: Math.max(1, Math.ceil(left / 1000)) };
  }

  async reset(key: string): Promise<void> {
    await this.#client.del(REDIS_PREFIX + key);
  }

  async close(): Promise<void> {
    await this.#client.quit().catch(() => {});
  }
}

/**
 * Account deletion: counters whose key names the account (its e-mail, its
 * id) go now rather than when their window ends. (Redis keys expire with
 * their window, an hour at most.)
 */
export async function forgetRateLimitsOf(tx: Queryable, needles: readonly string[]): Promise<void> {
  for (const needle of needles.filter((n) => n.length >= 3))
    await tx.delete(rateLimits).where(sql`strpos(${rateLimits.key}, ${needle}) > 0`);
}
