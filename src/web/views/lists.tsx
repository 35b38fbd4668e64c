import type { ArticleCard } from '../../articles/index.js';
import { messages as m } from '../messages.js';
import { articlePath, authorPath, href, type PageContext } from '../page-context.js';
import { formatDateTime } from './format.js';
import { highlightedText } from './trusted-html.js';

/** A list never shows the same article twice (the reference page did). */
export function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && (seen.add(i.id), true));
}

function Time({ date }: { date: Date | null }): JSX.Element {
  return date ? (
    <time datetime={date.toISOString()} safe>
      {formatDateTime(date)}
    </time>
  ) : (
    ''
  );
}

/** Title, summary, author, channel and time: channel pages, archives, search. */
export function ArticleList(props: {
  ctx: PageContext;
  items: readonly ArticleCard[];
  showChannel?: boolean;
  showAuthor?: boolean;
  /** Heading level of each item's title: one below the heading over the list. */
  level?: 2 | 3;
  /** Search words to mark in titles and summaries. */
  highlight?: readonly string[];
}): JSX.Element {
  const { ctx } = props;
  const items = uniqueById(props.items);
  if (items.length === 0) return <p class="empty">{m.noArticles}</p>;
  const title = (a: ArticleCard) => {
    const safeTitle = props.highlight ? highlightedText(a.title, props.highlight) : undefined;
    const link = safeTitle ? (
      <a href={href(ctx, articlePath(a.id))}>{safeTitle}</a>
    ) : (
      <a href={href(ctx, articlePath(a.id))} safe>
        {a.title}
      </a>
    );
    return props.level === 2 ? <h2 class="title">{link}</h2> : <h3 class="title">{link}</h3>;
  };
  return (
    <ul class="article-list">
      {items.map((a) => (
        <li class={a.image ? 'has-thumb' : undefined}>
          {a.image ? (
            <a class="thumb" href={href(ctx, articlePath(a.id))} tabindex="-1" aria-hidden="true">
              <img
                src={a.image.thumbnailUrl}
                alt=""
                width={String(a.image.width)}
                height={String(a.image.height)}
                loading="lazy"
                decoding="async"
              />
            </a>
          ) : (
            ''
          )}
          <div class="text">
            {title(a)}
            {props.highlight ? (
              <p class="summary">{highlightedText(a.summary, props.highlight)}</p>
            ) : (
              <p class="summary" safe>
                {a.summary}
              </p>
            )}
            <p class="meta">
              {props.showAuthor !== false ? (
                <a href={href(ctx, authorPath(a.author.handle))} safe>
                  {a.author.displayName}
                </a>
              ) : (
                ''
              )}
              {props.showChannel !== false ? (
                <a href={href(ctx, `/channel/${a.channel.slug}`)} safe>
                  {a.channel.name}
                </a>
              ) : (
                ''
              )}
              <Time date={a.publishedAt} />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Title links only, optionally with author and time (sidebars, top-news blocks). */
export function CompactList(props: {
  ctx: PageContext;
  items: readonly ArticleCard[];
  withMeta?: boolean;
  numbered?: boolean;
}): JSX.Element {
  const { ctx } = props;
  const items = uniqueById(props.items);
  if (items.length === 0) return <p class="empty">{m.noArticles}</p>;
  const body = items.map((a) => (
    <li>
      <a href={href(ctx, articlePath(a.id))} safe>
        {a.title}
      </a>
      {props.withMeta ? (
        <span class="meta">
          <span safe>{a.author.displayName}</span> <Time date={a.publishedAt} />
        </span>
      ) : (
        ''
      )}
    </li>
  ));
  return props.numbered ? (
    <ol class="compact-list numbered">{body}</ol>
  ) : (
    <ul class="compact-list">{body}</ul>
  );
}

export { Time };
