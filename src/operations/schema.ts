/**
 * The tables the operations domain owns (see CONTEXT.md): what the admin's
 * dashboard shows about the running site. Only this domain reads or writes them.
 */
import { boolean, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { byline } from '../db/pg-schema.js';

/** Each background job's last run, on whichever instance ran it (one row per job). */
export const jobRuns = byline.table('job_runs', {
  name: text('name').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  durationMs: integer('duration_ms').notNull(),
  ok: boolean('ok').notNull(),
  /** The failure's message when ok is false, else ''. */
  error: text('error').notNull().default(''),
  /** Which instance ran it (host:pid). */
  instance: text('instance').notNull(),
  /** When it last succeeded (kept through failures). */
  lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
  runs: integer('runs').notNull().default(1),
  failures: integer('failures').notNull().default(0),
});
