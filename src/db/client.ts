/**
 * Opens the database: PostgreSQL when a URL is given, else the embedded PGlite
 * in a data directory (or in memory for tests). Both expose the same Drizzle
 * API, so domain code never knows which engine it runs on.
 */
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { listenForever, type ListenHandlers } from './listen.js';
import { MemoryLocks, PgLocks, type Locks } from './locks.js';
import { startPgliteWorker, type RawAccess } from './pglite-worker.js';

/** No relational schema: queries name their tables, which each domain declares (src/<domain>/schema.ts). */
type NoRelations = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoRelations>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  NoRelations,
  ExtractTablesWithRelations<NoRelations>
>;
/** Either the database or an open transaction: commands accept both. */
export type Queryable = Db | Tx;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly kind: DbKind;
  /** Cluster-wide locks by name (start-up, jobs): advisory locks on PostgreSQL, in memory on PGlite. */
  readonly locks: Locks;
  /**
   * Listens for notifications on a connection of its own (PostgreSQL; the
   * embedded database has one process and needs none). Returns the stop function.
   */
  listen?(channel: string, handlers: ListenHandlers): () => Promise<void>;
  close(): Promise<void>;
  /** The embedded database in a worker: end its thread as a crash would (tests). */
  crash?(): Promise<void>;
  /** The embedded database's protocol, which the admin socket offers to the CLI (db/admin-socket.ts). */
  readonly raw?: RawAccess;
}

/**
 * Session settings for every connection. A 2-core machine gains nothing from
 * parallel query workers and loses latency to them, so they are off; JIT
 * compiles for big estimated costs and adds ~10 ms to queries that run in tens
 * of milliseconds (measured on the related-articles batch), so it is off too.
 */
const SESSION_SETTINGS = ['max_parallel_workers_per_gather=0', 'jit=off', 'timezone=UTC'];
/** The same settings as SQL, for PGlite (one connection, set once). */
const SESSION_SETUP_SQL = SESSION_SETTINGS.map((s) => `SET ${s.replace('=', ' = ')};`).join('\n');

/** PostgreSQL pool size: 2 cores; more connections only queue inside the server. */
const PG_POOL_MAX = 10;
/**
 * How long a query waits for a connection. During an outage every connect
 * fails; waiting longer only holds requests that will fail anyway (they get
 * 503 DB_UNAVAILABLE), and a healthy pool hands out a connection in < 1 ms.
 */
const PG_CONNECT_TIMEOUT_MS = 3_000;

export interface OpenOptions {
  /** Called with the SQL of every query (tests count queries per page with it). */
  readonly onQuery?: (sql: string) => void;
  /** The embedded database's thread died and was started again (the n-th time). */
  readonly onRestart?: (n: number) => void;
  /** The embedded database cannot be kept running: the process should exit for its supervisor. */
  readonly onFatal?: (err: Error) => void;
}

function loggerFor(options: OpenOptions) {
  const onQuery = options.onQuery;
  return onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {};
}

export async function openPostgres(url: string, options: OpenOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_MAX,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    options: SESSION_SETTINGS.map((s) => `-c ${s}`).join(' '),
  });
  // A client whose connection dies (server restart, admin terminate) emits 'error': the pool
  // listens while the client is idle, and this listener covers clients that are checked out
  // (mid-transaction), which would otherwise crash the process. Their query fails with the
  // error and the pool drops them; the next query reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // Fail fast with a clear error instead of on the first query.
  const client = await pool.connect();
  client.release();
  const db = drizzlePg(pool, loggerFor(options)) as unknown as Db;
  const locks = new PgLocks(url, pool);
  return {
    db,
    kind: 'postgres',
    locks,
    listen: (channel, handlers) => listenForever(url, channel, handlers),
    close: async () => {
      await locks.close();
      await pool.end();
    },
  };
}

/**
 * Opens PGlite on `dataDir` (a directory), or in memory when undefined, or
 * from a data-dir dump (test templates). PGlite is single-connection and runs
 * on this thread; callers must hold the data-dir lock (db/lock.ts).
 */
export async function openPglite(
  source: { dataDir?: string; dump?: Blob } = {},
  options: OpenOptions = {},
): Promise<Database> {
  const client = await PGlite.create({
    ...(source.dataDir ? { dataDir: source.dataDir } : {}),
    ...(source.dump ? { loadDataDir: source.dump } : {}),
  });
  await client.exec(SESSION_SETUP_SQL);
  const db = drizzlePglite(client, loggerFor(options)) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    locks: new MemoryLocks(),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * Opens PGlite in its own worker thread (db/pglite-worker.ts), so a long
 * query never blocks this thread: what the server uses. Tests that build
 * many databases from a dump use openPglite on their own thread.
 */
export async function openPgliteInWorker(
  dataDir: string | undefined,
  options: OpenOptions = {},
): Promise<Database> {
  const client = await startPgliteWorker(dataDir, SESSION_SETUP_SQL, {
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
    ...(options.onRestart ? { onRestart: options.onRestart } : {}),
  });
  const db = drizzlePglite(client as unknown as PGlite, loggerFor(options)) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    locks: new MemoryLocks(),
    close: () => client.close(),
    crash: () => client.crash(),
    raw: client.raw,
  };
}

/** Rows of a raw `db.execute(sql…)` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
