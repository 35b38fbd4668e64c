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
 */
import { Worker } from 'node:worker_threads';

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
  readonly closed: boolean;
}

/** Starts the worker, opens PGlite in it and runs `setup` (session settings). */
export async function startPgliteWorker(
  dataDir: string | undefined,
  setup: string,
): Promise<PgliteWorkerClient> {
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
    workerData: { dataDir, setup },
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let closed = false;
  let failure: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      const waiting = pending.get(reply.id!);
      if (!waiting) return;
      pending.delete(reply.id!);
      if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
      else waiting.resolve(reply.result);
    });
  });
  worker.on('error', (err) => {
    failure = err;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
  });
  worker.on('exit', () => {
    closed = true;
  });
  await ready;

  const send: Send = (message) => {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  };

  return {
    ...clientFor(send),
    async transaction(fn) {
      const tx = (await send({ op: 'begin' })) as number;
      let result;
      try {
        result = await fn(clientFor(send, tx));
      } catch (err) {
        await send({ op: 'rollback', tx });
        throw err;
      }
      await send({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (closed) return;
      await send({ op: 'close' });
      closed = true;
      await worker.terminate();
    },
    get closed() {
      return closed;
    },
  };
}
