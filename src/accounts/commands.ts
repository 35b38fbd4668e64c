import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { users } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { hashPassword } from './password.js';
import { CreateUserSchema, type CreateUserInput, type User } from './user.js';

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

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
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
