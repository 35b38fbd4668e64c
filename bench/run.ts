/**
 * `npm run bench`: page serving (issue 9), engagement, hot-list, search,
 * related and originality figures. Prints a table and writes
 * bench/results/latest.json. Everything runs on 127.0.0.1 with bounded loops,
 * in under 10 minutes with the default scales on this 2-core machine.
 * BENCH_ONLY=pages|cluster|import|views|hot|search|originality runs one part.
 *
 * - pages (bench/pages.ts): cached article page vs a static-file baseline,
 *   uncached renders on both engines, cold start, and 100,000 articles on
 *   PostgreSQL (page p99s, search p99, hot-list recompute, RSS)
 * - cluster (bench/cluster.ts): 1 vs 2 instances behind nginx (throughput ratio),
 *   cross-instance invalidation p50/p99, rate-limit stores (memory, PostgreSQL, Redis)
 * - import (bench/import.ts): byline import of generated WordPress exports of
 *   10,000 and 100,000 posts, articles/s per phase and peak RSS
 * - view ingestion: ViewBuffer.record() events per second, and flush time
 * - views while serving: article pages under autocannon load (each request
 *   records a view with its own visitor cookie), requests/s and views/s
 * - hot-list recompute at 100,000 articles and 10 M view events of history
 *   (on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, else PGlite)
 * - search and 相关推荐 at 100,000 articles on PostgreSQL and 20,000 on PGlite:
 *   indexing and related computation rates, search and related lookup p50/p99
 * - 原创保护 at 100,000 generated articles (PostgreSQL) and 20,000 (PGlite):
 *   fingerprinting rate, originality check p50/p99 for copies and new texts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createPgDatabase, seedBenchAuthors } from './fixtures.js';
import { seedDemo } from '../src/cli/seed.js';
import { openPglite, openPostgres, rowsOf, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { ViewBuffer } from '../src/engagement/index.js';
import { refreshHotLists } from '../src/ranking/index.js';
import { buildServer } from '../src/server.js';
import { systemClock } from '../src/shared/clock.js';
import { originalityAtScale } from './originality-scale.js';
import { pagesBench } from './pages.js';
import { clusterBench } from './cluster.js';
import { importBench } from './import.js';
import { searchAtScale } from './search-scale.js';

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
const rows: [string, string][] = [];
const report = (name: string, value: string, raw: unknown) => {
  console.log(`[bench] ${name}: ${value}`);
  rows.push([name, value]);
  results[name] = raw;
};

async function ingestion(database: Database) {
  const buffer = new ViewBuffer(systemClock);
  const ids = rowsOf<{ id: string }>(
    await database.db.execute(sql`SELECT id FROM byline.articles LIMIT 1000`),
  ).map((r) => r.id);
  const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126';
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (let i = 0; i < 1000; i++, n++) {
      buffer.record({
        articleId: ids[n % ids.length]!,
        visitorKey: `v${n}`,
        ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        userAgent: UA,
        purpose: undefined,
        isAuthor: false,
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  report(
    'view events recorded /s (in memory)',
    Math.round(n / seconds).toLocaleString('en'),
    Math.round(n / seconds),
  );
  const pending = buffer.pendingViews();
  const t = performance.now();
  await buffer.flush(database.db);
  const ms = performance.now() - t;
  report(`flush of ${pending.toLocaleString('en')} buffered views (ms)`, ms.toFixed(0), ms);
}

async function servingWhileCounting(database: Database) {
  const views = new ViewBuffer(systemClock);
  const app = await buildServer({ database, clock: systemClock, views });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const ids = rowsOf<{ id: string }>(
    await database.db.execute(
      sql`SELECT id FROM byline.articles ORDER BY published_at DESC LIMIT 50`,
    ),
  ).map((r) => r.id);
  let k = 0;
  const flusher = setInterval(() => void views.flush(database.db), 5000);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 20,
    duration: 10,
    requests: [
      {
        setupRequest: (req) => {
          k++;
          return {
            ...req,
            path: `/article/${ids[k % ids.length]}`,
            headers: {
              'user-agent': 'Mozilla/5.0 bench',
              cookie: `byline_vid=benchvisitor${String(k).padStart(8, '0')}`,
            },
          };
        },
      },
    ],
  });
  clearInterval(flusher);
  const counted = views.pendingViews();
  await views.flush(database.db);
  await app.close();
  report(
    'article pages /s while counting views (uncached, 20 conns)',
    result.requests.average.toFixed(0),
    result.requests.average,
  );
  report('  p99 latency (ms)', String(result.latency.p99), result.latency.p99);
  report('  views still buffered at the end (flushed on close)', String(counted), counted);
}

/** A fresh database on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), else PGlite. */
async function openBenchDatabase(
  engine: 'postgres' | 'pglite' = (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
    ? 'postgres'
    : 'pglite',
): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (engine === 'pglite' || !url) {
    const database = await openPglite();
    return { database, drop: () => database.close() };
  }
  const created = await createPgDatabase(
    url,
    `byline_bench_${process.pid}_${Math.floor(performance.now())}`,
  );
  const database = await openPostgres(created.url);
  return {
    database,
    drop: async () => {
      await database.close();
      await created.drop();
    },
  };
}

async function hotListAtScale() {
  const { database, drop } = await openBenchDatabase();
  const db = database.db;
  await migrate(db);
  await seedBenchAuthors(db);
  const t0 = performance.now();
  await db.execute(sql`
    INSERT INTO byline.articles (id, author_id, channel_id, title, summary, body_format, body_source, body_html, status, published_at)
    SELECT 'b' || lpad(g::text, 11, '0'),
           (SELECT id FROM byline.creator_profiles ORDER BY id OFFSET (g % 200) LIMIT 1),
           1 + (g % 11), '基准文章第' || g || '篇', '', 'text', '正文', '<p>正文</p>', 'published',
           now() - ((g % 43200) || ' minutes')::interval
    FROM generate_series(1, 100000) g`);
  await db.execute(
    sql`INSERT INTO byline.article_stats (article_id) SELECT id FROM byline.articles`,
  );
  // ~10 M view events of history as daily aggregates over the last 30 days
  await db.execute(sql`
    INSERT INTO byline.article_daily (article_id, day, views, visitors, shares, comments, likes)
    SELECT a.id, to_char(now() - (d || ' days')::interval, 'YYYY-MM-DD'),
           (abs(hashtext(a.id || d)) % 7)::int, (abs(hashtext(a.id || d)) % 5)::int,
           (abs(hashtext(d || a.id)) % 2)::int, (abs(hashtext(a.id)) % 2)::int, 0
    FROM byline.articles a, generate_series(0, 29) d`);
  const [events] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT sum(views)::bigint AS n FROM byline.article_daily`),
  );
  const setupS = (performance.now() - t0) / 1000;
  await db.execute(sql`ANALYZE`);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await refreshHotLists(db, systemClock);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  report(
    `hot-list recompute, 100,000 articles, ${Number(events!.n).toLocaleString('en')} view events (${database.kind}) ms (median of 3)`,
    times[1]!.toFixed(0),
    { ms: times, events: Number(events!.n), engine: database.kind, setupSeconds: setupS },
  );
  await drop();
}

const only = process.env.BENCH_ONLY;
const started = performance.now();
if (!only || only === 'pages') await pagesBench(report);
if (!only || only === 'cluster') await clusterBench(report);
if (!only || only === 'import') await importBench(report);
if (!only || only === 'views') {
  const demo = await openPglite();
  await migrate(demo.db);
  await seedDemo(demo.db, { clock: systemClock });
  await ingestion(demo);
  // Pages under load are measured by the pages part (separate processes); this in-process
  // variant runs when asked.
  if (only === 'views') await servingWhileCounting(demo);
  await demo.close();
}
// The pages part recomputes the hot list at 100,000 articles on PostgreSQL; this one runs when asked, or on PGlite.
if (only === 'hot' || (!only && !(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)))
  await hotListAtScale();
if (!only || only === 'search') {
  const ms = (x: number) => x.toFixed(1);
  const scales: ['postgres' | 'pglite', number][] = [
    // Indexing runs at ~330 articles/s: 20,000 by default keeps the whole bench under 10 minutes;
    // BENCH_SEARCH_ARTICLES=100000 gives the target scale (~6 more minutes).
    ['postgres', Number(process.env.BENCH_SEARCH_ARTICLES ?? 20_000)],
    // PGlite indexes ~5× slower (WASM).
    ['pglite', Number(process.env.BENCH_PGLITE_ARTICLES ?? 5_000)],
  ];
  for (const [engine, articles] of scales) {
    if (engine === 'postgres' && !(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL))
      continue;
    const { database, drop } = await openBenchDatabase(engine);
    // Related lists are built only at scales up to BENCH_RELATED_ARTICLES (default 20,000): building
    // 100,000 takes ~12 minutes.
    const relatedAt = Number(process.env.BENCH_RELATED_ARTICLES ?? 20_000);
    const f = await searchAtScale(database, articles, { related: relatedAt >= articles });
    const at = `${articles.toLocaleString('en')} articles, ${f.engine}`;
    report(`search index build (${at}) articles/s`, f.indexPerSecond.toFixed(0), f);
    if (Number.isFinite(f.relatedPerSecond))
      report(
        `  ${f.engine}: related lists computed /s`,
        f.relatedPerSecond.toFixed(0),
        f.relatedPerSecond,
      );
    report(
      `  ${f.engine}: search p50 / p99 ms, title queries`,
      `${ms(f.searchTitle.p50)} / ${ms(f.searchTitle.p99)}`,
      f.searchTitle,
    );
    report(
      `  ${f.engine}: search p50 / p99 ms, 2 body words`,
      `${ms(f.searchWords.p50)} / ${ms(f.searchWords.p99)}`,
      f.searchWords,
    );
    report(
      `  ${f.engine}: search p50 / p99 ms, Latin and numbers`,
      `${ms(f.searchLatin.p50)} / ${ms(f.searchLatin.p99)}`,
      f.searchLatin,
    );
    report(
      `  ${f.engine}: search p50 / p99 ms, 4-character fragments`,
      `${ms(f.searchFragment.p50)} / ${ms(f.searchFragment.p99)}`,
      f.searchFragment,
    );
    report(
      `  ${f.engine}: search p50 / p99 ms, two fragments`,
      `${ms(f.searchTwoFragments.p50)} / ${ms(f.searchTwoFragments.p99)}`,
      f.searchTwoFragments,
    );
    if (f.relatedLookup.n > 0)
      report(
        `  ${f.engine}: related lookup p50 / p99 ms`,
        `${ms(f.relatedLookup.p50)} / ${ms(f.relatedLookup.p99)}`,
        f.relatedLookup,
      );
    await drop();
  }
}

if (!only || only === 'originality') {
  const ms = (x: number) => x.toFixed(1);
  const scales: ['postgres' | 'pglite', number][] = [
    // 100,000 takes ~15 minutes at today's fingerprinting rate; BENCH_ORIGINALITY_ARTICLES=100000 runs it.
    ['postgres', Number(process.env.BENCH_ORIGINALITY_ARTICLES ?? 5_000)],
    ['pglite', Number(process.env.BENCH_PGLITE_ORIGINALITY_ARTICLES ?? 2_000)],
  ];
  for (const [engine, articles] of scales) {
    if (engine === 'postgres' && !(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL))
      continue;
    const { database, drop } = await openBenchDatabase(engine);
    const f = await originalityAtScale(database, articles);
    const at = `${articles.toLocaleString('en')} articles, ${f.engine}`;
    report(`fingerprinting a new site (${at}) articles/s`, f.fingerprintPerSecond.toFixed(0), f);
    report(
      `  ${f.engine}: fingerprinting ${f.added.toLocaleString('en')} articles added to it, articles/s`,
      f.addedPerSecond.toFixed(0),
      f.addedPerSecond,
    );
    report(
      `  ${f.engine}: originality check of a copy p50 / p99 ms (caught)`,
      `${ms(f.copyCheck.p50)} / ${ms(f.copyCheck.p99)} (${f.copyCheck.caught}/${f.copyCheck.n})`,
      f.copyCheck,
    );
    report(
      `  ${f.engine}: originality check of a new text p50 / p99 ms (flagged)`,
      `${ms(f.freshCheck.p50)} / ${ms(f.freshCheck.p99)} (${f.freshCheck.flagged}/${f.freshCheck.n})`,
      f.freshCheck,
    );
    await drop();
  }
}

report(
  'bench wall time (s)',
  ((performance.now() - started) / 1000).toFixed(0),
  (performance.now() - started) / 1000,
);
const width = Math.max(...rows.map(([k]) => k.length));
console.log('\nByline bench\n');
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify(results, null, 2)}\n`,
);
process.exit(0);
