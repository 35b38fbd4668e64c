import type { ArticleCard } from '../../articles/index.js';
import type { Channel } from '../../channels/index.js';
import { messages as m } from '../messages.js';
import { articlePath, authorPath, channelPath, href, type PageContext } from '../page-context.js';
import { describe } from '../seo.js';
import { type HotCard, HotSidebar } from '../views/hot-list.js';
import { Layout } from '../views/layout.js';
import { ArticleList, CompactList, Time } from '../views/lists.js';
import { Pager } from '../views/pager.js';

export interface PortalProps {
  readonly ctx: PageContext;
  /** The 头条 story at the top (a picture when one of the hot or latest articles has one). */
  readonly lead?: ArticleCard;
  readonly latest: readonly ArticleCard[];
  /** Cursor of the next page of latest articles (/latest?before=), if any. */
  readonly next?: string;
  readonly hot: readonly HotCard[];
  readonly topNews: ReadonlyMap<number, readonly ArticleCard[]>;
}

/** Channel 要闻 blocks as headed sections (the article page). */
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

/**
 * The portal's 要闻 blocks: each a <details>, folded on phones so the latest
 * articles come first, always shown open on wide screens (site.css, site.js).
 */
function FoldingChannelBlocks(props: {
  ctx: PageContext;
  channels: readonly Channel[];
  topNews: ReadonlyMap<number, readonly ArticleCard[]>;
}): JSX.Element {
  const { ctx } = props;
  const shown = props.channels.filter((c) => (props.topNews.get(c.id) ?? []).length > 0);
  if (shown.length === 0) return '';
  return (
    <section class="blocks-section" aria-labelledby="blocks-heading">
      <h2 id="blocks-heading" class="section-title">
        {m.channelTopNews}
      </h2>
      <div class="channel-blocks">
        {shown.map((c) => {
          const label = `${c.name}${m.topNews}`;
          const enter = `${m.enterChannel}${c.name}`;
          return (
            <details class="channel-block folding" data-open-wide>
              <summary safe>{label}</summary>
              <CompactList ctx={ctx} items={props.topNews.get(c.id) ?? []} />
              <p class="block-more">
                <a href={href(ctx, channelPath(c.slug))} safe>
                  {enter}
                </a>
              </p>
            </details>
          );
        })}
      </div>
    </section>
  );
}

/** The lead story: a large picture (when it has one), a large headline, its summary. */
function LeadStory({ ctx, item }: { ctx: PageContext; item: ArticleCard }): JSX.Element {
  const link = href(ctx, articlePath(item.id));
  const cls = item.image ? 'lead has-picture' : 'lead';
  return (
    <article class={cls} aria-labelledby="lead-title">
      {item.image ? (
        <a class="lead-picture" href={link} tabindex="-1" aria-hidden="true">
          <img
            src={item.image.url}
            alt=""
            width={String(item.image.width)}
            height={String(item.image.height)}
            fetchpriority="high"
            decoding="async"
          />
        </a>
      ) : (
        ''
      )}
      <div class="lead-text">
        <h2 id="lead-title" class="lead-title">
          <a href={link} safe>
            {item.title}
          </a>
        </h2>
        <p class="summary" safe>
          {item.summary}
        </p>
        <p class="meta">
          <a href={href(ctx, authorPath(item.author.handle))} safe>
            {item.author.displayName}
          </a>
          <a href={href(ctx, channelPath(item.channel.slug))} safe>
            {item.channel.name}
          </a>
          <Time date={item.publishedAt} />
        </p>
      </div>
    </article>
  );
}

export function PortalPage({ ctx, lead, latest, next, hot, topNews }: PortalProps): JSX.Element {
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
      <div class="columns portal">
        <div class="primary">
          {lead ? <LeadStory ctx={ctx} item={lead} /> : ''}
          <section class="latest" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-title">
              {m.latest}
            </h2>
            <ArticleList ctx={ctx} items={latest} level={3} />
            <Pager ctx={ctx} basePath="/latest" next={next} isFirst olderLabel={m.moreLatest} />
          </section>
          <FoldingChannelBlocks
            ctx={ctx}
            channels={ctx.navChannels ?? ctx.channels}
            topNews={topNews}
          />
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}
