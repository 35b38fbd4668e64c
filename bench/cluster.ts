/**
 * Several instances (issue 16): throughput of one instance against two behind
 * nginx on this machine (uncached renders, PostgreSQL on the same 2 cores),
 * how long a change on one instance takes to reach another's cached page,
 * and the rate-limit stores (memory, the database, Redis).
 */
import { createPgDatabase } from './fixtures.js';
import { articlePaths, fmt, load, startByline, type Report } from './pages.js';
import { openPostgres } from '../src/db/client.js';
import { DbRateStore, RedisRateStore } from '../src/limits/index.js';
import { RateLimiter, type RateStore } from '../src/shared/rate-limit.js';
import { startNginx } from '../test/nginx.js';

const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
/** Seconds of load per throughput run. */
const SECONDS = 10;
/** Invalidation samples. */
const SAMPLES = 40;
/** Hits per rate-store run, from this many concurrent callers. */
const RATE_HITS = 4_000;
const RATE_CONCURRENCY = 20;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A creator's token on the site (register, apply, approved by the admin). */
async function creatorToken(origin: string): Promise<string> {
  const post = (p: string, body: unknown, token?: string) =>
    json(`${origin}/api/v1${p}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  await post('/users', {
    email: 'w@bench.test',
    password: 'bench-writer-pw',
    display_name: '写手',
  });
  const token = (await post('/session', { email: 'w@bench.test', password: 'bench-writer-pw' }))
    .body.token as string;
  const app = await post(
    '/creator-applications',
    {
      display_name: '压测作者',
      handle: 'bench-writer',
      account_type: 'individual',
      tagline: '压测',
      contact: 'x',
    },
    token,
  );
  const admin = (await post('/session', ADMIN)).body.token as string;
  await post(
    `/creator-applications/${(app.body.application as { id: string }).id}/approve`,
    {},
    admin,
  );
  return token;
}

async function rateStore(name: string, store: RateStore, report: Report) {
  const rule = { limit: 1_000_000, windowMs: 60_000 };
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RATE_CONCURRENCY }, async () => {
      while (next < RATE_HITS) {
        const i = next++;
        const t = performance.now();
        await store.hit(`bench:${i % 200}`, rule);
        times.push(performance.now() - t);
      }
    }),
  );
  const perSecond = RATE_HITS / ((performance.now() - started) / 1000);
  report(
    `rate-limit store, ${name}: hits/s, p50 / p99 ms`,
    `${Math.round(perSecond).toLocaleString('en')}, ${pct(times, 50).toFixed(2)} / ${pct(times, 99).toFixed(2)}`,
    { perSecond, p50: pct(times, 50), p99: pct(times, 99) },
  );
}

export async function clusterBench(report: Report): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!pgUrl) return;
  const { url, drop } = await createPgDatabase(pgUrl, `byline_bench_cluster_${process.pid}`);
  const env = {
    DATABASE_URL: url,
    BYLINE_ADMIN_EMAIL: ADMIN.email,
    BYLINE_ADMIN_PASSWORD: ADMIN.password,
  };
  const a = await startByline({ ...env, BYLINE_DATA_DIR: `/tmp/byline-bench-a-${process.pid}` });
  const b = await startByline({ ...env, BYLINE_DATA_DIR: `/tmp/byline-bench-b-${process.pid}` });
  const lb = await startNginx([new URL(a.origin).port, new URL(b.origin).port].map(Number));
  try {
    // Renders, not the page cache: a query parameter the cache does not keep.
    const paths = (await articlePaths(a.origin)).slice(0, 40).map((p) => `${p}?bench=1`);
    if (paths.length === 0) throw new Error('no article links on the demo site');
    const one = await load(a.origin, paths, 20, SECONDS);
    const two = await load(lb.url, paths, 20, SECONDS);
    report('uncached article pages, 1 instance (PostgreSQL)', fmt(one), one);
    report('uncached article pages, 2 instances behind nginx', fmt(two), two);
    report(
      'ratio 2 instances / 1 (same 2 cores, PostgreSQL included)',
      (two.rps / one.rps).toFixed(2),
      two.rps / one.rps,
    );

    const token = await creatorToken(a.origin);
    const created = await json(`${a.origin}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: '压测标题',
        body_markdown: '压测正文，测量失效的时间。',
        channel: 'tech',
        publish: true,
      }),
    });
    const id = (created.body.article as { id: string }).id;
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await (await fetch(`${b.origin}/article/${id}`)).arrayBuffer();
      const title = `压测标题 ${i}`;
      const t0 = performance.now();
      await json(`${a.origin}/api/v1/articles/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title }),
      });
      while (!(await (await fetch(`${b.origin}/article/${id}`)).text()).includes(title)) {
        if (performance.now() - t0 > 10_000) break;
      }
      latencies.push(performance.now() - t0);
    }
    report(
      `cross-instance invalidation (edit on A → fresh page on B), p50 / p99 ms (${SAMPLES} samples)`,
      `${pct(latencies, 50).toFixed(0)} / ${pct(latencies, 99).toFixed(0)}`,
      { p50: pct(latencies, 50), p99: pct(latencies, 99), samples: latencies },
    );
  } finally {
    await lb.stop();
    await a.stop();
    await b.stop();
  }

  await rateStore('memory (one process)', new RateLimiter(() => Date.now()).asStore(), report);
  const database = await openPostgres(url);
  await rateStore('PostgreSQL', new DbRateStore(database.db, () => Date.now()), report);
  await database.close();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await RedisRateStore.connect(redisUrl).catch(() => undefined);
  if (redis) {
    await rateStore('Redis', redis, report);
    await redis.close();
  }
  await drop();
}
