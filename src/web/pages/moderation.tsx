import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

export interface ModerationItem {
  readonly id: string;
  readonly articleId: string;
  readonly body: string;
  readonly status: 'visible' | 'held' | 'removed';
  readonly reports: number;
  readonly createdAt: Date;
  readonly displayName: string;
}

export function ModerationPage({
  ctx,
  items,
}: {
  ctx: PageContext;
  items: readonly ModerationItem[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="跟贴审核" description="跟贴审核" noindex>
      <h1>跟贴审核</h1>
      {items.length === 0 ? <p>没有待处理的跟贴。</p> : ''}
      <ol class="comment-list">
        {items.map((c) => (
          <li>
            <p class="meta">
              <span class="who" safe>
                {c.displayName}
              </span>
              <time datetime={c.createdAt.toISOString()} safe>
                {formatDateTime(c.createdAt)}
              </time>
              <span safe>{c.status === 'held' ? '新账号，待审核' : `被举报 ${c.reports} 次`}</span>
              <a href={href(ctx, `/article/${c.articleId}#c-${c.id}`)}>所在文章</a>
            </p>
            <p class="comment-body" safe>
              {c.body}
            </p>
            {c.status === 'held' ? (
              <form method="post" action={href(ctx, `/comments/${c.id}/approve`)} class="inline">
                <Csrf ctx={ctx} />
                <button type="submit" class="primary">
                  通过
                </button>
              </form>
            ) : (
              ''
            )}
            <form method="post" action={href(ctx, `/comments/${c.id}/delete`)} class="inline">
              <Csrf ctx={ctx} />
              <button type="submit">删除</button>
            </form>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
