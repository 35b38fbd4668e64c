import type { ArticleCard } from '../../articles/index.js';
import type { Channel } from '../../channels/index.js';
import { channelPath, type PageContext } from '../page-context.js';
import { breadcrumbLd } from '../seo.js';
import { Layout } from '../views/layout.js';
import { type HotCard, HotSidebar } from '../views/hot-list.js';
import { ArticleList } from '../views/lists.js';
import { messages as m } from '../messages.js';
import { Pager } from '../views/pager.js';

export interface ChannelPageProps {
  readonly ctx: PageContext;
  readonly channel: Channel;
  readonly items: readonly ArticleCard[];
  readonly hot: readonly HotCard[];
  readonly next?: string;
  readonly isFirst: boolean;
}

export function ChannelPage({
  ctx,
  channel,
  items,
  hot,
  next,
  isFirst,
}: ChannelPageProps): JSX.Element {
  const path = channelPath(channel.slug);
  const title = `${channel.name} - ${ctx.settings.siteName}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={`${ctx.settings.siteName}${channel.name}频道：最新${channel.name}文章。`}
      canonicalPath={isFirst ? path : undefined}
      noindex={!isFirst}
      feeds={{ title: `${ctx.settings.siteName}${channel.name}`, base: path }}
      jsonLd={[
        breadcrumbLd(ctx, [
          { name: ctx.settings.siteName, path: '/' },
          { name: channel.name, path },
        ]),
      ]}
    >
      <div class="columns">
        <div class="primary">
          <h1 class="page-title" safe>
            {channel.name}
          </h1>
          {channel.description ? (
            <p class="page-intro" safe>
              {channel.description}
            </p>
          ) : (
            ''
          )}
          <ArticleList ctx={ctx} items={items} showChannel={false} level={2} />
          <Pager ctx={ctx} basePath={path} next={next} isFirst={isFirst} />
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}

/** 最新文章 past the portal's first 20: every channel, newest first, paged with ?before=. */
export function LatestPage({
  ctx,
  items,
  hot,
  next,
  isFirst,
}: Omit<ChannelPageProps, 'channel'>): JSX.Element {
  const title = `${m.latest} - ${ctx.settings.siteName}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={`${ctx.settings.siteName}${m.latest}，按发布时间从新到旧。`}
      canonicalPath={isFirst ? '/latest' : undefined}
      noindex={!isFirst}
      feeds={{ title: ctx.settings.siteName, base: '' }}
    >
      <div class="columns">
        <div class="primary">
          <h1 class="page-title">{m.latest}</h1>
          <ArticleList ctx={ctx} items={items} level={2} />
          <Pager ctx={ctx} basePath="/latest" next={next} isFirst={isFirst} />
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}
