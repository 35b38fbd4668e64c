/**
 * The admin socket: how the CLI works on the embedded database while the
 * server runs. PGlite allows one process per data directory (db/lock.ts), so
 * instead of refusing, a CLI command that finds the directory locked by a
 * live server connects to this Unix socket, which the server opens beside
 * its data (mode 0600: only the data directory's owner), and sends the same
 * protocol messages the server's own code sends to its PGlite thread
 * (db/pglite-worker.ts): queries, and transactions that the server rolls
 * back if the CLI disconnects halfway. Every command then runs unchanged,
 * as one more client of the server's database; what it changes reaches the
 * server's caches through the outbox like any other change.
 *
 * Frames: a 4-byte big-endian length, then a v8-serialized message (the
 * structured clone the worker thread uses too: dates, bigints, bytes survive).
 */
import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Db } from './client.js';
import { MemoryLocks } from './locks.js';
import { clientOver, type RawAccess, type Send } from './pglite-worker.js';

/** Unix socket paths are limited to ~107 bytes; a longer data dir's socket goes to the temp dir. */
const MAX_SOCKET_PATH = 100;
/** A message larger than this is refused (an import's batch is far smaller). */
const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Where the server of this data directory listens (the same on both sides). */
export function adminSocketPath(dataDir: string): string {
  const beside = path.join(path.resolve(dataDir), 'admin.sock');
  if (beside.length <= MAX_SOCKET_PATH) return beside;
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `byline-${hash}.sock`);
}

/** Calls `onMessage` for each frame read from the socket. */
function readFrames(socket: net.Socket, onMessage: (message: Record<string, unknown>) => void) {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (buffer.length >= 4) {
      const size = buffer.readUInt32BE(0);
      if (size > MAX_FRAME_BYTES) {
        socket.destroy(new Error('frame too large'));
        return;
      }
      if (buffer.length < 4 + size) break;
      const message = v8.deserialize(buffer.subarray(4, 4 + size)) as Record<string, unknown>;
      buffer = buffer.subarray(4 + size);
      onMessage(message);
    }
  });
}

function writeFrame(socket: net.Socket, message: unknown): void {
  const body = v8.serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([head, body]));
}

function plainError(err: unknown): Record<string, unknown> {
  const e = err as Record<string, unknown> & { message?: string };
  const out: Record<string, unknown> = { message: String(e?.message ?? err) };
  for (const [key, value] of Object.entries(e ?? {}))
    if (['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  return out;
}

/** The server side: opens the socket; returns the function that closes it. */
export async function serveAdminSocket(
  dataDir: string,
  raw: RawAccess,
): Promise<() => Promise<void>> {
  const file = adminSocketPath(dataDir);
  // CASE: a socket file left by a server that was killed: we hold the data-dir lock, so it is stale.
  rmSync(file, { force: true });
  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    /** This connection's open transactions: its id → the send bound to it. */
    const open = new Map<number, Send>();
    readFrames(socket, (m) => {
      const id = m.id;
      const answer = async (): Promise<unknown> => {
        switch (m.op) {
          case 'query':
          case 'exec': {
            if (m.tx === undefined) return raw.send(m);
            const send = open.get(Number(m.tx));
            if (!send) throw new Error(`transaction ${String(m.tx)} is not open`);
            return send(m);
          }
          case 'begin': {
            const { tx, send } = await raw.begin();
            open.set(tx, send);
            return tx;
          }
          case 'commit':
          case 'rollback': {
            const send = open.get(Number(m.tx));
            open.delete(Number(m.tx));
            if (!send) throw new Error(`transaction ${String(m.tx)} is not open`);
            return send({ op: m.op, tx: m.tx });
          }
          default:
            throw new Error(`unsupported operation: ${String(m.op)}`);
        }
      };
      answer().then(
        (result) => !socket.destroyed && writeFrame(socket, { id, result }),
        (err: unknown) => !socket.destroyed && writeFrame(socket, { id, error: plainError(err) }),
      );
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      connections.delete(socket);
      // CASE: the CLI went away mid-transaction: nothing it half-wrote stays.
      for (const [tx, send] of open) void send({ op: 'rollback', tx }).catch(() => {});
      open.clear();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  chmodSync(file, 0o600);
  return async () => {
    for (const socket of connections) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(file, { force: true });
  };
}

/**
 * The CLI side: the database of the server running on this data directory,
 * reached through its socket, or undefined when nothing answers there.
 */
export async function connectAdminSocket(dataDir: string): Promise<Database | undefined> {
  const file = adminSocketPath(dataDir);
  const socket = await new Promise<net.Socket | undefined>((resolve) => {
    const s = net.createConnection(file);
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(undefined));
  });
  if (!socket) return undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  readFrames(socket, (reply) => {
    const waiting = pending.get(Number(reply.id));
    if (!waiting) return;
    pending.delete(Number(reply.id));
    const error = reply.error as (Record<string, unknown> & { message: string }) | undefined;
    if (error) waiting.reject(Object.assign(new Error(error.message), error));
    else waiting.resolve(reply.result);
  });
  socket.on('error', (err) => failAll(err));
  socket.on('close', () => failAll(new Error('the server closed the admin socket')));
  const send: Send = (message) =>
    new Promise((resolve, reject) => {
      if (socket.destroyed) return reject(new Error('the server closed the admin socket'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      writeFrame(socket, { ...message, id });
    });
  const client = clientOver(send);
  return {
    db: drizzlePglite(client as unknown as PGlite) as unknown as Db,
    kind: 'pglite',
    locks: new MemoryLocks(),
    close: async () => {
      socket.end();
      await new Promise<void>((resolve) => {
        if (socket.closed) resolve();
        else socket.once('close', () => resolve());
      });
    },
  };
}
