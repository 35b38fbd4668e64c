/**
 * The outbox: `queueMail` is called with the transaction of the mail's cause
 * (a reset request, a notification), so a mail exists exactly when its cause
 * committed. `deliverMail` (a job) claims due mail for a while, sends it
 * outside any transaction, and records the result: sent, or tried again
 * later with backoff, or — after a day of failures — failed, for an admin to
 * retry. A crash mid-send leaves the claim to expire: the mail is sent again
 * (at least once, never lost).
 */
import { and, asc, count, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { mailOutbox } from './schema.js';
import type { Mailer } from './transport.js';

export interface QueuedMail {
  /** When it was queued (the cause's clock): it is due from then. */
  readonly at: Date;
  readonly kind: string;
  readonly to: string;
  readonly userId?: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Carries a secret link: the body is erased once sent. */
  readonly sensitive?: boolean;
}

/** Mail claimed per job run (each is one SMTP conversation on a reused connection). */
export const MAIL_BATCH = 20;
/** A claimed mail not reported sent within this long is due again (its sender crashed). */
export const MAIL_CLAIM_MS = 5 * 60_000;
/** First retry after 30 s, doubling up to 1 hour between attempts. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
/** 30 attempts with that backoff is about a day: then the mail waits for an admin. */
export const MAIL_MAX_ATTEMPTS = 30;
/** Sent mail keeps its body this long (for an admin checking what went out), then only its envelope. */
export const MAIL_BODY_RETENTION_MS = 7 * 86_400_000;
/** Outbox rows are deleted after this long. */
export const MAIL_RETENTION_MS = 90 * 86_400_000;

export async function queueMail(tx: Queryable, mail: QueuedMail): Promise<number> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      userId: mail.userId ?? null,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      headers: { ...(mail.headers ?? {}) },
      sensitive: mail.sensitive ?? false,
      createdAt: mail.at,
      nextAttemptAt: mail.at,
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export interface DeliveryRun {
  readonly sent: number;
  readonly failed: number;
}

/**
 * Sends the mail that is due (at most MAIL_BATCH) through `mailer`, From
 * `from`. Several instances may run it at once: each claims different rows.
 */
export async function deliverMail(
  db: Queryable,
  clock: Clock,
  mailer: Mailer,
  from: string,
): Promise<DeliveryRun> {
  const now = clock.now();
  const claimed = rowsOf<{
    id: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    headers: Record<string, string>;
    sensitive: boolean;
    attempts: number;
  }>(
    await db.execute(sql`
      UPDATE byline.mail_outbox SET attempts = attempts + 1,
        next_attempt_at = ${new Date(now.getTime() + MAIL_CLAIM_MS)}
      WHERE id IN (
        SELECT id FROM byline.mail_outbox
        WHERE status = 'queued' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id LIMIT ${MAIL_BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, to_address, subject, text_body, html_body, headers, sensitive, attempts`),
  );
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    const id = Number(row.id);
    try {
      const messageId = await mailer.send({
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: row.headers,
      });
      await db
        .update(mailOutbox)
        .set({
          status: 'sent',
          sentAt: clock.now(),
          messageId,
          lastError: null,
          ...(row.sensitive ? { textBody: '', htmlBody: '' } : {}),
        })
        .where(eq(mailOutbox.id, id));
      sent++;
    } catch (err) {
      failed++;
      const giveUp = row.attempts >= MAIL_MAX_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({
          status: giveUp ? 'failed' : 'queued',
          lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
          nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(row.attempts)),
        })
        .where(eq(mailOutbox.id, id));
    }
  }
  return { sent, failed };
}

/** An admin's "try again": failed (or waiting) mail is due now, with a fresh count of attempts. */
export async function retryMail(
  db: Queryable,
  clock: Clock,
  ids?: readonly number[],
): Promise<number> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: clock.now() })
    .where(
      and(
        inArray(mailOutbox.status, ['failed', 'queued']),
        ids ? inArray(mailOutbox.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: mailOutbox.id });
  return rows.length;
}

export interface OutboxEntry {
  readonly id: number;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly status: 'queued' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

/** The newest mail, for the admin page, with counts by status. */
export async function listOutbox(
  db: Queryable,
  options: { status?: 'queued' | 'sent' | 'failed'; limit?: number } = {},
): Promise<{ items: OutboxEntry[]; counts: Record<'queued' | 'sent' | 'failed', number> }> {
  const items = await db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(options.status ? eq(mailOutbox.status, options.status) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(options.limit ?? 100);
  const byStatus = await db
    .select({ status: mailOutbox.status, n: count() })
    .from(mailOutbox)
    .groupBy(mailOutbox.status);
  const counts = { queued: 0, sent: 0, failed: 0 };
  for (const r of byStatus) counts[r.status] = Number(r.n);
  return { items, counts };
}

/** The oldest mail still waiting (for the admin's "mail is not leaving" warning), or undefined. */
export async function oldestQueuedAt(db: Queryable): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'queued'))
    .orderBy(asc(mailOutbox.createdAt))
    .limit(1);
  return row?.at;
}

/** Erases the bodies of old sent mail and deletes mail older than the retention. */
export async function pruneOutbox(db: Queryable, now: Date): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ textBody: '', htmlBody: '' })
    .where(
      and(
        eq(mailOutbox.status, 'sent'),
        lte(mailOutbox.sentAt, new Date(now.getTime() - MAIL_BODY_RETENTION_MS)),
        sql`${mailOutbox.textBody} <> ''`,
      ),
    );
  await db
    .delete(mailOutbox)
    .where(lt(mailOutbox.createdAt, new Date(now.getTime() - MAIL_RETENTION_MS)));
}

/** Every mail to this account is forgotten (account deletion): the rows go, whatever their state. */
export async function eraseMailOf(tx: Queryable, userId: string, address: string): Promise<void> {
  await tx
    .delete(mailOutbox)
    .where(sql`${mailOutbox.userId} = ${userId} OR ${mailOutbox.toAddress} = ${address}`);
}
