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
    <section id="comments" class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading" safe>
        {`跟贴 ${p.total}`}
      </h2>
      <p class="sort">
        排序：
        {p.sort === 'time' ? (
          <strong>最新</strong>
        ) : (
          <a href={href(ctx, `${base}?comments=time#comments`)}>最新</a>
        )}{' '}
        {p.sort === 'quality' ? (
          <strong>最热</strong>
        ) : (
          <a href={href(ctx, `${base}?comments=quality#comments`)}>最热</a>
        )}
      </p>
      {p.posted ? (
        <p role="status" class="notice-ok">
          {p.posted === 'held' ? '评论已提交，新账号的评论需经编辑审核后显示。' : '评论已发表。'}
        </p>
      ) : (
        ''
      )}
      {ctx.viewer ? (
        <form
          method="post"
          action={href(ctx, `${base}/comments`)}
          class="form comment-form"
          id="comment-form"
        >
          <Csrf ctx={ctx} />
          {p.replyTo ? (
            <>
              <input type="hidden" name="parentId" value={p.replyTo.id} />
              <p class="replying" safe>
                {`回复 ${p.replyTo.user.displayName}：${Array.from(p.replyTo.body).slice(0, 40).join('')}`}
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
                <div class="comment-actions">
                  <form method="post" action={href(ctx, `/comments/${c.id}/like`)} class="inline">
                    <Csrf ctx={ctx} />
                    <button
                      type="submit"
                      class="link"
                      aria-pressed={c.likedByViewer ? 'true' : 'false'}
                      safe
                    >
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
                  {p.canModerate || ctx.viewer.id === c.user.id ? (
                    <form
                      method="post"
                      action={href(ctx, `/comments/${c.id}/delete`)}
                      class="inline"
                    >
                      <Csrf ctx={ctx} />
                      <button type="submit" class="link">
                        删除
                      </button>
                    </form>
                  ) : (
                    ''
                  )}
                </div>
              ) : (
                <p class="meta" safe>
                  {`赞 ${c.likes}`}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
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
