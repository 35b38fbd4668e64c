/**
 * Durable event consumers: background work that must follow every committed
 * change exactly once — search indexing, fingerprints, related lists,
 * notifications — however many instances run and whenever they restart.
 *
 * A consumer's run is one transaction: it locks the consumer's row (another
 * instance already running it is skipped, not waited for), reads the events
 * of transactions that have all finished since its position, lets the
 * handler do its work with the same transaction, and moves the position. The
 * work and the position commit together: a crash repeats nothing and loses
 * nothing.
 *
 * Positions are transaction ids, not event ids: ids are handed out when a
 * transaction inserts, not when it commits, so a long transaction can commit
 * an event below one already read. Reading only below the oldest transaction
 * still running in this database (safeHorizon) makes that impossible.
 */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '../db/client.js';
import type { DomainEvent, DomainEventType, StoredEvent } from './events.js';
import { eventConsumers, events } from './schema.js';

/** Events handed to a handler at most per run (a run that gets this many runs again at once). */
export const CONSUMER_BATCH = 500;

/** The oldest transaction still running: everything below it has committed or rolled back. */
const SNAPSHOT_XMIN = sql`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

export type ConsumerHandler<T extends DomainEventType> = (
  tx: Tx,
  events: readonly (StoredEvent & { type: T })[],
) => Promise<void>;

export interface ConsumerRun {
  /** Another instance holds the consumer: nothing was done. */
  readonly busy: boolean;
  /** Events of the consumer's types handled. */
  readonly handled: number;
  /** More events are waiting (the batch was full). */
  readonly more: boolean;
}

export interface ConsumerOptions {
  /**
   * Where a consumer seen for the first time begins: at the oldest event
   * still kept (the default: indexers re-check what the last day changed,
   * which costs little as they skip what is up to date), or at the present
   * (notifications: nobody wants yesterday's news on the first run).
   */
  readonly startAt?: 'retained' | 'present';
  /** Events handed to the handler at most per run. */
  readonly batch?: number;
}

/** Transaction ids wrap at 2^32 in pg_stat_activity; the events' ids carry the epoch. */
const XID_WRAP = 4_294_967_296;

/**
 * Below this transaction id every transaction **of this database** has
 * finished: the oldest one still running here (its id assigned, so it may
 * have written an event), else the next id to be assigned. The snapshot is
 * taken first, in its own statement, so any transaction it saw running is
 * either still listed in pg_stat_activity when that is read, or finished.
 * Transactions of other databases on the same server (a long import, a
 * pg_dump) do not hold the consumers back, as the cluster-wide
 * pg_snapshot_xmin would.
 */
async function safeHorizon(tx: Tx): Promise<number> {
  const [snap] = rowsOf<{ s: string }>(
    await tx.execute(sql`SELECT pg_current_snapshot()::text AS s`),
  );
  const [row] = rowsOf<{ horizon: string }>(
    await tx.execute(sql`
      SELECT coalesce(
        (SELECT min(x::text::bigint) FROM pg_snapshot_xip(${snap!.s}::pg_snapshot) x
         WHERE (x::text::bigint % ${XID_WRAP}) IN (
           SELECT backend_xid::text::bigint FROM pg_stat_activity
           WHERE datname = current_database() AND backend_xid IS NOT NULL)),
        pg_snapshot_xmax(${snap!.s}::pg_snapshot)::text::bigint)::text AS horizon`),
  );
  return Number(row!.horizon);
}

/**
 * Runs a consumer once: the events of `types` committed since its last run,
 * in commit order (by transaction, then id).
 */
export async function runConsumer<T extends DomainEventType>(
  db: Queryable,
  name: string,
  types: readonly T[],
  handler: ConsumerHandler<T>,
  options: ConsumerOptions = {},
): Promise<ConsumerRun> {
  const batch = options.batch ?? CONSUMER_BATCH;
  const start =
    options.startAt === 'present'
      ? SNAPSHOT_XMIN
      : sql`coalesce((SELECT min(txid) FROM byline.events), ${SNAPSHOT_XMIN})`;
  await db.execute(sql`
    INSERT INTO byline.event_consumers (name, done_below) VALUES (${name}, ${start})
    ON CONFLICT (name) DO NOTHING`);
  return db.transaction(async (tx) => {
    const [state] = await tx
      .select({ doneBelow: eventConsumers.doneBelow })
      .from(eventConsumers)
      .where(eq(eventConsumers.name, name))
      .for('update', { skipLocked: true });
    if (!state) return { busy: true, handled: 0, more: false };
    const upTo = await safeHorizon(tx);
    const rows = await tx
      .select({
        id: events.id,
        type: events.type,
        payload: events.payload,
        txid: events.txid,
        at: events.createdAt,
      })
      .from(events)
      .where(
        and(
          gte(events.txid, state.doneBelow),
          lt(events.txid, upTo),
          inArray(events.type, [...types]),
        ),
      )
      .orderBy(asc(events.txid), asc(events.id))
      .limit(batch + 1);
    let doneBelow = upTo;
    let taken = rows;
    if (rows.length > batch) {
      // CASE: a full batch — stop before the last transaction read (it may have more events).
      const lastTx = rows[batch - 1]!.txid;
      taken = rows.filter((r) => r.txid < lastTx);
      // …unless one transaction alone fills the batch: then all of its events are taken.
      if (taken.length === 0) {
        taken = await tx
          .select({
            id: events.id,
            type: events.type,
            payload: events.payload,
            txid: events.txid,
            at: events.createdAt,
          })
          .from(events)
          .where(and(eq(events.txid, lastTx), inArray(events.type, [...types])))
          .orderBy(asc(events.id));
        doneBelow = lastTx + 1;
      } else doneBelow = lastTx;
    }
    const list = taken.map(
      (r) => ({ ...r.payload, type: r.type, id: r.id, at: r.at }) as StoredEvent & { type: T },
    );
    if (list.length > 0) await handler(tx, list);
    await tx
      .update(eventConsumers)
      .set({ doneBelow, updatedAt: sql`now()` })
      .where(eq(eventConsumers.name, name));
    return { busy: false, handled: list.length, more: doneBelow < upTo };
  });
}

/** Runs a consumer until it has caught up (or another instance holds it). */
export async function drainConsumer<T extends DomainEventType>(
  db: Queryable,
  name: string,
  types: readonly T[],
  handler: ConsumerHandler<T>,
  options: ConsumerOptions = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const run = await runConsumer(db, name, types, handler, options);
    total += run.handled;
    if (run.busy || !run.more) return total;
  }
}

/** The article ids named by a list of events (one event may name many: an import). */
export function articleIdsOf(list: readonly DomainEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of list) {
    if ('articleId' in e) ids.add(e.articleId);
    if ('articleIds' in e) for (const id of e.articleIds) ids.add(id);
  }
  return [...ids];
}
