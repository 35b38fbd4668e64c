import { href, type PageContext } from '../page-context.js';
import { Csrf } from './form.js';

export interface ReactionBarProps {
  readonly ctx: PageContext;
  readonly articleId: string;
  readonly likes: number;
  /** The signed-in reader's state (false for anonymous readers). */
  readonly liked: boolean;
  readonly bookmarked: boolean;
}

/**
 * 点赞 and 收藏 under the article: two forms that work without JavaScript
 * (each posts the state it asks for, so a double submit changes nothing);
 * site.js posts them in place. A signed-out reader's post leads to sign-in
 * and back to the article.
 */
export function ReactionBar(p: ReactionBarProps): JSX.Element {
  const { ctx } = p;
  const base = `/article/${p.articleId}`;
  const likeLabel = p.liked ? '已赞' : '点赞';
  const bookmarkLabel = p.bookmarked ? '已收藏' : '收藏';
  return (
    <section
      class="reactions"
      id="reactions"
      aria-label="点赞与收藏"
      data-slot={ctx.viewer ? undefined : `reactions:${p.articleId}`}
    >
      <form method="post" action={href(ctx, `${base}/like`)} class="reaction-form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="on" value={p.liked ? '0' : '1'} />
        <button type="submit" class="reaction like" aria-pressed={p.liked ? 'true' : 'false'}>
          <span aria-hidden="true">👍</span> <span data-reaction-label>{likeLabel}</span>{' '}
          <span class="count" data-like-count safe>
            {String(p.likes)}
          </span>
        </button>
      </form>
      <form method="post" action={href(ctx, `${base}/bookmark`)} class="reaction-form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="on" value={p.bookmarked ? '0' : '1'} />
        <button
          type="submit"
          class="reaction bookmark"
          aria-pressed={p.bookmarked ? 'true' : 'false'}
        >
          <span aria-hidden="true">☆</span> <span data-reaction-label>{bookmarkLabel}</span>
        </button>
      </form>
    </section>
  );
}
