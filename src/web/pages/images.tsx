/** 图片库: a creator's uploads as thumbnails, with alt text, where each is used, reuse and delete. */
import type { ImageUse } from '../../articles/index.js';
import { ALT_MAX_CHARS, figureMarkdown, type LibraryImage } from '../../media/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, FormErrorSummary } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { Pager } from '../views/pager.js';

export const LIBRARY_NOTICES: Record<string, string> = {
  uploaded: '图片已上传',
  alt: '图片说明已保存',
  deleted: '图片已删除',
};

/** `1.2 MB`, `350 KB`: file sizes as a creator reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The smallest stored variant: what a thumbnail loads. */
export function thumbnailUrl(i: Pick<LibraryImage, 'id' | 'variants' | 'width'>): string {
  return `/media/${i.id}/${i.variants[0] ?? i.width}.webp`;
}

export function ImageLibraryPage(p: {
  ctx: PageContext;
  images: readonly LibraryImage[];
  uses: ReadonlyMap<string, readonly ImageUse[]>;
  next?: string;
  isFirst: boolean;
  notice?: string;
  message?: string;
  problems?: readonly string[];
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={`图片库 - ${ctx.settings.platformName}`} description="图片库" noindex>
      <h1>图片库</h1>
      <p>
        <a href={href(ctx, '/studio')}>返回工作台</a>
      </p>
      {p.notice ? (
        <p class="notice-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      <FormErrorSummary message={p.message} />
      {p.problems?.length ? (
        <ul class="form-error">
          {p.problems.map((t) => (
            <li safe>{t}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <LibraryUploadForm ctx={ctx} />
      <h2>我的图片</h2>
      {p.images.length === 0 ? (
        <p class="empty">还没有图片。</p>
      ) : (
        <ul class="image-library">
          {p.images.map((i) => (
            <LibraryItem ctx={ctx} image={i} uses={p.uses.get(i.id) ?? []} />
          ))}
        </ul>
      )}
      <Pager ctx={ctx} basePath="/studio/images" next={p.next} isFirst={p.isFirst} />
      <script src="/assets/studio.js?v=2" defer></script>
    </Layout>
  );
}

/** Upload with its alt text (the fields come before the file: the server reads them first). */
function LibraryUploadForm({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <form
      method="post"
      action={href(ctx, '/studio/images')}
      enctype="multipart/form-data"
      class="form upload"
    >
      <Csrf ctx={ctx} />
      <input type="hidden" name="back" value="library" />
      <div class="field">
        <label for="upload-alt">图片说明（替代文字，供视障读者使用）</label>
        <input id="upload-alt" name="alt" type="text" maxlength={String(ALT_MAX_CHARS)} />
      </div>
      <div class="field">
        <label for="upload-file">选择图片（JPEG、PNG、WebP、GIF，最大 10 MB）</label>
        <input
          id="upload-file"
          type="file"
          name="image"
          required
          accept="image/jpeg,image/png,image/webp,image/gif"
        />
      </div>
      <button type="submit" class="primary">
        上传
      </button>
    </form>
  );
}

function LibraryItem({
  ctx,
  image: i,
  uses,
}: {
  ctx: PageContext;
  image: LibraryImage;
  uses: readonly ImageUse[];
}): JSX.Element {
  const markdown = figureMarkdown(i.id, i.alt);
  return (
    <li class="library-item" id={`image-${i.id}`}>
      <img
        src={thumbnailUrl(i)}
        alt={i.alt}
        width={String(i.width)}
        height={String(i.height)}
        loading="lazy"
        decoding="async"
      />
      <div class="library-meta">
        <p class="meta" safe>
          {`${i.width}×${i.height} 像素 · ${formatBytes(i.bytes)} · 上传于 ${formatDateTime(i.createdAt)}`}
        </p>
        {uses.length === 0 ? (
          <p class="meta">未被使用</p>
        ) : (
          <ul class="image-uses">
            {uses.map((u) => (
              <li>
                {u.asCover ? '封面：' : '正文：'}
                <a href={href(ctx, `/studio/articles/${u.articleId}/edit`)} safe>
                  {`《${u.title}》`}
                </a>
              </li>
            ))}
          </ul>
        )}
        <div class="field">
          <label for={`md-${i.id}`}>插入正文用的 Markdown</label>
          <input id={`md-${i.id}`} type="text" readonly value={markdown} class="wide" />
          <button type="button" class="js-only" data-copy={`md-${i.id}`}>
            复制
          </button>
        </div>
        <form method="post" action={href(ctx, `/studio/images/${i.id}/alt`)} class="inline">
          <Csrf ctx={ctx} />
          <label for={`alt-${i.id}`}>图片说明</label>{' '}
          <input
            id={`alt-${i.id}`}
            name="alt"
            type="text"
            value={i.alt}
            maxlength={String(ALT_MAX_CHARS)}
          />{' '}
          <button type="submit">保存说明</button>
        </form>
        {uses.length === 0 ? (
          <form method="post" action={href(ctx, `/studio/images/${i.id}/delete`)} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="danger">
              删除
            </button>
          </form>
        ) : (
          <p class="meta">使用中的图片不能删除</p>
        )}
      </div>
    </li>
  );
}
