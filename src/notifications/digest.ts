/**
 * The daily digest: once a day, each reader with unread notifications of the
 * types they want in a digest (and not mailed on their own) gets one mail
 * listing them, with one-click unsubscribe. One per reader per day however
 * many instances run the job (a row per reader and day).
 */
import { and, gte, inArray, isNull, sql } from 'drizzle-orm';
import { getMailContacts, getUserCards } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import { queueMail, renderMail } from '../mail/index.js';
import type { NotifyContext } from './context.js';
import { loadPrefs } from './prefs.js';
import { notificationDigests, notifications } from './schema.js';
import { describe, isNotificationType, TYPE_INFO } from './types.js';
import { unsubscribeUrl } from './unsubscribe.js';

/** Digests go out from 08:00 Beijing time (00:00 UTC): read with the morning news. */
export const DIGEST_HOUR_UTC = 0;
/** A digest lists notifications of the last day (older unread ones were in an earlier digest or are stale). */
const DIGEST_WINDOW_MS = 86_400_000;
/** Lines in one digest (the rest: "and N more"). */
const DIGEST_MAX_ITEMS = 20;
/** Readers handled per run (the job runs again until none is left). */
const DIGEST_BATCH = 200;

/** The digest day a moment belongs to (YYYY-MM-DD), or undefined before today's digest hour. */
export function digestDay(now: Date): string | undefined {
  if (now.getUTCHours() < DIGEST_HOUR_UTC) return undefined;
  return now.toISOString().slice(0, 10);
}

/** Sends today's digests not sent yet; returns how many were queued. */
export async function sendDigests(db: Queryable, ctx: NotifyContext): Promise<number> {
  const now = ctx.clock.now();
  const day = digestDay(now);
  if (!day) return 0;
  const since = new Date(now.getTime() - DIGEST_WINDOW_MS);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: notifications.id,
        userId: notifications.userId,
        type: notifications.type,
        actorId: notifications.actorId,
        target: notifications.target,
      })
      .from(notifications)
      .where(
        and(
          isNull(notifications.digestedAt),
          isNull(notifications.emailedAt),
          isNull(notifications.readAt),
          gte(notifications.createdAt, since),
          sql`NOT EXISTS (SELECT 1 FROM byline.notification_digests d
                          WHERE d.user_id = ${notifications.userId} AND d.day = ${day})`,
        ),
      )
      .orderBy(notifications.userId, notifications.id)
      .limit(DIGEST_BATCH * DIGEST_MAX_ITEMS);
    const prefs = await loadPrefs(
      tx,
      rows.map((r) => r.userId),
    );
    const byUser = new Map<string, typeof rows>();
    for (const r of rows) {
      if (!isNotificationType(r.type)) continue;
      const channels = prefs.get(r.userId)?.[r.type] ?? TYPE_INFO[r.type].defaults;
      if (!channels.digest) continue;
      byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    }
    const users = [...byUser.keys()].slice(0, DIGEST_BATCH);
    if (users.length === 0) return 0;
    const claimed = await tx
      .insert(notificationDigests)
      .values(users.map((userId) => ({ userId, day, sentAt: now })))
      .onConflictDoNothing()
      .returning({ userId: notificationDigests.userId });
    const contacts = await getMailContacts(
      tx,
      claimed.map((c) => c.userId),
    );
    const actors = await getUserCards(
      tx,
      rows.flatMap((r) => (r.actorId ? [r.actorId] : [])),
    );
    let sent = 0;
    for (const { userId } of claimed) {
      const to = contacts.get(userId);
      const items = byUser.get(userId) ?? [];
      if (!to || items.length === 0) continue;
      const shown = items.slice(0, DIGEST_MAX_ITEMS);
      const mail = renderMail({
        ...ctx.site,
        subject: `今日通知摘要（${items.length} 条）`,
        greeting: `${to.displayName}，你好：`,
        paragraphs: [`过去一天里，你有 ${items.length} 条未读通知：`],
        items: shown.map((r) => ({
          text: describe(
            r.type,
            r.actorId ? (actors.get(r.actorId)?.displayName ?? null) : null,
            r.target,
          ),
          url: `${ctx.site.publicUrl}${r.target.url}`,
        })),
        action: { label: '打开通知中心', url: `${ctx.site.publicUrl}/notifications` },
        footnote:
          (items.length > shown.length ? `另有 ${items.length - shown.length} 条未列出。` : '') +
          `你收到这封邮件，是因为你开启了每日摘要。修改设置：${ctx.site.publicUrl}/me/notifications`,
        unsubscribeUrl: unsubscribeUrl(ctx, userId, 'digest'),
      });
      await queueMail(tx, {
        at: now,
        kind: 'digest',
        to: to.email,
        userId,
        ...mail,
      });
      await tx
        .update(notifications)
        .set({ digestedAt: now })
        .where(
          inArray(
            notifications.id,
            items.map((r) => r.id),
          ),
        );
      sent++;
    }
    return sent;
  });
}
