/**
 * The tables the channels domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { boolean, index, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';

export const channels = byline.table(
  'channels',
  {
    id: smallint('id').primaryKey().generatedAlwaysAsIdentity(),
    /** URL segment, ASCII: `/channel/{slug}`. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Navigation order, ascending. */
    position: smallint('position').notNull(),
    /** Left out of the navigation (its pages and articles stay reachable). */
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('channels_slug_key').on(t.slug),
    index('channels_position_idx').on(t.position),
  ],
);
