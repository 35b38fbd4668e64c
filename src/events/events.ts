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
  /** Many articles at once (an import): every list may change. */
  | { readonly type: 'articles.imported'; readonly count: number }
  /** A comment appeared, was approved or removed (the article's page shows it). */
  | { readonly type: 'comment.changed'; readonly articleId: string }
  /** A share was counted (the article's page shows the count). */
  | { readonly type: 'article.shared'; readonly articleId: string }
  | { readonly type: 'creator.followed'; readonly creatorId: string; readonly userId: string }
  | { readonly type: 'creator.unfollowed'; readonly creatorId: string; readonly userId: string }
  /** A new creator profile (an approved application). */
  | { readonly type: 'creator.created'; readonly creatorId: string }
  | { readonly type: 'site.settings_changed' }
  | { readonly type: 'site.channels_changed' };

export type DomainEventType = DomainEvent['type'];

/** An event as read back from the outbox. */
export type StoredEvent = DomainEvent & { readonly id: number; readonly at: Date };
