/**
 * What an account holder does alone: register (without learning whether an
 * address has an account), verify the address, reset a forgotten password by
 * mail, unlock a sign-in lockout, change the password, edit the profile.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import type { MailSite } from '../mail/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { codePointLength, findUnicodeProblem } from '../text/index.js';
import {
  mailAlreadyRegistered,
  mailPasswordChanged,
  mailPasswordReset,
  mailUnlock,
  mailVerifyEmail,
} from './mails.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { sessions, users } from './schema.js';
import { createSession } from './sessions.js';
import {
  consumeToken,
  issueToken,
  lastIssuedAt,
  PASSWORD_RESET_TTL_MS,
  UNLOCK_TTL_MS,
  VERIFY_EMAIL_TTL_MS,
} from './tokens.js';
import { EmailSchema, PasswordSchema, RegisterSchema, type RegisterInput } from './user.js';

/** A verification mail is sent again on a sign-in attempt at most this often. */
const VERIFY_RESEND_MS = 10 * 60_000;

async function findByEmail(db: Queryable, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

/**
 * 注册. The answer is the same whether the address is new or not: a new one
 * gets an account and a welcome mail with a verification link, a known one
 * gets a mail telling its owner. Both paths hash the password (same time).
 */
export async function registerAccount(
  db: Queryable,
  clock: Clock,
  site: MailSite,
  input: RegisterInput,
): Promise<void> {
  const data = parseInput(RegisterSchema, input);
  const passwordHash = await hashPassword(data.password);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email: data.email, passwordHash, displayName: data.displayName, role: 'reader' })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (created) {
      const token = await issueToken(tx, clock, created.id, 'verify_email', VERIFY_EMAIL_TTL_MS);
      await mailVerifyEmail(
        tx,
        site,
        { at: clock.now(), userId: created.id, email: data.email, displayName: data.displayName },
        token,
      );
      return;
    }
    const owner = await findByEmail(tx, data.email);
    if (owner && owner.status === 'active') {
      await mailAlreadyRegistered(tx, site, {
        at: clock.now(),
        userId: owner.id,
        email: owner.email,
        displayName: owner.displayName,
      });
    }
  });
}

/**
 * The verification link: the address is verified and a session opened (the
 * link came to the owner's mailbox). Undefined when the link is not valid.
 */
export async function verifyEmail(
  db: Queryable,
  clock: Clock,
  token: string,
  userAgent?: string,
): Promise<{ userId: string; token: string; expiresAt: Date } | undefined> {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, clock, token, 'verify_email');
    if (!userId) return undefined;
    const [row] = await tx
      .update(users)
      .set({ emailVerifiedAt: clock.now() })
      .where(and(eq(users.id, userId), eq(users.status, 'active')))
      .returning({ id: users.id });
    if (!row) return undefined;
    return { userId, ...(await createSession(tx, clock, userId, userAgent)) };
  });
}

/**
 * On a sign-in with the right password when the site asks for verified
 * addresses: a fresh link is mailed (at most every 10 minutes).
 */
export async function resendVerification(
  db: Queryable,
  clock: Clock,
  site: MailSite,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.email, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return;
    const last = await lastIssuedAt(tx, clock, userId, 'verify_email');
    if (last && clock.now().getTime() - last.getTime() < VERIFY_RESEND_MS) return;
    const token = await issueToken(tx, clock, userId, 'verify_email', VERIFY_EMAIL_TTL_MS);
    await mailVerifyEmail(tx, site, { at: clock.now(), userId, ...user }, token);
  });
}

export const PasswordResetRequestSchema = z.strictObject({
  email: z.string({ error: '请填写邮箱' }).trim().min(1, '请填写邮箱').max(254, '邮箱地址过长'),
});

/**
 * 忘记密码: mails a reset link when the address has an active account; says
 * nothing either way (the caller answers the same to everyone).
 */
export async function requestPasswordReset(
  db: Queryable,
  clock: Clock,
  site: MailSite,
  email: string,
): Promise<void> {
  const address = parseInput(PasswordResetRequestSchema, { email }).email.toLowerCase();
  await db.transaction(async (tx) => {
    const user = await findByEmail(tx, address);
    if (!user || user.status !== 'active') return;
    const token = await issueToken(tx, clock, user.id, 'password_reset', PASSWORD_RESET_TTL_MS);
    await mailPasswordReset(tx, site, { at: clock.now(), userId: user.id, ...user }, token);
  });
}

export const NewPasswordSchema = z.strictObject({ password: PasswordSchema });

/**
 * The reset form: the new password is set, every session ends, the address
 * counts as verified (the link reached it). The token is used only when the
 * password is acceptable, so a typo does not burn the link.
 */
export async function resetPassword(
  db: Queryable,
  clock: Clock,
  token: string,
  password: string,
): Promise<{ userId: string; email: string }> {
  const data = parseInput(NewPasswordSchema, { password });
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, clock, token, 'password_reset');
    if (!userId) throw new AppError('LINK_INVALID');
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: clock.now() })
      .where(and(eq(users.id, userId), eq(users.status, 'active')))
      .returning({ email: users.email, verified: users.emailVerifiedAt });
    if (!row) throw new AppError('LINK_INVALID');
    if (!row.verified)
      await tx.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    return { userId, email: row.email };
  });
}

/**
 * A sign-in lockout began for `email`: its owner (if any) gets one mail per
 * lockout with an unlock link. Unknown addresses get nothing (and the caller
 * answers the same).
 */
export async function mailUnlockLink(
  db: Queryable,
  clock: Clock,
  site: MailSite,
  email: string,
  lockedMinutes: number,
): Promise<void> {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return;
  await db.transaction(async (tx) => {
    const user = await findByEmail(tx, parsed.data);
    if (!user || user.status !== 'active') return;
    const last = await lastIssuedAt(tx, clock, user.id, 'unlock');
    if (last && clock.now().getTime() - last.getTime() < lockedMinutes * 60_000) return;
    const token = await issueToken(tx, clock, user.id, 'unlock', UNLOCK_TTL_MS);
    await mailUnlock(tx, site, { at: clock.now(), userId: user.id, ...user }, token, lockedMinutes);
  });
}

/** The unlock link: the address whose sign-in counter the caller clears, or undefined. */
export async function useUnlockLink(
  db: Queryable,
  clock: Clock,
  token: string,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, clock, token, 'unlock');
    if (!userId) return undefined;
    const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    return row?.email;
  });
}

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(256),
  newPassword: PasswordSchema,
});

/** 修改密码: the current password is required; every other session ends; the owner is told by mail. */
export async function changePassword(
  db: Queryable,
  clock: Clock,
  site: MailSite,
  user: { id: string; sessionIdHash: string },
  input: z.input<typeof ChangePasswordSchema>,
): Promise<void> {
  const data = parseInput(ChangePasswordSchema, input);
  const [row] = await db
    .select({ hash: users.passwordHash, email: users.email, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, user.id));
  const ok = await verifyPassword(row?.hash ?? DUMMY_HASH, data.currentPassword);
  if (!row || !row.hash || !ok) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', {
      details: [{ path: 'currentPassword', message: '当前密码不正确' }],
    });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: clock.now() })
      .where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.idHash, user.sessionIdHash)));
    await mailPasswordChanged(tx, site, {
      at: clock.now(),
      userId: user.id,
      email: row.email,
      displayName: row.displayName,
    });
  });
}

/** Checks a password (account deletion asks for it). */
export async function checkPassword(
  db: Queryable,
  userId: string,
  password: string,
): Promise<void> {
  const [row] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  const ok = await verifyPassword(row?.hash ?? DUMMY_HASH, password.slice(0, 256));
  if (!row?.hash || !ok) {
    throw new AppError('VALIDATION_FAILED', '密码不正确', {
      details: [{ path: 'password', message: '密码不正确' }],
    });
  }
}

/** A profile text: no characters that cannot be stored, at most `max` characters. */
const profileText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .superRefine((v, ctx) => {
      if (findUnicodeProblem(v))
        ctx.addIssue({ code: 'custom', message: `${label}包含无法保存的字符` });
      if (codePointLength(v) > max)
        ctx.addIssue({ code: 'custom', message: `${label}最多 ${max} 个字符` });
    })
    .transform((v) => v.trim());

/** Bio and tagline limits match a creator's profile (creators keep them in step). */
export const BIO_MAX_CHARS = 2000;
export const TAGLINE_MAX_CHARS = 60;

export const ProfileSchema = z.strictObject({
  displayName: profileText('昵称', 40)
    .refine((v) => v.length > 0, '请填写昵称')
    .optional(),
  bio: profileText('个人简介', BIO_MAX_CHARS).optional(),
  tagline: profileText('一句话介绍', TAGLINE_MAX_CHARS).optional(),
  avatarImageId: z.uuid({ error: '头像图片不存在' }).nullable().optional(),
});
export type ProfileInput = z.input<typeof ProfileSchema>;
export type ProfileChange = z.output<typeof ProfileSchema>;

export interface Profile {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly bio: string;
  readonly tagline: string;
  readonly avatarImageId: string | null;
  readonly role: 'reader' | 'creator' | 'editor' | 'admin';
  readonly emailVerified: boolean;
  readonly createdAt: Date;
}

export async function getProfile(db: Queryable, userId: string): Promise<Profile> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      bio: users.bio,
      tagline: users.tagline,
      avatarImageId: users.avatarImageId,
      role: users.role,
      verifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError('USER_NOT_FOUND');
  const { verifiedAt, ...profile } = row;
  return { ...profile, emailVerified: verifiedAt !== null };
}

/** Writes the given profile fields (already parsed with ProfileSchema) in the caller's transaction. */
export async function updateProfile(
  tx: Queryable,
  clock: Clock,
  userId: string,
  change: ProfileChange,
): Promise<void> {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await tx
    .update(users)
    .set({ ...set, updatedAt: clock.now() })
    .where(eq(users.id, userId));
}
