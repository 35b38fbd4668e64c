import type { ArticleCard } from '../../articles/index.js';
import type { CreatorWithStats } from '../../creators/index.js';
import { messages as m } from '../messages.js';
import { absolute, authorPath, href, type PageContext } from '../page-context.js';
import { breadcrumbLd, describe } from '../seo.js';
import { Avatar, CreatorCounts, FollowButton } from '../views/author-card.js';
import { Layout } from '../views/layout.js';
import { ArticleList } from '../views/lists.js';
import { Pager } from '../views/pager.js';

export interface AuthorPageProps {
  readonly ctx: PageContext;
  readonly creator: CreatorWithStats;
  readonly items: readonly ArticleCard[];
  readonly next?: string;
  readonly isFirst: boolean;
  readonly following?: boolean;
}

export function AuthorPage({
  ctx,
  creator,
  items,
  next,
  isFirst,
  following,
}: AuthorPageProps): JSX.Element {
  const path = authorPath(creator.handle);
  return (
    <Layout
      ctx={ctx}
      title={`${creator.displayName} - ${ctx.settings.platformName}`}
      description={describe(`${creator.displayName}：${creator.tagline} ${creator.bio}`)}
      canonicalPath={isFirst ? path : undefined}
      noindex={!isFirst}
      ogType="profile"
      feeds={{ title: creator.displayName, base: path }}
      jsonLd={[
        {
          '@context': 'https://schema.org',
          '@type': 'ProfilePage',
          mainEntity: {
            '@type': creator.accountType === 'individual' ? 'Person' : 'Organization',
            name: creator.displayName,
            description: creator.tagline,
            url: absolute(ctx, href(ctx, path)),
          },
        },
        breadcrumbLd(ctx, [
          { name: ctx.settings.siteName, path: '/' },
          { name: ctx.settings.platformName, path: '/authors' },
          { name: creator.displayName, path },
        ]),
      ]}
    >
      <section class="profile" aria-labelledby="profile-name">
        <Avatar handle={creator.handle} size={80} />
        <div>
          <h1 id="profile-name" safe>
            {creator.displayName}
          </h1>
          <p class="tagline" safe>
            {creator.tagline}
          </p>
          <p class="bio" safe>
            {creator.bio}
          </p>
          <CreatorCounts creator={creator} />
          <FollowButton ctx={ctx} handle={creator.handle} following={following} />
        </div>
      </section>
      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">{m.archive}</h2>
        <ArticleList ctx={ctx} items={items} showAuthor={false} />
        <Pager ctx={ctx} basePath={path} next={next} isFirst={isFirst} />
      </section>
    </Layout>
  );
}
