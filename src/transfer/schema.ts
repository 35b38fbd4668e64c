/**
 * The tables the transfer domain owns (see CONTEXT.md): what imports remember
 * so a re-run skips what came before, the old addresses of imported articles,
 * and the import jobs admins start from the console or the API.
 */
import { index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';

/**
 * One row per source item an import wrote (an author, a comment, an image):
 * `key` is the item's identity in its source (`wordpress:<site>:comment:12`),
 * `target` what it became here. Articles keep theirs in `articles.external_id`.
 */
export const importedItems = byline.table('imported_items', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  target: text('target').notNull(),
  createdAt: createdAt(),
});

/** An imported article's old address (its permalink on the old site), answered with a 301. */
export const redirects = byline.table('redirects', {
  path: text('path').primaryKey(),
  articleId: text('article_id').notNull(),
  createdAt: createdAt(),
});

/** An import started from the admin console or the API, run by whichever instance claims it. */
export const importJobs = byline.table(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file waits (in the media store's import area). */
    storedAs: text('stored_as').notNull(),
    /** queued → running → done | failed. */
    status: text('status').notNull().default('queued'),
    progress: jsonb('progress').notNull().default({}),
    report: jsonb('report'),
    error: text('error').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt)],
);
