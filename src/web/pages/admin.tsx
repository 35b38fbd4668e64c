/** 管理后台 (/studio/admin): the dashboard, with the console's navigation (settings: admin-settings.tsx). */
import type { Dashboard, JobRun } from '../../operations/index.js';
import { href, type PageContext } from '../page-context.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

/** The console's sections; editors see the dashboard only (their desks are linked from it). */
const SECTIONS = [
  { path: '/studio/admin', label: '仪表盘', adminOnly: false },
  { path: '/studio/admin/settings', label: '站点设置', adminOnly: true },
  { path: '/studio/admin/channels', label: '频道', adminOnly: true },
  { path: '/studio/admin/users', label: '用户', adminOnly: true },
  { path: '/studio/admin/imports', label: '导入', adminOnly: true },
  { path: '/studio/admin/audit', label: '审计日志', adminOnly: true },
  { path: '/studio/mail', label: '邮件', adminOnly: true },
] as const;

export function AdminNav({ ctx, current }: { ctx: PageContext; current: string }): JSX.Element {
  const isAdmin = ctx.viewer?.role === 'admin';
  return (
    <nav class="admin-nav" aria-label="管理后台">
      <ul>
        {SECTIONS.filter((s) => isAdmin || !s.adminOnly).map((s) => (
          <li>
            <a href={href(ctx, s.path)} aria-current={s.path === current ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Notice({ text }: { text?: string | undefined }): JSX.Element {
  return text ? (
    <p class="notice" role="status" safe>
      {text}
    </p>
  ) : (
    ''
  );
}

/** What each job does, in words (unknown names show as they are). */
const JOB_LABELS: Record<string, string> = {
  'index-search': '搜索索引',
  'related-lists': '相关推荐（新文章）',
  'fingerprint-articles': '原创指纹',
  'refresh-related': '相关推荐（定期刷新）',
  'sweep-indexes': '索引补漏',
  'sync-lexicon': '同步垃圾词库',
  'purge-cdn': '清除 CDN 缓存',
  'flush-views': '写入阅读数',
  'refresh-hot-lists': '计算热榜',
  'publish-scheduled-articles': '定时发布',
  'prune-events': '清理事件',
  'sync-visitor-salt': '更新访客盐值',
  'prune-view-counting': '清理阅读去重记录',
  'prune-rate-limits': '清理频率限制记录',
  'delete-expired-sessions': '清理过期会话',
  notify: '生成通知',
  'deliver-mail': '投递邮件',
  'mail-digests': '每日摘要邮件',
  'prune-mail': '清理旧邮件',
};

function Stat({
  label,
  value,
  link,
  ctx,
}: {
  label: string;
  value: number;
  link?: string;
  ctx: PageContext;
}): JSX.Element {
  return (
    <div>
      <dt safe>{label}</dt>
      <dd>
        {link ? (
          <a href={href(ctx, link)} safe>
            {value.toLocaleString('zh-CN')}
          </a>
        ) : (
          <span safe>{value.toLocaleString('zh-CN')}</span>
        )}
      </dd>
    </div>
  );
}

export function DashboardPage({ ctx, d }: { ctx: PageContext; d: Dashboard }): JSX.Element {
  const isAdmin = ctx.viewer?.role === 'admin';
  return (
    <Layout ctx={ctx} title={`管理后台 - ${ctx.settings.siteName}`} description="管理后台" noindex>
      <h1>管理后台</h1>
      <AdminNav ctx={ctx} current="/studio/admin" />
      <section aria-labelledby="today-heading">
        <h2 id="today-heading" safe>{`今日（${d.day}，北京时间）`}</h2>
        <dl class="counts stat-grid">
          <Stat ctx={ctx} label="发布文章" value={d.today.articlesPublished} />
          <Stat ctx={ctx} label="阅读" value={d.today.views} />
          <Stat ctx={ctx} label="读者（按文章计）" value={d.today.visitors} />
          <Stat ctx={ctx} label="跟贴" value={d.today.comments} />
          <Stat ctx={ctx} label="分享" value={d.today.shares} />
          <Stat ctx={ctx} label="新注册" value={d.today.newUsers} />
        </dl>
      </section>
      <section aria-labelledby="queues-heading">
        <h2 id="queues-heading">待处理</h2>
        <dl class="counts stat-grid">
          <Stat
            ctx={ctx}
            label="审核台"
            value={d.queues.moderationDesk}
            link="/studio/moderation"
          />
          <Stat ctx={ctx} label="跟贴审核" value={d.queues.comments} link="/studio/comments" />
          <Stat ctx={ctx} label="入驻申请" value={d.queues.applications} link="/studio/review" />
          <Stat ctx={ctx} label="审核中的文章" value={d.queues.held} link="/studio/moderation" />
          <Stat ctx={ctx} label="定时发布" value={d.queues.scheduled} />
        </dl>
      </section>
      <section aria-labelledby="site-heading">
        <h2 id="site-heading">全站</h2>
        <dl class="counts stat-grid">
          <Stat ctx={ctx} label="已发布文章" value={d.totals.articlesPublished} />
          <Stat
            ctx={ctx}
            label="用户"
            value={d.totals.users}
            {...(isAdmin ? { link: '/studio/admin/users' } : {})}
          />
          <Stat
            ctx={ctx}
            label="已停用"
            value={d.totals.suspendedUsers}
            {...(isAdmin ? { link: '/studio/admin/users?status=suspended' } : {})}
          />
        </dl>
      </section>
      {isAdmin ? <MailSummary ctx={ctx} mail={d.mail} /> : ''}
      {isAdmin ? <JobTable jobs={d.jobs} /> : ''}
    </Layout>
  );
}

function MailSummary({ ctx, mail }: { ctx: PageContext; mail: Dashboard['mail'] }): JSX.Element {
  return (
    <section aria-labelledby="mail-heading">
      <h2 id="mail-heading">邮件</h2>
      <p>
        待发送 <strong safe>{String(mail.queued)}</strong> 封 · 发送失败{' '}
        <strong safe>{String(mail.failed)}</strong> 封 · 已发送{' '}
        <strong safe>{String(mail.sent)}</strong> 封
        {mail.oldestQueuedAt ? `（最早一封排队于 ${formatDateTime(mail.oldestQueuedAt)}）` : ''} ·{' '}
        <a href={href(ctx, '/studio/mail')}>查看发件队列</a>
      </p>
    </section>
  );
}

function JobTable({ jobs }: { jobs: readonly JobRun[] }): JSX.Element {
  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">后台任务</h2>
      {jobs.length === 0 ? (
        <p>还没有任务运行记录（服务器启动后几秒内出现）。</p>
      ) : (
        <table class="studio-table">
          <caption class="visually-hidden">每个后台任务最近一次运行</caption>
          <thead>
            <tr>
              <th scope="col">任务</th>
              <th scope="col">最近运行</th>
              <th scope="col">耗时</th>
              <th scope="col">结果</th>
              <th scope="col">实例</th>
              <th scope="col">运行 / 失败次数</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr>
                <th scope="row" safe>
                  {JOB_LABELS[j.name] ? `${JOB_LABELS[j.name]}（${j.name}）` : j.name}
                </th>
                <td>
                  <time datetime={j.finishedAt.toISOString()} safe>
                    {formatDateTime(j.finishedAt)}
                  </time>
                </td>
                <td safe>{`${j.durationMs} 毫秒`}</td>
                <td safe>
                  {j.ok
                    ? '成功'
                    : `失败：${j.error}${j.lastOkAt ? `（上次成功 ${formatDateTime(j.lastOkAt)}）` : ''}`}
                </td>
                <td safe>{j.instance}</td>
                <td safe>{`${j.runs} / ${j.failures}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
