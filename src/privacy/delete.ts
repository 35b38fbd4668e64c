/**
 * 注销账号 (PIPL art. 47): after the password, one transaction erases the
 * account's personal data from every domain — the creator's articles
 * (deleted: the documented site policy, see docs/privacy.md), profile,
 * comments, likes, reports, follows, applications, notifications, mail and
 * sessions, what it did in others' notification centres, its rate-limit
 * counters — puts back every counter they moved, and redacts the account's
 * names from the audit log. Uploaded image files are removed after commit.
 */
import { checkPassword, deleteUser, getProfile } from '../accounts/index.js';
import { deleteArticlesOfAuthor } from '../articles/index.js';
import { redactAudit } from '../audit/index.js';
import {
  deleteCreatorProfile,
  eraseFollowsAndApplicationsOf,
  exportCreatorDataOf,
  listHandleHistory,
} from '../creators/index.js';
import { forgetRateLimitsOf } from '../limits/index.js';
import { eraseNotificationsBy } from '../notifications/index.js';
import type { Queryable } from '../db/client.js';
import { eraseEngagementOf } from '../engagement/index.js';
import { recordEvent } from '../events/index.js';
import { eraseMailOf } from '../mail/index.js';
import { deleteImagesOf, type MediaStore } from '../media/index.js';
import { eraseReportsOf } from '../moderation/index.js';

export interface DeletionReport {
  readonly articlesDeleted: number;
  readonly imagesDeleted: number;
}

export async function deleteAccount(
  db: Queryable,
  media: MediaStore,
  input: { userId: string; password: string },
): Promise<DeletionReport> {
  await checkPassword(db, input.userId, input.password);
  const profile = await getProfile(db, input.userId);
  const { articles, images } = await db.transaction(async (tx) => {
    const creatorData = await exportCreatorDataOf(tx, input.userId);
    const creator = creatorData.profile;
    // Every name and handle the account went by, for the audit log's redaction.
    const names = [
      profile.email,
      profile.displayName,
      ...(creator ? [creator.handle, creator.displayName] : []),
      ...(creator ? await listHandleHistory(tx, creator.id) : []),
      ...creatorData.applications.flatMap((a) => [a.handle, a.displayName, a.contact]),
    ];
    let articles: string[] = [];
    if (creator) {
      articles = await deleteArticlesOfAuthor(tx, creator.id);
      await deleteCreatorProfile(tx, creator.id);
    }
    await eraseEngagementOf(tx, input.userId);
    await eraseFollowsAndApplicationsOf(tx, input.userId);
    await eraseReportsOf(tx, input.userId);
    const images = await deleteImagesOf(tx, input.userId);
    await eraseMailOf(tx, input.userId, profile.email);
    await eraseNotificationsBy(tx, input.userId);
    await forgetRateLimitsOf(tx, [profile.email, input.userId]);
    await redactAudit(tx, names);
    await deleteUser(tx, input.userId);
    await recordEvent(tx, {
      type: 'account.deleted',
      userId: input.userId,
      creatorId: creator?.id ?? null,
    });
    return { articles, images };
  });
  // CASE: a file that cannot be removed now is an orphan, not personal data in the database.
  for (const id of images) await media.removeAll(id).catch(() => {});
  return { articlesDeleted: articles.length, imagesDeleted: images.length };
}
