/**
 * The tables the creators domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import {
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { byline, createdAt, updatedAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';
import { images } from '../media/schema.js';

/** 个人 individual · 媒体 media · 机构 institution · 企业 enterprise */
export const accountType = byline.enum('account_type', [
  'individual',
  'media',
  'institution',
  'enterprise',
]);

export const applicationStatus = byline.enum('application_status', [
  'pending',
  'approved',
  'rejected',
]);

export const creatorProfiles = byline.table(
  'creator_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** URL segment: `/author/{handle}`; ASCII, stored lower-cased. */
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    tagline: text('tagline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    avatarImageId: uuid('avatar_image_id').references(() => images.id, { onDelete: 'set null' }),
    accountType: accountType('account_type').notNull().default('individual'),
    /** Channel slugs the creator mainly writes for. */
    focusChannels: jsonb('focus_channels').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('creator_profiles_handle_key').on(t.handle),
    uniqueIndex('creator_profiles_user_key').on(t.userId),
  ],
);

export const creatorApplications = byline.table(
  'creator_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    handle: text('handle').notNull(),
    accountType: accountType('account_type').notNull(),
    tagline: text('tagline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    focusChannels: jsonb('focus_channels').$type<string[]>().notNull().default([]),
    sampleLinks: jsonb('sample_links').$type<string[]>().notNull().default([]),
    contact: text('contact').notNull().default(''),
    status: applicationStatus('status').notNull().default('pending'),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('creator_applications_status_idx').on(t.status, t.createdAt),
    index('creator_applications_user_idx').on(t.userId),
  ],
);

/** Live per-creator counters: 文章数 (published articles) and 关注度 (followers). */
export const creatorStats = byline.table('creator_stats', {
  creatorId: uuid('creator_id')
    .primaryKey()
    .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
  articles: integer('articles').notNull().default(0),
  followers: integer('followers').notNull().default(0),
  updatedAt: updatedAt(),
});

/** Which user follows which creator (关注). */
export const follows = byline.table(
  'follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.creatorId] }),
    index('follows_creator_idx').on(t.creatorId),
  ],
);

/**
 * Handles a creator had before: `/author/{old}` answers 301 to the current
 * one, and nobody else may take an old handle while its creator exists.
 */
export const creatorHandleHistory = byline.table(
  'creator_handle_history',
  {
    handle: text('handle').primaryKey(),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
    changedAt: createdAt(),
  },
  (t) => [index('creator_handle_history_creator_idx').on(t.creatorId)],
);
