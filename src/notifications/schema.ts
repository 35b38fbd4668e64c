/**
 * The tables the notifications domain owns (see CONTEXT.md). Only this domain
 * reads or writes them; other domains call its index.ts. References to other
 * domains' tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';

/** What a notification points at, as it was when it was made (titles may change later). */
export interface NotificationTarget {
  readonly kind: 'article' | 'comment' | 'creator' | 'application';
  readonly id: string;
  /** The article's title, the creator's name… */
  readonly title: string;
  /** A few words of the comment or the reason. */
  readonly excerpt?: string;
  /** Site-relative link ("/article/…#comment-…"). */
  readonly url: string;
}

export const notifications = byline.table(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    target: jsonb('target').$type<NotificationTarget>().notNull(),
    /** One notification per cause (a like toggled twice, an article published again: still one). */
    dedupKey: text('dedup_key').notNull(),
    createdAt: createdAt(),
    /** Shown in the notification centre (the reader may want some by mail only). */
    inApp: boolean('in_app').notNull().default(true),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Sent on its own by mail. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    /** Went out in a daily digest. */
    digestedAt: timestamp('digested_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedup_key').on(t.userId, t.type, t.dedupKey),
    index('notifications_user_idx').on(t.userId, t.id.desc()),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`read_at IS NULL AND in_app`),
    index('notifications_digest_idx')
      .on(t.createdAt)
      .where(sql`digested_at IS NULL AND emailed_at IS NULL AND read_at IS NULL`),
    index('notifications_actor_idx').on(t.actorId),
  ],
);

/** A reader's choices per type; absent rows take the type's defaults (types.ts). */
export const notificationPrefs = byline.table(
  'notification_prefs',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    digest: boolean('digest').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);

/** One digest per reader per day (whichever instance runs the job). */
export const notificationDigests = byline.table(
  'notification_digests',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
