/** 我的收藏 and 阅读历史: a signed-in reader's own lists, newest first, paged. */
import type { ArticleCard } from '../../articles/index.js';
import { articlePath, authorPath, href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Pager } from '../views/pager.js';
import { MeLayout } from './me.js';

/** An article in a reader's list, with when it was saved or last read. */
export interface ReaderListItem {
  readonly article: ArticleCard;
  readonly at: Date;
}

interface ReaderListProps {
  readonly ctx: PageContext;
  readonly items: readonly ReaderListItem[];
  readonly next?: string;
  readonly isFirst: boolean;
}

function ReaderList(p: {
  ctx: PageContext;
  items: readonly ReaderListItem[];
  /** Before the time: 收藏于 / 阅读于. */
  atLabel: string;
  /** A per-item form (remove from history), if any. */
  remove?: (a: ArticleCard) => JSX.Element;
}): JSX.Element {
  const { ctx } = p;
  return (
    <ul class="article-list reader-list">
      {p.items.map(({ article: a, at }) => {
        const when = `${p.atLabel} ${formatDateTime(at)}`;
        return (
          <li>
            <div class="text">
              <h2 class="title">
                <a href={href(ctx, articlePath(a.id))} safe>
                  {a.title}
                </a>
              </h2>
              <p class="meta">
                <a href={href(ctx, authorPath(a.author.handle))} safe>
                  {a.author.displayName}
                </a>
                <a href={href(ctx, `/channel/${a.channel.slug}`)} safe>
                  {a.channel.name}
                </a>
                <time datetime={at.toISOString()} safe>
                  {when}
                </time>
              </p>
              {p.remove ? p.remove(a) : ''}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function BookmarksPage(p: ReaderListProps): JSX.Element {
  const { ctx } = p;
  return (
    <MeLayout ctx={ctx} title="我的收藏" current="/me/bookmarks">
      {p.items.length === 0 && p.isFirst ? (
        <p class="empty">还没有收藏。在文章下方点“收藏”，文章就会出现在这里。</p>
      ) : (
        <ReaderList ctx={ctx} items={p.items} atLabel="收藏于" />
      )}
      <Pager ctx={ctx} basePath="/me/bookmarks" next={p.next} isFirst={p.isFirst} />
    </MeLayout>
  );
}

export function HistoryPage(p: ReaderListProps): JSX.Element {
  const { ctx } = p;
  const remove = (a: ArticleCard) => {
    const label = `从阅读历史中删除《${a.title}》`;
    return (
      <form
        method="post"
        action={href(ctx, `/me/history/${a.id}/delete`)}
        class="inline history-remove"
      >
        <Csrf ctx={ctx} />
        <button type="submit" class="link" aria-label={label}>
          删除
        </button>
      </form>
    );
  };
  return (
    <MeLayout ctx={ctx} title="阅读历史" current="/me/history">
      <p class="hint">登录后读过的文章记在这里，每篇只记最近一次。只有你自己能看到。</p>
      {p.items.length === 0 && p.isFirst ? (
        <p class="empty">还没有阅读记录。</p>
      ) : (
        <>
          <form method="post" action={href(ctx, '/me/history/clear')} class="history-clear">
            <Csrf ctx={ctx} />
            <button type="submit">清空阅读历史</button>
          </form>
          <ReaderList ctx={ctx} items={p.items} atLabel="阅读于" remove={remove} />
        </>
      )}
      <Pager ctx={ctx} basePath="/me/history" next={p.next} isFirst={p.isFirst} />
    </MeLayout>
  );
}
