/**
 * A CDN in front (Debian's varnishd with the shipped VCL): shared pages are
 * cached with their tags, and a change made on another instance purges them
 * through BYLINE_PURGE_URLS within two seconds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession } from '../src/accounts/index.js';
import type { AppContext } from '../src/context.js';
import { ViewBuffer, VisitorSalt } from '../src/engagement/index.js';
import { DiskMediaStore } from '../src/media/index.js';
import { EventRelay, relayFor } from '../src/events/index.js';
import { JOBS } from '../src/jobs/registry.js';
import { startJobs, type RunningJobs } from '../src/jobs/runner.js';
import { buildServer } from '../src/server.js';
import { systemClock } from '../src/shared/clock.js';
import { PageCache } from '../src/web/page-cache.js';
import { createTestDatabase, testEngines, type TestDatabase } from './db.js';
import { makeArticle, makeCreator, testLexicon, testSegmenter } from './factories.js';
import { startVarnish, VARNISHD } from './varnish.js';

const postgres = testEngines().find((e) => e.engine === 'postgres')?.skip === null;
const skip = !VARNISHD || !postgres;

let database: TestDatabase;
let instances: {
  app: Awaited<ReturnType<typeof buildServer>>;
  jobs: RunningJobs;
  ctx: AppContext;
}[];
let varnish: Awaited<ReturnType<typeof startVarnish>>;

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase('postgres');
  instances = [];
  // Two instances on one database; Varnish in front of the first, the second purges it. The
  // first hears of nothing by itself (no notifications, no polling, no jobs): the edit reaches
  // its cache only through the CDN's fetch after the purge (CDN_FETCH_HEADER) — without that,
  // its old copy would go straight back into Varnish.
  // Filled in once Varnish listens (it needs the first instance's port first).
  const purgeUrls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const ctx: AppContext = {
      database,
      clock: systemClock,
      events: i === 0 ? new EventRelay(database.db, { pollMs: 0 }) : relayFor(database),
      views: new ViewBuffer(systemClock),
      segmenter: testSegmenter,
      lexicon: testLexicon,
      visitorSalt: new VisitorSalt(),
      media: new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-cdn-'))),
      purgeUrls,
    };
    const app = await buildServer(ctx, { pageCache: new PageCache(16 * 1024 * 1024) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const jobs = startJobs(
      ctx,
      JOBS.filter((j) => i === 1 && j.name === 'purge-cdn'),
      (line) => console.log(`[cdn] ${line}`),
    );
    ctx.events!.subscribe(() => jobs.kick('purge-cdn'));
    instances.push({ app, jobs, ctx });
  }
  const port = (instances[0]!.app.server.address() as { port: number }).port;
  varnish = await startVarnish(port);
  purgeUrls.push(`${varnish.url}/`);
}, 60_000);

afterAll(async () => {
  if (skip) return;
  await varnish?.stop();
  for (const i of instances ?? []) {
    await i.jobs.stop();
    await i.app.close();
    i.ctx.events?.stop();
  }
  await database?.close();
});

it.skipIf(skip)(
  'caches shared pages with their tags and shows an edit on another instance within 2 s',
  async () => {
    const author = await makeCreator(database.db);
    const { id } = await makeArticle(database.db, { authorId: author.id, title: '缓存之前的标题' });
    const url = `${varnish.url}/article/${id}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cdn')).toBe('MISS');
    // The tags are for the cache, not for readers.
    expect(first.headers.get('xkey')).toBeNull();
    const second = await fetch(url);
    expect(second.headers.get('x-cdn')).toBe('HIT');
    expect(await second.text()).toContain('缓存之前的标题');

    // A signed-in reader is never served the shared copy.
    const { token } = await createSession(database.db, systemClock, author.userId, 'cdn');
    const personal = await fetch(url, { headers: { cookie: `byline_session=${token}` } });
    expect(personal.headers.get('x-cdn')).toBe('MISS');
    // One whose browser runs the page's scripts is: the same bytes, from the CDN; its own parts
    // come through the CDN with its cookies from /api/v1/me/page-state.
    const withScripts = `byline_session=${token}; byline_js=1; byline_signed=1`;
    const shared = await fetch(url, { headers: { cookie: withScripts } });
    expect(shared.headers.get('x-cdn')).toBe('HIT');
    expect(await shared.text()).toBe(await (await fetch(url)).text());
    const state = await fetch(
      `${varnish.url}/api/v1/me/page-state?path=${encodeURIComponent(`/article/${id}`)}&slots=account`,
      { headers: { cookie: withScripts } },
    );
    expect(((await state.json()) as { signed_in: boolean }).signed_in).toBe(true);
    // Its own pages elsewhere pass through with the cookies (never a shared copy).
    const me = await fetch(`${varnish.url}/me`, {
      headers: { cookie: withScripts },
      redirect: 'manual',
    });
    expect(me.status).toBe(200);

    // The author edits on the other instance, through the API.
    const b = instances[1]!.app;
    const started = Date.now();
    const edit = await b.inject({
      method: 'PATCH',
      url: `/api/v1/articles/${id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { title: '编辑之后的标题' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    let seenAfter = -1;
    while (Date.now() - started < 5_000) {
      const page = await (await fetch(url)).text();
      if (page.includes('编辑之后的标题')) {
        seenAfter = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    console.log(`[cdn] an edit on instance B showed through Varnish after ${seenAfter} ms`);
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(2_000);
  },
  30_000,
);
