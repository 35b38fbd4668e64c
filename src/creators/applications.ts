/** 申请入驻: a reader applies; an editor approves (profile + creator role) or rejects with a reason. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { promoteToCreator, updateProfile } from '../accounts/index.js';
import { recordEvent } from '../events/index.js';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import { creatorApplications, creatorProfiles } from './schema.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput, type Untrusted } from '../shared/validation.js';
import { createCreatorProfile } from './commands.js';
import { ACCOUNT_TYPES, HandleSchema } from './creator.js';

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Up to five sample links: enough to judge a body of work. */
const MAX_SAMPLE_LINKS = 5;

export const ApplicationSchema = z.strictObject({
  displayName: z
    .string({ error: '请填写名称' })
    .trim()
    .min(1, '请填写名称')
    .max(30, '名称最多 30 个字符'),
  handle: HandleSchema,
  accountType: z.enum(ACCOUNT_TYPES, { error: '请选择账号类型' }),
  tagline: z.string().trim().min(1, '请填写一句话简介').max(60, '简介最多 60 个字符'),
  bio: z.string().trim().max(2000, '介绍最多 2000 个字符').default(''),
  focusChannels: z.array(z.string().max(32)).max(11, '最多选择 11 个频道').default([]),
  sampleLinks: z
    .array(z.url({ protocol: /^https?$/, error: '作品链接须以 http:// 或 https:// 开头' }))
    .max(MAX_SAMPLE_LINKS, `最多 ${MAX_SAMPLE_LINKS} 个作品链接`)
    .default([]),
  contact: z.string().trim().min(1, '请填写联系方式').max(200, '联系方式最多 200 个字符'),
});
export type ApplicationInput = z.input<typeof ApplicationSchema>;

export const DecisionSchema = z.strictObject({
  reason: z.string().trim().max(1000, '理由最多 1000 个字符').default(''),
});

export interface Application {
  readonly id: string;
  readonly userId: string;
  readonly displayName: string;
  readonly handle: string;
  readonly accountType: (typeof ACCOUNT_TYPES)[number];
  readonly tagline: string;
  readonly bio: string;
  readonly focusChannels: readonly string[];
  readonly sampleLinks: readonly string[];
  readonly contact: string;
  readonly status: ApplicationStatus;
  readonly decisionReason: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

const columns = {
  id: creatorApplications.id,
  userId: creatorApplications.userId,
  displayName: creatorApplications.displayName,
  handle: creatorApplications.handle,
  accountType: creatorApplications.accountType,
  tagline: creatorApplications.tagline,
  bio: creatorApplications.bio,
  focusChannels: creatorApplications.focusChannels,
  sampleLinks: creatorApplications.sampleLinks,
  contact: creatorApplications.contact,
  status: creatorApplications.status,
  decisionReason: creatorApplications.decisionReason,
  decidedAt: creatorApplications.decidedAt,
  createdAt: creatorApplications.createdAt,
};

export async function submitApplication(
  db: Queryable,
  clock: Clock,
  userId: string,
  input: Untrusted<ApplicationInput>,
): Promise<Application> {
  const data = parseInput(ApplicationSchema, input);
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ id: creatorProfiles.id })
      .from(creatorProfiles)
      .where(eq(creatorProfiles.userId, userId));
    if (profile) throw new AppError('ALREADY_CREATOR');
    const [pending] = await tx
      .select({ id: creatorApplications.id })
      .from(creatorApplications)
      .where(
        and(eq(creatorApplications.userId, userId), eq(creatorApplications.status, 'pending')),
      );
    if (pending) throw new AppError('APPLICATION_PENDING');
    const [taken] = await tx
      .select({ id: creatorProfiles.id })
      .from(creatorProfiles)
      .where(eq(creatorProfiles.handle, data.handle));
    if (taken) {
      throw new AppError('HANDLE_TAKEN', undefined, {
        details: [{ path: 'handle', message: '该账号名已被占用' }],
      });
    }
    const [row] = await tx
      .insert(creatorApplications)
      .values({ ...data, userId, createdAt: clock.now() })
      .returning(columns);
    return row!;
  });
}

export async function listApplications(
  db: Queryable,
  status: ApplicationStatus,
  limit = 100,
): Promise<Application[]> {
  return db
    .select(columns)
    .from(creatorApplications)
    .where(eq(creatorApplications.status, status))
    .orderBy(
      status === 'pending'
        ? asc(creatorApplications.createdAt)
        : desc(creatorApplications.decidedAt),
    )
    .limit(limit);
}

/** The applicant's applications, newest first (they see status and reason). */
export async function listApplicationsOfUser(
  db: Queryable,
  userId: string,
): Promise<Application[]> {
  return db
    .select(columns)
    .from(creatorApplications)
    .where(eq(creatorApplications.userId, userId))
    .orderBy(desc(creatorApplications.createdAt));
}

export async function getApplicationOrThrow(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Application> {
  if (!z.uuid().safeParse(id).success) throw new AppError('APPLICATION_NOT_FOUND');
  const query = db.select(columns).from(creatorApplications).where(eq(creatorApplications.id, id));
  // Deciding locks the application: two editors deciding at once decide it once.
  const [row] = await (options.lock ? query.for('update') : query);
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

/**
 * Approves: creates the creator profile, grants the creator role (a reader's
 * role is raised; editors and admins keep theirs) and audits the decision,
 * all in one transaction.
 */
export async function approveApplication(
  db: Queryable,
  clock: Clock,
  reviewerId: string,
  id: string,
  reason = '',
): Promise<Application> {
  return db.transaction(async (tx) => {
    const app = await getApplicationOrThrow(tx, id, { lock: true });
    if (app.status !== 'pending') throw new AppError('APPLICATION_DECIDED');
    const now = clock.now();
    await createCreatorProfile(tx, {
      userId: app.userId,
      handle: app.handle,
      displayName: app.displayName,
      tagline: app.tagline,
      bio: app.bio,
      accountType: app.accountType,
      focusChannels: [...app.focusChannels],
    });
    await promoteToCreator(tx, clock, app.userId);
    // One account, one name: the creator's public name is the account's from now on.
    await updateProfile(tx, clock, app.userId, { displayName: app.displayName });
    const [row] = await tx
      .update(creatorApplications)
      .set({ status: 'approved', reviewerId, decisionReason: reason, decidedAt: now })
      .where(eq(creatorApplications.id, id))
      .returning(columns);
    await writeAudit(tx, {
      actorId: reviewerId,
      action: 'application.approve',
      subjectType: 'creator_application',
      subjectId: id,
      reason,
      data: { userId: app.userId, handle: app.handle },
      at: now,
    });
    await recordEvent(tx, {
      type: 'application.decided',
      applicationId: id,
      userId: app.userId,
      decision: 'approved',
      reason,
    });
    return row!;
  });
}

export async function rejectApplication(
  db: Queryable,
  clock: Clock,
  reviewerId: string,
  id: string,
  reason: string,
): Promise<Application> {
  const { reason: why } = parseInput(DecisionSchema, { reason });
  if (why === '') {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'reason', message: '请填写拒绝理由' }],
    });
  }
  return db.transaction(async (tx) => {
    const app = await getApplicationOrThrow(tx, id, { lock: true });
    if (app.status !== 'pending') throw new AppError('APPLICATION_DECIDED');
    const now = clock.now();
    const [row] = await tx
      .update(creatorApplications)
      .set({ status: 'rejected', reviewerId, decisionReason: why, decidedAt: now })
      .where(eq(creatorApplications.id, id))
      .returning(columns);
    await writeAudit(tx, {
      actorId: reviewerId,
      action: 'application.reject',
      subjectType: 'creator_application',
      subjectId: id,
      reason: why,
      data: { userId: app.userId, handle: app.handle },
      at: now,
    });
    await recordEvent(tx, {
      type: 'application.decided',
      applicationId: id,
      userId: app.userId,
      decision: 'rejected',
      reason: why,
    });
    return row!;
  });
}

/** 待审核的入驻申请, for the admin's dashboard. */
export async function countPendingApplications(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(creatorApplications)
    .where(eq(creatorApplications.status, 'pending'));
  return row?.n ?? 0;
}
