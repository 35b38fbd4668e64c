/**
 * Cluster-wide locks by name: what makes start-up and jobs happen once however
 * many instances share one PostgreSQL database. PostgreSQL advisory locks
 * (session level) on a connection of their own; on the embedded database —
 * one process by construction — the same interface in memory.
 *
 * A lock held by a process that dies (or whose lock connection breaks) is
 * released by PostgreSQL at once, so another instance takes the work over.
 */
import pg from 'pg';

/** The first key of every advisory lock: "byli" in ASCII, so Byline's locks never meet another app's. */
const LOCK_NAMESPACE = 0x62796c69;

export interface Locks {
  /** Runs `fn` holding the lock, waiting for it if another holder has it (start-up). */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` if the lock is free now; `{ ran: false }` when another holder has it (jobs). */
  tryWithLock<T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }>;
  close(): Promise<void>;
}

/** In one process: a set of names held (the embedded database, and tests). */
export class MemoryLocks implements Locks {
  readonly #held = new Map<string, Promise<unknown>>();

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    for (let busy = this.#held.get(name); busy; busy = this.#held.get(name))
      await busy.catch(() => {});
    return this.#hold(name, fn);
  }

  async tryWithLock<T>(name: string, fn: () => Promise<T>) {
    if (this.#held.has(name)) return { ran: false as const };
    return { ran: true as const, value: await this.#hold(name, fn) };
  }

  async #hold<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const running = fn();
    this.#held.set(name, running);
    try {
      return await running;
    } finally {
      this.#held.delete(name);
    }
  }

  async close(): Promise<void> {}
}

/**
 * PostgreSQL advisory locks. Try-locks share one connection of their own
 * (taking or giving one back is a single quick statement); a waiting lock
 * takes a pool connection for as long as it waits and holds.
 */
export class PgLocks implements Locks {
  #client: Promise<pg.Client> | undefined;
  /** Names this process holds through the shared connection (advisory locks are re-entrant per session). */
  readonly #held = new Set<string>();
  /** Statements on the shared connection, one after another (a client runs one query at a time). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {}

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, name]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, name]);
      }
    } finally {
      client.release();
    }
  }

  async tryWithLock<T>(name: string, fn: () => Promise<T>) {
    if (this.#held.has(name)) return { ran: false as const };
    const { rows } = await this.#query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [LOCK_NAMESPACE, name],
    );
    if (!rows[0]?.locked) return { ran: false as const };
    this.#held.add(name);
    try {
      return { ran: true as const, value: await fn() };
    } finally {
      this.#held.delete(name);
      // CASE: the connection broke meanwhile: PostgreSQL has released the lock already.
      await this.#query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        LOCK_NAMESPACE,
        name,
      ]).catch(() => {});
    }
  }

  /** One statement on the shared connection, after the ones before it. */
  #query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const run = this.#queue.then(async () => (await this.#connection()).query<R>(text, values));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** The shared lock connection, opened again after it broke. */
  #connection(): Promise<pg.Client> {
    if (!this.#client) {
      const client = new pg.Client({ connectionString: this.url });
      const opening = client.connect().then(() => client);
      const drop = () => {
        if (this.#client === opening) this.#client = undefined;
        this.#held.clear();
      };
      client.on('error', drop);
      client.on('end', drop);
      opening.catch(drop);
      this.#client = opening;
    }
    return this.#client;
  }

  async close(): Promise<void> {
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}
