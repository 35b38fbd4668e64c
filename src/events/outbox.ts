/**
 * The transactional outbox (byline.events). `recordEvents` is called with
 * the transaction that makes the change, so an event exists exactly when its
 * change committed.
 */
import { asc, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { events } from './schema.js';
import type { DomainEvent, StoredEvent } from './events.js';

/** Events stay this long: every instance has long read them; a day helps diagnosis. */
export const EVENT_RETENTION_MS = 24 * 3_600_000;

export async function recordEvents(tx: Queryable, list: readonly DomainEvent[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(events)
    .values(
      list.map(({ type, ...payload }) => ({ type, payload: payload as Record<string, unknown> })),
    );
}

export const recordEvent = (tx: Queryable, event: DomainEvent) => recordEvents(tx, [event]);

/** Events after `afterId`, oldest first. */
export async function readEventsAfter(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .select({ id: events.id, type: events.type, payload: events.payload, at: events.createdAt })
    .from(events)
    .where(gt(events.id, afterId))
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.payload, type: r.type, id: r.id, at: r.at }) as StoredEvent);
}

/** These events, those that exist (ids a reader saw missing, committed since). */
export async function readEventsIn(db: Queryable, ids: readonly number[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: events.id, type: events.type, payload: events.payload, at: events.createdAt })
    .from(events)
    .where(inArray(events.id, [...ids]))
    .orderBy(asc(events.id));
  return rows.map((r) => ({ ...r.payload, type: r.type, id: r.id, at: r.at }) as StoredEvent);
}

/** The newest event id (0 when there is none): where a new reader starts. */
export async function latestEventId(db: Queryable): Promise<number> {
  const [row] = await db.select({ id: sql<string | null>`max(${events.id})` }).from(events);
  return Number(row?.id ?? 0);
}

export async function pruneEvents(db: Queryable, now: Date): Promise<number> {
  const gone = await db
    .delete(events)
    .where(lt(events.createdAt, new Date(now.getTime() - EVENT_RETENTION_MS)))
    .returning({ id: events.id });
  return gone.length;
}
