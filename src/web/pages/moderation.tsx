import type { DeskItem } from '../../moderation/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
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

const KIND_LABELS = { held_article: '待审文章', article_report: '举报' } as const;
const HELD_REASONS: Record<string, string> = {
  copy: '与其他创作者更早的文章高度重复',
  spam: '疑似垃圾信息',
};

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
  const tab = (value: DeskFilter, label: string, count?: number) => (
    <a
      href={href(ctx, value === 'all' ? '/studio/moderation' : `/studio/moderation?type=${value}`)}
      aria-current={filter === value ? 'page' : undefined}
      safe
    >
      {count === undefined ? label : `${label}（${count}）`}
    </a>
  );
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
      <nav class="tabs" aria-label="筛选">
        {tab('all', '全部')}
        {tab('applications', '入驻申请', applications.length)}
        {tab('held_article', '待审文章', items.filter((i) => i.kind === 'held_article').length)}
        {tab('article_report', '举报', items.filter((i) => i.kind === 'article_report').length)}
        {tab('comments', '跟贴', comments.length)}
      </nav>
      {show('applications') ? (
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
      ) : (
        ''
      )}
      {show('held_article') || show('article_report') ? (
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
                        <a href={href(ctx, `/studio/articles/${i.articleId}/originality`)}>
                          比对报告
                        </a>
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
                  ))}
                </tbody>
              </table>
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
            </form>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      {show('comments') ? (
        <section aria-labelledby="comments-heading">
          <h2 id="comments-heading">跟贴</h2>
          <p>
            {comments.length === 0 ? '没有待处理的跟贴。' : ''}
            <a href={href(ctx, '/studio/comments')} safe>
              {`处理跟贴（${comments.length}）`}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      {filter === 'all' && removed.length ? (
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
      ) : (
        ''
      )}
    </Layout>
  );
}

export function AuditPage({
  ctx,
  entries,
}: {
  ctx: PageContext;
  entries: readonly {
    action: string;
    subjectType: string;
    subjectId: string;
    reason: string;
    actorId: string | null;
    createdAt: Date;
  }[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="审计日志" description="审计日志" noindex>
      <h1>审计日志</h1>
      <p>每一项审核与权限决定都记录在这里，只增不改。</p>
      <table class="desk">
        <caption class="visually-hidden">最近的审计记录</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">理由</th>
            <th scope="col">操作人</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.createdAt.toISOString()} safe>
                  {formatDateTime(e.createdAt)}
                </time>
              </td>
              <td safe>{e.action}</td>
              <td safe>{`${e.subjectType} ${e.subjectId}`}</td>
              <td safe>{e.reason}</td>
              <td safe>{e.actorId ?? '系统'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
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
