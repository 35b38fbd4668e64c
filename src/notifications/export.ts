/** A reader's notifications and choices, for their data export. */
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { getPrefs } from './prefs.js';
import { notifications } from './schema.js';

export async function exportNotificationsOf(db: Queryable, userId: string) {
  const items = await db
    .select({
      id: notifications.id,
      type: notifications.type,
      target: notifications.target,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.id));
  return { items, preferences: await getPrefs(db, userId) };
}
