/**
 * The tables the accounts domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt, updatedAt } from '../db/pg-schema.js';

export const userRole = byline.enum('user_role', ['reader', 'creator', 'editor', 'admin']);

export const userStatus = byline.enum('user_status', ['active', 'suspended']);

export const users = byline.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    /** argon2id PHC string; null for accounts that cannot sign in (demo creators). */
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    role: userRole('role').notNull().default('reader'),
    status: userStatus('status').notNull().default('active'),
    /** 个人简介 (a creator's public profile has its own, kept in step). */
    bio: text('bio').notNull().default(''),
    /** 一句话介绍. */
    tagline: text('tagline').notNull().default(''),
    /**
     * Uploaded avatar (media's images; no foreign key, as media's tables
     * reference this one). A missing image shows the generated initial.
     */
    avatarImageId: uuid('avatar_image_id'),
    /** When the owner clicked the verification link (null: not verified). */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** When an admin suspended the account (status `suspended`), and why — shown to admins. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = byline.table(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const accountTokenPurpose = byline.enum('account_token_purpose', [
  'password_reset',
  'verify_email',
  'unlock',
]);

/**
 * Single-use links sent by mail (password reset, e-mail verification, sign-in
 * unlock). Only the SHA-256 of the token is stored; using one deletes it.
 */
export const accountTokens = byline.table(
  'account_tokens',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: accountTokenPurpose('purpose').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('account_tokens_user_idx').on(t.userId, t.purpose),
    index('account_tokens_expires_idx').on(t.expiresAt),
  ],
);
