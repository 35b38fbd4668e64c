/** The account mails (all essential: no unsubscribe), in the site's words. */
import { queueMail, renderMail, type MailSite } from '../mail/index.js';
import type { Queryable } from '../db/client.js';

interface To {
  /** When the mail is queued. */
  readonly at: Date;
  readonly userId: string | null;
  readonly email: string;
  readonly displayName?: string;
}

const greeting = (to: To) => (to.displayName ? `${to.displayName}，你好：` : '你好：');

async function send(
  tx: Queryable,
  site: MailSite,
  kind: string,
  to: To,
  content: Omit<Parameters<typeof renderMail>[0], 'siteName' | 'publicUrl'>,
  sensitive: boolean,
) {
  const mail = renderMail({ ...site, ...content });
  await queueMail(tx, { at: to.at, kind, to: to.email, userId: to.userId, ...mail, sensitive });
}

export function mailPasswordReset(tx: Queryable, site: MailSite, to: To, token: string) {
  return send(
    tx,
    site,
    'password_reset',
    to,
    {
      subject: '重设密码',
      greeting: greeting(to),
      paragraphs: [
        `有人（希望是你）请求重设你在${site.siteName}的密码。点击下面的按钮设置新密码，链接 30 分钟内有效，只能使用一次。`,
        '设置新密码后，你在其他设备上的登录会全部退出。',
      ],
      action: { label: '设置新密码', url: `${site.publicUrl}/password-reset/${token}` },
      footnote: '如果不是你本人操作，请忽略这封邮件，你的密码不会改变。',
    },
    true,
  );
}

export function mailVerifyEmail(tx: Queryable, site: MailSite, to: To, token: string) {
  return send(
    tx,
    site,
    'verify_email',
    to,
    {
      subject: '欢迎注册，请验证邮箱',
      greeting: greeting(to),
      paragraphs: [
        `欢迎加入${site.siteName}！点击下面的按钮验证你的邮箱并登录，链接 3 天内有效。`,
        '你也可以直接用注册时设置的邮箱和密码登录。',
      ],
      action: { label: '验证邮箱并登录', url: `${site.publicUrl}/verify-email/${token}` },
      footnote: '如果你没有注册过，请忽略这封邮件，不会有账号用到你的邮箱。',
    },
    true,
  );
}

/** Someone registered with an address that already has an account: its owner is told, nobody else. */
export function mailAlreadyRegistered(tx: Queryable, site: MailSite, to: To) {
  return send(
    tx,
    site,
    'already_registered',
    to,
    {
      subject: '有人用你的邮箱注册',
      greeting: greeting(to),
      paragraphs: [
        `刚才有人用这个邮箱在${site.siteName}注册。这个邮箱已经有账号了，所以没有新建账号。`,
        '如果是你：直接登录即可；忘记了密码，可以通过下面的链接重设。',
      ],
      action: { label: '重设密码', url: `${site.publicUrl}/password-reset` },
      footnote: `登录：${site.publicUrl}/signin 。如果不是你，请忽略这封邮件，你的账号没有任何变化。`,
    },
    false,
  );
}

export function mailUnlock(
  tx: Queryable,
  site: MailSite,
  to: To,
  token: string,
  lockedMinutes: number,
) {
  return send(
    tx,
    site,
    'unlock',
    to,
    {
      subject: '登录已被暂时锁定',
      greeting: greeting(to),
      paragraphs: [
        `你的账号刚才连续多次输错密码，为了安全，登录已暂停 ${lockedMinutes} 分钟。`,
        '如果是你本人：点击下面的按钮立即解除锁定（链接 1 小时内有效，只能使用一次）；忘记了密码，也可以重设。',
      ],
      action: { label: '解除锁定', url: `${site.publicUrl}/unlock/${token}` },
      footnote: `重设密码：${site.publicUrl}/password-reset 。如果不是你本人，有人可能在猜你的密码：建议重设为一个更长、别处没用过的密码。`,
    },
    true,
  );
}

export function mailPasswordChanged(tx: Queryable, site: MailSite, to: To) {
  return send(
    tx,
    site,
    'password_changed',
    to,
    {
      subject: '密码已修改',
      greeting: greeting(to),
      paragraphs: [
        `你在${site.siteName}的密码刚刚修改了，其他设备上的登录已全部退出。`,
        '如果不是你本人操作，请立即通过下面的链接重设密码。',
      ],
      action: { label: '重设密码', url: `${site.publicUrl}/password-reset` },
    },
    false,
  );
}
