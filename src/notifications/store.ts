/**
 * Notifications as stored and read: writing new ones (with the reader's
 * choices and the mail they asked for), the centre's list and unread count,
 * marking read.
 */
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { getMailContacts, getUserCards } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import { queueMail, renderMail } from '../mail/index.js';
import { loadPrefs } from './prefs.js';
import { notifications, type NotificationTarget } from './schema.js';
import { describe, TYPE_INFO, type NotificationType } from './types.js';
import { unsubscribeUrl } from './unsubscribe.js';
import type { NotifyContext } from './context.js';

export interface NewNotification {
  readonly userId: string;
  readonly type: NotificationType;
  readonly actorId: string | null;
  readonly target: NotificationTarget;
  /** Same key, same recipient and type: one notification. */
  readonly dedupKey: string;
}

/** Writes notifications by each reader's choices and queues the mail they asked for. */
export async function deliverNotifications(
  tx: Queryable,
  ctx: NotifyContext,
  list: readonly NewNotification[],
): Promise<number> {
  if (list.length === 0) return 0;
  const prefs = await loadPrefs(
    tx,
    list.map((n) => n.userId),
  );
  const now = ctx.clock.now();
  const wanted = list
    .map((n) => ({ n, channels: prefs.get(n.userId)?.[n.type] ?? TYPE_INFO[n.type].defaults }))
    .filter(({ channels }) => channels.inApp || channels.email || channels.digest);
  if (wanted.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(
      wanted.map(({ n, channels }) => ({
        userId: n.userId,
        type: n.type,
        actorId: n.actorId,
        target: n.target,
        dedupKey: n.dedupKey,
        inApp: channels.inApp,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({
      id: notifications.id,
      userId: notifications.userId,
      type: notifications.type,
      dedupKey: notifications.dedupKey,
    });
  const mailNow = inserted.filter((row) => {
    const w = wanted.find(
      (x) => x.n.userId === row.userId && x.n.type === row.type && x.n.dedupKey === row.dedupKey,
    );
    return w?.channels.email;
  });
  if (mailNow.length === 0) return inserted.length;
  const contacts = await getMailContacts(
    tx,
    mailNow.map((r) => r.userId),
  );
  const actors = await getUserCards(
    tx,
    wanted.flatMap(({ n }) => (n.actorId ? [n.actorId] : [])),
  );
  for (const row of mailNow) {
    const to = contacts.get(row.userId);
    const n = wanted.find(
      (x) => x.n.userId === row.userId && x.n.type === row.type && x.n.dedupKey === row.dedupKey,
    )!.n;
    if (!to) continue;
    const actor = n.actorId ? (actors.get(n.actorId)?.displayName ?? null) : null;
    const line = describe(n.type, actor, n.target);
    const unsubscribe = unsubscribeUrl(ctx, row.userId, n.type);
    const mail = renderMail({
      ...ctx.site,
      subject: TYPE_INFO[n.type].label,
      greeting: `${to.displayName}，你好：`,
      paragraphs: [line],
      action: { label: '查看', url: `${ctx.site.publicUrl}${n.target.url}` },
      footnote: `你收到这封邮件，是因为你在通知设置中选择了用邮件接收「${TYPE_INFO[n.type].label}」。修改设置：${ctx.site.publicUrl}/me/notifications`,
      unsubscribeUrl: unsubscribe,
    });
    await queueMail(tx, {
      at: now,
      kind: `notification:${n.type}`,
      to: to.email,
      userId: row.userId,
      ...mail,
    });
    await tx.update(notifications).set({ emailedAt: now }).where(eq(notifications.id, row.id));
  }
  return inserted.length;
}

export interface NotificationItem {
  readonly id: number;
  readonly type: string;
  readonly createdAt: Date;
  readonly read: boolean;
  readonly actor: {
    readonly id: string;
    readonly displayName: string;
    readonly avatarImageId: string | null;
  } | null;
  readonly target: NotificationTarget;
  /** One line saying what happened. */
  readonly text: string;
}

/** Notifications per page of the centre. */
export const NOTIFICATIONS_PAGE = 30;

/** A reader's notifications, newest first, before the id `before` (the next page). */
export async function listNotifications(
  db: Queryable,
  userId: string,
  options: { before?: number; limit?: number; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationItem[]; unread: number; nextBefore: number | null }> {
  const limit = options.limit ?? NOTIFICATIONS_PAGE;
  const rows = await db
    .select({
      id: notifications.id,
      type: notifications.type,
      actorId: notifications.actorId,
      target: notifications.target,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.inApp, true),
        options.before ? lt(notifications.id, options.before) : undefined,
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const actors = await getUserCards(
    db,
    page.flatMap((r) => (r.actorId ? [r.actorId] : [])),
  );
  const items = page.map((r) => {
    const actor = r.actorId ? (actors.get(r.actorId) ?? null) : null;
    return {
      id: r.id,
      type: r.type,
      createdAt: r.createdAt,
      read: r.readAt !== null,
      actor,
      target: r.target,
      text: describe(r.type, actor?.displayName ?? null, r.target),
    };
  });
  return {
    items,
    unread: await countUnread(db, userId),
    nextBefore: rows.length > limit ? page.at(-1)!.id : null,
  };
}

/** The bell's number (an index-only count of a reader's unread rows). */
export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        eq(notifications.inApp, true),
      ),
    );
  return row?.n ?? 0;
}

/** Marks these of the reader's notifications read (others' ids are ignored); all of them without ids. */
export async function markRead(
  db: Queryable,
  userId: string,
  at: Date,
  ids?: readonly number[],
): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Account deletion: what the account did to others (its comments, likes,
 * follows, copies) leaves their notification centres too — the
 * notifications quote its words. Its own notifications go with the account.
 */
export async function eraseNotificationsBy(tx: Queryable, userId: string): Promise<void> {
  await tx.delete(notifications).where(eq(notifications.actorId, userId));
}
