import type { Application } from '../../creators/index.js';
import { ACCOUNT_TYPE_LABELS } from '../messages.js';
import { href, type PageContext } from '../page-context.js';
import { Layout } from '../views/layout.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { formatDateTime } from '../views/format.js';

export function SignInPage(p: {
  ctx: PageContext;
  email?: string;
  next: string;
  errors: FieldErrors;
  message?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`登录 - ${ctx.settings.siteName}`} description="登录署名账号" noindex>
      <h1>登录</h1>
      <FormErrorSummary message={p.message} />
      <form method="post" action={href(ctx, '/signin')} class="form" novalidate>
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="email"
          label="邮箱"
          type="email"
          value={p.email}
          errors={p.errors}
          required
          autocomplete="email"
        />
        <Field
          name="password"
          label="密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <button type="submit" class="primary">
          登录
        </button>
      </form>
      <p>
        还没有账号？<a href={href(ctx, `/register?next=${encodeURIComponent(p.next)}`)}>注册</a>
      </p>
    </Layout>
  );
}

export function RegisterPage(p: {
  ctx: PageContext;
  values: Record<string, string>;
  next: string;
  errors: FieldErrors;
  message?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`注册 - ${ctx.settings.siteName}`} description="注册署名账号" noindex>
      <h1>注册</h1>
      <FormErrorSummary message={p.message} />
      <form method="post" action={href(ctx, '/register')} class="form" novalidate>
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="displayName"
          label="昵称"
          value={p.values.displayName}
          errors={p.errors}
          required
          maxlength={40}
          autocomplete="nickname"
        />
        <Field
          name="email"
          label="邮箱"
          type="email"
          value={p.values.email}
          errors={p.errors}
          required
          autocomplete="email"
        />
        <Field
          name="password"
          label="密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="new-password"
          hint="至少 8 个字符，不要使用常见密码"
        />
        <button type="submit" class="primary">
          注册
        </button>
      </form>
      <p>
        已有账号？<a href={href(ctx, `/signin?next=${encodeURIComponent(p.next)}`)}>登录</a>
      </p>
    </Layout>
  );
}

const STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;

export function ApplyPage(p: {
  ctx: PageContext;
  applications: readonly Application[];
  values: Record<string, string | string[]>;
  errors: FieldErrors;
  message?: string;
  isCreator: boolean;
}): JSX.Element {
  const { ctx } = p;
  const v = (k: string) => {
    const x = p.values[k];
    return Array.isArray(x) ? x.join('\n') : (x ?? '');
  };
  const pending = p.applications.some((a) => a.status === 'pending');
  const focus = new Set(
    Array.isArray(p.values.focusChannels)
      ? p.values.focusChannels
      : p.values.focusChannels
        ? [p.values.focusChannels]
        : [],
  );
  return (
    <Layout
      ctx={ctx}
      title={`申请入驻 - ${ctx.settings.platformName}`}
      description={`申请成为${ctx.settings.platformName}创作者`}
      canonicalPath="/apply"
    >
      <h1>申请入驻</h1>
      <p
        safe
      >{`${ctx.settings.platformName}欢迎个人、媒体、机构和企业入驻，发布原创内容。编辑审核通过后即可在创作者工作台发文。`}</p>
      {p.applications.length > 0 ? (
        <section aria-labelledby="my-applications">
          <h2 id="my-applications">我的申请</h2>
          <ul class="applications">
            {p.applications.map((a) => (
              <li>
                <strong safe>{a.displayName}</strong>（<span safe>{a.handle}</span>）：
                <span class={`status status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                <span class="meta" safe>
                  {`提交于 ${formatDateTime(a.createdAt)}`}
                </span>
                {a.decisionReason ? (
                  <p class="reason" safe>
                    {`审核意见：${a.decisionReason}`}
                  </p>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {!ctx.viewer ? (
        <p>
          申请前请先 <a href={href(ctx, '/signin?next=/apply')}>登录</a> 或{' '}
          <a href={href(ctx, '/register?next=/apply')}>注册</a>。
        </p>
      ) : p.isCreator ? (
        <p>
          您已经是创作者，前往 <a href={href(ctx, '/studio')}>创作者工作台</a>。
        </p>
      ) : pending ? (
        <p>您的申请正在审核中，请耐心等待。</p>
      ) : (
        <form method="post" action={href(ctx, '/apply')} class="form" novalidate>
          <Csrf ctx={ctx} />
          <FormErrorSummary message={p.message} />
          <Field
            name="displayName"
            label="名称"
            value={v('displayName')}
            errors={p.errors}
            required
            maxlength={30}
          />
          <Field
            name="handle"
            label="账号名"
            value={v('handle')}
            errors={p.errors}
            required
            hint="3–30 位小写字母、数字、下划线或连字符，用于主页地址 /author/账号名"
          />
          <fieldset class={p.errors.accountType ? 'field has-error' : 'field'}>
            <legend>账号类型</legend>
            {Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => (
              <label class="choice">
                <input
                  type="radio"
                  name="accountType"
                  value={value}
                  checked={v('accountType') === value}
                />{' '}
                {label}
              </label>
            ))}
            {p.errors.accountType ? (
              <p class="error" role="alert" safe>
                {p.errors.accountType}
              </p>
            ) : (
              ''
            )}
          </fieldset>
          <Field
            name="tagline"
            label="一句话简介"
            value={v('tagline')}
            errors={p.errors}
            required
            maxlength={60}
            hint="例如：新能源、人工智能、合成生物"
          />
          <Field
            name="bio"
            label="详细介绍"
            value={v('bio')}
            errors={p.errors}
            multiline={4}
            maxlength={2000}
          />
          <fieldset class="field">
            <legend>关注的频道</legend>
            {ctx.channels.map((c) => (
              <label class="choice">
                <input
                  type="checkbox"
                  name="focusChannels"
                  value={c.slug}
                  checked={focus.has(c.slug)}
                />{' '}
                <span safe>{c.name}</span>
              </label>
            ))}
          </fieldset>
          <Field
            name="sampleLinks"
            label="作品链接"
            value={v('sampleLinks')}
            errors={p.errors}
            multiline={3}
            hint="每行一个，最多 5 个"
          />
          <Field
            name="contact"
            label="联系方式"
            value={v('contact')}
            errors={p.errors}
            required
            maxlength={200}
            hint="手机、邮箱或微信号，仅编辑可见"
          />
          <button type="submit" class="primary">
            提交申请
          </button>
        </form>
      )}
    </Layout>
  );
}
