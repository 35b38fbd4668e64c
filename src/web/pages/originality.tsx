/** 原创保护: the public receipt of an article and the match report for its author and editors. */
import type { MatchReportItem, Receipt } from '../../originality/index.js';
import { articlePath, authorPath, href, type PageContext } from '../page-context.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

export function ReceiptPage({ ctx, receipt }: { ctx: PageContext; receipt: Receipt }): JSX.Element {
  return (
    <Layout
      ctx={ctx}
      title={`原创凭证：${receipt.title} - ${ctx.settings.siteName}`}
      description={`《${receipt.title}》的原创凭证：首发时间与文本指纹`}
    >
      <h1>原创凭证</h1>
      <p>
        任何人都可以用下面的指纹核对这篇文章的首发时间：把标题和正文按公开的规则（Byline 源码中的
        docs/originality.md）规范化后计算 SHA-256，与这里的值比对。
      </p>
      <dl class="receipt">
        <dt>文章</dt>
        <dd>
          <a href={href(ctx, articlePath(receipt.articleId))} safe>
            {receipt.title}
          </a>
        </dd>
        <dt>作者</dt>
        <dd>
          <a href={href(ctx, authorPath(receipt.authorHandle))} safe>
            {receipt.authorName}
          </a>
        </dd>
        <dt>原创声明</dt>
        <dd>{receipt.claimOriginal ? '已声明原创' : '未声明原创'}</dd>
        <dt>首发时间</dt>
        <dd>
          <time datetime={receipt.firstPublishedAt.toISOString()} safe>
            {`${formatDateTime(receipt.firstPublishedAt)}（${receipt.firstPublishedAt.toISOString()}）`}
          </time>
        </dd>
        <dt>规范化文本长度</dt>
        <dd safe>{`${receipt.length} 字`}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code class="hash" safe>
            {receipt.sha256}
          </code>
        </dd>
        <dt>SimHash（64 位）</dt>
        <dd>
          <code class="hash" safe>
            {receipt.simhash}
          </code>
        </dd>
        <dt>MinHash（128 个值）</dt>
        <dd>
          <code class="hash" safe>
            {receipt.minhash.map((v) => v.toString(16).padStart(8, '0')).join(' ')}
          </code>
        </dd>
      </dl>
      {receipt.earlierMatches.length > 0 ? (
        <section aria-labelledby="earlier-heading">
          <h2 id="earlier-heading">更早发表的相似文章</h2>
          <p>本文与以下更早发表的文章高度重复，首发权属于它们：</p>
          <ul>
            {receipt.earlierMatches.map((m) => (
              <li>
                <a href={href(ctx, articlePath(m.id))} safe>
                  {m.title}
                </a>
                <span>{m.kind === 'whole' ? '（全文重复）' : '（部分重复）'}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <p>
        <a href={href(ctx, `/article/${receipt.articleId}/receipt.json`)}>JSON 格式</a>
      </p>
    </Layout>
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

export function MatchReportPage({
  ctx,
  article,
  items,
}: {
  ctx: PageContext;
  article: { id: string; title: string };
  items: readonly MatchReportItem[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={`原创检测：${article.title}`} description="原创检测报告" noindex>
      <h1 safe>{`原创检测：${article.title}`}</h1>
      {items.length === 0 ? <p>没有发现与本文高度重复的文章。</p> : ''}
      {items.map((i) => (
        <section class="match" aria-label={`比对：${i.title}`}>
          <h2>
            {i.direction === 'earlier' ? '本文与更早的文章重复：' : '更晚的文章与本文重复：'}
            <a href={href(ctx, articlePath(i.articleId))} safe>
              {i.title}
            </a>
          </h2>
          <p safe>
            {`作者：${i.authorName}${i.sameAuthor ? '（同一作者）' : ''} · ${i.kind === 'whole' ? '全文重复' : '部分重复'} · ` +
              `本文 ${percent(i.containment)} 的内容见于对方，对方 ${percent(i.reverseContainment)} 的内容见于本文 · 相似度（Jaccard）${percent(i.jaccard)}`}
          </p>
          {i.direction === 'earlier' && i.passages.length > 0 ? (
            <>
              <h3>重复的段落</h3>
              <ol class="passages">
                {i.passages.map((p) => (
                  <li>
                    <q safe>{p.passage}</q> <span safe>{`（${percent(p.share)}）`}</span>
                  </li>
                ))}
              </ol>
            </>
          ) : (
            ''
          )}
        </section>
      ))}
    </Layout>
  );
}
