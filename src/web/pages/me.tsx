/**
 * 个人中心: my page, profile, password, notification settings, and my data
 * (export, deletion) — one layout with a tab list.
 */
import type { Children } from '@kitajs/html';
import type { Profile } from '../../accounts/index.js';
import { initialAvatarSvg } from '../avatar.js';
import { articlePath, authorPath, href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

const ROLE_LABELS = { reader: '读者', creator: '创作者', editor: '编辑', admin: '管理员' } as const;

const TABS = [
  ['/me', '我的主页'],
  ['/me/bookmarks', '我的收藏'],
  ['/me/history', '阅读历史'],
  ['/me/profile', '编辑资料'],
  ['/me/password', '修改密码'],
  ['/me/notifications', '通知设置'],
  ['/me/account', '账号与数据'],
] as const;

/** Where an account's avatar is: its upload, or a generated initial. */
export function userAvatarSrc(user: {
  id: string;
  displayName: string;
  avatarImageId: string | null;
}): string {
  return user.avatarImageId
    ? `/media/${user.avatarImageId}/128.webp`
    : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(initialAvatarSvg(user.id, user.displayName))}`;
}

export function MeLayout(p: {
  ctx: PageContext;
  title: string;
  current: string;
  notice?: string;
  children: Children;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`${p.title} - ${ctx.settings.siteName}`} description={p.title} noindex>
      <div class="me">
        <nav class="me-tabs" aria-label="个人中心">
          <ul>
            {TABS.map(([path, label]) => (
              <li>
                <a href={href(ctx, path)} aria-current={path === p.current ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="me-body">
          <h1 safe>{p.title}</h1>
          {p.notice ? (
            <p class="notice" role="status" safe>
              {p.notice}
            </p>
          ) : (
            ''
          )}
          {p.children}
        </div>
      </div>
    </Layout>
  );
}

export interface RecentComment {
  readonly id: string;
  readonly articleId: string;
  readonly articleTitle: string;
  readonly body: string;
  readonly status: string;
  readonly createdAt: Date;
}

export function MePage(p: {
  ctx: PageContext;
  profile: Profile;
  following: number;
  unread: number;
  comments: readonly RecentComment[];
  notice?: string;
}): JSX.Element {
  const { ctx, profile } = p;
  const creator = ctx.viewer?.creator;
  return (
    <MeLayout ctx={ctx} title="我的主页" current="/me" notice={p.notice}>
      <section class="me-card" aria-label="我的资料">
        <img class="avatar" src={userAvatarSrc(profile)} width="72" height="72" alt="" />
        <div>
          <p class="name" safe>
            {profile.displayName}
          </p>
          {profile.tagline ? (
            <p class="tagline" safe>
              {profile.tagline}
            </p>
          ) : (
            ''
          )}
          <p class="meta">
            {ROLE_LABELS[profile.role]} · <span safe>{profile.email}</span>
            {profile.emailVerified ? '（已验证）' : '（未验证）'} ·{' '}
            <span safe>{`注册于 ${formatDateTime(profile.createdAt)}`}</span>
          </p>
        </div>
      </section>
      {profile.bio ? (
        <p class="bio" safe>
          {profile.bio}
        </p>
      ) : (
        ''
      )}
      <ul class="me-links">
        <li>
          <a href={href(ctx, '/notifications')}>
            通知{p.unread > 0 ? `（${p.unread} 条未读）` : ''}
          </a>
        </li>
        <li>
          <a href={href(ctx, '/following')} safe>
            {`我的关注（${p.following}）`}
          </a>
        </li>
        <li>
          <a href={href(ctx, '/me/bookmarks')}>我的收藏</a>
        </li>
        <li>
          <a href={href(ctx, '/me/history')}>阅读历史</a>
        </li>
        {creator ? (
          <>
            <li>
              <a href={href(ctx, '/studio')}>创作中心</a>
            </li>
            <li>
              <a href={href(ctx, authorPath(creator.handle))}>我的创作者主页</a>
            </li>
          </>
        ) : (
          <li>
            <a href={href(ctx, '/apply')}>申请成为创作者</a>
          </li>
        )}
      </ul>
      <section aria-labelledby="my-comments">
        <h2 id="my-comments">我的评论</h2>
        {p.comments.length === 0 ? (
          <p>还没有评论。</p>
        ) : (
          <ul class="my-comments">
            {p.comments.map((c) => (
              <li>
                <p safe>{c.body}</p>
                <p class="meta">
                  {c.status === 'held' ? '审核中 · ' : ''}
                  <a href={href(ctx, `${articlePath(c.articleId)}#comment-${c.id}`)} safe>
                    {`《${c.articleTitle}》`}
                  </a>{' '}
                  <time datetime={c.createdAt.toISOString()} safe>
                    {formatDateTime(c.createdAt)}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </MeLayout>
  );
}

export function ProfileEditPage(p: {
  ctx: PageContext;
  profile: Profile;
  handle: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
  message?: string;
  notice?: string;
}): JSX.Element {
  const { ctx, profile } = p;
  const v = (k: string, fallback: string) => p.values[k] ?? fallback;
  return (
    <MeLayout ctx={ctx} title="编辑资料" current="/me/profile" notice={p.notice}>
      <section aria-labelledby="avatar-heading" class="avatar-edit">
        <h2 id="avatar-heading">头像</h2>
        <img class="avatar" src={userAvatarSrc(profile)} width="96" height="96" alt="当前头像" />
        <form
          method="post"
          action={href(ctx, '/me/avatar')}
          enctype="multipart/form-data"
          class="form"
        >
          <Csrf ctx={ctx} />
          <div class={p.errors.image ? 'field has-error' : 'field'}>
            <label for="f-image">上传新头像</label>
            <p id="f-image-hint" class="hint">
              JPEG、PNG、WebP 或 GIF，至少 64×64 像素，最大 10 MB；自动裁成正方形（保留画面主体）。
            </p>
            <input
              id="f-image"
              type="file"
              name="image"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-describedby="f-image-hint"
              required
            />
            {p.errors.image ? (
              <p class="error" role="alert" safe>
                {p.errors.image}
              </p>
            ) : (
              ''
            )}
          </div>
          <button type="submit">上传</button>
        </form>
        {profile.avatarImageId ? (
          <form method="post" action={href(ctx, '/me/avatar/remove')} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="link">
              移除头像
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">资料</h2>
        <FormErrorSummary message={p.message} />
        <form method="post" action={href(ctx, '/me/profile')} class="form" novalidate>
          <Csrf ctx={ctx} />
          <Field
            name="displayName"
            label="昵称"
            value={v('displayName', profile.displayName)}
            errors={p.errors}
            required
            maxlength={p.handle ? 30 : 40}
            autocomplete="nickname"
          />
          {p.handle !== null ? (
            <Field
              name="handle"
              label="账号名"
              value={v('handle', p.handle)}
              errors={p.errors}
              required
              hint="主页地址 /author/账号名。修改后，旧地址会自动跳转到新地址。"
            />
          ) : (
            ''
          )}
          <Field
            name="tagline"
            label="一句话介绍"
            value={v('tagline', profile.tagline)}
            errors={p.errors}
            maxlength={60}
          />
          <Field
            name="bio"
            label="个人简介"
            value={v('bio', profile.bio)}
            errors={p.errors}
            multiline={5}
            maxlength={2000}
          />
          <button type="submit" class="primary">
            保存
          </button>
        </form>
      </section>
    </MeLayout>
  );
}

export function PasswordPage(p: {
  ctx: PageContext;
  errors: FieldErrors;
  message?: string;
  notice?: string;
}): JSX.Element {
  const { ctx } = p;
  return (
    <MeLayout ctx={ctx} title="修改密码" current="/me/password" notice={p.notice}>
      <p>修改后，除了这台设备，你在其他设备上的登录都会退出。</p>
      <FormErrorSummary message={p.message} />
      <form method="post" action={href(ctx, '/me/password')} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field
          name="currentPassword"
          label="当前密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <Field
          name="newPassword"
          label="新密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="new-password"
          hint="至少 8 个字符，不要使用常见密码"
        />
        <button type="submit" class="primary">
          修改密码
        </button>
      </form>
      <p>
        忘记了当前密码？<a href={href(ctx, '/password-reset')}>通过邮件重设</a>
      </p>
    </MeLayout>
  );
}
