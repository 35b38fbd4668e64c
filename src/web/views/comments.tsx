import type { CommentView } from '../../engagement/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from './form.js';
import { formatDateTime } from './format.js';

export interface CommentsProps {
  readonly ctx: PageContext;
  readonly articleId: string;
  readonly comments: readonly CommentView[];
  readonly total: number;
  readonly sort: 'time' | 'quality';
  /** May the viewer delete any comment here (the article's creator, editors)? */
  readonly canModerate: boolean;
  readonly replyTo?: CommentView;
  readonly posted?: 'visible' | 'held';
}

/** 跟贴: the list (newest or best first, replies quote their chain) and the form. */
export function Comments(p: CommentsProps): JSX.Element {
  const { ctx } = p;
  const base = `/article/${p.articleId}`;
  return (
    <section
      id="comments"
      class="comments"
      aria-labelledby="comments-heading"
      data-slot={ctx.viewer ? undefined : `comments:${p.articleId}`}
    >
      <h2 id="comments-heading" safe>
        {`跟贴 ${p.total}`}
      </h2>
      <CommentSort ctx={ctx} base={base} sort={p.sort} />
      {p.posted ? (
        <p role="status" class="notice-ok">
          {p.posted === 'held' ? '评论已提交，新账号的评论需经编辑审核后显示。' : '评论已发表。'}
        </p>
      ) : (
        ''
      )}
      {ctx.viewer ? (
        <CommentForm ctx={ctx} base={base} replyTo={p.replyTo} />
      ) : (
        <p>
          <a href={href(ctx, `/signin?next=${encodeURIComponent(`${base}#comments`)}`)}>登录</a>
          后参与跟贴。
        </p>
      )}
      {p.comments.length === 0 ? (
        <p class="empty">还没有跟贴，来说两句吧。</p>
      ) : (
        <ol class="comment-list">
          {p.comments.map((c) => (
            <CommentItem ctx={ctx} base={base} comment={c} canModerate={p.canModerate} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The 排序 line: the current order in bold, a link to the other. */
function CommentSort({
  ctx,
  base,
  sort,
}: {
  ctx: PageContext;
  base: string;
  sort: CommentsProps['sort'];
}): JSX.Element {
  return (
    <p class="sort">
      排序：
      {sort === 'time' ? (
        <strong>最新</strong>
      ) : (
        <a href={href(ctx, `${base}?comments=time#comments`)}>最新</a>
      )}{' '}
      {sort === 'quality' ? (
        <strong>最热</strong>
      ) : (
        <a href={href(ctx, `${base}?comments=quality#comments`)}>最热</a>
      )}
    </p>
  );
}

/** The 写跟贴 form for a signed-in reader, quoting the comment being replied to. */
function CommentForm({
  ctx,
  base,
  replyTo,
}: {
  ctx: PageContext;
  base: string;
  replyTo?: CommentView;
}): JSX.Element {
  return (
    <form
      method="post"
      action={href(ctx, `${base}/comments`)}
      class="form comment-form"
      id="comment-form"
    >
      <Csrf ctx={ctx} />
      {replyTo ? (
        <>
          <input type="hidden" name="parentId" value={replyTo.id} />
          <p class="replying" safe>
            {`回复 ${replyTo.user.displayName}：${Array.from(replyTo.body).slice(0, 40).join('')}`}
          </p>
        </>
      ) : (
        ''
      )}
      <label for="comment-body">写跟贴</label>
      <textarea id="comment-body" name="body" rows="3" maxlength="2000" required></textarea>
      <button type="submit" class="primary">
        发表
      </button>
    </form>
  );
}

/** One comment: who and when, its quote chain, the body, and its actions (or its like count). */
function CommentItem({
  ctx,
  base,
  comment: c,
  canModerate,
}: {
  ctx: PageContext;
  base: string;
  comment: CommentView;
  canModerate: boolean;
}): JSX.Element {
  return (
    <li id={`c-${c.id}`}>
      <p class="meta">
        <span class="who" safe>
          {c.user.displayName}
        </span>
        <time datetime={c.createdAt.toISOString()} safe>
          {formatDateTime(c.createdAt)}
        </time>
        {c.status === 'held' ? <span class="held">审核中，仅自己可见</span> : ''}
      </p>
      {c.quotes.length > 0 ? <Quotes quotes={c.quotes} /> : ''}
      <p class="comment-body" safe>
        {c.body}
      </p>
      {ctx.viewer && c.status === 'visible' ? (
        <CommentActions
          ctx={ctx}
          base={base}
          comment={c}
          canDelete={canModerate || ctx.viewer.id === c.user.id}
        />
      ) : (
        <p class="meta" safe>
          {`赞 ${c.likes}`}
        </p>
      )}
    </li>
  );
}

/** A visible comment's buttons for a signed-in reader: 赞, 回复, 举报 and, if allowed, 删除. */
function CommentActions({
  ctx,
  base,
  comment: c,
  canDelete,
}: {
  ctx: PageContext;
  base: string;
  comment: CommentView;
  canDelete: boolean;
}): JSX.Element {
  return (
    <div class="comment-actions">
      <form method="post" action={href(ctx, `/comments/${c.id}/like`)} class="inline">
        <Csrf ctx={ctx} />
        <button type="submit" class="link" aria-pressed={c.likedByViewer ? 'true' : 'false'} safe>
          {`${c.likedByViewer ? '已赞' : '赞'} ${c.likes}`}
        </button>
      </form>
      <a href={href(ctx, `${base}?reply=${c.id}#comment-form`)}>回复</a>
      <form method="post" action={href(ctx, `/comments/${c.id}/report`)} class="inline">
        <Csrf ctx={ctx} />
        <button type="submit" class="link">
          举报
        </button>
      </form>
      {canDelete ? (
        <form method="post" action={href(ctx, `/comments/${c.id}/delete`)} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit" class="link">
            删除
          </button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

/** 盖楼: each earlier comment in the chain, nested one inside the next. */
function Quotes({
  quotes,
}: {
  quotes: readonly { id: string; body: string; displayName: string }[];
}): JSX.Element {
  const [first, ...rest] = quotes;
  if (!first) return '';
  return (
    <blockquote class="quote">
      {rest.length ? <Quotes quotes={quotes.slice(0, -1)} /> : ''}
      <p>
        <span class="who" safe>
          {quotes.at(-1)!.displayName}
        </span>
        ：<span safe>{quotes.at(-1)!.body}</span>
      </p>
    </blockquote>
  );
}
