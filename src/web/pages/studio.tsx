import type { ArticleView } from '../../articles/index.js';
import type { Application } from '../../creators/index.js';
import { ACCOUNT_TYPE_LABELS } from '../messages.js';
import { articlePath, href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { trustedArticleHtml, trustedSvg } from '../views/trusted-html.js';
import { barChartSvg } from '../views/chart.js';
import type { DailyStats } from '../../engagement/index.js';
import type { CreatorNotice } from '../../moderation/index.js';

export const STATUS_LABELS = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  removed: '已删除',
  held: '审核中',
} as const;

export interface StudioRow {
  readonly id: string;
  readonly title: string;
  readonly status: keyof typeof STATUS_LABELS;
  readonly publishedAt: Date | null;
  readonly scheduledAt: Date | null;
  readonly updatedAt: Date;
  readonly views: number;
  readonly shares: number;
  readonly comments: number;
}

export function StudioPage({
  ctx,
  rows,
  daily,
  followers,
  notices = [],
}: {
  ctx: PageContext;
  rows: readonly StudioRow[];
  daily: readonly DailyStats[];
  notices?: readonly CreatorNotice[];
  followers: number;
}): JSX.Element {
  const safeChart = trustedSvg(
    barChartSvg(
      '近 30 天每日阅读',
      daily.map((d) => ({ label: d.day.slice(5), value: d.views })),
    ),
  );
  const sum = (k: 'views' | 'shares' | 'comments' | 'followers') =>
    daily.reduce((n, d) => n + d[k], 0);
  const isEditor = ctx.viewer?.role === 'editor' || ctx.viewer?.role === 'admin';
  return (
    <Layout
      ctx={ctx}
      title={`创作者工作台 - ${ctx.settings.platformName}`}
      description="创作者工作台"
      noindex
    >
      <h1>创作者工作台</h1>
      <p class="actions">
        {ctx.viewer?.creator ? (
          <a class="button primary" href={href(ctx, '/studio/new')}>
            写文章
          </a>
        ) : (
          ''
        )}
        {isEditor ? <a href={href(ctx, '/studio/moderation')}>审核台</a> : ''}
        {isEditor ? <a href={href(ctx, '/studio/review')}>入驻审核</a> : ''}
        {isEditor ? <a href={href(ctx, '/studio/comments')}>跟贴审核</a> : ''}
        {ctx.viewer?.role === 'admin' ? <a href={href(ctx, '/studio/dictionary')}>分词词典</a> : ''}
        {ctx.viewer?.role === 'admin' ? <a href={href(ctx, '/studio/audit')}>审计日志</a> : ''}
        {ctx.viewer?.role === 'admin' ? (
          <a href={href(ctx, '/studio/lexicon')}>垃圾信息词库</a>
        ) : (
          ''
        )}
      </p>
      {notices.length > 0 ? (
        <section aria-labelledby="notices-heading" class="notices">
          <h2 id="notices-heading">通知</h2>
          <ul>
            {notices.map((n) => (
              <li>
                <time datetime={n.createdAt.toISOString()} safe>
                  {formatDateTime(n.createdAt)}
                </time>{' '}
                您的文章
                <a href={href(ctx, articlePath(n.articleId ?? ''))} safe>
                  {`《${n.articleTitle ?? ''}》`}
                </a>
                疑似被
                <a href={href(ctx, `/studio/articles/${n.articleId ?? ''}/originality`)} safe>
                  {`《${n.otherTitle ?? ''}》`}
                </a>
                转载或抄袭，原创声明已为您保护。
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {ctx.viewer?.creator ? (
        <section aria-labelledby="stats-heading" class="stats">
          <h2 id="stats-heading">数据概览（近 30 天）</h2>
          <dl class="counts">
            <div>
              <dt>阅读</dt>
              <dd safe>{String(sum('views'))}</dd>
            </div>
            <div>
              <dt>分享</dt>
              <dd safe>{String(sum('shares'))}</dd>
            </div>
            <div>
              <dt>评论</dt>
              <dd safe>{String(sum('comments'))}</dd>
            </div>
            <div>
              <dt>新增关注</dt>
              <dd safe>{String(sum('followers'))}</dd>
            </div>
            <div>
              <dt>关注度</dt>
              <dd safe>{String(followers)}</dd>
            </div>
          </dl>
          <figure class="chart-figure">
            {safeChart}
            <figcaption>近 30 天每日阅读（北京时间按 UTC 日期汇总）</figcaption>
          </figure>
        </section>
      ) : (
        ''
      )}
      {rows.length === 0 ? (
        <p>还没有文章。</p>
      ) : (
        <table class="studio-table">
          <caption>我的文章</caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">状态</th>
              <th scope="col">时间</th>
              <th scope="col">阅读</th>
              <th scope="col">分享</th>
              <th scope="col">评论</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={href(ctx, `/studio/articles/${r.id}/edit`)} safe>
                    {r.title}
                  </a>
                </td>
                <td>{STATUS_LABELS[r.status]}</td>
                <td safe>
                  {formatDateTime(
                    r.status === 'scheduled' && r.scheduledAt
                      ? r.scheduledAt
                      : (r.publishedAt ?? r.updatedAt),
                  )}
                </td>
                <td safe>{String(r.views)}</td>
                <td safe>{String(r.shares)}</td>
                <td safe>{String(r.comments)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={href(ctx, '/signout/all')} class="inline">
        <Csrf ctx={ctx} />
        <button type="submit">退出所有设备</button>
      </form>
    </Layout>
  );
}

export interface EditorValues {
  readonly title: string;
  readonly channel: string;
  readonly summary: string;
  readonly bodyMarkdown: string;
  readonly coverImageId: string;
  readonly claimOriginal: boolean;
  readonly publishAt: string;
}

export function EditorPage(p: {
  ctx: PageContext;
  article?: ArticleView;
  values: EditorValues;
  errors: FieldErrors;
  message?: string;
  notice?: string;
}): JSX.Element {
  const { ctx, article, values } = p;
  const action = article ? `/studio/articles/${article.id}` : '/studio/articles';
  const status = article?.status ?? 'draft';
  return (
    <Layout
      ctx={ctx}
      title={`${article ? '编辑文章' : '写文章'} - ${ctx.settings.platformName}`}
      description="编辑文章"
      noindex
    >
      <h1>{article ? '编辑文章' : '写文章'}</h1>
      {article ? (
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
      ) : (
        ''
      )}
      {p.notice ? (
        <p class="notice-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      <FormErrorSummary message={p.message} />
      <form
        method="post"
        action={href(ctx, action)}
        class="form editor"
        id="editor"
        data-autosave={article && status === 'draft' ? href(ctx, `${action}/autosave`) : undefined}
        data-preview={href(ctx, '/studio/preview')}
        novalidate
      >
        <Csrf ctx={ctx} />
        <Field
          name="title"
          label="标题"
          value={values.title}
          errors={p.errors}
          required
          maxlength={300}
        />
        <div class={p.errors.channel ? 'field has-error' : 'field'}>
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
          errors={p.errors}
          multiline={2}
          maxlength={500}
          hint="可不填，默认取正文开头"
        />
        <Field
          name="bodyMarkdown"
          label="正文（Markdown）"
          value={values.bodyMarkdown}
          errors={p.errors}
          multiline={18}
          required
          hint='图片：![说明](/media/图片编号 "图注")；小标题：## 标题；引用：> 文字'
        />
        <section class="preview" aria-live="polite" aria-labelledby="preview-heading">
          <h2 id="preview-heading">实时预览</h2>
          <div id="live-preview" class="article-body">
            {article ? trustedArticleHtml(article.bodyHtml) : ''}
          </div>
        </section>
        <Field
          name="coverImageId"
          label="封面图片编号"
          value={values.coverImageId}
          errors={p.errors}
          hint="先在下方上传图片，再填入编号"
        />
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
          errors={p.errors}
        />
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
          {article ? (
            <button type="submit" name="intent" value="delete" class="danger">
              删除
            </button>
          ) : (
            ''
          )}
        </div>
        <p id="autosave-status" role="status" class="meta"></p>
      </form>
      <form
        method="post"
        action={href(ctx, '/studio/images')}
        enctype="multipart/form-data"
        class="form upload"
      >
        <Csrf ctx={ctx} />
        <div class="field">
          <label for="f-image">上传图片（JPEG、PNG、WebP、GIF，最大 10 MB）</label>
          <input
            id="f-image"
            type="file"
            name="image"
            accept="image/jpeg,image/png,image/webp,image/gif"
          />
        </div>
        <button type="submit">上传</button>
      </form>
      <script src="/assets/studio.js?v=1" defer></script>
    </Layout>
  );
}

export function UploadedPage({
  ctx,
  id,
  markdown,
}: {
  ctx: PageContext;
  id: string;
  markdown: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="图片已上传" description="图片已上传" noindex>
      <h1>图片已上传</h1>
      <p safe>{`图片编号：${id}`}</p>
      <p>
        <label for="snippet">复制下面这行粘贴到正文中：</label>
      </p>
      <input id="snippet" type="text" readonly value={markdown} class="wide" />
      <p>
        <a href={href(ctx, '/studio')}>返回工作台</a>
      </p>
    </Layout>
  );
}

export function RevisionsPage(p: {
  ctx: PageContext;
  articleId: string;
  revisions: readonly { revision: number; title: string; createdAt: Date }[];
  shown?: { revision: number; title: string; bodyHtml: string; createdAt: Date };
}): JSX.Element {
  const { ctx } = p;
  const safeBody = p.shown ? trustedArticleHtml(p.shown.bodyHtml) : '';
  return (
    <Layout ctx={ctx} title="历史版本" description="历史版本" noindex>
      <h1>历史版本</h1>
      <ol class="revisions">
        {p.revisions.map((r) => (
          <li>
            <a href={href(ctx, `/studio/articles/${p.articleId}/revisions/${r.revision}`)} safe>
              {`第 ${r.revision} 版 · ${formatDateTime(r.createdAt)} · ${r.title}`}
            </a>
          </li>
        ))}
      </ol>
      {p.shown ? (
        <article class="article">
          <h2 safe>{`第 ${p.shown.revision} 版：${p.shown.title}`}</h2>
          <div class="article-body">{safeBody}</div>
        </article>
      ) : (
        ''
      )}
      <p>
        <a href={href(ctx, `/studio/articles/${p.articleId}/edit`)}>返回编辑</a>
      </p>
    </Layout>
  );
}

export function PreviewPage({
  ctx,
  article,
}: {
  ctx: PageContext;
  article: ArticleView;
}): JSX.Element {
  const safeBody = trustedArticleHtml(article.bodyHtml);
  return (
    <Layout ctx={ctx} title={`预览：${article.title}`} description="预览" noindex>
      <p class="notice-ok">这是预览，读者看不到未发布的内容。</p>
      <article class="article">
        <h1 safe>{article.title}</h1>
        <div class="article-body">{safeBody}</div>
      </article>
      <p>
        <a href={href(ctx, `/studio/articles/${article.id}/edit`)}>返回编辑</a>
      </p>
    </Layout>
  );
}

export function ReviewPage({
  ctx,
  pending,
  decided,
}: {
  ctx: PageContext;
  pending: readonly Application[];
  decided: readonly Application[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="入驻审核" description="入驻审核" noindex>
      <h1>入驻审核</h1>
      <h2 safe>{`待审核（${pending.length}）`}</h2>
      {pending.length === 0 ? <p>没有待审核的申请。</p> : ''}
      {pending.map((a) => (
        <section class="application" aria-label={`申请：${a.displayName}`}>
          <h3 safe>{`${a.displayName}（${a.handle}）`}</h3>
          <dl>
            <dt>账号类型</dt>
            <dd>{ACCOUNT_TYPE_LABELS[a.accountType]}</dd>
            <dt>简介</dt>
            <dd safe>{a.tagline}</dd>
            <dt>介绍</dt>
            <dd safe>{a.bio}</dd>
            <dt>关注频道</dt>
            <dd safe>{a.focusChannels.join('、')}</dd>
            <dt>作品链接</dt>
            <dd>
              {a.sampleLinks.map((l) => (
                <a href={l} rel="nofollow noopener" safe>
                  {l}
                </a>
              ))}
            </dd>
            <dt>联系方式</dt>
            <dd safe>{a.contact}</dd>
            <dt>提交时间</dt>
            <dd safe>{formatDateTime(a.createdAt)}</dd>
          </dl>
          <form method="post" action={href(ctx, `/studio/review/${a.id}/approve`)} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="primary">
              通过
            </button>
          </form>
          <form method="post" action={href(ctx, `/studio/review/${a.id}/reject`)} class="inline">
            <Csrf ctx={ctx} />
            <label for={`reason-${a.id}`}>拒绝理由</label>
            <input id={`reason-${a.id}`} name="reason" type="text" required maxlength="1000" />
            <button type="submit">拒绝</button>
          </form>
        </section>
      ))}
      <h2>最近的决定</h2>
      <ul>
        {decided.map((a) => (
          <li
            safe
          >{`${a.displayName}（${a.handle}）：${a.status === 'approved' ? '通过' : '拒绝'} ${a.decisionReason ?? ''}`}</li>
        ))}
      </ul>
    </Layout>
  );
}

export function DictionaryPage({
  ctx,
  words,
  errors,
  value,
  notice,
}: {
  ctx: PageContext;
  words: readonly { word: string; createdAt: Date }[];
  errors: FieldErrors;
  value?: string;
  notice?: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="分词词典" description="分词词典" noindex>
      <h1>分词词典</h1>
      <p>
        搜索和相关推荐按词语切分文章。新出现的人名、公司名、产品名可能被切碎，在这里加入后会保持完整；加入或删除后，搜索索引在后台重建，期间旧索引照常可用。
      </p>
      {notice ? (
        <p class="notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={href(ctx, '/studio/dictionary')}>
        <Csrf ctx={ctx} />
        <FormErrorSummary message={Object.keys(errors).length ? '请修改下面标出的内容' : ''} />
        <Field
          name="word"
          label="新词语"
          hint="2–20 个字，例如：深度求索"
          value={value ?? ''}
          errors={errors}
          required
          maxlength={20}
        />
        <button type="submit" class="primary">
          加入词典
        </button>
      </form>
      <h2 safe>{`管理员加入的词语（${words.length}）`}</h2>
      {words.length === 0 ? <p>还没有加入词语（内置词典照常生效）。</p> : ''}
      <ul class="dictionary">
        {words.map((w) => (
          <li>
            <span safe>{w.word}</span>{' '}
            <time datetime={w.createdAt.toISOString()} safe>
              {formatDateTime(w.createdAt)}
            </time>
            <form method="post" action={href(ctx, '/studio/dictionary/delete')} class="inline">
              <Csrf ctx={ctx} />
              <input type="hidden" name="word" value={w.word} />
              <button type="submit" aria-label={`删除“${w.word}”`}>
                删除
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
