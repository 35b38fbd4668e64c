/**
 * Notifications follow the events (a durable consumer, exactly once across
 * instances): each event becomes a notification for each account it concerns
 * — never for the one who caused it — and, when the reader asked for mail,
 * a mail queued in the same transaction.
 */
import { getArticleFacts } from '../articles/index.js';
import { getApplicationOrThrow, getCreatorRefs, listFollowerIds } from '../creators/index.js';
import type { Queryable, Tx } from '../db/client.js';
import { getCommentExcerpts } from '../engagement/index.js';
import { runConsumer, type ConsumerRun, type StoredEvent } from '../events/index.js';
import type { NotifyContext } from './context.js';
import { deliverNotifications, type NewNotification } from './store.js';
import { OUTCOME_WORDS } from './types.js';

export const NOTIFICATIONS_CONSUMER = 'notifications';

const EVENTS = [
  'comment.published',
  'comment.liked',
  'creator.followed',
  'application.decided',
  'originality.copied',
  'moderation.decided',
  'article.published',
] as const;
type Handled = StoredEvent & { type: (typeof EVENTS)[number] };

/** Runs the consumer once (the `notify` job runs it until it has caught up). */
export function runNotificationConsumer(db: Queryable, ctx: NotifyContext): Promise<ConsumerRun> {
  return runConsumer(
    db,
    NOTIFICATIONS_CONSUMER,
    EVENTS,
    async (tx, events) => {
      const list = await notificationsOf(tx, events);
      await deliverNotifications(tx, ctx, list);
    },
    { startAt: 'present' },
  );
}

const articleUrl = (id: string, anchor = '') => `/article/${id}${anchor}`;

/** What the events mean for whom, with the facts a notification shows (a few queries per batch). */
async function notificationsOf(tx: Tx, events: readonly Handled[]): Promise<NewNotification[]> {
  const articleIds = new Set<string>();
  const commentIds = new Set<string>();
  const creatorIds = new Set<string>();
  for (const e of events) {
    if ('articleId' in e) articleIds.add(e.articleId);
    if (e.type === 'originality.copied') {
      articleIds.add(e.originalArticleId);
      articleIds.add(e.copyArticleId);
      creatorIds.add(e.originalAuthorId);
    }
    if (e.type === 'comment.published' || e.type === 'comment.liked') commentIds.add(e.commentId);
    if (e.type === 'moderation.decided' && e.commentId) commentIds.add(e.commentId);
    if (e.type === 'creator.followed') creatorIds.add(e.creatorId);
  }
  const articles = await getArticleFacts(tx, [...articleIds]);
  for (const a of articles.values()) creatorIds.add(a.authorId);
  const creators = await getCreatorRefs(tx, [...creatorIds]);
  const comments = await getCommentExcerpts(tx, [...commentIds]);
  const authorUserOf = (articleId: string) => {
    const a = articles.get(articleId);
    return a ? creators.get(a.authorId)?.userId : undefined;
  };
  const titleOf = (articleId: string) => articles.get(articleId)?.title ?? '已删除的文章';
  const out: NewNotification[] = [];
  const add = (n: NewNotification) => {
    // Never a notification to yourself.
    if (n.userId && n.userId !== n.actorId) out.push(n);
  };
  for (const e of events) {
    switch (e.type) {
      case 'comment.published': {
        const c = comments.get(e.commentId);
        const target = {
          kind: 'comment' as const,
          id: e.commentId,
          title: titleOf(e.articleId),
          excerpt: c?.excerpt ?? '',
          url: articleUrl(e.articleId, `#comment-${e.commentId}`),
        };
        if (e.parentUserId)
          add({
            userId: e.parentUserId,
            type: 'comment_reply',
            actorId: e.userId,
            target,
            dedupKey: e.commentId,
          });
        const author = authorUserOf(e.articleId);
        // A reply to the author's own comment is already a reply: one notification, not two.
        if (author && author !== e.parentUserId)
          add({
            userId: author,
            type: 'article_comment',
            actorId: e.userId,
            target,
            dedupKey: e.commentId,
          });
        break;
      }
      case 'comment.liked':
        add({
          userId: e.commentUserId,
          type: 'comment_like',
          actorId: e.userId,
          target: {
            kind: 'comment',
            id: e.commentId,
            title: titleOf(e.articleId),
            excerpt: comments.get(e.commentId)?.excerpt ?? '',
            url: articleUrl(e.articleId, `#comment-${e.commentId}`),
          },
          dedupKey: `${e.commentId}:${e.userId}`,
        });
        break;
      case 'creator.followed': {
        const creator = creators.get(e.creatorId);
        if (!creator) break;
        add({
          userId: creator.userId,
          type: 'new_follower',
          actorId: e.userId,
          target: { kind: 'creator', id: creator.id, title: creator.displayName, url: '/studio' },
          dedupKey: e.userId,
        });
        break;
      }
      case 'application.decided': {
        // CASE: the account (and its applications) deleted since: nobody to tell.
        const application = await getApplicationOrThrow(tx, e.applicationId).catch(() => undefined);
        if (!application) break;
        add({
          userId: e.userId,
          type: 'application_decided',
          actorId: null,
          target: {
            kind: 'application',
            id: e.applicationId,
            title: application.displayName,
            excerpt: e.decision === 'rejected' ? e.reason || '未说明' : undefined,
            url: e.decision === 'approved' ? '/studio' : '/apply',
          },
          dedupKey: e.applicationId,
        });
        break;
      }
      case 'originality.copied': {
        const author = creators.get(e.originalAuthorId)?.userId;
        if (!author) break;
        add({
          userId: author,
          type: 'originality_match',
          actorId: authorUserOf(e.copyArticleId) ?? null,
          target: {
            kind: 'article',
            id: e.originalArticleId,
            title: titleOf(e.originalArticleId),
            excerpt: `复制它的文章：《${titleOf(e.copyArticleId)}》`,
            url: `/studio/articles/${e.originalArticleId}/originality`,
          },
          dedupKey: `${e.originalArticleId}:${e.copyArticleId}`,
        });
        break;
      }
      case 'moderation.decided': {
        const onComment = e.subject === 'comment';
        const words = OUTCOME_WORDS[onComment ? `comment_${e.outcome}` : e.outcome] ?? e.outcome;
        add({
          userId: e.ownerUserId,
          type: 'moderation_outcome',
          actorId: null,
          target: {
            kind: onComment ? 'comment' : 'article',
            id: e.commentId ?? e.articleId,
            title: onComment
              ? `在《${titleOf(e.articleId)}》的评论`
              : `文章《${titleOf(e.articleId)}》`,
            excerpt: `${words}${e.reason ? `。理由：${e.reason}` : ''}`,
            url:
              onComment && e.outcome !== 'removed'
                ? articleUrl(e.articleId, `#comment-${e.commentId}`)
                : onComment
                  ? articleUrl(e.articleId)
                  : '/studio/articles',
          },
          dedupKey: `${e.commentId ?? e.articleId}:${e.outcome}:${e.id}`,
        });
        break;
      }
      case 'article.published': {
        const creator = creators.get(e.authorId);
        if (!creator) break;
        const target = {
          kind: 'article' as const,
          id: e.articleId,
          title: titleOf(e.articleId),
          url: articleUrl(e.articleId),
        };
        // Published again (restored, approved after an edit): the followers heard the first time.
        for (const follower of await listFollowerIds(tx, e.authorId, e.at))
          add({
            userId: follower,
            type: 'followed_article',
            actorId: creator.userId,
            target,
            dedupKey: e.articleId,
          });
        break;
      }
    }
  }
  return out;
}
