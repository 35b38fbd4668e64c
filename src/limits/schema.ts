/**
 * The tables the limits domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts.
 */
import { index, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { byline } from '../db/pg-schema.js';

/**
 * Rate-limit windows shared by every instance (and kept across restarts):
 * one row per key (`signin:account:…`, `write:<user>` …), its window's start
 * and the hits in it. Expired rows are pruned hourly.
 */
export const rateLimits = byline.table(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);
