/** 审计日志 (admins): who did what to what, when and why — in words, with links, filterable. */
import { href, type PageContext } from '../page-context.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { AdminNav } from './admin.js';

/** Every action the log records, in Chinese (an unknown one shows as it is stored). */
export const ACTION_LABELS: Record<string, string> = {
  'application.approve': '通过入驻申请',
  'application.reject': '拒绝入驻申请',
  'user.role': '修改角色',
  'user.suspend': '停用账号',
  'user.unsuspend': '恢复账号',
  'user.signout_all': '强制退出所有设备',
  'settings.update': '修改站点设置',
  'channel.create': '新建频道',
  'channel.update': '修改频道',
  'channel.reorder': '调整频道顺序',
  'channel.remove': '删除频道',
  'dictionary.add': '添加分词词语',
  'dictionary.remove': '删除分词词语',
  'lexicon.add': '添加垃圾信息词',
  'lexicon.remove': '删除垃圾信息词',
  'moderation.approve': '审核通过文章',
  'moderation.reject': '驳回文章',
  'moderation.remove': '删除文章',
  'moderation.dismiss': '驳回举报',
  'moderation.restore': '恢复被删除的文章',
};

/** What kinds of thing an entry can be about, for the filter. */
export const SUBJECT_LABELS: Record<string, string> = {
  user: '用户',
  article: '文章',
  creator_application: '入驻申请',
  channel: '频道',
  settings: '站点设置',
  dictionary_word: '分词词语',
  lexicon_term: '垃圾信息词',
};

export interface AuditRowView {
  readonly id: string;
  readonly at: Date;
  readonly actor: { readonly name: string; readonly href?: string };
  readonly action: string;
  readonly target: { readonly label: string; readonly href?: string };
  readonly reason: string;
  readonly details: string;
}

export function AuditRows({
  ctx,
  rows,
}: {
  ctx: PageContext;
  rows: readonly AuditRowView[];
}): JSX.Element {
  return (
    <table class="studio-table audit-table">
      <caption class="visually-hidden">审计记录，从新到旧</caption>
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">操作人</th>
          <th scope="col">操作</th>
          <th scope="col">对象</th>
          <th scope="col">理由与详情</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td class="nowrap">
              <time datetime={r.at.toISOString()} safe>
                {formatDateTime(r.at)}
              </time>
            </td>
            <td>
              {r.actor.href ? (
                <a href={href(ctx, r.actor.href)} safe>
                  {r.actor.name}
                </a>
              ) : (
                <span safe>{r.actor.name}</span>
              )}
            </td>
            <td safe>{ACTION_LABELS[r.action] ?? r.action}</td>
            <td>
              {r.target.href ? (
                <a href={href(ctx, r.target.href)} safe>
                  {r.target.label}
                </a>
              ) : (
                <span safe>{r.target.label}</span>
              )}
            </td>
            <td>
              {r.reason ? <span safe>{r.reason}</span> : ''}
              {r.details ? (
                <span class="hint" safe>
                  {r.reason ? ` · ${r.details}` : r.details}
                </span>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditLogPage(p: {
  ctx: PageContext;
  rows: readonly AuditRowView[];
  actions: readonly string[];
  filter: { action: string; subject: string; actor: string; actorName?: string | undefined };
  next?: string | undefined;
}): JSX.Element {
  const { ctx, filter } = p;
  const nextLink = p.next
    ? `/studio/admin/audit?${new URLSearchParams({ action: filter.action, subject: filter.subject, actor: filter.actor, before: p.next }).toString()}`
    : undefined;
  return (
    <Layout ctx={ctx} title={`审计日志 - ${ctx.settings.siteName}`} description="审计日志" noindex>
      <h1>审计日志</h1>
      <AdminNav ctx={ctx} current="/studio/admin/audit" />
      <p>每一项审核、权限与设置决定都记录在这里，只增不改。</p>
      <form method="get" action={href(ctx, '/studio/admin/audit')} class="audit-filter">
        <label for="audit-action">操作</label>
        <select id="audit-action" name="action">
          <option value="" selected={filter.action === ''}>
            全部
          </option>
          {p.actions.map((a) => (
            <option value={a} selected={filter.action === a} safe>
              {ACTION_LABELS[a] ?? a}
            </option>
          ))}
        </select>
        <label for="audit-subject">对象类型</label>
        <select id="audit-subject" name="subject">
          <option value="" selected={filter.subject === ''}>
            全部
          </option>
          {Object.entries(SUBJECT_LABELS).map(([k, label]) => (
            <option value={k} selected={filter.subject === k} safe>
              {label}
            </option>
          ))}
        </select>
        {filter.actor ? <input type="hidden" name="actor" value={filter.actor} /> : ''}
        <button type="submit">筛选</button>
        {filter.actor ? <span safe>{`操作人：${filter.actorName ?? filter.actor}`}</span> : ''}
        {filter.action || filter.subject || filter.actor ? (
          <a href={href(ctx, '/studio/admin/audit')}>清除筛选</a>
        ) : (
          ''
        )}
      </form>
      {p.rows.length === 0 ? <p>没有符合条件的记录。</p> : <AuditRows ctx={ctx} rows={p.rows} />}
      {nextLink ? (
        <nav class="pager" aria-label="分页">
          <a href={href(ctx, nextLink)} rel="next">
            更早的记录
          </a>
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
