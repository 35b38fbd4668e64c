/**
 * The tables the media domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { index, integer, jsonb, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';

export const images = byline.table(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Path relative to the uploads directory (or object-store key). */
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    alt: text('alt').notNull().default(''),
    caption: text('caption').notNull().default(''),
    /** Widths of the WebP variants written next to the fallback, ascending. */
    variants: jsonb('variants').$type<number[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('images_storage_key_key').on(t.storageKey),
    index('images_owner_idx').on(t.ownerId),
  ],
);
