import type { ArticleCard } from '../../articles/index.js';
import { messages as m } from '../messages.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

export interface HomeProps {
  readonly latest: readonly ArticleCard[];
}

export function HomePage({ latest }: HomeProps): JSX.Element {
  return (
    <Layout title={m.homeTitle} description={m.homeDescription}>
      <h1>{m.siteName}</h1>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">{m.latest}</h2>
        {latest.length === 0 ? (
          <p>{m.noArticles}</p>
        ) : (
          <ol class="article-list">
            {latest.map((a) => (
              <li>
                <a href={`/article/${a.id}`} safe>
                  {a.title}
                </a>
                <span class="meta">
                  <span safe>{a.author.displayName}</span> · <span safe>{a.channel.name}</span> ·{' '}
                  {a.publishedAt ? (
                    <time datetime={a.publishedAt.toISOString()} safe>
                      {formatDateTime(a.publishedAt)}
                    </time>
                  ) : (
                    ''
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}
