import type { ArticleCard, ArticleView } from '../../articles/index.js';
import type { CreatorWithStats } from '../../creators/index.js';
import { messages as m } from '../messages.js';
import { articlePath, authorPath, channelPath, href, type PageContext } from '../page-context.js';
import { breadcrumbLd, describe, newsArticleLd } from '../seo.js';
import type { CommentView } from '../../engagement/index.js';
import { AuthorCard } from '../views/author-card.js';
import { Comments } from '../views/comments.js';
import { Layout } from '../views/layout.js';
import { CompactList, Time } from '../views/lists.js';
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
  const safeBody = trustedArticleHtml(article.bodyHtml);
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
      feeds={{ title: author.displayName, base: authorPath(author.handle) }}
      jsonLd={[newsArticleLd(ctx, article, author.accountType), breadcrumbLd(ctx, crumbs)]}
    >
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
      <div class="columns">
        <div class="primary">
          <article class="article">
            <h1 safe>{article.title}</h1>
            <p class="meta">
              <a class="author" href={href(ctx, authorPath(author.handle))} safe>
                {author.displayName}
              </a>
              <a class="channel" href={href(ctx, channelPath(article.channel.slug))} safe>
                {article.channel.name}
              </a>
              <Time date={article.publishedAt} />
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
            <aside class="notice" lang="zh-Hans" aria-label="特别声明 Notice">
              <p safe>{ctx.settings.noticeZh}</p>
              <p lang="en" safe>
                {ctx.settings.noticeEn}
              </p>
            </aside>
            <p class="article-tools">
              <a href={href(ctx, `/article/${article.id}/receipt`)}>原创凭证</a>
            </p>
            <details class="report" id="report" open={props.reported}>
              <summary>举报</summary>
              {props.reported ? (
                <p role="status">已收到您的举报，编辑会尽快处理。</p>
              ) : (
                <form method="post" action={href(ctx, `/article/${article.id}/report`)}>
                  <Csrf ctx={ctx} />
                  <fieldset>
                    <legend>举报理由</legend>
                    {Object.entries(REPORT_REASONS).map(([value, label], i) => (
                      <label class="choice">
                        <input
                          type="radio"
                          name="reason"
                          value={value}
                          required
                          checked={i === 0}
                        />{' '}
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
          </article>
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
          <section aria-labelledby="related-heading" class="related">
            <h2 id="related-heading">{m.related}</h2>
            <CompactList ctx={ctx} items={props.related} withMeta />
          </section>
          <section aria-labelledby="archive-heading" class="archive">
            <h2 id="archive-heading">
              {m.archive}{' '}
              <a class="all" href={href(ctx, authorPath(author.handle))}>
                {m.all}
              </a>
            </h2>
            <CompactList ctx={ctx} items={props.archive} withMeta />
          </section>
        </div>
        <aside class="secondary" aria-label={m.hot}>
          <AuthorCard ctx={ctx} creator={author} following={props.following} />
          <section aria-labelledby="hot-heading">
            <h2 id="hot-heading">
              <a href={href(ctx, '/hot')}>{m.hot}</a>
            </h2>
            <CompactList ctx={ctx} items={props.hot} withMeta numbered />
          </section>
        </aside>
      </div>
      <ChannelBlocks ctx={ctx} channels={blockChannels} topNews={props.topNews} />
    </Layout>
  );
}
