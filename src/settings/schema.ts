/**
 * The tables the settings domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { jsonb, text } from 'drizzle-orm/pg-core';
import { byline, updatedAt } from '../db/pg-schema.js';

/** Site settings editable by admins (hot-list size, UGC notice text …), one JSON value per key. */
export const siteSettings = byline.table('site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
