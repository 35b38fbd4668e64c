/** The sections of the 审核台 (DeskPage in moderation.tsx): applications, articles, comments, removed. */
import type { DeskItem } from '../../moderation/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';

const KIND_LABELS = { held_article: '待审文章', article_report: '举报' } as const;
const HELD_REASONS: Record<string, string> = {
  copy: '与其他创作者更早的文章高度重复',
  spam: '疑似垃圾信息',
};

/** The 入驻申请 section: pending applications and the link to review them one by one. */
export function DeskApplications({
  ctx,
  applications,
}: {
  ctx: PageContext;
  applications: readonly { id: string; displayName: string; handle: string; createdAt: Date }[];
}): JSX.Element {
  return (
    <section aria-labelledby="apps-heading">
      <h2 id="apps-heading">入驻申请</h2>
      {applications.length === 0 ? <p>没有待审核的申请。</p> : ''}
      <ul>
        {applications.map((a) => (
          <li>
            <span safe>{`${a.displayName}（${a.handle}）`}</span>{' '}
            <time datetime={a.createdAt.toISOString()} safe>
              {formatDateTime(a.createdAt)}
            </time>
          </li>
        ))}
      </ul>
      {applications.length ? <a href={href(ctx, '/studio/review')}>逐份审核申请</a> : ''}
    </section>
  );
}

/** The 文章 section: held and reported articles in one form for batch decisions. */
export function DeskArticles({
  ctx,
  items,
  reportLabels,
}: {
  ctx: PageContext;
  items: readonly DeskItem[];
  reportLabels: Readonly<Record<string, string>>;
}): JSX.Element {
  return (
    <section aria-labelledby="articles-heading">
      <h2 id="articles-heading">文章</h2>
      {items.length === 0 ? <p>没有待处理的文章。</p> : ''}
      {items.length ? (
        <form method="post" action={href(ctx, '/studio/moderation/decide')}>
          <Csrf ctx={ctx} />
          <table class="desk">
            <caption class="visually-hidden">待处理的文章，可多选后批量处理</caption>
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">类型</th>
                <th scope="col">文章</th>
                <th scope="col">原因</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <DeskArticleRow ctx={ctx} item={i} reportLabels={reportLabels} />
              ))}
            </tbody>
          </table>
          <DeskDecision />
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

/** One desk item's table row: checkbox, kind, article links, reason and time. */
function DeskArticleRow({
  ctx,
  item: i,
  reportLabels,
}: {
  ctx: PageContext;
  item: DeskItem;
  reportLabels: Readonly<Record<string, string>>;
}): JSX.Element {
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={i.id}
          id={`item-${i.id}`}
          aria-label={`选择：${i.title}`}
        />
      </td>
      <td>{KIND_LABELS[i.kind]}</td>
      <td>
        <a
          href={href(
            ctx,
            i.articleStatus === 'published'
              ? `/article/${i.articleId}`
              : `/studio/articles/${i.articleId}/preview`,
          )}
          safe
        >
          {i.title}
        </a>
        <span class="meta" safe>{` ${i.authorName}`}</span>{' '}
        <a href={href(ctx, `/studio/articles/${i.articleId}/originality`)}>比对报告</a>
      </td>
      <td safe>
        {i.kind === 'held_article'
          ? (HELD_REASONS[i.reason] ?? i.reason)
          : `${reportLabels[i.reason] ?? i.reason}（共 ${i.reports} 次举报）${typeof i.detail.note === 'string' && i.detail.note ? `：${i.detail.note}` : ''}`}
      </td>
      <td>
        <time datetime={i.createdAt.toISOString()} safe>
          {formatDateTime(i.createdAt)}
        </time>
      </td>
    </tr>
  );
}

/** The decision's reason field and its four buttons (approve, reject, remove, dismiss). */
function DeskDecision(): JSX.Element {
  return (
    <>
      <p>
        <label for="decision-reason">理由（驳回时必填，记入审计日志）</label>
        <input id="decision-reason" name="reason" type="text" maxlength="1000" />
      </p>
      <p class="actions">
        <button type="submit" name="action" value="approve" class="primary">
          通过并发布
        </button>
        <button type="submit" name="action" value="reject">
          驳回（退回草稿）
        </button>
        <button type="submit" name="action" value="remove">
          删除文章
        </button>
        <button type="submit" name="action" value="dismiss">
          忽略举报
        </button>
      </p>
    </>
  );
}

/** The 跟贴 section: how many comments wait, with the link to the comment queue. */
export function DeskComments({ ctx, count }: { ctx: PageContext; count: number }): JSX.Element {
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">跟贴</h2>
      <p>
        {count === 0 ? '没有待处理的跟贴。' : ''}
        <a href={href(ctx, '/studio/comments')} safe>
          {`处理跟贴（${count}）`}
        </a>
      </p>
    </section>
  );
}

/** The 最近删除的文章 section, each with its 恢复 button. */
export function DeskRemoved({
  ctx,
  removed,
}: {
  ctx: PageContext;
  removed: readonly { id: string; title: string; removedAt: Date }[];
}): JSX.Element {
  return (
    <section aria-labelledby="removed-heading">
      <h2 id="removed-heading">最近删除的文章</h2>
      <ul>
        {removed.map((r) => (
          <li>
            <span safe>{r.title}</span>{' '}
            <form
              method="post"
              action={href(ctx, `/studio/moderation/restore/${r.id}`)}
              class="inline"
            >
              <Csrf ctx={ctx} />
              <button type="submit" aria-label={`恢复：${r.title}`}>
                恢复
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
