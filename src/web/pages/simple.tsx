/** Small pages: the full hot list, the creator directory, apply, accessibility, errors. */
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
