/** 个人中心: notification settings, and my data (export, deletion). */
import type { Channels, NotificationType, Prefs } from '../../notifications/index.js';
import { NOTIFICATION_TYPES, TYPE_INFO } from '../../notifications/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { MeLayout } from './me.js';

const CHANNEL_LABELS: Record<keyof Channels, string> = {
  inApp: '站内通知',
  email: '立即发邮件',
  digest: '每日摘要',
};

export function NotificationPrefsPage(p: {
  ctx: PageContext;
  prefs: Prefs;
  notice?: string;
}): JSX.Element {
  const { ctx } = p;
  const box = (type: NotificationType, channel: keyof Channels) => (
    <td>
      <input
        type="checkbox"
        id={`p-${type}-${channel}`}
        name={`${type}.${channel}`}
        value="1"
        checked={p.prefs[type][channel]}
        aria-label={`${TYPE_INFO[type].label}：${CHANNEL_LABELS[channel]}`}
      />
    </td>
  );
  return (
    <MeLayout ctx={ctx} title="通知设置" current="/me/notifications" notice={p.notice}>
      <p>
        选择每类通知的接收方式。「每日摘要」每天早上 8
        点（北京时间）把前一天的未读通知汇总成一封邮件；已经「立即发邮件」的通知不会重复出现在摘要里。
      </p>
      <form method="post" action={href(ctx, '/me/notifications')} class="form">
        <Csrf ctx={ctx} />
        <table class="prefs">
          <caption class="visually-hidden">通知接收方式</caption>
          <thead>
            <tr>
              <th scope="col">通知类型</th>
              <th scope="col" safe>
                {CHANNEL_LABELS.inApp}
              </th>
              <th scope="col" safe>
                {CHANNEL_LABELS.email}
              </th>
              <th scope="col" safe>
                {CHANNEL_LABELS.digest}
              </th>
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_TYPES.map((t) => (
              <tr>
                <th scope="row">
                  <span safe>{TYPE_INFO[t].label}</span>
                  <span class="hint" safe>
                    {TYPE_INFO[t].hint}
                  </span>
                </th>
                {box(t, 'inApp')}
                {box(t, 'email')}
                {box(t, 'digest')}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" class="primary">
          保存
        </button>
      </form>
    </MeLayout>
  );
}

export function AccountDataPage(p: {
  ctx: PageContext;
  isCreator: boolean;
  articleCount: number;
  errors: FieldErrors;
  message?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <MeLayout ctx={ctx} title="账号与数据" current="/me/account">
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">下载我的数据</h2>
        <p>
          一个 zip 文件，包含你的资料、文章（Markdown
          原文）、评论、点赞、举报、关注和通知，用任何软件都能打开。
        </p>
        <p>
          <a class="button" href={href(ctx, '/me/export')} download="">
            下载数据副本
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-heading" class="danger-zone">
        <h2 id="delete-heading">注销账号</h2>
        <p>注销后无法恢复：</p>
        <ul>
          <li>资料、头像、评论、点赞、举报、关注、通知和所有登录都会被删除；</li>
          {p.isCreator ? (
            <li>
              你的创作者主页和全部 <strong safe>{String(p.articleCount)}</strong>{' '}
              篇文章（含草稿）会被下线并删除，旧链接将显示「页面不存在」；
            </li>
          ) : (
            ''
          )}
          <li>审计日志只保留编辑处理记录的编号，不含你的邮箱和名字。</li>
        </ul>
        <p>建议先下载数据副本。</p>
        <FormErrorSummary message={p.message} />
        <form method="post" action={href(ctx, '/me/delete')} class="form" novalidate>
          <Csrf ctx={ctx} />
          <Field
            name="password"
            label="输入密码确认"
            type="password"
            errors={p.errors}
            required
            autocomplete="current-password"
          />
          <Field
            name="confirm"
            label="输入「注销」两个字"
            errors={p.errors}
            required
            autocomplete="off"
          />
          <button type="submit" class="danger">
            永久注销账号
          </button>
        </form>
      </section>
    </MeLayout>
  );
}
