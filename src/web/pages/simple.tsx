/** Small pages: the full hot list, the creator directory, search, apply, accessibility, errors. */
import type { ErrorDetail } from '../../shared/errors.js';
import type { ArticleCard } from '../../articles/index.js';
import type { HotItem } from '../../ranking/index.js';
import type { WithRefs } from '../../articles/index.js';
import type { CreatorWithStats } from '../../creators/index.js';
import { ACCOUNT_TYPE_LABELS, messages as m } from '../messages.js';
import { authorPath, href, type PageContext } from '../page-context.js';
import { Avatar } from '../views/author-card.js';
import { Layout } from '../views/layout.js';
import { HotRankList } from '../views/hot-list.js';
import { ArticleList, CompactList } from '../views/lists.js';

export function FollowingPage({
  ctx,
  items,
}: {
  ctx: PageContext;
  items: readonly ArticleCard[];
}): JSX.Element {
  return (
    <Layout
      ctx={ctx}
      title={`我的关注 - ${ctx.settings.siteName}`}
      description="我关注的创作者的新文章"
      noindex
    >
      <h1>我的关注</h1>
      {items.length === 0 ? (
        <p>
          还没有关注的创作者的文章。去 <a href={href(ctx, '/authors')}>创作者</a> 看看吧。
        </p>
      ) : (
        <ArticleList ctx={ctx} items={items} level={2} />
      )}
    </Layout>
  );
}

export function HotPage({
  ctx,
  items,
  explain,
}: {
  ctx: PageContext;
  items: readonly WithRefs<HotItem>[];
  explain?: boolean;
}): JSX.Element {
  if (explain) {
    return (
      <Layout
        ctx={ctx}
        title={`${m.hotList}（评分明细）- ${ctx.settings.siteName}`}
        description="热榜评分明细"
        noindex
      >
        <h1>{m.hotList}（评分明细）</h1>
        <p>
          公式（docs/hot-list.md）：分数 = 互动 ÷ (小时数 + 2)^1.5；互动 = 访客×1 + 分享×5 + 评论×4
          + 评论点赞×1 + 文章点赞×2（近 3 天）。
        </p>
        <table class="studio-table">
          <thead>
            <tr>
              <th scope="col">排名</th>
              <th scope="col">标题</th>
              <th scope="col">分数</th>
              <th scope="col">热度</th>
              <th scope="col">访客</th>
              <th scope="col">分享</th>
              <th scope="col">评论</th>
              <th scope="col">评论点赞</th>
              <th scope="col">文章点赞</th>
              <th scope="col">小时</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td safe>{String(i.rank)}</td>
                <td>
                  <a href={href(ctx, `/article/${i.id}`)} safe>
                    {i.title}
                  </a>
                </td>
                <td safe>{i.score.toFixed(4)}</td>
                <td safe>{String(i.heat)}</td>
                <td safe>{String(i.components.visitors ?? 0)}</td>
                <td safe>{String(i.components.shares ?? 0)}</td>
                <td safe>{String(i.components.comments ?? 0)}</td>
                <td safe>{String(i.components.likes ?? 0)}</td>
                <td safe>{String(i.components.articleLikes ?? 0)}</td>
                <td safe>{String(i.components.ageHours ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>
    );
  }
  return (
    <Layout
      ctx={ctx}
      title={`${m.hotList} - ${ctx.settings.siteName}`}
      description={`${ctx.settings.siteName}${m.hotList}：近一周最受关注的文章。`}
      canonicalPath="/hot"
    >
      <h1 class="page-title">{m.hotList}</h1>
      <p class="page-intro">
        近一周最受关注的文章，每分钟更新。热度 = 近 3 天互动（访客×1 + 分享×5 + 评论×4 + 点赞×1）÷
        (发布小时数 + 2)^1.5 × 1000；↑↓ 为与前一日榜单相比的名次变化，“新”为新上榜。
      </p>
      <HotRankList ctx={ctx} items={items} full />
    </Layout>
  );
}

export function AuthorsPage({
  ctx,
  creators,
}: {
  ctx: PageContext;
  creators: readonly CreatorWithStats[];
}): JSX.Element {
  return (
    <Layout
      ctx={ctx}
      title={`${ctx.settings.platformName} - ${m.creatorsTitle}`}
      description={`${ctx.settings.platformName}：${m.creatorsTitle}。`}
      canonicalPath="/authors"
    >
      <h1 safe>{`${ctx.settings.platformName} · ${m.creatorsTitle}`}</h1>
      <ul class="creator-list">
        {creators.map((c) => (
          <li>
            <Avatar handle={c.handle} size={48} />
            <div>
              <h2>
                <a href={href(ctx, authorPath(c.handle))} safe>
                  {c.displayName}
                </a>
              </h2>
              <p class="tagline" safe>
                {c.tagline}
              </p>
              <p class="meta">
                <span>{ACCOUNT_TYPE_LABELS[c.accountType]}</span>
                <span safe>{`${m.articles} ${c.articleCount}`}</span>
                <span safe>{`${m.followers} ${c.followerCount}`}</span>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

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

export function InfoPage(props: {
  ctx: PageContext;
  title: string;
  path: string;
  paragraphs: readonly string[];
}): JSX.Element {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${props.title} - ${ctx.settings.siteName}`}
      description={props.paragraphs[0] ?? props.title}
      canonicalPath={props.path}
    >
      <h1 safe>{props.title}</h1>
      {props.paragraphs.map((p) => (
        <p safe>{p}</p>
      ))}
    </Layout>
  );
}

export type ErrorKind = 'not-found' | 'gone' | 'bad-request' | 'unavailable' | 'error';

const ERROR_COPY: Record<ErrorKind, { title: string; body: string }> = {
  'not-found': { title: m.notFoundTitle, body: m.notFoundBody },
  gone: { title: m.goneTitle, body: m.goneBody },
  'bad-request': { title: m.badRequestTitle, body: m.badRequestBody },
  unavailable: { title: m.unavailableTitle, body: m.unavailableBody },
  error: { title: m.errorTitle, body: m.errorBody },
};

/** 404/410 pages help the reader on: search, home, and a few articles to read instead. */
export function ErrorPage(props: {
  ctx: PageContext;
  kind: ErrorKind;
  code: string;
  suggestions: readonly ArticleCard[];
  /** What exactly was wrong with the request (a bad request's message and fields). */
  message?: string;
  details?: readonly ErrorDetail[];
}): JSX.Element {
  const { ctx } = props;
  const copy = ERROR_COPY[props.kind];
  const details = props.details ?? [];
  return (
    <Layout
      ctx={ctx}
      title={`${copy.title} - ${ctx.settings.siteName}`}
      description={copy.body}
      noindex
    >
      <h1 safe>{copy.title}</h1>
      <p safe>{copy.body}</p>
      {/* What exactly is missing or wrong (文章不存在, 这个话题下还没有文章), beside the general copy. */}
      {(props.kind === 'bad-request' ||
        (props.kind === 'not-found' && props.code !== 'NOT_FOUND')) &&
      props.message ? (
        <p safe>{props.message}</p>
      ) : (
        ''
      )}
      {details.length > 0 ? (
        <ul class="error-fields">
          {details.map((d) => (
            <li>
              {d.path ? (
                <>
                  <code safe>{d.path}</code>：
                </>
              ) : (
                ''
              )}
              <span safe>{d.message}</span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <p class="error-code">
        {m.errorCode}: <code safe>{props.code}</code>
      </p>
      <p>
        <a href={href(ctx, '/')}>{m.backHome}</a>
      </p>
      {props.suggestions.length > 0 ? (
        <section aria-labelledby="suggest-heading">
          <h2 id="suggest-heading">{m.hot}</h2>
          <CompactList ctx={ctx} items={props.suggestions} withMeta />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
