/**
 * The tables the events domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';

/**
 * The transactional outbox: a command writes its events here in the same
 * transaction as its rows, so subscribers (page caches on every instance,
 * search, fingerprints, related lists, notifications) hear exactly what
 * committed — nothing rolled back, nothing lost to a crash between commit and
 * announce. Kept a day, then pruned.
 */
export const events = byline.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /**
     * The writing transaction's id (64-bit, never wraps). Durable consumers
     * read only events of transactions older than every one still running, so
     * an event that commits late can never fall behind a consumer's position.
     */
    txid: bigint('txid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    createdAt: createdAt(),
  },
  (t) => [index('events_created_idx').on(t.createdAt), index('events_txid_idx').on(t.txid, t.id)],
);

/**
 * Where each durable consumer (search indexing, fingerprints, related lists,
 * notifications …) stands: every event of a transaction below `done_below`
 * is handled. A consumer's run locks its row, so one instance at a time
 * handles it, and advances the row in the transaction that does the work.
 */
export const eventConsumers = byline.table('event_consumers', {
  name: text('name').primaryKey(),
  doneBelow: bigint('done_below', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
