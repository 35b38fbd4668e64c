import type { ArticleCard } from '../../articles/index.js';
import type { Channel } from '../../channels/index.js';
import { messages as m } from '../messages.js';
import { href, type PageContext } from '../page-context.js';
import { describe } from '../seo.js';
import { Layout } from '../views/layout.js';
import { ArticleList, CompactList, HotSidebar } from '../views/lists.js';

export interface PortalProps {
  readonly ctx: PageContext;
  readonly latest: readonly ArticleCard[];
  readonly hot: readonly ArticleCard[];
  readonly topNews: ReadonlyMap<number, readonly ArticleCard[]>;
}

export function ChannelBlocks(props: {
  ctx: PageContext;
  channels: readonly Channel[];
  topNews: ReadonlyMap<number, readonly ArticleCard[]>;
  headingLevel?: 2 | 3;
}): JSX.Element {
  const { ctx } = props;
  return (
    <div class="channel-blocks">
      {props.channels
        .filter((c) => (props.topNews.get(c.id) ?? []).length > 0)
        .map((c) => (
          <section class="channel-block" aria-labelledby={`block-${c.slug}`}>
            <h2 id={`block-${c.slug}`}>
              <a href={href(ctx, `/channel/${c.slug}`)}>
                <span safe>{c.name}</span>
                {m.topNews}
              </a>
            </h2>
            <CompactList ctx={ctx} items={props.topNews.get(c.id) ?? []} />
          </section>
        ))}
    </div>
  );
}

export function PortalPage({ ctx, latest, hot, topNews }: PortalProps): JSX.Element {
  const title = `${ctx.settings.siteName} — ${ctx.settings.platformName}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={describe(ctx.settings.tagline)}
      canonicalPath="/"
      feeds={{ title: ctx.settings.siteName, base: '' }}
      jsonLd={[
        {
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: ctx.settings.siteName,
          url: `${ctx.publicUrl}/`,
          potentialAction: {
            '@type': 'SearchAction',
            target: `${ctx.publicUrl}/search?q={q}`,
            'query-input': 'required name=q',
          },
        },
      ]}
    >
      <h1 class="visually-hidden" safe>
        {title}
      </h1>
      <div class="columns">
        <div class="primary">
          <ChannelBlocks ctx={ctx} channels={ctx.channels} topNews={topNews} />
          <section aria-labelledby="latest-heading">
            <h2 id="latest-heading">{m.latest}</h2>
            <ArticleList ctx={ctx} items={latest} />
          </section>
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}
