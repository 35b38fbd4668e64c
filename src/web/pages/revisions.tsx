/** Comparing two revisions of an article (a line diff of the Markdown) and the controls to restore one. */
import type { DiffPart } from '../../articles/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

interface RevisionLine {
  readonly revision: number;
  readonly title: string;
  readonly createdAt: Date;
}

/** Two revision pickers (GET): compare any two. */
export function CompareForm(p: {
  ctx: PageContext;
  articleId: string;
  revisions: readonly RevisionLine[];
  from?: number;
  to?: number;
}): JSX.Element {
  const { ctx } = p;
  if (p.revisions.length < 2) return '';
  const last = p.revisions.at(-1)!.revision;
  const to = p.to ?? last;
  const from = p.from ?? Math.max(1, to - 1);
  const options = (selected: number) =>
    p.revisions.map((r) => (
      <option value={String(r.revision)} selected={r.revision === selected} safe>
        {`第 ${r.revision} 版 · ${formatDateTime(r.createdAt)}`}
      </option>
    ));
  return (
    <form
      method="get"
      action={href(ctx, `/studio/articles/${p.articleId}/revisions/compare`)}
      class="form compare"
    >
      <div class="field">
        <label for="compare-from">比较：旧版本</label>
        <select id="compare-from" name="from">
          {options(from)}
        </select>
      </div>
      <div class="field">
        <label for="compare-to">新版本</label>
        <select id="compare-to" name="to">
          {options(to)}
        </select>
      </div>
      <button type="submit">比较</button>
    </form>
  );
}

/** Restores a revision (a POST with the CSRF token): the editor opens with it as a new revision. */
export function RestoreForm(p: {
  ctx: PageContext;
  articleId: string;
  revision: number;
}): JSX.Element {
  return (
    <form
      method="post"
      action={href(p.ctx, `/studio/articles/${p.articleId}/revisions/${p.revision}/restore`)}
      class="inline"
    >
      <Csrf ctx={p.ctx} />
      <button type="submit" safe>{`恢复到第 ${p.revision} 版`}</button>
    </form>
  );
}

/** A diff as lines: kept lines plain, deleted in <del>, inserted in <ins> (every line escaped). */
function Diff({ parts, label }: { parts: readonly DiffPart[]; label: string }): JSX.Element {
  if (parts.length === 0) return <p class="meta">（空）</p>;
  return (
    <div class="diff" role="group" aria-label={label}>
      {parts.map((part) =>
        part.lines.map((line) =>
          part.op === 'ins' ? (
            <ins safe>{line}</ins>
          ) : part.op === 'del' ? (
            <del safe>{line}</del>
          ) : (
            <p class="same" safe>
              {line}
            </p>
          ),
        ),
      )}
    </div>
  );
}

export function RevisionComparePage(p: {
  ctx: PageContext;
  articleId: string;
  revisions: readonly RevisionLine[];
  before: RevisionLine;
  after: RevisionLine;
  title: readonly DiffPart[];
  body: readonly DiffPart[];
}): JSX.Element {
  const { ctx } = p;
  const changed = p.body.some((part) => part.op !== 'same') || p.title.some((t) => t.op !== 'same');
  return (
    <Layout ctx={ctx} title="比较版本" description="比较版本" noindex>
      <h1 safe>{`比较：第 ${p.before.revision} 版 → 第 ${p.after.revision} 版`}</h1>
      <p class="meta">
        <del>删除的内容</del> <ins>新增的内容</ins>
      </p>
      <CompareForm
        ctx={ctx}
        articleId={p.articleId}
        revisions={p.revisions}
        from={p.before.revision}
        to={p.after.revision}
      />
      {changed ? '' : <p class="notice-ok">两个版本的标题和正文相同。</p>}
      <h2>标题</h2>
      <Diff parts={p.title} label="标题的变化" />
      <h2>正文</h2>
      <Diff parts={p.body} label="正文的变化" />
      <p>
        <RestoreForm ctx={ctx} articleId={p.articleId} revision={p.before.revision} />{' '}
        <a href={href(ctx, `/studio/articles/${p.articleId}/revisions`)}>全部版本</a>{' '}
        <a href={href(ctx, `/studio/articles/${p.articleId}/edit`)}>返回编辑</a>
      </p>
    </Layout>
  );
}
