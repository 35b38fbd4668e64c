/** 用户管理 (admins): search, then one account — role, suspension, sessions, its audit history. */
import type { AdminUserRow, Role } from '../../accounts/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, FormErrorSummary } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { AdminNav, Notice } from './admin.js';
import { AuditRows, type AuditRowView } from './admin-audit.js';

export const ROLE_LABELS: Record<Role, string> = {
  reader: '读者',
  creator: '创作者',
  editor: '编辑',
  admin: '管理员',
};
const STATUS_LABELS = { active: '正常', suspended: '已停用' } as const;

export interface UserSearch {
  readonly q: string;
  readonly role: string;
  readonly status: string;
  readonly page: number;
}

export function UsersPage(p: {
  ctx: PageContext;
  search: UserSearch;
  items: readonly AdminUserRow[];
  total: number;
  pageSize: number;
}): JSX.Element {
  const { ctx, search } = p;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (page: number) =>
    `/studio/admin/users?${new URLSearchParams({ q: search.q, role: search.role, status: search.status, page: String(page) }).toString()}`;
  return (
    <Layout ctx={ctx} title={`用户 - ${ctx.settings.siteName}`} description="用户管理" noindex>
      <h1>用户</h1>
      <AdminNav ctx={ctx} current="/studio/admin/users" />
      <form
        method="get"
        action={href(ctx, '/studio/admin/users')}
        role="search"
        aria-label="查找用户"
        class="user-search"
      >
        <label for="user-q">查找</label>
        <input
          id="user-q"
          name="q"
          type="search"
          value={search.q}
          placeholder="邮箱、昵称或账号名"
          maxlength="100"
        />
        <label for="user-role">角色</label>
        <select id="user-role" name="role">
          <option value="" selected={search.role === ''}>
            全部
          </option>
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option value={r} selected={search.role === r} safe>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <label for="user-status">状态</label>
        <select id="user-status" name="status">
          <option value="" selected={search.status === ''}>
            全部
          </option>
          <option value="active" selected={search.status === 'active'}>
            正常
          </option>
          <option value="suspended" selected={search.status === 'suspended'}>
            已停用
          </option>
        </select>
        <button type="submit">查找</button>
      </form>
      <p safe>{`共 ${p.total} 个用户`}</p>
      {p.items.length === 0 ? (
        <p>没有找到符合条件的用户。</p>
      ) : (
        <table class="studio-table">
          <caption class="visually-hidden">用户</caption>
          <thead>
            <tr>
              <th scope="col">昵称</th>
              <th scope="col">邮箱</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">注册时间</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((u) => (
              <tr>
                <th scope="row">
                  <a href={href(ctx, `/studio/admin/users/${u.id}`)} safe>
                    {u.displayName}
                  </a>
                </th>
                <td safe>{u.email}</td>
                <td safe>{ROLE_LABELS[u.role]}</td>
                <td>{STATUS_LABELS[u.status]}</td>
                <td>
                  <time datetime={u.createdAt.toISOString()} safe>
                    {formatDateTime(u.createdAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label="分页">
          {search.page > 1 ? (
            <a href={href(ctx, link(search.page - 1))} rel="prev">
              上一页
            </a>
          ) : (
            ''
          )}
          <span safe>{`第 ${search.page} / ${pages} 页`}</span>
          {search.page < pages ? (
            <a href={href(ctx, link(search.page + 1))} rel="next">
              下一页
            </a>
          ) : (
            ''
          )}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function ReasonField({ id, error }: { id: string; error?: string | undefined }): JSX.Element {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>理由（记入审计日志）</label>
      <input
        id={id}
        name="reason"
        required
        maxlength="500"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} class="error" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function UserPage(p: {
  ctx: PageContext;
  user: AdminUserRow;
  creator?: { handle: string } | undefined;
  history: readonly AuditRowView[];
  notice?: string | undefined;
  error?: { form: string; message: string } | undefined;
}): JSX.Element {
  const { ctx, user: u } = p;
  const base = `/studio/admin/users/${u.id}`;
  const self = ctx.viewer?.id === u.id;
  const statusText: string =
    u.status === 'suspended'
      ? `已停用（${u.suspendedAt ? formatDateTime(u.suspendedAt) : ''}，理由：${u.suspendedReason}）`
      : '正常';
  const errorOf = (form: string) => (p.error?.form === form ? p.error.message : undefined);
  return (
    <Layout ctx={ctx} title={`${u.displayName} - 用户`} description="用户管理" noindex>
      <h1 safe>{u.displayName}</h1>
      <AdminNav ctx={ctx} current="/studio/admin/users" />
      <Notice text={p.notice} />
      <FormErrorSummary message={p.error?.message} />
      <dl class="facts">
        <dt>邮箱</dt>
        <dd safe>{u.email}</dd>
        <dt>角色</dt>
        <dd safe>{ROLE_LABELS[u.role]}</dd>
        <dt>状态</dt>
        <dd safe>{statusText}</dd>
        <dt>注册时间</dt>
        <dd safe>{formatDateTime(u.createdAt)}</dd>
        <dt>登录中的设备</dt>
        <dd safe>{String(u.sessions)}</dd>
        {p.creator ? (
          <>
            <dt>创作者主页</dt>
            <dd>
              <a href={href(ctx, `/author/${p.creator.handle}`)} safe>
                {`/author/${p.creator.handle}`}
              </a>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {self ? (
        <p class="hint">这是你自己的账号：角色、停用和强制退出须由另一位管理员操作。</p>
      ) : (
        <>
          <section aria-labelledby="role-heading">
            <h2 id="role-heading">修改角色</h2>
            <form method="post" action={href(ctx, `${base}/role`)}>
              <Csrf ctx={ctx} />
              <label for="new-role">新角色</label>
              <select id="new-role" name="role">
                {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                  <option value={r} selected={u.role === r} safe>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              <p class="hint">
                改为创作者时，若还没有创作者主页，会自动建立一个（可在个人资料中修改）。
              </p>
              <ReasonField id="role-reason" error={errorOf('role')} />
              <button type="submit">修改角色</button>
            </form>
          </section>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">{u.status === 'suspended' ? '恢复账号' : '停用账号'}</h2>
            <form
              method="post"
              action={href(ctx, `${base}/${u.status === 'suspended' ? 'unsuspend' : 'suspend'}`)}
            >
              <Csrf ctx={ctx} />
              <p class="hint">
                {u.status === 'suspended'
                  ? '恢复后该账号可以重新登录。'
                  : '停用后该账号不能登录，所有设备上的登录立即失效；内容保持不变。'}
              </p>
              <ReasonField id="status-reason" error={errorOf('status')} />
              <button type="submit" class={u.status === 'suspended' ? 'primary' : 'danger'}>
                {u.status === 'suspended' ? '恢复账号' : '停用账号'}
              </button>
            </form>
          </section>
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">强制退出</h2>
            <form method="post" action={href(ctx, `${base}/signout-all`)}>
              <Csrf ctx={ctx} />
              <p class="hint">
                让该账号在所有设备上退出登录（例如密码可能泄露时）；它可以重新登录。
              </p>
              <ReasonField id="signout-reason" error={errorOf('signout')} />
              <button type="submit">退出所有设备</button>
            </form>
          </section>
        </>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">与该账号有关的记录</h2>
        {p.history.length === 0 ? <p>没有记录。</p> : <AuditRows ctx={ctx} rows={p.history} />}
      </section>
    </Layout>
  );
}
