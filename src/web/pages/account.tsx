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
        <a href={href(ctx, '/password-reset')}>忘记密码？</a>
      </p>
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
  const pending = p.applications.some((a) => a.status === 'pending');
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
      {p.applications.length > 0 ? <MyApplications applications={p.applications} /> : ''}
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
        <ApplyForm ctx={ctx} values={p.values} errors={p.errors} message={p.message} />
      )}
    </Layout>
  );
}

/** 我的申请: the viewer's earlier applications with their status and the editor's reason. */
function MyApplications({ applications }: { applications: readonly Application[] }): JSX.Element {
  return (
    <section aria-labelledby="my-applications">
      <h2 id="my-applications">我的申请</h2>
      <ul class="applications">
        {applications.map((a) => (
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
  );
}

interface ApplyFormProps {
  readonly ctx: PageContext;
  readonly values: Record<string, string | string[]>;
  readonly errors: FieldErrors;
  readonly message?: string;
}

/** A form value as one string (lists one item a line). */
function formValue(values: ApplyFormProps['values'], k: string): string {
  const x = values[k];
  return Array.isArray(x) ? x.join('\n') : (x ?? '');
}

/** The application form: who applies, then what they write about and how to reach them. */
function ApplyForm({ ctx, values, errors, message }: ApplyFormProps): JSX.Element {
  return (
    <form method="post" action={href(ctx, '/apply')} class="form" novalidate>
      <Csrf ctx={ctx} />
      <FormErrorSummary message={message} />
      <ApplyProfileFields ctx={ctx} values={values} errors={errors} />
      <ApplyWorkFields ctx={ctx} values={values} errors={errors} />
      <button type="submit" class="primary">
        提交申请
      </button>
    </form>
  );
}

/** Name, handle, account type, tagline and bio. */
function ApplyProfileFields({ values, errors }: ApplyFormProps): JSX.Element {
  const v = (k: string) => formValue(values, k);
  return (
    <>
      <Field
        name="displayName"
        label="名称"
        value={v('displayName')}
        errors={errors}
        required
        maxlength={30}
      />
      <Field
        name="handle"
        label="账号名"
        value={v('handle')}
        errors={errors}
        required
        hint="3–30 位小写字母、数字、下划线或连字符，用于主页地址 /author/账号名"
      />
      <AccountTypeChoice selected={v('accountType')} errors={errors} />
      <Field
        name="tagline"
        label="一句话简介"
        value={v('tagline')}
        errors={errors}
        required
        maxlength={60}
        hint="例如：新能源、人工智能、合成生物"
      />
      <Field
        name="bio"
        label="详细介绍"
        value={v('bio')}
        errors={errors}
        multiline={4}
        maxlength={2000}
      />
    </>
  );
}

/** The 账号类型 radio buttons with their error message. */
function AccountTypeChoice({
  selected,
  errors,
}: {
  selected: string;
  errors: FieldErrors;
}): JSX.Element {
  return (
    <fieldset class={errors.accountType ? 'field has-error' : 'field'}>
      <legend>账号类型</legend>
      {Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => (
        <label class="choice">
          <input type="radio" name="accountType" value={value} checked={selected === value} />{' '}
          {label}
        </label>
      ))}
      {errors.accountType ? (
        <p class="error" role="alert" safe>
          {errors.accountType}
        </p>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/** The channels the applicant writes for, sample links and contact details. */
function ApplyWorkFields({ ctx, values, errors }: ApplyFormProps): JSX.Element {
  const v = (k: string) => formValue(values, k);
  const focus = new Set(
    Array.isArray(values.focusChannels)
      ? values.focusChannels
      : values.focusChannels
        ? [values.focusChannels]
        : [],
  );
  return (
    <>
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
        errors={errors}
        multiline={3}
        hint="每行一个，最多 5 个"
      />
      <Field
        name="contact"
        label="联系方式"
        value={v('contact')}
        errors={errors}
        required
        maxlength={200}
        hint="手机、邮箱或微信号，仅编辑可见"
      />
    </>
  );
}
