import { desc, eq, and } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { auditLog } from '../db/schema.js';

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

export async function listAudit(db: Queryable, subjectType: string, subjectId: string) {
  return db
    .select({
      actorId: auditLog.actorId,
      action: auditLog.action,
      reason: auditLog.reason,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.createdAt));
}

/** The newest entries, for the admins' audit page (append-only: nothing here edits or deletes). */
export async function listRecentAudit(db: Queryable, limit = 200) {
  return db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
