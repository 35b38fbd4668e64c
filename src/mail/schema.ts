/**
 * The tables the mail domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';

export const mailStatus = byline.enum('mail_status', ['queued', 'sent', 'failed']);

/**
 * The outbox: every mail the site sends, queued in the same transaction as its
 * cause and delivered by a job (retried with backoff while the mail server is
 * down). Admins see it; sent mail keeps its envelope, not its body, for long.
 */
export const mailOutbox = byline.table(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What the mail is (`password_reset`, `notification`, `digest` …), for admins and tests. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    /** The account it is for, when there is one (erased with the account). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Extra headers (List-Unsubscribe …). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** Carries a secret link (reset, unlock, verification): its body is erased once sent. */
    sensitive: boolean('sensitive').notNull().default(false),
    status: mailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'queued'`),
    index('mail_outbox_user_idx').on(t.userId),
    index('mail_outbox_created_idx').on(t.createdAt),
  ],
);
