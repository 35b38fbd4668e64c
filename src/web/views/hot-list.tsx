import type { WithRefs } from '../../articles/index.js';
import { formatHeat, type HotItem, type HotTrend } from '../../ranking/index.js';
import { messages as m } from '../messages.js';
import { articlePath, authorPath, href, type PageContext } from '../page-context.js';
import { uniqueById } from './lists.js';

export type HotCard = WithRefs<HotItem>;

/** The trend marker's text and its spoken label (the arrow alone says nothing to a screen reader). */
function trendText(trend: HotTrend): { mark: string; label: string; kind: string } | undefined {
  switch (trend.kind) {
    case 'up':
      return { mark: `↑${trend.by}`, label: `比前一日上升 ${trend.by} 位`, kind: 'up' };
    case 'down':
      return { mark: `↓${trend.by}`, label: `比前一日下降 ${trend.by} 位`, kind: 'down' };
    case 'new':
      return { mark: '新', label: '新上榜', kind: 'new' };
    case 'same':
      return { mark: '–', label: '名次与前一日相同', kind: 'same' };
    case 'none':
      return undefined;
  }
}

function Trend({ trend }: { trend: HotTrend }): JSX.Element {
  const t = trendText(trend);
  if (!t) return '';
  const cls = `trend trend-${t.kind}`;
  return (
    <span class={cls}>
      <span aria-hidden="true" safe>
        {t.mark}
      </span>
      <span class="visually-hidden" safe>
        {t.label}
      </span>
    </span>
  );
}

/** 热度 N and the trend, one line under a hot item's title. */
function HeatLine({ item }: { item: HotCard }): JSX.Element {
  const heat = `${m.heat} ${formatHeat(item.heat)}`;
  return (
    <span class="heat-line">
      {item.heat > 0 ? (
        <span class="heat" safe>
          {heat}
        </span>
      ) : (
        ''
      )}
      <Trend trend={item.trend} />
    </span>
  );
}

/**
 * A ranked hot list: each item its rank (the first three stand out), title,
 * 热度 and trend; `full` adds the author and channel (the /hot page).
 */
export function HotRankList(props: {
  ctx: PageContext;
  items: readonly HotCard[];
  full?: boolean;
}): JSX.Element {
  const { ctx } = props;
  const items = uniqueById(props.items);
  if (items.length === 0) return <p class="empty">{m.noArticles}</p>;
  return (
    <ol class={props.full ? 'hot-list full' : 'hot-list'}>
      {items.map((i) => {
        const rankClass = i.rank <= 3 ? 'rank top' : 'rank';
        // The list's own numbering tells a screen reader the place; the badge is for the eye.
        return (
          <li>
            <span class={rankClass} aria-hidden="true" safe>
              {String(i.rank)}
            </span>
            <div class="hot-text">
              <a class="hot-title" href={href(ctx, articlePath(i.id))} safe>
                {i.title}
              </a>
              <span class="meta">
                {props.full ? (
                  <a href={href(ctx, authorPath(i.author.handle))} safe>
                    {i.author.displayName}
                  </a>
                ) : (
                  ''
                )}
                {props.full ? (
                  <a href={href(ctx, `/channel/${i.channel.slug}`)} safe>
                    {i.channel.name}
                  </a>
                ) : (
                  ''
                )}
                <HeatLine item={i} />
              </span>
            </div>
            {props.full && i.image ? (
              <a class="thumb" href={href(ctx, articlePath(i.id))} tabindex="-1" aria-hidden="true">
                <img
                  src={i.image.thumbnailUrl}
                  alt=""
                  width={String(i.image.width)}
                  height={String(i.image.height)}
                  loading="lazy"
                  decoding="async"
                />
              </a>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The 热点推荐 sidebar of the portal and channel pages. */
export function HotSidebar({
  ctx,
  items,
}: {
  ctx: PageContext;
  items: readonly HotCard[];
}): JSX.Element {
  return (
    <aside class="secondary hot-block" aria-labelledby="hot-heading">
      <h2 id="hot-heading" class="section-title">
        <a href={href(ctx, '/hot')}>{m.hot}</a>
        <a class="more" href={href(ctx, '/hot')}>
          {m.hotMore}
        </a>
      </h2>
      <HotRankList ctx={ctx} items={items} />
    </aside>
  );
}
