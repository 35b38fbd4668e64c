/** A reader's choices per notification type: in the centre, by mail at once, in the daily digest. */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { getUserCards } from '../accounts/index.js';
import type { Queryable } from '../db/client.js';
import { notificationPrefs } from './schema.js';
import { NOTIFICATION_TYPES, TYPE_INFO, type Channels, type NotificationType } from './types.js';

export type Prefs = Record<NotificationType, Channels>;

export const ChannelsSchema = z.strictObject({
  in_app: z.boolean().meta({ description: '在通知中心显示' }),
  email: z.boolean().meta({ description: '立即发邮件' }),
  digest: z.boolean().meta({ description: '放进每日摘要邮件' }),
});

/** The stored choices of these readers (types they never changed are absent). */
export async function loadPrefs(
  db: Queryable,
  userIds: readonly string[],
): Promise<Map<string, Partial<Prefs>>> {
  const out = new Map<string, Partial<Prefs>>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select()
    .from(notificationPrefs)
    .where(inArray(notificationPrefs.userId, [...new Set(userIds)]));
  for (const r of rows) {
    if (!(NOTIFICATION_TYPES as readonly string[]).includes(r.type)) continue;
    const prefs = out.get(r.userId) ?? {};
    prefs[r.type as NotificationType] = { inApp: r.inApp, email: r.email, digest: r.digest };
    out.set(r.userId, prefs);
  }
  return out;
}

/** Every type's channels for one reader, defaults filled in. */
export async function getPrefs(db: Queryable, userId: string): Promise<Prefs> {
  const stored = (await loadPrefs(db, [userId])).get(userId) ?? {};
  return Object.fromEntries(
    NOTIFICATION_TYPES.map((t) => [t, stored[t] ?? TYPE_INFO[t].defaults]),
  ) as Prefs;
}

/** Sets the given types' channels (others keep theirs). */
export async function setPrefs(
  db: Queryable,
  userId: string,
  change: Partial<Prefs>,
): Promise<Prefs> {
  await db.transaction(async (tx) => {
    for (const [type, c] of Object.entries(change) as [NotificationType, Channels][]) {
      await tx
        .insert(notificationPrefs)
        .values({ userId, type, inApp: c.inApp, email: c.email, digest: c.digest })
        .onConflictDoUpdate({
          target: [notificationPrefs.userId, notificationPrefs.type],
          set: { inApp: c.inApp, email: c.email, digest: c.digest },
        });
    }
  });
  return getPrefs(db, userId);
}

/** Stops mail (at once and in the digest) for one type, or for every type. */
export async function stopMail(
  db: Queryable,
  userId: string,
  scope: NotificationType | 'digest' | 'all',
): Promise<boolean> {
  // CASE: the account was deleted since the mail was sent: nothing left to stop.
  if (!(await getUserCards(db, [userId])).has(userId)) return false;
  const current = await getPrefs(db, userId);
  const types = scope === 'all' || scope === 'digest' ? NOTIFICATION_TYPES : [scope];
  const change: Partial<Prefs> = {};
  for (const t of types) {
    change[t] =
      scope === 'digest'
        ? { ...current[t], digest: false }
        : { ...current[t], email: false, digest: false };
  }
  await setPrefs(db, userId, change);
  return true;
}

/** Forgets a reader's choices (account deletion). */
export async function erasePrefs(tx: Queryable, userId: string): Promise<void> {
  await tx.delete(notificationPrefs).where(and(eq(notificationPrefs.userId, userId)));
}
