/**
 * Finds the services the tests use when the environment does not name them,
 * so a plain `npm test` on a machine that has them covers everything:
 * PostgreSQL on its default local port (trust auth, user postgres) and
 * Debian's Chromium. Runs once, in the main process, before workers fork
 * (they inherit the environment): PostgreSQL, Redis (TEST_REDIS_URL) and
 * Chromium. An explicit setting always wins, and an empty one
 * (`TEST_DATABASE_URL=`) turns the service off.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };
/** A local server answers at once; a missing one refuses at once. */
const CONNECT_TIMEOUT_MS = 2_000;

export async function findServices(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.CHROMIUM_PATH === undefined && existsSync(DEFAULT_CHROMIUM))
    env.CHROMIUM_PATH = DEFAULT_CHROMIUM;
  if (env.TEST_DATABASE_URL === undefined) {
    const client = new pg.Client({
      connectionString: DEFAULT_DATABASE_URL,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      env.TEST_DATABASE_URL = DEFAULT_DATABASE_URL;
    } catch {
      // Not there: the PostgreSQL tests say they are skipped (or fail under CI=true).
    } finally {
      await client.end().catch(() => {});
    }
  }
  if (env.TEST_REDIS_URL === undefined && (await answers(DEFAULT_REDIS)))
    env.TEST_REDIS_URL = `redis://${DEFAULT_REDIS.host}:${DEFAULT_REDIS.port}`;
  for (const key of ['CHROMIUM_PATH', 'TEST_DATABASE_URL', 'TEST_REDIS_URL'] as const)
    if (env[key] === '') delete env[key];
}

/** Whether something accepts TCP connections there (a local service answers at once). */
function answers(at: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(at.port, at.host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(false));
  });
}
