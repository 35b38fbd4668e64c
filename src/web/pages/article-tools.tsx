/** The studio's article pages beside the editor: the upload result, revisions and the preview. */
import type { ArticleView } from '../../articles/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { CompareForm, RestoreForm } from './revisions.js';
import { trustedArticleHtml } from '../views/trusted-html.js';

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
  /** The article's current revision (restoring it would change nothing). */
  current: number;
  revisions: readonly { revision: number; title: string; createdAt: Date }[];
  shown?: { revision: number; title: string; bodyHtml: string; createdAt: Date };
}): JSX.Element {
  const { ctx } = p;
  const safeBody = p.shown ? trustedArticleHtml(p.shown.bodyHtml) : '';
  const base = `/studio/articles/${p.articleId}/revisions`;
  return (
    <Layout ctx={ctx} title="历史版本" description="历史版本" noindex>
      <h1>历史版本</h1>
      <CompareForm ctx={ctx} articleId={p.articleId} revisions={p.revisions} />
      <ol class="revisions">
        {p.revisions.map((r) => (
          <li>
            <a href={href(ctx, `${base}/${r.revision}`)} safe>
              {`第 ${r.revision} 版 · ${formatDateTime(r.createdAt)} · ${r.title}`}
            </a>
            {r.revision === p.current ? ' （当前版本）' : ''}
          </li>
        ))}
      </ol>
      {p.shown ? (
        <article class="article">
          <h2 safe>{`第 ${p.shown.revision} 版：${p.shown.title}`}</h2>
          <p>
            {p.shown.revision !== p.current ? (
              <>
                <a href={href(ctx, `${base}/compare?from=${p.shown.revision}&to=${p.current}`)}>
                  与当前版本比较
                </a>{' '}
                <RestoreForm ctx={ctx} articleId={p.articleId} revision={p.shown.revision} />
              </>
            ) : (
              '这是当前版本。'
            )}
          </p>
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

/** Without scripts: the upload form under the editor (it leaves the page; save first). */
export function ImageUploadForm({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <form
      method="post"
      action={href(ctx, '/studio/images')}
      enctype="multipart/form-data"
      class="form upload no-js-only"
    >
      <Csrf ctx={ctx} />
      <div class="field">
        <label for="f-image">上传图片（JPEG、PNG、WebP、GIF，最大 10 MB；请先保存正文）</label>
        <input
          id="f-image"
          type="file"
          name="image"
          accept="image/jpeg,image/png,image/webp,image/gif"
        />
      </div>
      <button type="submit">上传</button>
    </form>
  );
}
