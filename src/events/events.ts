/**
 * What happened, as the rest of the system hears it. Commands record events
 * in their own transaction (outbox.ts); subscribers act on committed events
 * only (relay.ts). Each event carries what its subscribers need, so none of
 * them has to read another domain's tables to react.
 */
export type ArticleEventType =
  /** Published for the first time, or again (restored, approved by an editor). */
  | 'article.published'
  /** A published article's text or metadata changed. */
  | 'article.revised'
  /** No longer public: unpublished, held for review, removed. */
  | 'article.withdrawn';

export type DomainEvent =
  | {
      readonly type: ArticleEventType;
      readonly articleId: string;
      readonly authorId: string;
      readonly channelId: number;
    }
  /** Many articles published at once (an import, the demo seed): every list may change. */
  | { readonly type: 'articles.imported'; readonly articleIds: readonly string[] }
  /** Search indexed these articles' current text (related lists follow). */
  | { readonly type: 'search.indexed'; readonly articleIds: readonly string[] }
  /** These articles left the search index (no longer published). */
  | { readonly type: 'search.removed'; readonly articleIds: readonly string[] }
  /** A comment appeared, was approved or removed (the article's page shows it). */
  | { readonly type: 'comment.changed'; readonly articleId: string }
  /** A share was counted (the article's page shows the count). */
  | { readonly type: 'article.shared'; readonly articleId: string }
  /** An article was liked, or a like taken back (the article's page shows the count). */
  | { readonly type: 'article.liked'; readonly articleId: string }
  /** A comment became visible (posted, or approved by an editor): who wrote it, whom it answers. */
  | {
      readonly type: 'comment.published';
      readonly articleId: string;
      readonly commentId: string;
      readonly userId: string;
      /** The author of the comment it replies to, if a reply. */
      readonly parentUserId: string | null;
    }
  /** A comment got a like (not when it is taken back). */
  | {
      readonly type: 'comment.liked';
      readonly articleId: string;
      readonly commentId: string;
      readonly commentUserId: string;
      readonly userId: string;
    }
  /** An editor's decision about a creator's article or a reader's comment. */
  | {
      readonly type: 'moderation.decided';
      readonly subject: 'article' | 'comment';
      readonly articleId: string;
      readonly commentId: string | null;
      /** The account whose content it was. */
      readonly ownerUserId: string;
      readonly outcome: 'approved' | 'rejected' | 'removed' | 'restored';
      readonly reason: string;
    }
  /** An article was found copying an earlier article of another creator. */
  | {
      readonly type: 'originality.copied';
      readonly originalArticleId: string;
      readonly originalAuthorId: string;
      readonly copyArticleId: string;
    }
  /** An editor approved or rejected a creator application. */
  | {
      readonly type: 'application.decided';
      readonly applicationId: string;
      readonly userId: string;
      readonly decision: 'approved' | 'rejected';
      readonly reason: string;
    }
  | { readonly type: 'creator.followed'; readonly creatorId: string; readonly userId: string }
  | { readonly type: 'creator.unfollowed'; readonly creatorId: string; readonly userId: string }
  /** A new creator profile (an approved application). */
  | { readonly type: 'creator.created'; readonly creatorId: string }
  /** A creator's public profile changed (name, avatar, handle…): its pages and search follow. */
  | { readonly type: 'creator.updated'; readonly creatorId: string }
  /** An account was deleted: its content is gone from every page. */
  | { readonly type: 'account.deleted'; readonly userId: string; readonly creatorId: string | null }
  | { readonly type: 'site.settings_changed' }
  | { readonly type: 'site.channels_changed' };

export type DomainEventType = DomainEvent['type'];

/** An event as read back from the outbox. */
export type StoredEvent = DomainEvent & { readonly id: number; readonly at: Date };
