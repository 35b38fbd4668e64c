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

type Send = (message: Record<string, unknown>) => Promise<unknown>;

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

export interface PgliteWorkerClient {
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

/** Starts the worker, opens PGlite in it and runs `setup` (session settings). */
export async function startPgliteWorker(
  dataDir: string | undefined,
  setup: string,
  options: { onFatal?: (err: Error) => void; onRestart?: (n: number) => void } = {},
): Promise<PgliteWorkerClient> {
  let nextId = 1;
  let closed = false;
  let generation = 0;
  let restarts = 0;
  const recentRestarts: number[] = [];
  let fatal: Error | undefined;

  const spawn = async (): Promise<Thread> => {
    const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
      workerData: { dataDir, setup },
    });
    const thread: Thread = { worker, pending: new Map(), dead: false, generation: ++generation };
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
  };

  let current: Promise<Thread> = spawn();
  await current;

  /** The live thread, starting a new one when the last died (at most MAX_RESTARTS a minute). */
  const live = async (): Promise<Thread> => {
    const thread = await current;
    if (!thread.dead) return thread;
    if (fatal) throw fatal;
    const now = Date.now();
    while (recentRestarts.length && now - recentRestarts[0]! > RESTART_WINDOW_MS)
      recentRestarts.shift();
    if (recentRestarts.length >= MAX_RESTARTS) {
      fatal = new Error(
        `the embedded database stopped ${MAX_RESTARTS} times within a minute; giving up`,
      );
      options.onFatal?.(fatal);
      throw fatal;
    }
    recentRestarts.push(now);
    restarts++;
    options.onRestart?.(restarts);
    current = spawn();
    return current;
  };

  const send: Send = async (message) => {
    if (closed) throw new Error('the embedded database is closed');
    const thread = await live();
    // CASE: a transaction begun on a thread that has since died cannot go on on the new one.
    if (message.gen !== undefined && message.gen !== thread.generation) throw stopped();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      const { gen: _gen, ...rest } = message;
      thread.worker.postMessage({ ...rest, id });
    });
  };

  return {
    ...clientFor(send),
    async transaction(fn) {
      const thread = await live();
      const gen = thread.generation;
      const inTx: Send = (m) => send({ ...m, gen });
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
    async close() {
      if (closed) return;
      const thread = await current.catch(() => undefined);
      if (thread && !thread.dead) {
        await send({ op: 'close' }).catch(() => {});
        closed = true;
        thread.dead = true;
        await thread.worker.terminate();
      }
      closed = true;
    },
    async crash() {
      const thread = await current;
      await thread.worker.terminate();
    },
    get closed() {
      return closed;
    },
    get restarts() {
      return restarts;
    },
  };
}
