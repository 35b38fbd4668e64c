import type { DeskItem } from '../../moderation/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { DeskApplications, DeskArticles, DeskComments, DeskRemoved } from './moderation-desk.js';

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

export type DeskFilter = 'all' | 'applications' | 'held_article' | 'article_report' | 'comments';

export function DeskPage({
  ctx,
  filter,
  items,
  applications,
  comments,
  removed,
  notice,
  reportLabels,
}: {
  ctx: PageContext;
  filter: DeskFilter;
  items: readonly DeskItem[];
  applications: readonly { id: string; displayName: string; handle: string; createdAt: Date }[];
  comments: readonly ModerationItem[];
  removed: readonly { id: string; title: string; removedAt: Date }[];
  notice?: string;
  reportLabels: Readonly<Record<string, string>>;
}): JSX.Element {
  const show = (f: DeskFilter) => filter === 'all' || filter === f;
  return (
    <Layout ctx={ctx} title="审核台" description="审核台" noindex>
      <h1>审核台</h1>
      {notice ? (
        <p class="notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      <DeskTabs
        ctx={ctx}
        filter={filter}
        items={items}
        applications={applications.length}
        comments={comments.length}
      />
      {show('applications') ? <DeskApplications ctx={ctx} applications={applications} /> : ''}
      {show('held_article') || show('article_report') ? (
        <DeskArticles ctx={ctx} items={items} reportLabels={reportLabels} />
      ) : (
        ''
      )}
      {show('comments') ? <DeskComments ctx={ctx} count={comments.length} /> : ''}
      {filter === 'all' && removed.length ? <DeskRemoved ctx={ctx} removed={removed} /> : ''}
    </Layout>
  );
}

/** The desk's 筛选 tabs, each with its count of open items. */
function DeskTabs({
  ctx,
  filter,
  items,
  applications,
  comments,
}: {
  ctx: PageContext;
  filter: DeskFilter;
  items: readonly DeskItem[];
  applications: number;
  comments: number;
}): JSX.Element {
  const tab = { ctx, filter };
  return (
    <nav class="tabs" aria-label="筛选">
      <DeskTab {...tab} value="all" label="全部" />
      <DeskTab {...tab} value="applications" label="入驻申请" count={applications} />
      <DeskTab
        {...tab}
        value="held_article"
        label="待审文章"
        count={items.filter((i) => i.kind === 'held_article').length}
      />
      <DeskTab
        {...tab}
        value="article_report"
        label="举报"
        count={items.filter((i) => i.kind === 'article_report').length}
      />
      <DeskTab {...tab} value="comments" label="跟贴" count={comments} />
    </nav>
  );
}

/** One filter tab, marked as the current page when selected. */
function DeskTab({
  ctx,
  filter,
  value,
  label,
  count,
}: {
  ctx: PageContext;
  filter: DeskFilter;
  value: DeskFilter;
  label: string;
  count?: number;
}): JSX.Element {
  return (
    <a
      href={href(ctx, value === 'all' ? '/studio/moderation' : `/studio/moderation?type=${value}`)}
      aria-current={filter === value ? 'page' : undefined}
      safe
    >
      {count === undefined ? label : `${label}（${count}）`}
    </a>
  );
}

export function LexiconPage({
  ctx,
  terms,
  labels,
  errors,
  value,
  notice,
}: {
  ctx: PageContext;
  terms: readonly { term: string; category: string; createdAt: Date }[];
  labels: Readonly<Record<string, string>>;
  errors: FieldErrors;
  value?: { term: string; category: string };
  notice?: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="垃圾信息词库" description="垃圾信息词库" noindex>
      <h1>垃圾信息词库</h1>
      <p>
        内置词库之外的词语：出现在关键词堆砌行里的色情、赌博词语会被直接拒绝，其余信号会送审核台。
      </p>
      {notice ? (
        <p class="notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={href(ctx, '/studio/lexicon')}>
        <Csrf ctx={ctx} />
        <FormErrorSummary message={Object.keys(errors).length ? '请修改下面标出的内容' : ''} />
        <Field
          name="term"
          label="词语"
          value={value?.term ?? ''}
          errors={errors}
          required
          maxlength={30}
        />
        <div class={errors.category ? 'field has-error' : 'field'}>
          <label for="f-category">类别</label>
          <select id="f-category" name="category" required>
            {Object.entries(labels).map(([k, label]) => (
              <option value={k} selected={value?.category === k} safe>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          加入词库
        </button>
      </form>
      <h2 safe>{`管理员加入的词语（${terms.length}）`}</h2>
      <ul class="dictionary">
        {terms.map((t) => (
          <li>
            <span safe>{`${t.term}（${labels[t.category] ?? t.category}）`}</span>{' '}
            <form method="post" action={href(ctx, '/studio/lexicon/delete')} class="inline">
              <Csrf ctx={ctx} />
              <input type="hidden" name="term" value={t.term} />
              <button type="submit" aria-label={`删除“${t.term}”`}>
                删除
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
