/**
 * Several instances behave as one site. Three `byline start` processes begin
 * together on one empty PostgreSQL database, with uploads in S3 (s3rver),
 * behind nginx (Debian) and Varnish (when installed). Under mixed load —
 * reads, sign-ins, comments, publishes, uploads — one instance is killed
 * with SIGKILL. Then: no acknowledged write is lost, the demo was imported
 * once and the admin created once, a change on one instance reaches another's
 * cached pages within a second, sign-in limits hold across instances, every
 * scheduled article is published once and in time, and every instance serves
 * every image.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, becomeCreator, signIn } from './api-client.js';
import { createTestDatabase, testEngines, type TestDatabase } from './db.js';
import { multipart } from './http.js';
import { startNginx, NGINX } from './nginx.js';
import { testPhoto } from './photo.js';
import { startS3 } from './s3.js';
import { killServer, startServer, stopServer, type Running } from './server-process.js';
import { freePort, startVarnish, VARNISHD } from './varnish.js';

const postgres = testEngines().find((e) => e.engine === 'postgres')?.skip === null;
if (!NGINX && process.env.CI === 'true') throw new Error('CI=true but nginx is not installed');
if (!NGINX) console.warn('[byline] cluster test skipped: nginx is not installed (apt nginx-light)');
const skip = !postgres || !NGINX;

const ADMIN = { email: 'admin@cluster.test', password: 'cluster-admin-pw-1' };
const INSTANCES = 3;
/** How long the mixed load runs; the third instance dies half-way. */
const LOAD_MS = 8_000;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

let database: TestDatabase;
let sql: pg.Client;
let s3: Awaited<ReturnType<typeof startS3>>;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let varnish: Awaited<ReturnType<typeof startVarnish>> | undefined;
const servers: Running[] = [];

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase('postgres', { empty: true });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  s3 = await startS3();
  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  nginx = await startNginx(ports);
  if (VARNISHD)
    varnish = await startVarnish(Number(new URL(nginx.url).port), { waitForBackend: false });
  const front = varnish?.url ?? nginx.url;
  const env = (port: number): Record<string, string> => ({
    DATABASE_URL: database.url!,
    PORT: String(port),
    BYLINE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'byline-cluster-')),
    BYLINE_ADMIN_EMAIL: ADMIN.email,
    BYLINE_ADMIN_PASSWORD: ADMIN.password,
    BYLINE_PUBLIC_URL: front,
    BYLINE_S3_BUCKET: s3.settings.bucket,
    BYLINE_S3_ENDPOINT: s3.endpoint,
    BYLINE_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    ...(varnish ? { BYLINE_PURGE_URLS: `${varnish.url}/` } : {}),
    LOG_LEVEL: 'warn',
  });
  // All three at once, on an empty database.
  servers.push(...(await Promise.all(ports.map((port) => startServer(env(port))))));
  await varnish?.waitForBackend();
}, 240_000);

afterAll(async () => {
  if (skip) return;
  for (const s of servers) await stopServer(s);
  await varnish?.stop();
  await nginx?.stop();
  await s3?.stop();
  await sql?.end();
  await database?.close();
});

it.skipIf(skip)(
  'three instances on one database behave as one site, and survive losing one',
  async () => {
    const [a, b, c] = servers as [Running, Running, Running];
    const lb = nginx.url;
    const front = varnish?.url ?? nginx.url;

    // One demo import, one admin, whoever started first.
    const imports = servers.filter((s) => s.output().includes('演示内容：导入')).length;
    const articles = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM byline.articles WHERE external_id IS NOT NULL`,
    );
    const admins = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM byline.users WHERE role = 'admin'`,
    );
    console.log(
      `[cluster] ${INSTANCES} instances started together: ${imports} demo import(s), ` +
        `${articles.rows[0]!.n} demo articles, ${admins.rows[0]!.n} admin(s); ready after ${servers.map((s) => s.readyMs).join(' / ')} ms`,
    );
    expect(imports).toBe(1);
    expect(admins.rows[0]!.n).toBe(1);
    expect(articles.rows[0]!.n).toBeGreaterThan(1000);

    const creator = await becomeCreator(lb, ADMIN, {
      email: 'writer@cluster.test',
      password: 'writer-password-1',
      handle: 'cluster-writer',
    });
    const readers = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const email = `reader${i}@cluster.test`;
        await api(lb, '/users', {
          body: { email, password: 'reader-password-1', display_name: `读者${i}` },
        });
        return signIn(lb, email, 'reader-password-1');
      }),
    );
    const latest = await api(front, '/articles?limit=20');
    const someIds = (latest.json.items as { id: string }[]).map((x) => x.id);

    // Mixed load through the load balancer; the third instance is killed half-way.
    const acknowledged = {
      articles: [] as string[],
      comments: [] as string[],
      images: [] as { id: string; variants: { url: string }[] }[],
    };
    const failures = new Map<number, number>();
    const photo = await testPhoto();
    const began = Date.now();
    let n = 0;
    const killed = new Promise<void>((resolve) =>
      setTimeout(() => void killServer(c).then(resolve), LOAD_MS / 2),
    );
    const worker = async (w: number) => {
      while (Date.now() - began < LOAD_MS) {
        const i = n++;
        try {
          switch (i % 6) {
            case 0:
            case 1: {
              const page = await fetch(`${front}/article/${someIds[i % someIds.length]}`);
              if (page.status !== 200)
                failures.set(page.status, (failures.get(page.status) ?? 0) + 1);
              await page.arrayBuffer();
              break;
            }
            case 2: {
              const res = await api(lb, '/articles', {
                token: creator.token,
                body: {
                  title: `集群测试文章 ${w}-${i}`,
                  body_markdown: `第 ${i} 篇，由第 ${w} 个并发写入者发布，用来确认每一篇确认过的文章都不会丢失。编号 ${Math.random()}。`,
                  channel: 'tech',
                  publish: true,
                },
              });
              if (res.status === 201)
                acknowledged.articles.push((res.json.article as { id: string }).id);
              break;
            }
            case 3: {
              const reader = readers[i % readers.length]!;
              const res = await api(lb, `/articles/${someIds[i % someIds.length]}/comments`, {
                token: reader,
                body: { body: `第 ${i} 条集群评论` },
              });
              if (res.status === 201)
                acknowledged.comments.push((res.json.comment as { id: string }).id);
              break;
            }
            case 4: {
              const form = multipart({}, 'image', photo, 'photo.jpg', 'image/jpeg');
              const res = await fetch(`${lb}/api/v1/images`, {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${creator.token}`,
                  'content-type': form.contentType,
                },
                body: form.body,
              });
              if (res.status === 201)
                acknowledged.images.push(
                  ((await res.json()) as { image: { id: string; variants: { url: string }[] } })
                    .image,
                );
              else await res.arrayBuffer();
              break;
            }
            default: {
              // Sign-ins are rate-limited per address too (30 per 15 minutes): a few are enough.
              if (i % 36 === 5) await signIn(lb, creator.email, creator.password);
              else await (await fetch(`${front}/`)).arrayBuffer();
            }
          }
        } catch {
          // A request cut off by the kill: not acknowledged, so not counted.
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await killed;
    expect(c.exited()?.signal).toBe('SIGKILL');

    // Every acknowledged write is there.
    const found = async (table: string, ids: string[]) =>
      (
        await sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM byline.${table} WHERE id::text = ANY($1)`,
          [ids],
        )
      ).rows[0]!.n;
    const lost = {
      articles: acknowledged.articles.length - (await found('articles', acknowledged.articles)),
      comments: acknowledged.comments.length - (await found('comments', acknowledged.comments)),
      images:
        acknowledged.images.length -
        (await found(
          'images',
          acknowledged.images.map((x) => x.id),
        )),
    };
    console.log(
      `[cluster] ${n} requests in ${LOAD_MS / 1000} s with one instance killed half-way: ` +
        `${acknowledged.articles.length} articles, ${acknowledged.comments.length} comments and ${acknowledged.images.length} images acknowledged, ` +
        `lost ${lost.articles + lost.comments + lost.images}; failed reads ${JSON.stringify(Object.fromEntries(failures))}`,
    );
    expect(lost).toEqual({ articles: 0, comments: 0, images: 0 });
    expect(acknowledged.articles.length).toBeGreaterThan(0);
    expect(acknowledged.images.length).toBeGreaterThan(0);

    // Every image, served by every live instance (from the shared bucket).
    for (const image of acknowledged.images)
      for (const s of [a, b]) {
        const res = await fetch(`${s.url}${image.variants[0]!.url}`);
        expect(res.status, `${s.url}${image.variants[0]!.url}`).toBe(200);
        await res.arrayBuffer();
      }

    // A change made on A drops B's cached copy within a second.
    const latencies: number[] = [];
    for (let round = 0; round < 5; round++) {
      const id = acknowledged.articles[round % acknowledged.articles.length]!;
      // Warm B's copy. The article was written during the load, so its indexing, fingerprint
      // and related list may still be announcing changes that drop the copy: warm until it holds.
      let cached = false;
      for (let tries = 0; tries < 50 && !cached; tries++) {
        const warm = await fetch(`${b.url}/article/${id}`);
        cached = warm.headers.get('x-cache') === 'HIT';
        await warm.arrayBuffer();
        if (!cached) await new Promise((r) => setTimeout(r, 100));
      }
      expect(cached).toBe(true);
      const title = `第 ${round} 次修改的标题`;
      const t0 = Date.now();
      expect(
        (
          await api(a.url, `/articles/${id}`, {
            method: 'PATCH',
            token: creator.token,
            body: { title },
          })
        ).status,
      ).toBe(200);
      for (;;) {
        if ((await (await fetch(`${b.url}/article/${id}`)).text()).includes(title)) break;
        if (Date.now() - t0 > 5_000) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(Date.now() - t0);
    }
    console.log(
      `[cluster] cross-instance invalidation: p50 ${percentile(latencies, 50)} ms, max ${Math.max(...latencies)} ms (${latencies.join(', ')})`,
    );
    expect(Math.max(...latencies)).toBeLessThanOrEqual(1_000);

    // Sign-in limits hold across instances: 5 wrong passwords in all, then refused everywhere.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = i % 2 ? b : a;
      statuses.push(
        (await api(s.url, '/session', { body: { email: creator.email, password: `wrong-${i}` } }))
          .status,
      );
    }
    console.log(
      `[cluster] 8 wrong sign-ins alternating between two instances: ${statuses.join(' ')}`,
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    // Scheduled articles: each published once, within 5 s of its time, by whichever instance.
    const due = new Date(Date.now() + 3_000);
    const scheduled: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(i % 2 ? a.url : b.url, '/articles', {
        token: creator.token,
        body: {
          title: `定时发布 ${i}`,
          body_markdown: `定时发布的第 ${i} 篇，${Math.random()}。`,
          channel: 'tech',
          publish_at: due.toISOString(),
        },
      });
      expect(res.status).toBe(201);
      scheduled.push((res.json.article as { id: string }).id);
    }
    await new Promise((r) => setTimeout(r, 3_000 + 5_000));
    const published = await sql.query<{ id: string; status: string; late: number; events: number }>(
      `SELECT a.id, a.status, extract(epoch FROM a.published_at - $2::timestamptz)::float8 AS late,
              (SELECT count(*)::int FROM byline.events e WHERE e.type = 'article.published' AND e.payload->>'articleId' = a.id) AS events
       FROM byline.articles a WHERE a.id = ANY($1)`,
      [scheduled, due.toISOString()],
    );
    console.log(
      `[cluster] scheduled: ${published.rows.filter((r) => r.status === 'published').length}/6 published, ` +
        `latest ${Math.max(...published.rows.map((r) => r.late)).toFixed(1)} s after their time, ` +
        `publish events per article ${published.rows.map((r) => r.events).join(',')}`,
    );
    for (const row of published.rows) {
      expect(row.status).toBe('published');
      expect(row.events).toBe(1);
      expect(row.late).toBeLessThanOrEqual(5);
    }
  },
  240_000,
);
