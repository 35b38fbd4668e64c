import { eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import { users } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { hashPassword, verifyPassword } from './password.js';
import { createSession } from './sessions.js';
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
  type Viewer,
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

/** Verifying against this when the email is unknown keeps the timing the same either way. */
let dummyHash: Promise<string> | undefined;

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
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const data = parseInput(SignInSchema, input);
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash, status: users.status })
    .from(users)
    .where(eq(users.email, data.email));
  const hash = row?.passwordHash ?? (await (dummyHash ??= hashPassword('not-a-real-password-0')));
  const ok = await verifyPassword(hash, data.password);
  if (!row || !row.passwordHash || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (row.status !== 'active') throw new AppError('ACCOUNT_SUSPENDED');
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
  actor: Viewer,
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

/** Creates the configured first admin when absent; an existing account is left unchanged. */
export async function ensureAdmin(
  db: Queryable,
  admin: { email: string; password: string },
): Promise<{ created: boolean }> {
  if (await findUserByEmail(db, admin.email)) return { created: false };
  await createUser(db, { ...admin, displayName: '管理员', role: 'admin' });
  return { created: true };
}
