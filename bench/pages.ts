/**
 * Page serving (issue 9), every server a separate process on 127.0.0.1 so
 * the load generator (autocannon, in this process) never shares its thread:
 *
 * - the article page from the page cache, side by side with a static-file
 *   baseline serving the identical bytes (nginx when installed, else a
 *   minimal Node http server), 50 connections, and the ratio;
 * - uncached renders (BYLINE_PAGE_CACHE_MB=0) of the article page and the
 *   portal on PostgreSQL and on PGlite;
 * - cold start with existing data: spawn to /healthz 200;
 * - at 100,000 articles on PostgreSQL (the demo corpus copied to scale, with
 *   its search documents): portal, channel, author and article p99, search
 *   p99, hot-list recompute, and the server's memory (RSS).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../src/cli/seed.js';
import { createPgDatabase } from './fixtures.js';
import { percentile } from './search-scale.js';
import {
  BENCH_PAGE_TTL_S,
  cachedFigures,
  fastifyStringBaseline,
  readerSessionCookie,
} from './serving.js';
import { openPglite, openPostgres, rowsOf, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { fingerprintAll } from '../src/originality/index.js';
import { refreshHotLists } from '../src/ranking/index.js';
import { computeAllRelated } from '../src/recommend/index.js';
import { indexAll, searchArticles } from '../src/search/index.js';
import { systemClock } from '../src/shared/clock.js';
import { Segmenter } from '../src/text/index.js';

export type Report = (name: string, value: string, raw: unknown) => void;

/** Load per measurement: long enough for a stable p99, short enough for the 10-minute budget. */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
/** Connections for uncached renders: enough to keep one process busy. */
const UNCACHED_CONNECTIONS = 20;
/** Articles at scale. */
const SCALE_ARTICLES = Number(process.env.BENCH_PAGES_ARTICLES ?? 100_000);
const ROOT = new URL('..', import.meta.url).pathname;

/** Every process started here, stopped when the bench exits however it exits. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Running {
  readonly origin: string;
  readonly child: ChildProcess;
  readonly readyMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** `byline start` in its own process; resolves when /healthz says 200. */
export async function startByline(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = track(
    spawn(process.execPath, [path.join(ROOT, 'bin/byline.mjs'), 'start'], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${origin}/healthz`, 300_000);
  return {
    origin,
    child,
    readyMs: performance.now() - started,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The static-file baseline: nginx (one worker) when installed, else Node's http serving a buffer. */
export function startBaseline(
  body: Buffer,
  port: number,
  gzipped: Buffer,
): { kind: string; stop(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'byline-baseline-'));
  // nginx's worker runs as an unprivileged user when started by root: it must read the file.
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'page.html'), body);
  // The very bytes Byline sends gzipped, precompressed for nginx (gzip_static).
  writeFileSync(path.join(dir, 'page.html.gz'), gzipped);
  const nginx = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (nginx) {
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  gzip_static on;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    location / { try_files /page.html =404; }
  }
}
`,
    );
    const child = spawn(
      nginx.split('\n')[0]!,
      ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')],
      {
        stdio: 'ignore',
      },
    );
    return {
      kind: 'nginx (1 worker, gzip_static)',
      stop: () => {
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const child = track(
    spawn(
      process.execPath,
      [
        '-e',
        `const b=require('fs').readFileSync(${JSON.stringify(path.join(dir, 'page.html'))});` +
          `require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});s.end(b)}).listen(${port},'127.0.0.1')`,
      ],
      { stdio: 'ignore' },
    ),
  );
  return {
    kind: 'node:http serving a buffer',
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** The slowest request, ms (wrk only; NaN with autocannon). */
  max: number;
  errors: number;
  non2xx: number;
}

/**
 * wrk (Debian's package) when installed: one C thread generates the load, so
 * it measures the server, not itself. autocannon (JavaScript) otherwise —
 * measured here, it tops out near 3,600 requests/s on a 49 KB Chinese page
 * against nginx, so with it the cached ratio says little.
 */
const WRK = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim();
export const LOAD_GENERATOR = WRK ? 'wrk (1 thread)' : 'autocannon';

/** One load run, in its own process: wrk with a Lua path list, or bench/load.mjs. */
export async function load(
  origin: string,
  paths: string[],
  connections: number,
  seconds = LOAD_SECONDS,
  headers: Record<string, string> = {},
): Promise<Load> {
  if (WRK) return loadWithWrk(origin, paths, connections, seconds, headers);
  const child = track(
    spawn(
      process.execPath,
      [
        path.join(ROOT, 'bench/load.mjs'),
        JSON.stringify({ origin, paths, connections, seconds, headers }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out) as Load;
}

async function loadWithWrk(
  origin: string,
  paths: string[],
  connections: number,
  seconds: number,
  headers: Record<string, string>,
): Promise<Load> {
  const dir = mkdtempSync(path.join(tmpdir(), 'byline-wrk-'));
  const script = path.join(dir, 'paths.lua');
  // Each request takes the next path; non-2xx responses are counted.
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local headers = {${Object.entries(headers)
      .map(([k, v]) => `[${JSON.stringify(k)}]=${JSON.stringify(v)}`)
      .join(',')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
local bad = 0
response = function(status) if status > 299 then bad = bad + 1 end end
done = function() io.write("NON2XX " .. bad .. "\\n") end
`,
  );
  const child = track(
    spawn(WRK, ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, origin], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
  const ms = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const latency = /Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)/.exec(out);
  const max = latency
    ? Number(latency[1]) * (latency[2] === 'us' ? 0.001 : latency[2] === 's' ? 1000 : 1)
    : NaN;
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)),
    p50: Math.round(ms('50%') * 100) / 100,
    p99: Math.round(ms('99%') * 100) / 100,
    max: Math.round(max * 100) / 100,
    errors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    non2xx: Number(/NON2XX (\d+)/.exec(out)?.[1] ?? 0),
  };
}

export const fmt = (l: Load) =>
  `${l.rps.toLocaleString('en')} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms${Number.isNaN(l.max) ? '' : `, max ${l.max} ms`}${l.errors + l.non2xx ? ` (${l.errors} errors, ${l.non2xx} non-2xx)` : ''}`;

export async function articlePaths(origin: string): Promise<string[]> {
  const html = await (await fetch(`${origin}/hot`)).text();
  const home = await (await fetch(`${origin}/`)).text();
  return [
    ...new Set(
      [...`${html}${home}`.matchAll(/href="(\/article\/[a-z0-9]{12})"/g)].map((m) => m[1]!),
    ),
  ];
}

/** Cached article page vs the static baseline, then uncached renders; on the given engine. */
async function demoSite(
  report: Report,
  engine: 'postgres' | 'pglite',
  pgUrl: string | undefined,
  compareCached: boolean,
) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `byline-bench-${engine}-`));
  const database =
    engine === 'postgres'
      ? await createPgDatabase(pgUrl!, `byline_bench_pages_${process.pid}`)
      : undefined;
  const env = {
    BYLINE_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : { DATABASE_URL: '' }),
  };
  try {
    // Everything a server's jobs would otherwise do for minutes after a first start
    // (fingerprints, related lists) is done before it starts, so it measures serving alone.
    const t0 = performance.now();
    const prepared = database
      ? await openPostgres(database.url)
      : await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    await prepare(prepared);
    const readerCookie = await readerSessionCookie(prepared);
    await prepared.close();
    report(
      `demo site prepared (${engine}): import, index, fingerprints, related lists s`,
      ((performance.now() - t0) / 1000).toFixed(0),
      (performance.now() - t0) / 1000,
    );
    // Copies expire every BENCH_PAGE_TTL_S, so serving figures include re-renders.
    const first = await startByline({ ...env, BYLINE_PAGE_CACHE_TTL_S: String(BENCH_PAGE_TTL_S) });
    const paths = await articlePaths(first.origin);
    if (compareCached) await cachedFigures(report, engine, first.origin, paths, readerCookie);
    await first.stop();
    const uncached = await startByline({ ...env, BYLINE_PAGE_CACHE_MB: '0' });
    report(
      `cold start with existing data (${engine}): spawn → /healthz 200, s`,
      (uncached.readyMs / 1000).toFixed(2),
      uncached.readyMs,
    );
    const article = await load(uncached.origin, paths.slice(0, 50), UNCACHED_CONNECTIONS);
    report(
      `uncached article page (${engine}; page cache off, page parts kept), ${UNCACHED_CONNECTIONS} conns`,
      fmt(article),
      article,
    );
    const strings = await fastifyStringBaseline(uncached.origin, paths[0]!);
    const base = await load(strings.origin, paths.slice(0, 50), UNCACHED_CONNECTIONS);
    strings.stop();
    report(
      `Fastify sending the same page as a string, ${UNCACHED_CONNECTIONS} conns`,
      fmt(base),
      base,
    );
    report(
      `  ratio uncached article (${engine}) / Fastify string (target ≥ 0.1)`,
      (article.rps / base.rps).toFixed(3),
      article.rps / base.rps,
    );
    const portal = await load(uncached.origin, ['/'], UNCACHED_CONNECTIONS);
    report(`uncached portal (${engine}), ${UNCACHED_CONNECTIONS} conns`, fmt(portal), portal);
    report(`  server RSS after load (${engine}) MB`, uncached.rssMb().toFixed(0), uncached.rssMb());
    await uncached.stop();
  } finally {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The demo corpus with everything the background jobs would compute. */
async function prepare(database: Database): Promise<void> {
  const db = database.db;
  await migrate(db);
  await seedDemo(db, { clock: systemClock });
  await indexAll(db, new Segmenter());
  await fingerprintAll(db);
  await computeAllRelated(db);
  await refreshHotLists(db, systemClock);
  await settle(database);
}

/** Bulk writes leave autovacuum and checkpoints to run: done now, not during a measurement. */
async function settle(database: Database): Promise<void> {
  await database.db.execute(sql`VACUUM ANALYZE`);
  await database.db.execute(sql`CHECKPOINT`);
}

/** The demo corpus copied up to `articles`, with search documents and 14 days of engagement. */
export async function scaleUp(database: Database, articles: number): Promise<void> {
  const db = database.db;
  await prepare(database);
  const [{ n: creators } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM byline.creator_profiles`),
  );
  const [{ n: demo } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM byline.articles`),
  );
  const copies = articles - demo;
  await db.execute(sql`
    CREATE TEMP TABLE demo_rows AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM byline.articles`);
  await db.execute(sql`
    CREATE TEMP TABLE copy_map AS
      -- Ids in the article-id alphabet (no 0, 1, l, o): digits spelled as letters.
      SELECT 's' || translate(lpad(g::text, 11, '0'), '0123456789', 'abcdefghjk') AS id, d.id AS src, g
      FROM generate_series(1, ${copies}) g JOIN demo_rows d ON d.k = g % ${demo}`);
  await db.execute(sql`
    INSERT INTO byline.articles (id, author_id, channel_id, title, summary, body_format, body_source,
                                 body_html, status, published_at, created_at, updated_at)
    SELECT m.id,
           (SELECT id FROM byline.creator_profiles ORDER BY id OFFSET (m.g % ${creators}) LIMIT 1),
           d.channel_id, d.title || '（' || m.g || '）', d.summary, d.body_format, d.body_source,
           d.body_html, 'published', now() - ((m.g % 43200) || ' minutes')::interval, now(), now()
    FROM copy_map m JOIN demo_rows d ON d.id = m.src`);
  await db.execute(sql`
    INSERT INTO byline.article_stats (article_id)
    SELECT id FROM byline.articles ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO byline.search_documents (article_id, document, title_document, gram_document,
                                         published_at, channel_id, author_id, source_updated_at)
    SELECT a.id, s.document, s.title_document, s.gram_document, a.published_at, a.channel_id,
           a.author_id, a.updated_at
    FROM copy_map m JOIN byline.articles a ON a.id = m.id
    JOIN byline.search_documents s ON s.article_id = m.src`);
  // The copies' fingerprints (so the server's job has nothing to catch up on; no lookup keys).
  await db.execute(sql`
    INSERT INTO byline.article_fingerprints (article_id, sha256, simhash, minhash, length, first_published_at, source_updated_at)
    SELECT a.id, f.sha256, f.simhash, f.minhash, f.length, a.published_at, a.updated_at
    FROM copy_map m JOIN byline.articles a ON a.id = m.id
    JOIN byline.article_fingerprints f ON f.article_id = m.src`);
  await db.execute(sql`
    INSERT INTO byline.article_daily (article_id, day, views, visitors, shares, comments, likes)
    SELECT a.id, to_char(now() - (d || ' days')::interval, 'YYYY-MM-DD'),
           (abs(hashtext(a.id || d)) % 7)::int, (abs(hashtext(a.id || d)) % 5)::int,
           (abs(hashtext(d || a.id)) % 2)::int, (abs(hashtext(a.id)) % 2)::int, 0
    FROM byline.articles a, generate_series(0, 13) d
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    UPDATE byline.creator_stats s SET articles = c.n
    FROM (SELECT author_id, count(*)::int AS n FROM byline.articles GROUP BY author_id) c
    WHERE s.creator_id = c.author_id`);
  await settle(database);
}

async function atScale(report: Report, pgUrl: string) {
  const database = await createPgDatabase(pgUrl, `byline_bench_scale_${process.pid}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'byline-bench-scale-'));
  const at = `${SCALE_ARTICLES.toLocaleString('en')} articles, postgres`;
  try {
    const t0 = performance.now();
    const opened = await openPostgres(database.url);
    await scaleUp(opened, SCALE_ARTICLES);
    report(
      `setup: ${at} (copied demo corpus) s`,
      ((performance.now() - t0) / 1000).toFixed(0),
      (performance.now() - t0) / 1000,
    );
    const hot: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await refreshHotLists(opened.db, systemClock);
      hot.push(performance.now() - t);
    }
    hot.sort((a, b) => a - b);
    report(`hot-list recompute (${at}) ms, median of 3`, hot[1]!.toFixed(0), hot);
    const titles = rowsOf<{ title: string }>(
      await opened.db.execute(
        sql`SELECT title FROM byline.articles WHERE id NOT LIKE 's%' ORDER BY id LIMIT 100`,
      ),
    ).map((r) => r.title);
    const times: number[] = [];
    const segmenter = new Segmenter();
    for (const title of titles) {
      const t = performance.now();
      await searchArticles(opened.db, segmenter, title.slice(0, 12), { page: 1 });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => percentile(times, q * 100);
    report(
      `search p50 / p99 (${at}) ms, title queries`,
      `${p(0.5).toFixed(1)} / ${p(0.99).toFixed(1)}`,
      { p50: p(0.5), p99: p(0.99) },
    );
    await opened.close();

    const server = await startByline({
      DATABASE_URL: database.url,
      BYLINE_DATA_DIR: dataDir,
      BYLINE_PAGE_CACHE_MB: '0',
    });
    report(
      `cold start (${at}): spawn → /healthz 200, s`,
      (server.readyMs / 1000).toFixed(2),
      server.readyMs,
    );
    const paths = await articlePaths(server.origin);
    const authors = [
      ...new Set(
        [
          ...(await (await fetch(`${server.origin}/authors`)).text()).matchAll(
            /href="(\/author\/[a-z0-9_-]+)"/g,
          ),
        ].map((m) => m[1]!),
      ),
    ];
    const seconds = Math.max(3, Math.round(LOAD_SECONDS / 2));
    for (const [name, list] of [
      ['portal', ['/']],
      ['channel', ['/channel/tech', '/channel/news', '/channel/sports', '/channel/money']],
      ['author', authors.slice(0, 50)],
      ['article', paths.slice(0, 50)],
    ] as const) {
      const l = await load(server.origin, [...list], 10, seconds);
      report(`uncached ${name} page (${at}), 10 conns`, fmt(l), l);
    }
    report(
      `server RSS after load (${at}) MB (target ≤ 300)`,
      server.rssMb().toFixed(0),
      server.rssMb(),
    );
    await server.stop();
    // A crawler: random articles of the whole corpus, the page cache and the kept parts on (each
    // page read once or twice, so nearly every request renders and the caches churn).
    const cached = await startByline({ DATABASE_URL: database.url, BYLINE_DATA_DIR: dataDir });
    const crawl = randomCopyPaths(SCALE_ARTICLES, 20_000);
    const walked = await load(cached.origin, crawl, UNCACHED_CONNECTIONS, LOAD_SECONDS);
    report(
      `crawler: random article pages of ${at}, caches on, ${UNCACHED_CONNECTIONS} conns`,
      fmt(walked),
      walked,
    );
    report(
      `  server RSS after the crawl (${at}) MB (target ≤ 300)`,
      cached.rssMb().toFixed(0),
      cached.rssMb(),
    );
    await cached.stop();
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Paths of `n` random copies made by scaleUp (their ids are derived from their number). */
function randomCopyPaths(articles: number, n: number): string[] {
  const copies = Math.max(1, articles - 2_000);
  return Array.from({ length: n }, () => {
    const g = 1 + Math.floor(Math.random() * copies);
    const id = `s${String(g)
      .padStart(11, '0')
      .replace(/\d/g, (d) => 'abcdefghjk'[Number(d)]!)}`;
    return `/article/${id}`;
  });
}

export async function pagesBench(report: Report): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // BENCH_PAGES_PART=demo|scale runs one half.
  const part = process.env.BENCH_PAGES_PART;
  if (part !== 'scale') {
    if (pgUrl) await demoSite(report, 'postgres', pgUrl, true);
    await demoSite(report, 'pglite', undefined, true);
  }
  if (pgUrl && part !== 'demo') await atScale(report, pgUrl);
}
