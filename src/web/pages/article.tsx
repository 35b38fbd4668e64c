import type { ArticleCard, ArticleView } from '../../articles/index.js';
import type { CreatorWithStats } from '../../creators/index.js';
import { messages as m } from '../messages.js';
import {
  articlePath,
  authorPath,
  channelPath,
  href,
  tagPath,
  type PageContext,
} from '../page-context.js';
import { articleImageUrl, breadcrumbLd, describe, newsArticleLd } from '../seo.js';
import type { CommentView } from '../../engagement/index.js';
import { AuthorCard } from '../views/author-card.js';
import { Comments } from '../views/comments.js';
import { Layout } from '../views/layout.js';
import { CompactList, Time } from '../views/lists.js';
import { ReactionBar } from '../views/reactions.js';
import { ShareMenu } from '../views/share.js';
import { Csrf } from '../views/form.js';
import { REPORT_REASONS } from '../../moderation/index.js';
import { trustedArticleHtml } from '../views/trusted-html.js';
import { ChannelBlocks } from './portal.js';

export interface ArticlePageProps {
  readonly ctx: PageContext;
  readonly article: ArticleView;
  readonly author: CreatorWithStats;
  readonly related: readonly ArticleCard[];
  readonly hot: readonly ArticleCard[];
  readonly archive: readonly ArticleCard[];
  readonly topNews: ReadonlyMap<number, readonly ArticleCard[]>;
  readonly qrSvg: string;
  readonly shareUrl: string;
  readonly shared?: string;
  /** The reader just reported this article. */
  readonly reported?: boolean;
  readonly following?: boolean;
  /** The signed-in reader's 点赞 and 收藏 of this article. */
  readonly reader?: { readonly liked: boolean; readonly bookmarked: boolean };
  readonly comments?: {
    readonly list: readonly CommentView[];
    readonly sort: 'time' | 'quality';
    readonly replyTo?: CommentView;
    readonly posted?: 'visible' | 'held';
    readonly canModerate: boolean;
  };
}

/** The channels whose 要闻 blocks close the article page, as on the reference page. */
export const ARTICLE_PAGE_CHANNELS = ['tech', 'news', 'sports', 'ent', 'money', 'auto'];

export function ArticlePage(props: ArticlePageProps): JSX.Element {
  const { ctx, article, author } = props;
  const path = articlePath(article.id);
  const crumbs = [
    { name: ctx.settings.siteName, path: '/' },
    { name: ctx.settings.platformName, path: '/authors' },
    { name: m.body, path },
  ];
  const blockChannels = ctx.channels.filter((c) => ARTICLE_PAGE_CHANNELS.includes(c.slug));
  return (
    <Layout
      ctx={ctx}
      title={`${article.title} - ${ctx.settings.siteName}`}
      description={describe(article.summary)}
      canonicalPath={path}
      ogType="article"
      ogImage={{ url: articleImageUrl(ctx, article), large: article.image !== undefined }}
      feeds={{ title: author.displayName, base: authorPath(author.handle) }}
      jsonLd={[newsArticleLd(ctx, article, author.accountType), breadcrumbLd(ctx, crumbs)]}
    >
      <ArticleBreadcrumb ctx={ctx} path={path} />
      <div class="columns">
        <div class="primary">
          <ArticleMain {...props} />
          {props.comments ? (
            <Comments
              ctx={ctx}
              articleId={article.id}
              comments={props.comments.list}
              total={article.stats.comments}
              sort={props.comments.sort}
              canModerate={props.comments.canModerate}
              replyTo={props.comments.replyTo}
              posted={props.comments.posted}
            />
          ) : (
            ''
          )}
          <ArticleMoreLists {...props} />
        </div>
        <ArticleSidebar {...props} />
      </div>
      <ChannelBlocks ctx={ctx} channels={blockChannels} topNews={props.topNews} />
    </Layout>
  );
}

/** The breadcrumb: site home › creator platform › 正文. */
function ArticleBreadcrumb({ ctx, path }: { ctx: PageContext; path: string }): JSX.Element {
  return (
    <nav aria-label={m.breadcrumb} class="breadcrumb">
      <ol>
        <li>
          <a href={href(ctx, '/')} safe>
            {`${ctx.settings.siteName}${m.home}`}
          </a>
        </li>
        <li>
          <a href={href(ctx, '/authors')} safe>
            {ctx.settings.platformName}
          </a>
        </li>
        <li>
          <a href={href(ctx, path)} aria-current="page">
            {m.body}
          </a>
        </li>
      </ol>
    </nav>
  );
}

/** The article itself: title, byline, sharing, body, notice, receipt link and report box. */
function ArticleMain(props: ArticlePageProps): JSX.Element {
  const { ctx, article } = props;
  const safeBody = trustedArticleHtml(article.bodyHtml);
  return (
    <article class="article" data-view-url={`/article/${article.id}/view`}>
      <h1 safe>{article.title}</h1>
      <ArticleByline ctx={ctx} article={article} author={props.author} />
      <ShareMenu
        ctx={ctx}
        articleId={article.id}
        url={props.shareUrl}
        shares={article.stats.shares}
        qrSvg={props.qrSvg}
        shared={props.shared}
      />
      <p class="js-only read-this">
        <button type="button" data-a11y="read" aria-controls="read-aloud">
          语音阅读全文
        </button>
      </p>
      <div class="article-body">{safeBody}</div>
      <ArticleTags ctx={ctx} tags={article.tags} />
      <ReactionBar
        ctx={ctx}
        articleId={article.id}
        likes={article.stats.likes}
        liked={props.reader?.liked ?? false}
        bookmarked={props.reader?.bookmarked ?? false}
      />
      <aside class="notice" lang="zh-Hans" aria-label="特别声明 Notice">
        <p safe>{ctx.settings.noticeZh}</p>
        <p lang="en" safe>
          {ctx.settings.noticeEn}
        </p>
      </aside>
      <p class="article-tools">
        <a href={href(ctx, `/article/${article.id}/receipt`)}>原创凭证</a>
      </p>
      <ReportBox ctx={ctx} articleId={article.id} reported={props.reported} />
    </article>
  );
}

/** 标签, each a link to its tag page. */
function ArticleTags({ ctx, tags }: { ctx: PageContext; tags: readonly string[] }): JSX.Element {
  if (tags.length === 0) return '';
  return (
    <nav class="article-tags" aria-label="标签">
      <ul class="tags">
        {tags.map((tag) => (
          <li>
            <a href={href(ctx, tagPath(tag))} rel="tag" safe>
              {tag}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The meta line under the title: author, channel, time and, for reposts, the source. */
function ArticleByline({
  ctx,
  article,
  author,
}: {
  ctx: PageContext;
  article: ArticleView;
  author: CreatorWithStats;
}): JSX.Element {
  return (
    <p class="meta">
      <a class="author" href={href(ctx, authorPath(author.handle))} safe>
        {author.displayName}
      </a>
      <a class="channel" href={href(ctx, channelPath(article.channel.slug))} safe>
        {article.channel.name}
      </a>
      <Time date={article.publishedAt} />
      {article.originalityClaim ? (
        <a
          class="badge-original"
          href={href(ctx, `/article/${article.id}/receipt`)}
          title="原创声明已通过原创检测，查看原创凭证"
        >
          原创
        </a>
      ) : (
        ''
      )}
      {article.sourceName !== '' ? (
        <span class="source">
          {m.source}：
          {article.sourceUrl !== '' ? (
            <a href={article.sourceUrl} rel="nofollow noopener" safe>
              {article.sourceName}
            </a>
          ) : (
            <span safe>{article.sourceName}</span>
          )}
        </span>
      ) : (
        ''
      )}
    </p>
  );
}

/** The 举报 box: the reasons form, or the thank-you once the reader has reported. */
function ReportBox({
  ctx,
  articleId,
  reported,
}: {
  ctx: PageContext;
  articleId: string;
  reported?: boolean;
}): JSX.Element {
  return (
    <details class="report" id="report" open={reported}>
      <summary>举报</summary>
      {reported ? (
        <p role="status">已收到您的举报，编辑会尽快处理。</p>
      ) : (
        <form method="post" action={href(ctx, `/article/${articleId}/report`)}>
          <Csrf ctx={ctx} />
          <fieldset>
            <legend>举报理由</legend>
            {Object.entries(REPORT_REASONS).map(([value, label], i) => (
              <label class="choice">
                <input type="radio" name="reason" value={value} required checked={i === 0} />{' '}
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          <label for="report-note">补充说明（选填）</label>
          <textarea id="report-note" name="note" rows="2" maxlength="500"></textarea>
          <button type="submit">提交举报</button>
        </form>
      )}
    </details>
  );
}

/** The lists under the article: related articles and the author's other articles. */
function ArticleMoreLists({ ctx, author, related, archive }: ArticlePageProps): JSX.Element {
  return (
    <>
      <section aria-labelledby="related-heading" class="related">
        <h2 id="related-heading">{m.related}</h2>
        <CompactList ctx={ctx} items={related} withMeta />
      </section>
      <section aria-labelledby="archive-heading" class="archive">
        <h2 id="archive-heading">
          {m.archive}{' '}
          <a class="all" href={href(ctx, authorPath(author.handle))}>
            {m.all}
          </a>
        </h2>
        <CompactList ctx={ctx} items={archive} withMeta />
      </section>
    </>
  );
}

/** The side column: the author's card and the hot list. */
function ArticleSidebar({ ctx, author, following, hot }: ArticlePageProps): JSX.Element {
  return (
    <aside class="secondary" aria-label={m.hot}>
      <AuthorCard ctx={ctx} creator={author} following={following} />
      <section aria-labelledby="hot-heading">
        <h2 id="hot-heading">
          <a href={href(ctx, '/hot')}>{m.hot}</a>
        </h2>
        <CompactList ctx={ctx} items={hot} withMeta numbered />
      </section>
    </aside>
  );
}
