import type { ArticleCard } from '../../articles/index.js';
import type { Channel } from '../../channels/index.js';
import { channelPath, type PageContext } from '../page-context.js';
import { breadcrumbLd } from '../seo.js';
import { Layout } from '../views/layout.js';
import { ArticleList, HotSidebar } from '../views/lists.js';
import { Pager } from '../views/pager.js';

export interface ChannelPageProps {
  readonly ctx: PageContext;
  readonly channel: Channel;
  readonly items: readonly ArticleCard[];
  readonly hot: readonly ArticleCard[];
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
          <h1 safe>{channel.name}</h1>
          <ArticleList ctx={ctx} items={items} showChannel={false} level={2} />
          <Pager ctx={ctx} basePath={path} next={next} isFirst={isFirst} />
        </div>
        <HotSidebar ctx={ctx} items={hot} />
      </div>
    </Layout>
  );
}
