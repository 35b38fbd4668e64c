/**
 * Pages reached from mail or from a forgotten password: registration sent,
 * password reset (request and new password), e-mail verification, unlock,
 * unsubscribe, and the page of a link that no longer works.
 */
import type { Children } from '@kitajs/html';
import { href, type PageContext } from '../page-context.js';
import { Layout } from '../views/layout.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';

function Plain(p: { ctx: PageContext; title: string; children: Children }) {
  return (
    <Layout
      ctx={p.ctx}
      title={`${p.title} - ${p.ctx.settings.siteName}`}
      description={p.title}
      noindex
    >
      <div class="narrow">
        <h1 safe>{p.title}</h1>
        {p.children}
      </div>
    </Layout>
  );
}

/** After registering: the same page whether the address was new or not (no enumeration). */
export function CheckMailPage(p: { ctx: PageContext; email: string; next: string }): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title="请查收邮件">
      <p role="status">
        我们已向 <strong safe>{p.email}</strong>{' '}
        发送了一封邮件。点击邮件中的链接即可验证邮箱并登录。
      </p>
      <p>
        如果这个邮箱之前已经注册过，邮件会告诉你怎样登录或重设密码。没收到？请检查垃圾邮件文件夹，或稍后
        <a href={href(ctx, '/password-reset')}>重设密码</a>。
      </p>
      <p>
        <a class="button primary" href={href(ctx, `/signin?next=${encodeURIComponent(p.next)}`)}>
          用密码登录
        </a>
      </p>
    </Plain>
  );
}

export function PasswordResetRequestPage(p: {
  ctx: PageContext;
  email?: string;
  sent: boolean;
  errors: FieldErrors;
  message?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title="忘记密码">
      {p.sent ? (
        <p role="status">
          如果 <strong safe>{p.email ?? ''}</strong>{' '}
          是已注册的邮箱，我们已向它发送了一封重设密码的邮件，链接 30 分钟内有效。
        </p>
      ) : (
        <>
          <p>输入注册时使用的邮箱，我们会发送一个重设密码的链接。</p>
          <FormErrorSummary message={p.message} />
          <form method="post" action={href(ctx, '/password-reset')} class="form" novalidate>
            <Csrf ctx={ctx} />
            <Field
              name="email"
              label="邮箱"
              type="email"
              value={p.email}
              errors={p.errors}
              required
              autocomplete="email"
            />
            <button type="submit" class="primary">
              发送重设链接
            </button>
          </form>
        </>
      )}
      <p>
        <a href={href(ctx, '/signin')}>返回登录</a>
      </p>
    </Plain>
  );
}

export function NewPasswordPage(p: {
  ctx: PageContext;
  token: string;
  errors: FieldErrors;
  message?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title="设置新密码">
      <p>设置后，你在所有设备上的登录都会退出，并在这里用新密码登录。</p>
      <FormErrorSummary message={p.message} />
      <form method="post" action={href(ctx, `/password-reset/${p.token}`)} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field
          name="password"
          label="新密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="new-password"
          hint="至少 8 个字符，不要使用常见密码"
        />
        <button type="submit" class="primary">
          保存新密码
        </button>
      </form>
    </Plain>
  );
}

/** A mailed link that is unknown, used or expired: say so, and what to do. */
export function LinkInvalidPage(p: { ctx: PageContext; what: string; again: string }): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title="链接无效或已过期">
      <p safe>{`这个${p.what}链接已经用过或已过期。`}</p>
      <p>
        <a class="button primary" href={href(ctx, p.again)}>
          重新获取
        </a>
      </p>
    </Plain>
  );
}

/**
 * A mailed link opens this page and the button does the work: mail scanners
 * that fetch every link in a message do not use it up.
 */
export function ConfirmLinkPage(p: {
  ctx: PageContext;
  title: string;
  text: string;
  action: string;
  button: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title={p.title}>
      <p safe>{p.text}</p>
      <form method="post" action={href(ctx, p.action)} class="form">
        <Csrf ctx={ctx} />
        <button type="submit" class="primary" safe>
          {p.button}
        </button>
      </form>
    </Plain>
  );
}

export function DonePage(p: {
  ctx: PageContext;
  title: string;
  text: string;
  link?: { href: string; label: string };
}): JSX.Element {
  const { ctx } = p;
  return (
    <Plain ctx={ctx} title={p.title}>
      <p role="status" safe>
        {p.text}
      </p>
      {p.link ? (
        <p>
          <a class="button primary" href={href(ctx, p.link.href)} safe>
            {p.link.label}
          </a>
        </p>
      ) : (
        ''
      )}
    </Plain>
  );
}
