/**
 * PGlite in a worker thread. PGlite runs each query synchronously on the
 * thread that owns it (WebAssembly), so on the server's thread a 2-second
 * query would freeze every request; in its own thread it only makes the
 * queries behind it wait, as on PostgreSQL with one connection.
 *
 * The client here has the three methods Drizzle's PGlite driver calls —
 * query, exec and transaction — and forwards them as messages. Transactions
 * stay open in the worker until this side commits or rolls back; queries
 * inside carry the transaction's id. Still one process and one data dir: the
 * caller holds the data-dir lock (db/lock.ts).
 *
 * If the thread dies (a WebAssembly abort, out of memory), what was in flight
 * fails as an outage (DB_UNAVAILABLE) and the next query starts a new thread
 * on the same data dir, which recovers from its write-ahead log like a server
 * after a crash. After MAX_RESTARTS in RESTART_WINDOW_MS it gives up: every
 * query fails and `onFatal` is called (the server exits for its supervisor).
 */
import { Worker } from 'node:worker_threads';

/** Restarts allowed in a window before the embedded database is declared broken. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

interface Reply {
  id?: number;
  ready?: boolean;
  result?: unknown;
  error?: Record<string, unknown> & { message: string };
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

export type Send = (message: Record<string, unknown>) => Promise<unknown>;

function clientFor(send: Send, tx?: number) {
  return {
    query(sql: string, params?: unknown[], options?: QueryOptions) {
      return send({
        op: 'query',
        sql,
        params: params ?? [],
        rowMode: options?.rowMode ?? 'object',
        // Drizzle's only parsers keep dates and times as text; the worker applies the same.
        rawDates: options?.parsers !== undefined,
        ...(tx === undefined ? {} : { tx }),
      });
    },
    exec(sql: string) {
      return send({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) });
    },
  };
}

/** The worker's own protocol, for the admin socket (db/admin-socket.ts) to forward a CLI's messages. */
export interface RawAccess {
  send(message: Record<string, unknown>): Promise<unknown>;
  /** Opens a transaction; its messages go through the returned send (bound to this thread). */
  begin(): Promise<{ tx: number; send: Send }>;
}

/** A client with the methods Drizzle's PGlite driver calls, over any carrier of the protocol. */
export function clientOver(send: Send) {
  return {
    ...clientFor(send),
    async transaction<T>(fn: (tx: ReturnType<typeof clientFor>) => Promise<T>): Promise<T> {
      const tx = (await send({ op: 'begin' })) as number;
      let result: T;
      try {
        result = await fn(clientFor(send, tx));
      } catch (err) {
        await send({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      await send({ op: 'commit', tx });
      return result;
    },
  };
}

export interface PgliteWorkerClient {
  readonly raw: RawAccess;
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: ReturnType<typeof clientFor>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Ends the thread as a crash would (tests of the restart path). */
  crash(): Promise<void>;
  readonly closed: boolean;
  /** Threads started after the first (each one a recovery). */
  readonly restarts: number;
}

/** What in-flight queries fail with when the thread dies (matched as DB_UNAVAILABLE). */
function stopped(cause?: unknown): Error {
  return new Error('the embedded database stopped unexpectedly', { cause });
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
  dead: boolean;
  /** Transaction ids opened on this thread (a new thread knows none of them). */
  generation: number;
}

/** Spawns a thread with PGlite opened in it; resolves once it is ready. */
async function spawnThread(
  dataDir: string | undefined,
  setup: string,
  generation: number,
): Promise<Thread> {
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
    workerData: { dataDir, setup },
  });
  const thread: Thread = { worker, pending: new Map(), dead: false, generation };
  const fail = (err: Error) => {
    if (thread.dead) return;
    thread.dead = true;
    for (const waiting of thread.pending.values()) waiting.reject(stopped(err));
    thread.pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database exited (${code})`)));
    worker.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      const waiting = thread.pending.get(reply.id!);
      if (!waiting) return;
      thread.pending.delete(reply.id!);
      if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
      else waiting.resolve(reply.result);
    });
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  return thread;
}

/** The thread PGlite runs in, started again when it dies (at most MAX_RESTARTS a minute). */
class WorkerHost {
  #nextId = 1;
  #generation = 0;
  #restarts = 0;
  readonly #recentRestarts: number[] = [];
  #fatal: Error | undefined;
  #current: Promise<Thread>;
  closed = false;

  constructor(
    private readonly dataDir: string | undefined,
    private readonly setup: string,
    private readonly options: { onFatal?: (err: Error) => void; onRestart?: (n: number) => void },
  ) {
    this.#current = spawnThread(dataDir, setup, ++this.#generation);
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Resolves when the first thread is ready (or rejects when it cannot start). */
  ready(): Promise<Thread> {
    return this.#current;
  }

  /** The live thread, starting a new one when the last died. */
  async live(): Promise<Thread> {
    const thread = await this.#current;
    if (!thread.dead) return thread;
    if (this.#fatal) throw this.#fatal;
    const now = Date.now();
    while (this.#recentRestarts.length && now - this.#recentRestarts[0]! > RESTART_WINDOW_MS)
      this.#recentRestarts.shift();
    if (this.#recentRestarts.length >= MAX_RESTARTS) {
      this.#fatal = new Error(
        `the embedded database stopped ${MAX_RESTARTS} times within a minute; giving up`,
      );
      this.options.onFatal?.(this.#fatal);
      throw this.#fatal;
    }
    this.#recentRestarts.push(now);
    this.#restarts++;
    this.options.onRestart?.(this.#restarts);
    this.#current = spawnThread(this.dataDir, this.setup, ++this.#generation);
    return this.#current;
  }

  readonly send: Send = async (message) => {
    if (this.closed) throw new Error('the embedded database is closed');
    const thread = await this.live();
    // CASE: a transaction begun on a thread that has since died cannot go on on the new one.
    if (message.gen !== undefined && message.gen !== thread.generation) throw stopped();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      const { gen: _gen, ...rest } = message;
      thread.worker.postMessage({ ...rest, id });
    });
  };

  async close(): Promise<void> {
    if (this.closed) return;
    const thread = await this.#current.catch(() => undefined);
    if (thread && !thread.dead) {
      await this.send({ op: 'close' }).catch(() => {});
      this.closed = true;
      thread.dead = true;
      await thread.worker.terminate();
    }
    this.closed = true;
  }

  async crash(): Promise<void> {
    const thread = await this.#current;
    await thread.worker.terminate();
  }
}

/** Starts the worker, opens PGlite in it and runs `setup` (session settings). */
export async function startPgliteWorker(
  dataDir: string | undefined,
  setup: string,
  options: { onFatal?: (err: Error) => void; onRestart?: (n: number) => void } = {},
): Promise<PgliteWorkerClient> {
  const host = new WorkerHost(dataDir, setup, options);
  await host.ready();
  return {
    ...clientFor(host.send),
    async transaction(fn) {
      const thread = await host.live();
      const gen = thread.generation;
      const inTx: Send = (m) => host.send({ ...m, gen });
      const tx = (await inTx({ op: 'begin' })) as number;
      let result;
      try {
        result = await fn(clientFor(inTx, tx));
      } catch (err) {
        await inTx({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      await inTx({ op: 'commit', tx });
      return result;
    },
    raw: {
      send: (m) => host.send(m),
      async begin() {
        const thread = await host.live();
        const gen = thread.generation;
        const inTx: Send = (m) => host.send({ ...m, gen });
        return { tx: (await inTx({ op: 'begin' })) as number, send: inTx };
      },
    },
    close: () => host.close(),
    crash: () => host.crash(),
    get closed() {
      return host.closed;
    },
    get restarts() {
      return host.restarts;
    },
  };
}
