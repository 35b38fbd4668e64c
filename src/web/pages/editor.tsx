/** The article editor (its preview, revisions and upload pages and the no-JS upload form: article-tools.tsx). */
import { TAG_MAX_CHARS, TAGS_MAX, type ArticleView } from '../../articles/index.js';
import { ALT_MAX_CHARS } from '../../media/index.js';
import { articlePath, href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { Layout } from '../views/layout.js';
import { STATUS_LABELS } from './studio.js';
import { ImageUploadForm } from './article-tools.js';
import { trustedArticleHtml } from '../views/trusted-html.js';

export interface EditorValues {
  readonly title: string;
  readonly channel: string;
  readonly summary: string;
  readonly bodyMarkdown: string;
  readonly coverImageId: string;
  readonly claimOriginal: boolean;
  readonly publishAt: string;
  /** 标签 as typed: separated by commas (，,) or 、. */
  readonly tags: string;
}

/** An image the editor offers: for the cover, or to insert from the library. */
export interface ImageChoice {
  readonly id: string;
  readonly thumbnailUrl: string;
  readonly alt: string;
  readonly markdown: string;
}

/** The images the editor offers: the body's own figures and the latest of the library. */
export interface EditorImages {
  readonly figures: readonly ImageChoice[];
  readonly library: readonly ImageChoice[];
}

export function EditorPage(p: {
  ctx: PageContext;
  article?: ArticleView;
  values: EditorValues;
  images: EditorImages;
  errors: FieldErrors;
  message?: string;
  notice?: string;
}): JSX.Element {
  const { ctx, article } = p;
  return (
    <Layout
      ctx={ctx}
      title={`${article ? '编辑文章' : '写文章'} - ${ctx.settings.platformName}`}
      description="编辑文章"
      noindex
    >
      <h1>{article ? '编辑文章' : '写文章'}</h1>
      {article ? <EditorArticleMeta ctx={ctx} article={article} /> : ''}
      {p.notice ? (
        <p class="notice-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      <FormErrorSummary message={p.message} />
      <EditorForm
        ctx={ctx}
        article={article}
        values={p.values}
        images={p.images}
        errors={p.errors}
      />
      <ImageUploadForm ctx={ctx} />
      <script src="/assets/studio.js?v=2" defer></script>
    </Layout>
  );
}

/** An existing article's status, revision and links (revisions, preview, originality, live page). */
function EditorArticleMeta({
  ctx,
  article,
}: {
  ctx: PageContext;
  article: ArticleView;
}): JSX.Element {
  return (
    <p class="meta">
      <span>状态：{STATUS_LABELS[article.status]}</span>
      <span safe>{`第 ${article.revision} 版`}</span>
      <a href={href(ctx, `/studio/articles/${article.id}/revisions`)}>历史版本</a>
      <a href={href(ctx, `/studio/articles/${article.id}/preview`)}>预览</a>
      <a href={href(ctx, `/studio/articles/${article.id}/originality`)}>原创检测</a>
      {article.status === 'published' ? (
        <>
          <a href={href(ctx, articlePath(article.id))}>查看文章</a>
          <a href={href(ctx, `/article/${article.id}/receipt`)}>原创凭证</a>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

interface EditorFormProps {
  readonly ctx: PageContext;
  readonly article?: ArticleView;
  readonly values: EditorValues;
  readonly images: EditorImages;
  readonly errors: FieldErrors;
}

/** The article form: content fields, live preview, publishing fields, buttons, autosave status. */
function EditorForm({ ctx, article, values, images, errors }: EditorFormProps): JSX.Element {
  const action = article ? `/studio/articles/${article.id}` : '/studio/articles';
  const status = article?.status ?? 'draft';
  return (
    <form
      method="post"
      action={href(ctx, action)}
      class="form editor"
      id="editor"
      data-autosave={article && status === 'draft' ? href(ctx, `${action}/autosave`) : undefined}
      data-preview={href(ctx, '/studio/preview')}
      data-upload={href(ctx, '/studio/images')}
      novalidate
    >
      <Csrf ctx={ctx} />
      <EditorContentFields
        ctx={ctx}
        article={article}
        values={values}
        images={images}
        errors={errors}
      />
      <EditorPublishFields ctx={ctx} values={values} images={images} errors={errors} />
      <EditorButtons status={status} canDelete={article !== undefined} />
      <p id="autosave-status" role="status" class="meta"></p>
    </form>
  );
}

/** Title, channel, summary and Markdown body, followed by the live preview. */
function EditorContentFields({
  ctx,
  article,
  values,
  images,
  errors,
}: EditorFormProps): JSX.Element {
  return (
    <>
      <Field
        name="title"
        label="标题"
        value={values.title}
        errors={errors}
        required
        maxlength={300}
      />
      <div class={errors.channel ? 'field has-error' : 'field'}>
        <label for="f-channel">频道</label>
        <select id="f-channel" name="channel" required>
          {ctx.channels.map((c) => (
            <option value={c.slug} selected={c.slug === values.channel} safe>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <Field
        name="summary"
        label="摘要"
        value={values.summary}
        errors={errors}
        multiline={2}
        maxlength={500}
        hint="可不填，默认取正文开头"
      />
      <Field
        name="bodyMarkdown"
        label="正文（Markdown）"
        value={values.bodyMarkdown}
        errors={errors}
        multiline={18}
        required
        hint='图片：![说明](/media/图片编号 "图注")；小标题：## 标题；引用：> 文字'
      />
      <EditorImageTools ctx={ctx} library={images.library} />
      <Field
        name="tags"
        label="标签"
        value={values.tags}
        errors={errors}
        maxlength={400}
        hint={`用逗号或顿号分隔，如：人工智能、新能源；最多 ${TAGS_MAX} 个，每个不超过 ${TAG_MAX_CHARS} 字`}
      />
      <section class="preview" aria-live="polite" aria-labelledby="preview-heading">
        <h2 id="preview-heading">实时预览</h2>
        <div id="live-preview" class="article-body">
          {article ? trustedArticleHtml(article.bodyHtml) : ''}
        </div>
      </section>
    </>
  );
}

/**
 * Inside the form, for scripts only (none of its inputs has a name, so none
 * is submitted): upload into the body at the cursor, and insert from the library.
 */
function EditorImageTools({
  ctx,
  library,
}: {
  ctx: PageContext;
  library: readonly ImageChoice[];
}): JSX.Element {
  return (
    <div class="js-only">
      <div class="editor-images">
        <div class="field">
          <label for="editor-image-alt">新图片的说明（替代文字，供视障读者使用）</label>
          <input id="editor-image-alt" type="text" maxlength={String(ALT_MAX_CHARS)} />
        </div>
        <button type="button" id="editor-upload">
          上传图片并插入
        </button>
        <input
          id="editor-image-file"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          hidden
          aria-label="选择要上传的图片"
        />
      </div>
      <p class="hint">也可以把图片拖到正文框里，或直接粘贴；图片插入到光标处。</p>
      <p id="upload-status" role="status" class="meta"></p>
      <details class="library-picker">
        <summary>从图片库插入</summary>
        {library.length === 0 ? (
          <p class="empty">图片库里还没有图片。</p>
        ) : (
          <ul class="image-picker" id="image-picker">
            {library.map((c, i) => (
              <li>
                <button type="button" class="image-choice" data-insert={c.markdown}>
                  <img src={c.thumbnailUrl} alt="" width="120" height="90" loading="lazy" />
                  <span safe>{`插入图片 ${i + 1}${c.alt ? `：${c.alt}` : ''}`}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={href(ctx, '/studio/images')}>管理图片库</a>
        </p>
      </details>
    </div>
  );
}

/** Cover image (thumbnails: the body's figures, then the library), 原创声明, scheduled time. */
function EditorPublishFields({
  ctx,
  values,
  images,
  errors,
}: Pick<EditorFormProps, 'ctx' | 'values' | 'images' | 'errors'>): JSX.Element {
  const seen = new Set<string>();
  const choices = [
    ...images.figures.map((c) => ({ ...c, from: '正文图片' })),
    ...images.library.map((c) => ({ ...c, from: '图片库' })),
  ].filter((c) => !seen.has(c.id) && (seen.add(c.id), true));
  const error = errors.coverImageId;
  return (
    <>
      <fieldset class={error ? 'field has-error' : 'field'}>
        <legend>封面</legend>
        <p class="hint" id="cover-hint">
          从正文图片或图片库中选一张；不选时用正文的第一张图片。
          <a href={href(ctx, '/studio/images')}>图片库</a>
        </p>
        {error ? (
          <p class="error" role="alert" safe>
            {error}
          </p>
        ) : (
          ''
        )}
        <ul class="cover-picker" id="cover-picker">
          <li>
            <label class="choice">
              <input
                type="radio"
                name="coverImageId"
                value=""
                checked={values.coverImageId === ''}
              />{' '}
              不设封面
            </label>
          </li>
          {choices.map((c, i) => (
            <li>
              <label class="image-choice">
                <img src={c.thumbnailUrl} alt="" width="120" height="90" loading="lazy" />
                <span>
                  <input
                    type="radio"
                    name="coverImageId"
                    value={c.id}
                    checked={values.coverImageId === c.id}
                  />{' '}
                  <span safe>{`${c.from} ${i + 1}${c.alt ? `：${c.alt}` : ''}`}</span>
                </span>
              </label>
            </li>
          ))}
          {values.coverImageId !== '' && !seen.has(values.coverImageId) ? (
            <li>
              <label class="choice">
                <input type="radio" name="coverImageId" value={values.coverImageId} checked />{' '}
                <span safe>{`当前封面（${values.coverImageId}）`}</span>
              </label>
            </li>
          ) : (
            ''
          )}
        </ul>
      </fieldset>
      <div class="field">
        <label class="choice">
          <input type="checkbox" name="claimOriginal" value="1" checked={values.claimOriginal} />{' '}
          原创声明：本文为我的原创作品
        </label>
      </div>
      <Field
        name="publishAt"
        label="定时发布时间（北京时间）"
        type="datetime-local"
        value={values.publishAt}
        errors={errors}
      />
    </>
  );
}

/** The submit buttons that fit the article's status (save, publish, schedule, unpublish, delete). */
function EditorButtons({
  status,
  canDelete,
}: {
  status: ArticleView['status'];
  canDelete: boolean;
}): JSX.Element {
  return (
    <div class="buttons">
      <button type="submit" name="intent" value="save">
        {status === 'published' ? '保存修改' : '保存草稿'}
      </button>
      {status !== 'published' ? (
        <>
          <button type="submit" name="intent" value="publish" class="primary">
            立即发布
          </button>
          <button type="submit" name="intent" value="schedule">
            定时发布
          </button>
        </>
      ) : (
        <button type="submit" name="intent" value="unpublish">
          撤回
        </button>
      )}
      {canDelete ? (
        <button type="submit" name="intent" value="delete" class="danger">
          删除
        </button>
      ) : (
        ''
      )}
    </div>
  );
}
