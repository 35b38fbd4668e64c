/**
 * The tables the articles domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { byline, createdAt, updatedAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';
import { channels } from '../channels/schema.js';
import { creatorProfiles } from '../creators/schema.js';
import { images } from '../media/schema.js';

export const articleStatus = byline.enum('article_status', [
  'draft',
  'scheduled',
  'published',
  'removed',
  // Submitted for publishing but held for an editor (a copy of another creator's article, spam signals).
  'held',
]);

/** How body_source is written: plain paragraphs (imports) or Markdown (studio). */
export const bodyFormat = byline.enum('body_format', ['text', 'markdown']);

export const articles = byline.table(
  'articles',
  {
    /** 12 random characters (see shared/ids.ts): URL-safe, not guessable in sequence. */
    id: text('id').primaryKey(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'restrict' }),
    channelId: smallint('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyFormat: bodyFormat('body_format').notNull(),
    bodySource: text('body_source').notNull(),
    /** Sanitized HTML rendered from body_source; the only raw HTML a page inserts. */
    bodyHtml: text('body_html').notNull(),
    status: articleStatus('status').notNull().default('draft'),
    coverImageId: uuid('cover_image_id').references(() => images.id, { onDelete: 'set null' }),
    /** 原创声明: the author claims this is original work. */
    originalityClaim: boolean('originality_claim').notNull().default(false),
    /** 来源: where the text comes from, shown on the page (e.g. a licence attribution). */
    sourceName: text('source_name').notNull().default(''),
    sourceUrl: text('source_url').notNull().default(''),
    /** Id in the system an article was imported from (e.g. `drcd-1147`); unique when set. */
    externalId: text('external_id'),
    revision: integer('revision').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('articles_external_id_key').on(t.externalId),
    index('articles_published_idx').on(
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_channel_published_idx').on(
      t.channelId,
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_author_updated_idx').on(t.authorId, t.updatedAt.desc(), t.id.desc()),
    index('articles_author_published_idx').on(
      t.authorId,
      t.status,
      t.publishedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('articles_scheduled_idx')
      .on(t.scheduledAt)
      .where(sql`${t.status} = 'scheduled'`),
    check('articles_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);

export const articleRevisions = byline.table(
  'article_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyFormat: bodyFormat('body_format').notNull(),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Who saved it; null for imports. */
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('article_revisions_article_revision_key').on(t.articleId, t.revision)],
);

/**
 * 标签: an article's tags, in the order the author gave them. A tag is free
 * text (normalised: trimmed, inner spaces collapsed, at most TAG_MAX_LENGTH);
 * the (tag, article) index serves tag pages.
 */
export const articleTags = byline.table(
  'article_tags',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tag] }),
    index('article_tags_tag_idx').on(t.tag, t.articleId),
  ],
);

/** Live per-article counters, updated in batches by the engagement domain. */
export const articleStats = byline.table('article_stats', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  views: bigint('views', { mode: 'number' }).notNull().default(0),
  shares: bigint('shares', { mode: 'number' }).notNull().default(0),
  comments: integer('comments').notNull().default(0),
  likes: integer('likes').notNull().default(0),
  updatedAt: updatedAt(),
});
