/** 站点设置 (admins): the settings form with its checks, and a preview before saving. */
import type { SiteSettings } from '../../settings/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { Layout } from '../views/layout.js';
import { AdminNav, Notice } from './admin.js';

/** The settings form's values as typed (strings), keyed like the fields. */
export type SettingsForm = Record<
  | 'siteName'
  | 'platformName'
  | 'logoText'
  | 'tagline'
  | 'footer'
  | 'noticeZh'
  | 'noticeEn'
  | 'commentHoldHours'
  | 'copyPolicy'
  | 'emailVerification',
  string
>;

export function settingsForm(s: SiteSettings): SettingsForm {
  return {
    siteName: s.siteName,
    platformName: s.platformName,
    logoText: s.logoText,
    tagline: s.tagline,
    footer: s.footer,
    noticeZh: s.noticeZh,
    noticeEn: s.noticeEn,
    commentHoldHours: String(s.commentHoldHours),
    copyPolicy: s.copyPolicy,
    emailVerification: s.emailVerification ? '1' : '',
  };
}

export function SettingsPage(p: {
  ctx: PageContext;
  value: SettingsForm;
  errors: FieldErrors;
  notice?: string | undefined;
  previewing?: boolean;
}): JSX.Element {
  const { ctx, value: v, errors } = p;
  return (
    <Layout ctx={ctx} title={`站点设置 - ${ctx.settings.siteName}`} description="站点设置" noindex>
      <h1>站点设置</h1>
      <AdminNav ctx={ctx} current="/studio/admin/settings" />
      <Notice text={p.notice} />
      <FormErrorSummary
        message={Object.keys(errors).length ? '有些设置不符合要求，请按提示修改。' : undefined}
      />
      {p.previewing ? <SettingsPreview value={v} /> : ''}
      <form method="post" action={href(ctx, '/studio/admin/settings')} class="settings-form">
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>名称与标志</legend>
          <Field
            name="siteName"
            label="站点名称"
            value={v.siteName}
            errors={errors}
            required
            maxlength={40}
            hint="如“网易”；页面标题、邮件和页脚都用它"
          />
          <Field
            name="platformName"
            label="创作者平台名称"
            value={v.platformName}
            errors={errors}
            required
            maxlength={40}
            hint="如“网易号”；面包屑和特别声明中使用"
          />
          <Field
            name="logoText"
            label="页头标志文字"
            value={v.logoText}
            errors={errors}
            required
            maxlength={40}
          />
          <Field
            name="tagline"
            label="一句话介绍"
            value={v.tagline}
            errors={errors}
            maxlength={120}
            hint="首页的描述，最多 120 个字符"
          />
        </fieldset>
        <fieldset>
          <legend>页脚与声明</legend>
          <Field
            name="footer"
            label="页脚"
            value={v.footer}
            errors={errors}
            multiline={3}
            maxlength={500}
          />
          <Field
            name="noticeZh"
            label="特别声明（中文）"
            value={v.noticeZh}
            errors={errors}
            multiline={3}
            maxlength={1000}
            hint="显示在每篇文章下方"
          />
          <Field
            name="noticeEn"
            label="特别声明（英文）"
            value={v.noticeEn}
            errors={errors}
            multiline={3}
            maxlength={1000}
          />
        </fieldset>
        <fieldset>
          <legend>审核与账号</legend>
          <Field
            name="commentHoldHours"
            label="新账号跟贴先审后发（小时）"
            value={v.commentHoldHours}
            errors={errors}
            required
            hint="注册不满这么多小时的账号，跟贴须编辑通过后才显示；0 表示不限。0–8760 的整数"
          />
          <div class={errors.copyPolicy ? 'field has-error' : 'field'}>
            <fieldset>
              <legend>疑似抄袭他人的新文章</legend>
              <label>
                <input
                  type="radio"
                  name="copyPolicy"
                  value="hold"
                  checked={v.copyPolicy === 'hold'}
                />{' '}
                交编辑审核（推荐）
              </label>
              <label>
                <input
                  type="radio"
                  name="copyPolicy"
                  value="repost"
                  checked={v.copyPolicy === 'repost'}
                />{' '}
                标为“转载”并链接原文后发布
              </label>
            </fieldset>
            {errors.copyPolicy ? (
              <p class="error" role="alert" safe>
                {errors.copyPolicy}
              </p>
            ) : (
              ''
            )}
          </div>
          <div class="field">
            <label>
              <input
                type="checkbox"
                name="emailVerification"
                value="1"
                checked={v.emailVerification === '1'}
              />{' '}
              登录前须验证邮箱
            </label>
            <p class="hint">开启后，新注册的读者点击验证邮件中的链接后才能登录。</p>
          </div>
        </fieldset>
        <p class="actions">
          <button type="submit" name="intent" value="preview">
            预览
          </button>
          <button type="submit" name="intent" value="save" class="primary">
            保存设置
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** How the header, footer and notice will look, before saving. */
function SettingsPreview({ value: v }: { value: SettingsForm }): JSX.Element {
  return (
    <section class="settings-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">预览（尚未保存）</h2>
      <div class="preview-header">
        <strong safe>{v.logoText}</strong>
        <span class="tagline" safe>
          {v.tagline}
        </span>
      </div>
      <p class="notice-preview" safe>
        {v.noticeZh}
      </p>
      <p class="notice-preview" lang="en" safe>
        {v.noticeEn}
      </p>
      <p class="footer-preview" safe>
        {v.footer}
      </p>
      <p
        class="hint"
        safe
      >{`浏览器标题示例：某篇文章 - ${v.siteName} · 面包屑：${v.siteName} > ${v.platformName}`}</p>
    </section>
  );
}
