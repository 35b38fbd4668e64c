import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { auditLog } from './schema.js';

export interface AuditEntry {
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly reason?: string;
  readonly data?: Record<string, unknown>;
  readonly at: Date;
}

/** Appends to the audit log; call inside the transaction of the decision it records. */
export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    reason: entry.reason ?? '',
    data: entry.data ?? {},
    createdAt: entry.at,
  });
}

/** What replaces a deleted account's personal data in the audit log (the entries themselves stay). */
export const REDACTED = '[已注销]';

/**
 * Account deletion: the log keeps who did what to which id (editors'
 * decisions stay accountable) but not the account's e-mail, names or handle
 * — in reasons and data alike.
 */
export async function redactAudit(tx: Queryable, values: readonly string[]): Promise<void> {
  for (const value of new Set(values.filter((v) => v.length >= 2))) {
    await tx.execute(sql`
      UPDATE byline.audit_log
      SET reason = replace(reason, ${value}, ${REDACTED}),
          data = replace(data::text, ${JSON.stringify(value).slice(1, -1)}, ${REDACTED})::jsonb
      WHERE strpos(reason, ${value}) > 0 OR strpos(data::text, ${JSON.stringify(value).slice(1, -1)}) > 0`);
  }
}

/** Entries per page of the admins' audit log. */
export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  readonly actorId?: string;
  /** An action (`user.suspend`) or a family (`user.`). */
  readonly action?: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  /** Entries before this one (the cursor: an entry's id). */
  readonly before?: { at: Date; id: string };
  readonly since?: Date;
  readonly limit?: number;
}

/** The log newest first, filtered; `next` is the cursor of the following page. */
export async function searchAudit(db: Queryable, filter: AuditFilter = {}) {
  const where: SQL[] = [];
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action)
    where.push(
      filter.action.endsWith('.')
        ? sql`starts_with(${auditLog.action}, ${filter.action})`
        : eq(auditLog.action, filter.action),
    );
  if (filter.subjectType) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) where.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.since) where.push(sql`${auditLog.createdAt} >= ${filter.since.toISOString()}`);
  if (filter.before)
    where.push(
      sql`(${auditLog.createdAt}, ${auditLog.id}) < (${filter.before.at.toISOString()}::timestamptz, ${filter.before.id}::uuid)`,
    );
  const limit = filter.limit ?? AUDIT_PAGE_SIZE;
  const rows = await db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      reason: auditLog.reason,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : undefined,
  };
}

/** Every action the log holds, for the filter's choices. */
export async function listAuditActions(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}
