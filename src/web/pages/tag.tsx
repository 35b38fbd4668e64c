import type { ArticleCard } from '../../articles/index.js';
import { tagPath, type PageContext } from '../page-context.js';
import { breadcrumbLd } from '../seo.js';
import { Layout } from '../views/layout.js';
import { type HotCard, HotSidebar } from '../views/hot-list.js';
import { ArticleList } from '../views/lists.js';
import { Pager } from '../views/pager.js';

export interface TagPageProps {
  readonly ctx: PageContext;
  readonly tag: string;
  readonly items: readonly ArticleCard[];
  readonly hot: readonly HotCard[];
  readonly next?: string;
  readonly isFirst: boolean;
}

/** 话题: the articles with one tag, newest first, paged like a channel, with its feeds. */
export function TagPage({ ctx, tag, items, hot, next, isFirst }: TagPageProps): JSX.Element {
  const path = tagPath(tag);
  const heading = `话题：${tag}`;
  return (
    <Layout
      ctx={ctx}
      title={`${tag} - 话题 - ${ctx.settings.siteName}`}
      description={`${ctx.settings.siteName}话题“${tag}”：带这个标签的最新文章。`}
      canonicalPath={isFirst ? path : undefined}
      noindex={!isFirst}
      feeds={{ title: `${ctx.settings.siteName} · 话题 ${tag}`, base: path }}
      jsonLd={[
        breadcrumbLd(ctx, [
          { name: ctx.settings.siteName, path: '/' },
          { name: tag, path },
        ]),
      ]}
    >
      <div class="columns">
        <div class="primary">
          <h1 class="tag-heading" safe>
            {heading}
          </h1>
          <p class="feed-links">
            <a href={`${path}/feed.xml`} type="application/rss+xml">
              RSS 订阅
            </a>{' '}
            <a href={`${path}/feed.atom`} type="application/atom+xml">
              Atom 订阅
            </a>
          </p>
          <ArticleList ctx={ctx} items={items} level={2} />
          <Pager ctx={ctx} basePath={path} next={next} isFirst={isFirst} />
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}
