/**
 * The PostgreSQL schema every table lives in (`byline`, so Byline never
 * touches other schemas of a shared database) and the column helpers the
 * domains' tables share. Times are `timestamptz`, stored in UTC. Each domain
 * declares its own tables in `src/<domain>/schema.ts`; migrations are
 * generated from all of them (drizzle.config.ts).
 */
import { timestamp, pgSchema } from 'drizzle-orm/pg-core';

export const byline = pgSchema('byline');

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
