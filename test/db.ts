/**
 * Test databases on both engines (Kysely `test-setup.ts` style): every DB test
 * runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. Each test
 * gets a fresh database copied from the run's migrated template, dropped after.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openPglite, openPostgres, type Database, type DbKind } from '../src/db/client.js';
import { adminUrl, databaseUrl } from './pg-urls.js';

export interface TestDatabase extends Database {
  /** A connection URL for PostgreSQL databases (to start a server process on it). */
  readonly url?: string;
}

let pgliteDump: Blob | undefined;

export async function createTestDatabase(
  engine: DbKind,
  options: {
    empty?: boolean;
    onQuery?: (sql: string) => void;
    /** PostgreSQL: copy this database instead of the migrated template (test/demo-database.ts). */
    template?: string;
  } = {},
): Promise<TestDatabase> {
  const open = { ...(options.onQuery ? { onQuery: options.onQuery } : {}) };
  if (engine === 'pglite') {
    if (options.empty) return openPglite({}, open);
    pgliteDump ??= new Blob([readFileSync(inject('pgliteTemplatePath'))]);
    return openPglite({ dump: pgliteDump }, open);
  }
  const template = inject('postgresTemplate');
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) throw new Error('PostgreSQL is not configured for tests');
  const name = `byline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : (options.template ?? template)}`,
    );
  } finally {
    await admin.end();
  }
  const url = databaseUrl(base, name);
  const database = await openPostgres(url, open);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl(base) });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The engines this run covers, with a reason for each one skipped. */
export function testEngines(): { engine: DbKind; skip: string | null }[] {
  return [
    { engine: 'pglite', skip: null },
    { engine: 'postgres', skip: inject('postgresSkipReason') },
  ];
}

/**
 * Declares the suite once per engine. `db()` returns this test's fresh database
 * (created before each test, closed and dropped after it).
 */
export function describeEachEngine(
  name: string,
  body: (ctx: { engine: DbKind; db: () => TestDatabase }) => void,
): void {
  for (const { engine, skip } of testEngines()) {
    const title = `${name} [${engine}]`;
    if (skip) {
      // Skipped only when the engine is not configured (never under CI=true: global-setup fails then).
      describe.skip(`${title} — skipped: ${skip}`, () => body({ engine, db: notAvailable }));
      continue;
    }
    describe(title, () => {
      let current: TestDatabase | undefined;
      beforeEach(async () => {
        current = await createTestDatabase(engine);
      });
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });
      body({
        engine,
        db: () => {
          if (!current) throw new Error('no test database (used outside a test?)');
          return current;
        },
      });
    });
  }
}

function notAvailable(): never {
  throw new Error('engine skipped');
}

/**
 * Like describeEachEngine, but one database for the whole suite, prepared
 * once by `setup` (for read-only page tests over a seeded site).
 */
export function describeEachEngineShared<T>(
  name: string,
  setup: (database: TestDatabase) => Promise<T>,
  body: (ctx: { engine: DbKind; db: () => TestDatabase; data: () => T }) => void,
  /** Where the suite's database comes from (default: a fresh migrated one; test/demo-database.ts for the demo site). */
  open: (engine: DbKind) => Promise<TestDatabase> = (engine) => createTestDatabase(engine),
): void {
  for (const { engine, skip } of testEngines()) {
    const title = `${name} [${engine}]`;
    if (skip) {
      // Skipped only when the engine is not configured (never under CI=true: global-setup fails then).
      describe.skip(`${title} — skipped: ${skip}`, () =>
        body({ engine, db: notAvailable, data: notAvailable }));
      continue;
    }
    describe(title, () => {
      let current: TestDatabase | undefined;
      let data: T | undefined;
      beforeAll(async () => {
        current = await open(engine);
        data = await setup(current);
      });
      afterAll(async () => {
        await current?.close();
      });
      body({
        engine,
        db: () => current ?? notAvailable(),
        data: () => (data === undefined ? notAvailable() : data),
      });
    });
  }
}
