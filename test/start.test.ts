/**
 * `npm start` end to end, as a user runs it: a real process, a real port on
 * 127.0.0.1, the demo import on first start, /healthz, pages, a graceful stop
 * and a fast second start — on the embedded database and on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from './db.js';

const BIN = fileURLToPath(new URL('../bin/byline.mjs', import.meta.url));
/** The bar for a start with existing data. */
const SECOND_START_LIMIT_MS = 10_000;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly readyMs: number;
  output(): string;
}

function startServer(env: Record<string, string>): Promise<Running> {
  const began = Date.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in time:\n${out}`));
    }, 150_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /已就绪：(http:\/\/[^\s（]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], readyMs: Date.now() - began, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners('exit');
    running.child.on('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

async function checkServing(url: string, engine: string): Promise<void> {
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', db: engine, articles: 1608 });
  const home = await (await fetch(`${url}/`)).text();
  const link = /href="(\/article\/[a-z0-9]{12})"/.exec(home)?.[1];
  expect(link).toBeDefined();
  const page = await fetch(`${url}${link}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/<h1>[^<]+<\/h1>/);
  expect(html).toContain('CC BY-SA');
  // The page cache, answered by the http server before Fastify: same bytes, gzip on request, views counted.
  const again = await fetch(`${url}${link}`);
  expect(again.headers.get('x-cache')).toBe('HIT');
  expect(await again.text()).toBe(html);
  const etag = again.headers.get('etag')!;
  expect((await fetch(`${url}${link}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  const signedIn = await fetch(`${url}${link}`, { headers: { cookie: 'byline_session=x' } });
  expect(signedIn.headers.get('x-cache')).toBeNull();
}

describe('npm start', () => {
  for (const { engine, skip } of testEngines()) {
    it.skipIf(skip !== null)(
      `serves the demo site on ${engine}, stops cleanly, restarts fast`,
      async () => {
        let env: Record<string, string>;
        let cleanup = async () => {};
        if (engine === 'pglite') {
          const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'byline-start-')), 'data');
          env = { BYLINE_DATA_DIR: dataDir };
        } else {
          const database = await createTestDatabase('postgres', { empty: true });
          env = { DATABASE_URL: database.url! };
          cleanup = () => database.close();
        }
        try {
          const first = await startServer(env);
          expect(first.output()).toContain('导入演示内容');
          expect(first.output()).toContain('演示内容：导入 1608 篇');
          await checkServing(first.url, engine);
          expect(await stop(first)).toBe(0);
          if (engine === 'pglite')
            expect(existsSync(path.join(env.BYLINE_DATA_DIR!, 'byline.lock'))).toBe(false);

          const second = await startServer(env);
          expect(second.output()).not.toContain('导入演示内容');
          expect(second.readyMs).toBeLessThan(SECOND_START_LIMIT_MS);
          await checkServing(second.url, engine);
          console.log(
            `[start ${engine}] first start ${first.readyMs} ms, second start ${second.readyMs} ms`,
          );
          expect(await stop(second)).toBe(0);
        } finally {
          await cleanup();
        }
      },
    );
  }
});
