/**
 * The demo-seeded, search-indexed database the whole-site tests start from,
 * built once per run and per engine, then copied for every test file that
 * needs one (a dump load or `CREATE DATABASE … TEMPLATE`, ~1 s, instead of
 * ~20 s for seeding 1,608 articles and indexing them in each file). The first
 * worker to ask builds it under an exclusive lock file; the others wait for
 * it to be marked ready. Each copy is the caller's own, dropped on close.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { seedDemo } from '../src/cli/seed.js';
import { openPglite, openPostgres, type DbKind } from '../src/db/client.js';
import { indexAll } from '../src/search/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { testClock, testSegmenter } from './factories.js';
import { adminUrl, databaseUrl } from './pg-urls.js';

/** How long a worker waits for another to finish building (seeding takes ~20 s, longer on a loaded machine). */
const BUILD_WAIT_MS = 300_000;
const POLL_MS = 250;

export async function demoDatabase(engine: DbKind = 'pglite'): Promise<TestDatabase> {
  const dir = path.dirname(inject('pgliteTemplatePath'));
  const ready = path.join(dir, engine === 'pglite' ? 'pglite-demo.tar' : 'postgres-demo.ready');
  const demoName = `${inject('postgresTemplate')}_demo`;
  if (!existsSync(ready) && takeLock(`${ready}.lock`)) {
    if (engine === 'pglite') await buildDump(ready);
    else await buildPostgresTemplate(demoName, ready);
  }
  const deadline = Date.now() + BUILD_WAIT_MS;
  while (!existsSync(ready)) {
    if (Date.now() > deadline) throw new Error(`the ${engine} demo database was not built in time`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (engine === 'pglite') return openPglite({ dump: new Blob([readFileSync(ready)]) });
  return createTestDatabase('postgres', { template: demoName });
}

function takeLock(lockPath: string): boolean {
  try {
    closeSync(openSync(lockPath, 'wx'));
    return true;
  } catch {
    return false;
  }
}

async function seedAndIndex(database: TestDatabase): Promise<void> {
  await seedDemo(database.db, { clock: testClock() });
  await indexAll(database.db, testSegmenter);
}

async function buildDump(dumpPath: string): Promise<void> {
  const database = await createTestDatabase('pglite');
  try {
    await seedAndIndex(database);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    // Written whole, then renamed: a waiting worker never reads half a file.
    writeFileSync(`${dumpPath}.part`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${dumpPath}.part`, dumpPath);
  } finally {
    await database.close();
  }
}

/** A database kept for the run (global-setup drops it with the template), then marked ready. */
async function buildPostgresTemplate(name: string, readyPath: string): Promise<void> {
  const base = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const database = await openPostgres(databaseUrl(base, name));
  try {
    await seedAndIndex(database);
  } finally {
    await database.close();
  }
  writeFileSync(readyPath, name);
}
