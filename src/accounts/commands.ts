import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import { users } from './schema.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { createSession } from './sessions.js';
import { resendVerification } from './self-service.js';
import type { MailSite } from '../mail/index.js';
import {
  CreateUserSchema,
  RegisterSchema,
  ROLES,
  SignInSchema,
  type CreateUserInput,
  type RegisterInput,
  type Role,
  type SignInInput,
  type User,
  type Actor,
} from './user.js';

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
};

export async function createUser(db: Queryable, input: CreateUserInput): Promise<User> {
  const data = parseInput(CreateUserSchema, input);
  const passwordHash = data.password === undefined ? null : await hashPassword(data.password);
  const [row] = await db
    .insert(users)
    .values({ email: data.email, passwordHash, displayName: data.displayName, role: data.role })
    .onConflictDoNothing()
    .returning(userColumns);
  if (!row) throw new AppError('EMAIL_TAKEN', `该邮箱已被注册：${data.email}`);
  return row;
}

/** 注册: a new reader account. */
export async function registerUser(db: Queryable, input: RegisterInput): Promise<User> {
  const data = parseInput(RegisterSchema, input);
  return createUser(db, { ...data, role: 'reader' });
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

/** When a user signed up (new accounts' comments wait for an editor), or undefined. */
export async function findUserCreatedAt(db: Queryable, id: string): Promise<Date | undefined> {
  const [row] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, id));
  return row?.createdAt;
}

/** Display names by user id, for lists that show who wrote what (one query for a whole list). */
export async function getUserNames(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/**
 * 登录: checks the password and opens a new session (a new id every time, so
 * a session fixed before sign-in is useless). Wrong email and wrong password
 * give the same error.
 */
export async function signIn(
  db: Queryable,
  clock: Clock,
  input: SignInInput,
  userAgent?: string,
  options: {
    /** The site asks for verified addresses: an unverified one gets a fresh link and EMAIL_UNVERIFIED. */
    readonly verification?: { readonly site: MailSite };
  } = {},
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const data = parseInput(SignInSchema, input);
  const [row] = await db
    .select({
      ...userColumns,
      passwordHash: users.passwordHash,
      status: users.status,
      verifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, data.email));
  const hash = row?.passwordHash ?? DUMMY_HASH;
  const ok = await verifyPassword(hash, data.password);
  if (!row || !row.passwordHash || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (row.status !== 'active') throw new AppError('ACCOUNT_SUSPENDED');
  if (options.verification && !row.verifiedAt) {
    await resendVerification(db, clock, options.verification.site, row.id);
    throw new AppError('EMAIL_UNVERIFIED');
  }
  const session = await createSession(db, clock, row.id, userAgent);
  return {
    user: { id: row.id, email: row.email, displayName: row.displayName, role: row.role },
    ...session,
  };
}

/** Only admins change roles; the change is audited. */
export async function setUserRole(
  db: Queryable,
  clock: Clock,
  actor: Actor,
  userId: string,
  role: Role,
  reason: string,
): Promise<void> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (!ROLES.includes(role)) throw new AppError('VALIDATION_FAILED');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
    if (!before) throw new AppError('USER_NOT_FOUND');
    await tx.update(users).set({ role, updatedAt: clock.now() }).where(eq(users.id, userId));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.role',
      subjectType: 'user',
      subjectId: userId,
      reason,
      data: { from: before.role, to: role },
      at: clock.now(),
    });
  });
}

/**
 * A reader whose creator application was approved becomes a creator (editors
 * and admins keep their role). Part of the approval's transaction.
 */
export async function promoteToCreator(tx: Queryable, clock: Clock, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ role: 'creator', updatedAt: clock.now() })
    .where(and(eq(users.id, userId), eq(users.role, 'reader')));
}

/** Creates the configured first admin when absent; an existing account is left unchanged. */
export async function ensureAdmin(
  db: Queryable,
  admin: { email: string; password: string },
): Promise<{ created: boolean }> {
  if (await findUserByEmail(db, admin.email)) return { created: false };
  try {
    await createUser(db, { ...admin, displayName: '管理员', role: 'admin' });
  } catch (err) {
    // CASE: another instance created it at the same moment (start-up is locked; tools may not be).
    if (err instanceof AppError && err.code === 'EMAIL_TAKEN') return { created: false };
    throw err;
  }
  return { created: true };
}

/** Where to mail these accounts (active ones only: suspended and deleted accounts get no mail). */
export async function getMailContacts(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { email: string; displayName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.id, [...new Set(ids)]), eq(users.status, 'active')));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** How these accounts show next to what they did: name and avatar (a deleted one as 已注销用户). */
export async function getUserCards(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { id: string; displayName: string; avatarImageId: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      avatarImageId: users.avatarImageId,
    })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The last step of account deletion (other domains erased theirs first): the
 * row goes, and with it sessions, links, notifications and preferences.
 */
export async function deleteUser(tx: Queryable, userId: string): Promise<void> {
  await tx.delete(users).where(eq(users.id, userId));
}
