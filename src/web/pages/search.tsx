/** The search page: results with filters, creators the query names, the care-mode entry. */
import type { ArticleCard } from '../../articles/index.js';
import type { CreatorWithStats } from '../../creators/index.js';
import { messages as m } from '../messages.js';
import { authorPath, href, type PageContext } from '../page-context.js';
import { Avatar } from '../views/author-card.js';
import { Layout } from '../views/layout.js';
import { ArticleList, CompactList } from '../views/lists.js';

/**
 * Readers look for the elder-care mode by its many names (关怀版, 长辈版, 关爱版,
 * 亲情版, 老年版, 大字版, 适老化 …), in either script; a search for any of them
 * offers the mode first.
 */
export const CARE_MODE_QUERY =
  /关怀|關懷|长辈|長輩|关爱版|關愛版|亲情版|親情版|老年版|老人版|大字版|适老|適老|无障碍|無障礙/;

function CareModeEntry({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <section class="care-entry" aria-labelledby="care-entry-title">
      <h2 id="care-entry-title">{ctx.care ? '关怀版（长辈版）已开启' : '关怀版（长辈版）'}</h2>
      <p class="care-entry-text">
        大字号、宽行距、大按钮、单栏版面，没有广告和弹窗，还能语音朗读文章。所有页面都会保持关怀版，直到您退出。
      </p>
      <p class="care-entry-text">
        {ctx.care ? (
          <a class="button primary" href={href(ctx, '/?mode=standard')}>
            {m.leaveCare}
          </a>
        ) : (
          <a class="button primary" href={href(ctx, '/?mode=care')}>
            {m.enterCare}
          </a>
        )}{' '}
        <a href={href(ctx, '/accessibility')}>{m.accessibilityTitle}说明</a>
      </p>
    </section>
  );
}

/** The filters a search carries in its URL (channel slug, author handle, Beijing days). */
export interface SearchFilterValues {
  readonly channel?: string;
  readonly author?: string;
  readonly from?: string;
  readonly to?: string;
}

/** `/search?…` for a query, its filters and a page (empty values left out). */
function searchPath(query: string, filters: SearchFilterValues, page = 1): string {
  const params = new URLSearchParams({ q: query });
  for (const key of ['channel', 'author', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** The search box with its filters; the values round-trip through the URL. */
function SearchFilterForm(props: {
  ctx: PageContext;
  query: string;
  filters: SearchFilterValues;
}): JSX.Element {
  const { ctx, filters } = props;
  const channels = ctx.channels.filter((c) => !c.hidden || c.slug === filters.channel);
  return (
    <form
      class="search-filters"
      role="search"
      aria-label={m.searchFilters}
      action={href(ctx, '/search')}
      method="get"
    >
      <div class="field search-q">
        <label for="search-q">{m.searchLabel}</label>
        <input id="search-q" type="search" name="q" value={props.query} maxlength="100" />
      </div>
      <div class="field">
        <label for="search-channel">{m.searchChannel}</label>
        <select id="search-channel" name="channel">
          <option value="">{m.searchAnyChannel}</option>
          {channels.map((c) => (
            <option value={c.slug} selected={c.slug === filters.channel} safe>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-author">{m.searchAuthor}</label>
        <input
          id="search-author"
          type="text"
          name="author"
          value={filters.author ?? ''}
          maxlength="64"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          placeholder={m.searchAuthorPlaceholder}
        />
      </div>
      <div class="field">
        <label for="search-from">{m.searchFrom}</label>
        <input id="search-from" type="date" name="from" value={filters.from ?? ''} />
      </div>
      <div class="field">
        <label for="search-to">{m.searchTo}</label>
        <input id="search-to" type="date" name="to" value={filters.to ?? ''} />
      </div>
      <div class="field search-submit">
        <button type="submit" class="button primary">
          {m.searchButton}
        </button>
      </div>
    </form>
  );
}

/** Creators the query names, above the articles. */
function NamedCreators(props: {
  ctx: PageContext;
  creators: readonly CreatorWithStats[];
}): JSX.Element {
  const { ctx } = props;
  return (
    <section aria-labelledby="search-creators">
      <h2 id="search-creators">{m.searchCreators}</h2>
      <ul class="creator-list">
        {props.creators.map((c) => (
          <li>
            <Avatar handle={c.handle} size={48} />
            <div>
              <h3>
                <a href={href(ctx, authorPath(c.handle))} safe>
                  {c.displayName}
                </a>
              </h3>
              <p class="tagline" safe>
                {c.tagline}
              </p>
              <p class="meta">
                <span safe>{`@${c.handle}`}</span>
                <span safe>{`${m.articles} ${c.articleCount}`}</span>
                <span safe>{`${m.followers} ${c.followerCount}`}</span>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SearchPage(props: {
  ctx: PageContext;
  query: string;
  filters: SearchFilterValues;
  creators: readonly CreatorWithStats[];
  results: readonly ArticleCard[];
  hot: readonly ArticleCard[];
  total: number;
  /** Results that can be paged through. */
  ranked: number;
  page: number;
  truncated: boolean;
  noWords: boolean;
  /** Words to mark in the results. */
  words?: readonly string[];
}): JSX.Element {
  const { ctx } = props;
  const pages = Math.ceil(Math.min(props.total, props.ranked) / 20);
  const link = (page: number) => href(ctx, searchPath(props.query, props.filters, page));
  return (
    <Layout
      ctx={ctx}
      title={`${props.query ? `${props.query} - ` : ''}${m.searchTitle} - ${ctx.settings.siteName}`}
      description={`${ctx.settings.siteName}${m.searchTitle}`}
      noindex
    >
      <h1>{props.query ? m.searchResults : m.searchTitle}</h1>
      <SearchFilterForm ctx={ctx} query={props.query} filters={props.filters} />
      {CARE_MODE_QUERY.test(props.query) ? <CareModeEntry ctx={ctx} /> : ''}
      {props.truncated ? <p class="notice-ok">搜索词过长，只使用了前 100 个字。</p> : ''}
      {props.creators.length > 0 ? <NamedCreators ctx={ctx} creators={props.creators} /> : ''}
      {props.query === '' ? (
        <p>{m.searchPrompt}</p>
      ) : props.noWords ? (
        <p>请输入文字或数字作为搜索词（标点符号不能单独搜索）。</p>
      ) : props.results.length > 0 ? (
        <>
          {props.creators.length > 0 ? <h2>{m.searchArticles}</h2> : ''}
          <p safe>{`找到 ${props.total} 篇相关文章`}</p>
          <ArticleList
            ctx={ctx}
            items={props.results}
            level={props.creators.length > 0 ? 3 : 2}
            highlight={props.words ?? []}
          />
          {pages > 1 ? (
            <nav class="pager" aria-label={m.pagination}>
              {props.page > 1 ? <a href={link(props.page - 1)}>上一页</a> : ''}
              <span safe>{`第 ${props.page} / ${pages} 页`}</span>
              {props.page < pages ? (
                <a rel="next" href={link(props.page + 1)}>
                  下一页
                </a>
              ) : (
                ''
              )}
            </nav>
          ) : (
            ''
          )}
        </>
      ) : (
        <>
          <p>{m.searchNone}</p>
          <CompactList ctx={ctx} items={props.hot} withMeta />
        </>
      )}
    </Layout>
  );
}
