/**
 * What admins do to accounts (the admin console's 用户 page, the API and the
 * CLI): find them, suspend and restore them, end their sessions. Every
 * decision is audited with its reason, in the transaction that makes it.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { deleteUserSessions } from './sessions.js';
import { sessions, users } from './schema.js';
import type { Actor, Role } from './user.js';

/** Users listed per page of the admin's search. */
export const USER_PAGE_SIZE = 50;
/** A suspension or role change says why, briefly; the audit log shows it. */
export const REASON_MAX_CHARS = 500;

export interface AdminUserRow {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly status: 'active' | 'suspended';
  readonly createdAt: Date;
  readonly suspendedAt: Date | null;
  readonly suspendedReason: string;
  /** Sessions not yet expired. */
  readonly sessions: number;
}

const LIKE_SPECIALS = /[\\%_]/g;

/**
 * Users matching `q` in their e-mail or name (substring, any case), plus the
 * accounts `alsoIds` names (the creators whose handle matched, found by the
 * caller), newest first; filtered by role and status when given.
 */
export async function searchUsers(
  db: Queryable,
  filter: {
    q?: string;
    alsoIds?: readonly string[];
    role?: Role;
    status?: 'active' | 'suspended';
    limit?: number;
    offset?: number;
  },
): Promise<{ items: AdminUserRow[]; total: number }> {
  const where: SQL[] = [];
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(LIKE_SPECIALS, (c) => `\\${c}`)}%`;
    const matches = [ilike(users.email, pattern), ilike(users.displayName, pattern)];
    if (filter.alsoIds?.length) matches.push(inArray(users.id, [...filter.alsoIds]));
    where.push(or(...matches)!);
  }
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.status) where.push(eq(users.status, filter.status));
  const condition = where.length ? and(...where) : undefined;
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(condition);
  const items = await selectRows(db, condition)
    .limit(filter.limit ?? USER_PAGE_SIZE)
    .offset(filter.offset ?? 0);
  return { items, total: count?.n ?? 0 };
}

function selectRows(db: Queryable, condition: SQL | undefined) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      suspendedReason: users.suspendedReason,
      sessions: sql<number>`(SELECT count(*)::int FROM ${sessions} s WHERE s.user_id = ${users.id} AND s.expires_at > now())`,
    })
    .from(users)
    .where(condition)
    .orderBy(desc(users.createdAt), asc(users.id))
    .$dynamic();
}

/** One account as the admin console shows it, or USER_NOT_FOUND. */
export async function getAdminUser(db: Queryable, userId: string): Promise<AdminUserRow> {
  const [row] = await selectRows(db, eq(users.id, userId));
  if (!row) throw new AppError('USER_NOT_FOUND');
  return row;
}

function requireAdminActingOnOther(actor: Actor, userId: string): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (actor.id === userId)
    throw new AppError('INVALID_STATE', '不能对自己的账号执行此操作（请让另一位管理员处理）');
}

/**
 * 停用: the account cannot sign in and every session of it ends at once (on
 * every instance: sessions are rows). Its content stays as it is.
 */
export async function suspendUser(
  db: Queryable,
  clock: Clock,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<void> {
  requireAdminActingOnOther(actor, userId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        status: 'suspended',
        suspendedAt: clock.now(),
        suspendedReason: reason,
        updatedAt: clock.now(),
      })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!row) throw new AppError('USER_NOT_FOUND');
    const ended = await deleteUserSessions(tx, userId);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.suspend',
      subjectType: 'user',
      subjectId: userId,
      reason,
      data: { sessionsEnded: ended },
      at: clock.now(),
    });
  });
}

/** 恢复: a suspended account may sign in again. */
export async function unsuspendUser(
  db: Queryable,
  clock: Clock,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<void> {
  requireAdminActingOnOther(actor, userId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ status: 'active', suspendedAt: null, suspendedReason: '', updatedAt: clock.now() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!row) throw new AppError('USER_NOT_FOUND');
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.unsuspend',
      subjectType: 'user',
      subjectId: userId,
      reason,
      at: clock.now(),
    });
  });
}

/** 强制退出所有设备: every session of the account ends; it may sign in again. */
export async function endUserSessions(
  db: Queryable,
  clock: Clock,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<number> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!exists) throw new AppError('USER_NOT_FOUND');
    const ended = await deleteUserSessions(tx, userId);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.signout_all',
      subjectType: 'user',
      subjectId: userId,
      reason,
      data: { sessionsEnded: ended },
      at: clock.now(),
    });
    return ended;
  });
}

/** Accounts by role and status, for the dashboard. */
export async function countUsers(
  db: Queryable,
  since?: Date,
): Promise<{ total: number; suspended: number; newSince: number }> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      suspended: sql<number>`count(*) FILTER (WHERE ${users.status} = 'suspended')::int`,
      newSince: since
        ? sql<number>`count(*) FILTER (WHERE ${users.createdAt} >= ${since.toISOString()})::int`
        : sql<number>`0`,
    })
    .from(users);
  return { total: row?.total ?? 0, suspended: row?.suspended ?? 0, newSince: row?.newSince ?? 0 };
}

/** Users by e-mail (the CLI names accounts by address). */
export async function findUserIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return row?.id;
}
