/**
 * kill -9 at random moments: a writer publishes articles and posts comments
 * through the API while the server (a real `byline start` process) is
 * killed with SIGKILL and started again, at least five times, on each
 * engine. Every write the server acknowledged must be there afterwards.
 * Page views are buffered in memory and written every few seconds
 * (docs: README "Engagement"): at most those of the last flush interval
 * before each kill may be lost.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from './db.js';
import { api, becomeCreator, signIn } from './api-client.js';
import { seededRandom } from './rng.js';
import { killServer, startServer, stopServer, type Running } from './server-process.js';

const CYCLES = 5;
/** The view buffer's flush interval (jobs/registry.ts, flush-views). */
const VIEW_FLUSH_MS = 5_000;
const ADMIN = { email: 'admin@kill9.test', password: 'kill nine admin password' };
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36';

describe('kill -9', () => {
  for (const { engine, skip } of testEngines()) {
    it.skipIf(skip !== null)(
      `loses no acknowledged write on ${engine}`,
      async () => {
        let env: Record<string, string> = {
          BYLINE_DEMO: '0',
          BYLINE_ADMIN_EMAIL: ADMIN.email,
          BYLINE_ADMIN_PASSWORD: ADMIN.password,
        };
        let cleanup = async () => {};
        if (engine === 'pglite') {
          env.BYLINE_DATA_DIR = path.join(
            mkdtempSync(path.join(tmpdir(), 'byline-kill9-')),
            'data',
          );
        } else {
          const database = await createTestDatabase('postgres', { empty: true });
          env = { ...env, DATABASE_URL: database.url! };
          cleanup = () => database.close();
        }
        const random = seededRandom(9);
        let running: Running = await startServer(env);
        try {
          // A creator to write with: register, apply, approved by the admin.
          const reader = { email: 'writer@kill9.test', password: 'kill nine writer password' };
          let { token } = await becomeCreator(running.url, ADMIN, {
            ...reader,
            handle: 'killnine',
          });

          const articles: string[] = [];
          const comments: { article: string; id: string }[] = [];
          let views = 0;
          let viewsAtRisk = 0;
          let written = 0;
          for (let cycle = 0; cycle < CYCLES; cycle++) {
            const killAt = Date.now() + 2_500 + Math.floor(random() * 2_500);
            const viewTimes: number[] = [];
            const writer = (async () => {
              for (let i = 0; Date.now() < killAt; i++) {
                try {
                  if (i % 3 === 0 || articles.length === 0) {
                    const res = await api(running.url, '/articles', {
                      token,
                      body: {
                        title: `第 ${cycle}-${i} 篇：重启之后`,
                        channel: 'tech',
                        body_markdown: `第 ${cycle} 轮第 ${i} 篇。${randomBytes(24).toString('hex')}`,
                        publish: true,
                      },
                    });
                    if (res.status === 201) articles.push((res.json.article as { id: string }).id);
                  } else if (i % 3 === 1) {
                    const article = articles[Math.floor(random() * articles.length)]!;
                    const res = await api(running.url, `/articles/${article}/comments`, {
                      token,
                      body: { body: `第 ${cycle}-${i} 条评论 ${randomBytes(4).toString('hex')}` },
                    });
                    if (res.status === 201)
                      comments.push({ article, id: (res.json.comment as { id: string }).id });
                  } else {
                    const article = articles[Math.floor(random() * articles.length)]!;
                    const res = await fetch(`${running.url}/article/${article}`, {
                      headers: {
                        'user-agent': BROWSER_UA,
                        cookie: `byline_vid=${randomBytes(16).toString('base64url')}`,
                      },
                    });
                    await res.arrayBuffer();
                    if (res.status === 200) viewTimes.push(Date.now());
                  }
                  written++;
                } catch {
                  // The server is gone mid-request: that write was never acknowledged.
                }
              }
            })();
            await new Promise((r) => setTimeout(r, killAt - Date.now()));
            await killServer(running);
            await writer;
            views += viewTimes.length;
            // Views of the last flush interval before the kill may not have been written yet.
            viewsAtRisk += viewTimes.filter((t) => t > killAt - VIEW_FLUSH_MS - 500).length;
            running = await startServer(env);
            token = await signIn(running.url, reader.email, reader.password);
          }

          // Views older than one flush interval survive a kill: read, wait past a flush, kill.
          const viewed = articles.slice(0, 10);
          const before = new Map<string, number>();
          for (const id of viewed) {
            const res = await api(running.url, `/articles/${id}`, { token });
            before.set(id, (res.json.article as { counts: { views: number } }).counts.views);
            const page = await fetch(`${running.url}/article/${id}`, {
              headers: {
                'user-agent': BROWSER_UA,
                cookie: `byline_vid=${randomBytes(16).toString('base64url')}`,
              },
            });
            await page.arrayBuffer();
          }
          await new Promise((r) => setTimeout(r, VIEW_FLUSH_MS + 1_500));
          await killServer(running);
          running = await startServer(env);
          token = await signIn(running.url, reader.email, reader.password);
          let flushedLost = 0;
          for (const id of viewed) {
            const res = await api(running.url, `/articles/${id}`, { token });
            const now = (res.json.article as { counts: { views: number } }).counts.views;
            if (now < before.get(id)! + 1) flushedLost++;
          }
          expect(flushedLost).toBe(0);

          // Every acknowledged article, published, with its acknowledged comments.
          let missing = 0;
          let viewsStored = 0;
          for (const id of articles) {
            const res = await api(running.url, `/articles/${id}`, { token });
            if (res.status !== 200) missing++;
            else viewsStored += (res.json.article as { counts: { views: number } }).counts.views;
          }
          const byArticle = new Map<string, Set<string>>();
          for (const c of comments) {
            if (!byArticle.has(c.article)) {
              // Signed in as the writer: its own comments show even while held for review (a new account's are).
              const res = await api(running.url, `/articles/${c.article}/comments?limit=100`, {
                token,
              });
              byArticle.set(
                c.article,
                new Set((res.json.items as { id: string }[]).map((x) => x.id)),
              );
            }
          }
          const lostComments = comments.filter((c) => !byArticle.get(c.article)!.has(c.id)).length;
          console.log(
            `[kill -9 ${engine}] ${CYCLES} kills, ${written} requests: ${articles.length} articles and ` +
              `${comments.length} comments acknowledged, ${missing + lostComments} lost; views ${viewsStored} ` +
              `stored of ${views} counted (${viewsAtRisk} in the last ${VIEW_FLUSH_MS / 1000} s before a kill)`,
          );
          expect(missing).toBe(0);
          expect(lostComments).toBe(0);
          expect(articles.length).toBeGreaterThan(CYCLES);
          expect(viewsStored).toBeGreaterThanOrEqual(views - viewsAtRisk);
          expect(await stopServer(running)).toBe(0);
        } finally {
          await killServer(running);
          await cleanup();
        }
      },
      300_000,
    );
  }
});
