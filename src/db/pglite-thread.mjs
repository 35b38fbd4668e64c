// The embedded database's own thread. PGlite is WebAssembly and runs every
// query synchronously on the thread that owns it; here that thread is this
// worker, so the server's event loop keeps answering while a query runs.
// Protocol (see pglite-worker.ts): { id, op, ... } in; { id, result } or
// { id, error } out. Plain JavaScript so it starts the same under node, tsx
// and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

/** Drizzle reads dates, times and intervals as the server's text (same parsers it gives PGlite). */
const RAW_TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];
const rawParsers = Object.fromEntries(RAW_TEXT_TYPES.map((oid) => [oid, (value) => value]));

const pg = await PGlite.create(workerData.dataDir ? { dataDir: workerData.dataDir } : {});
await pg.exec(workerData.setup);

/** Open transactions by id: the handle to query through and how to end it. */
const transactions = new Map();
let nextTx = 1;

function options(message) {
  const out = { rowMode: message.rowMode ?? 'object' };
  if (message.rawDates) out.parsers = rawParsers;
  return out;
}

function target(message) {
  if (message.tx === undefined) return pg;
  const open = transactions.get(message.tx);
  if (!open) throw new Error(`transaction ${message.tx} is not open`);
  return open.tx;
}

/** A plain copy of an error, with PostgreSQL's fields (code, detail, constraint …). */
function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
  for (const key of Object.keys(err ?? {})) {
    const value = err[key];
    if (['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  return out;
}

const ROLLBACK = Symbol('rollback');

const handlers = {
  async query(m) {
    const result = await target(m).query(m.sql, m.params ?? [], options(m));
    return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
  },
  async exec(m) {
    const results = await target(m).exec(m.sql);
    return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
  },
  async begin() {
    const id = nextTx++;
    let started;
    let failed;
    const running = new Promise((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    const entry = {};
    entry.done = pg
      .transaction(
        (tx) =>
          new Promise((commit, rollback) => {
            Object.assign(entry, { tx, commit, rollback });
            transactions.set(id, entry);
            started(id);
          }),
      )
      .catch((err) => {
        if (err !== ROLLBACK) throw err;
      })
      .finally(() => transactions.delete(id));
    // CASE: BEGIN itself failed; the caller hears it instead of waiting forever.
    entry.done.catch(failed);
    return running;
  },
  async commit(m) {
    const open = transactions.get(m.tx);
    if (!open) throw new Error(`transaction ${m.tx} is not open`);
    open.commit();
    await open.done;
  },
  async rollback(m) {
    const open = transactions.get(m.tx);
    if (!open) return;
    open.rollback(ROLLBACK);
    await open.done;
  },
  async close() {
    if (!pg.closed) await pg.close();
  },
};

parentPort.on('message', async (message) => {
  try {
    const result = await handlers[message.op](message);
    parentPort.postMessage({ id: message.id, result });
  } catch (err) {
    parentPort.postMessage({ id: message.id, error: plainError(err) });
  }
});
parentPort.postMessage({ ready: true });
