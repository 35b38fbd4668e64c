import type { ArticleView } from '../../articles/index.js';
import { messages as m } from '../messages.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { trustedArticleHtml } from '../views/trusted-html.js';

export function ArticlePage({ article }: { readonly article: ArticleView }): JSX.Element {
  const safeBody = trustedArticleHtml(article.bodyHtml);
  return (
    <Layout title={`${article.title} - ${m.siteName}`} description={article.summary}>
      <article class="article">
        <h1 safe>{article.title}</h1>
        <p class="meta">
          <span>
            {m.author}：
            <span class="author" safe>
              {article.author.displayName}
            </span>
          </span>{' '}
          <span>
            {m.channel}：
            <span class="channel" safe>
              {article.channel.name}
            </span>
          </span>{' '}
          {article.publishedAt ? (
            <span>
              {m.publishedAt}：
              <time datetime={article.publishedAt.toISOString()} safe>
                {formatDateTime(article.publishedAt)}
              </time>
            </span>
          ) : (
            ''
          )}
        </p>
        <div class="article-body">{safeBody}</div>
        {article.sourceName !== '' && (
          <p class="source">
            {m.source}：
            {article.sourceUrl !== '' ? (
              <a href={article.sourceUrl} rel="nofollow noopener" safe>
                {article.sourceName}
              </a>
            ) : (
              <span safe>{article.sourceName}</span>
            )}
          </p>
        )}
      </article>
    </Layout>
  );
}
