/** 邮件 (admins): where mail goes, what waits, what failed and why — and 重试. */
import type { OutboxEntry } from '../../mail/index.js';
import { isNotificationType, TYPE_INFO } from '../../notifications/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

const STATUS = { queued: '待发送', sent: '已发送', failed: '发送失败' } as const;

const KINDS: Record<string, string> = {
  password_reset: '重设密码',
  verify_email: '验证邮箱',
  already_registered: '重复注册提醒',
  unlock: '解除锁定',
  password_changed: '密码已修改',
  digest: '每日摘要',
};

/** A mail's kind in words: `notification:comment_reply` → 通知：回复我的评论. */
function kindLabel(kind: string): string {
  const [head, type] = kind.split(':');
  if (head === 'notification' && type && isNotificationType(type))
    return `通知：${TYPE_INFO[type].label}`;
  return KINDS[kind] ?? kind;
}

export function StudioMailPage(p: {
  ctx: PageContext;
  delivers: boolean;
  destination: string;
  counts: Record<'queued' | 'sent' | 'failed', number>;
  items: readonly OutboxEntry[];
  oldestQueued?: Date;
  notice?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`邮件 - ${ctx.settings.siteName}`} description="邮件发送状态" noindex>
      <h1>邮件</h1>
      {p.notice ? (
        <p class="notice" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.delivers ? (
        <p safe>{`邮件通过 ${p.destination} 发送。`}</p>
      ) : (
        <p class="warning" role="alert">
          邮件没有真正发出：未设置 <code>BYLINE_SMTP_URL</code>，每封邮件写成 .eml 文件保存在{' '}
          <code safe>{p.destination}</code>。读者收不到重设密码、验证邮箱和通知邮件。设置 SMTP
          服务器后重启即可，已排队的邮件不会丢。
        </p>
      )}
      <p>
        待发送 <strong safe>{String(p.counts.queued)}</strong> 封 · 已发送{' '}
        <strong safe>{String(p.counts.sent)}</strong> 封 · 发送失败{' '}
        <strong safe>{String(p.counts.failed)}</strong> 封
        {p.oldestQueued ? `（最早一封排队于 ${formatDateTime(p.oldestQueued)}）` : ''}
      </p>
      {p.counts.failed + p.counts.queued > 0 ? (
        <form method="post" action={href(ctx, '/studio/mail/retry')} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit">立即重试所有未发出的邮件</button>
        </form>
      ) : (
        ''
      )}
      <table class="data">
        <caption>最近的邮件</caption>
        <thead>
          <tr>
            <th scope="col" class="nowrap">
              时间
            </th>
            <th scope="col">收件人</th>
            <th scope="col">类型</th>
            <th scope="col">主题</th>
            <th scope="col">状态</th>
            <th scope="col" class="nowrap">
              次数
            </th>
            <th scope="col">最近错误</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((m) => (
            <tr>
              <td safe>{formatDateTime(m.createdAt)}</td>
              <td safe>{m.to}</td>
              <td safe>{kindLabel(m.kind)}</td>
              <td safe>{m.subject}</td>
              <td>
                {STATUS[m.status]}
                {m.status === 'queued' && m.attempts > 0
                  ? `（下次 ${formatDateTime(m.nextAttemptAt)}）`
                  : ''}
              </td>
              <td safe>{String(m.attempts)}</td>
              <td safe>{m.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
