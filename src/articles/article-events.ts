import type { ArticleEventType, DomainEvent } from '../events/index.js';

/** The event of an article change, with what its subscribers need (author and channel). */
export function articleEvent(
  type: ArticleEventType,
  a: { readonly id: string; readonly authorId: string; readonly channelId: number },
): DomainEvent {
  return { type, articleId: a.id, authorId: a.authorId, channelId: a.channelId };
}
