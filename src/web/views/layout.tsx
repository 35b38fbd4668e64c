import type { Children } from '@kitajs/html';
import { messages as m } from '../messages.js';
import { absolute, href, VARIANT_LANG, variantHref, type PageContext } from '../page-context.js';
import { A11Y_TOOLBAR_ID, A11yToolbar } from './a11y-toolbar.js';
import { jsonLdScript } from './trusted-html.js';

export interface FeedLinks {
  readonly title: string;
  /** '' for the site, or '/channel/tech', '/author/x'. */
  readonly base: string;
}

export interface LayoutProps {
  readonly ctx: PageContext;
  readonly title: string;
  readonly description: string;
  /** Path (without variant prefix) of the canonical version of this page; none for error pages. */
  readonly canonicalPath?: string;
  readonly ogType?: 'website' | 'article' | 'profile';
  /** The picture shared with the page (og:image, twitter:image); `large` for a photo, not a logo. */
  readonly ogImage?: { readonly url: string; readonly large: boolean };
  readonly jsonLd?: readonly unknown[];
  readonly feeds?: FeedLinks;
  readonly noindex?: boolean;
  readonly children: Children;
}

/** Asset URLs carry a version so they can be cached for a long time. */
export const ASSET_VERSION = '8';

export function Layout(props: LayoutProps): JSX.Element {
  const { ctx } = props;
  const lang = VARIANT_LANG[ctx.variant];
  return (
    <>
      {'<!doctype html>'}
      <html lang={lang}>
        <Head {...props} />
        <body class={ctx.care ? 'care' : undefined}>
          <a class="skip-link" href="#main">
            {m.skipToContent}
          </a>
          <SiteHeader ctx={ctx} />
          <A11yToolbar ctx={ctx} />
          <main id="main" tabindex="-1">
            {props.children}
          </main>
          <SiteFooter ctx={ctx} />
        </body>
      </html>
    </>
  );
}

/** The <head>: title, description, canonical and social metadata, feeds, assets and JSON-LD. */
function Head(props: LayoutProps): JSX.Element {
  const { ctx } = props;
  const canonical = props.canonicalPath;
  const safeJsonLd = (props.jsonLd ?? []).map((d) => jsonLdScript(d)).join('');
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title safe>{props.title}</title>
      <meta name="description" content={props.description} />
      {props.noindex ? <meta name="robots" content="noindex" /> : ''}
      {canonical !== undefined ? <CanonicalLinks ctx={ctx} canonical={canonical} /> : ''}
      <meta property="og:site_name" content={ctx.settings.siteName} />
      <meta property="og:type" content={props.ogType ?? 'website'} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:locale" content={ctx.variant === 'hant' ? 'zh_TW' : 'zh_CN'} />
      {props.ogImage ? <meta property="og:image" content={props.ogImage.url} /> : ''}
      <meta
        name="twitter:card"
        content={props.ogImage?.large ? 'summary_large_image' : 'summary'}
      />
      {props.ogImage ? <meta name="twitter:image" content={props.ogImage.url} /> : ''}
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.description} />
      {props.feeds ? <FeedLinkTags feeds={props.feeds} /> : ''}
      <link rel="icon" href={`/assets/logo.svg?v=${ASSET_VERSION}`} type="image/svg+xml" />
      <link rel="stylesheet" href={`/assets/site.css?v=${ASSET_VERSION}`} />
      <script src={`/assets/prefs.js?v=${ASSET_VERSION}`}></script>
      <script src={`/assets/read-aloud.js?v=${ASSET_VERSION}`} defer></script>
      <script src={`/assets/site.js?v=${ASSET_VERSION}`} defer></script>
      {safeJsonLd}
    </head>
  );
}

/** The canonical link, its hreflang alternates in both scripts, and og:url. */
function CanonicalLinks({ ctx, canonical }: { ctx: PageContext; canonical: string }): JSX.Element {
  return (
    <>
      <link rel="canonical" href={absolute(ctx, href(ctx, canonical))} />
      <link
        rel="alternate"
        hreflang="zh-Hans"
        href={absolute(ctx, variantHref('hans', canonical))}
      />
      <link
        rel="alternate"
        hreflang="zh-Hant"
        href={absolute(ctx, variantHref('hant', canonical))}
      />
      <link
        rel="alternate"
        hreflang="x-default"
        href={absolute(ctx, variantHref('hans', canonical))}
      />
      <meta property="og:url" content={absolute(ctx, href(ctx, canonical))} />
    </>
  );
}

/** The RSS, Atom and JSON Feed <link> tags of a page that has feeds. */
function FeedLinkTags({ feeds }: { feeds: FeedLinks }): JSX.Element {
  return (
    <>
      <link
        rel="alternate"
        type="application/rss+xml"
        title={`${feeds.title} RSS`}
        href={`${feeds.base}/feed.xml`}
      />
      <link
        rel="alternate"
        type="application/atom+xml"
        title={`${feeds.title} Atom`}
        href={`${feeds.base}/feed.atom`}
      />
      <link
        rel="alternate"
        type="application/feed+json"
        title={`${feeds.title} JSON Feed`}
        href={`${feeds.base}/feed.json`}
      />
    </>
  );
}

/** The site header: logo, search box, account and display tools, channel nav, care banner. */
function SiteHeader({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <header class="site-header">
      <div class="bar">
        <a class="logo" href={href(ctx, '/')} safe>
          {ctx.settings.logoText}
        </a>
        <SearchForm ctx={ctx} />
        <HeaderTools ctx={ctx} />
      </div>
      <ChannelNav ctx={ctx} />
      {ctx.care ? <p class="care-banner">{m.careOn}</p> : ''}
    </header>
  );
}

/** The header's site search form, keeping the current query. */
function SearchForm({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <form class="search" role="search" action={href(ctx, '/search')} method="get">
      <label for="site-search" class="visually-hidden">
        {m.searchLabel}
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        value={ctx.query}
        placeholder={m.searchPlaceholder}
        maxlength="200"
      />
      <button type="submit">{m.searchButton}</button>
    </form>
  );
}

/** The current page's URL with `?mode=` set (for the care-mode toggle). */
function withMode(ctx: PageContext, mode: string): string {
  const [path = '/', query = ''] = ctx.path.split('?');
  const params = new URLSearchParams(query);
  params.set('mode', mode);
  return href(ctx, `${path}?${params.toString()}`);
}

/** The header's tool list: account links, apply, accessibility, care mode, script switch. */
function HeaderTools({ ctx }: { ctx: PageContext }): JSX.Element {
  const careToggle = ctx.care ? 'standard' : 'care';
  return (
    <ul class="tools">
      <AccountTools ctx={ctx} />
      <ApplyLink ctx={ctx} />
      <li>
        <a href={href(ctx, '/accessibility')} data-a11y-open aria-controls={A11Y_TOOLBAR_ID}>
          {m.accessibility}
        </a>
      </li>
      <li>
        <a class="care-toggle" href={withMode(ctx, careToggle)}>
          {ctx.care ? m.leaveCare : m.enterCare}
        </a>
      </li>
      <li>
        <ScriptSwitch ctx={ctx} />
      </li>
    </ul>
  );
}

/**
 * 申请入驻 is for readers (and visitors who may become one), not for creators
 * and staff. On a shared page it is a slot (page-state.tsx) the signed-in
 * reader's own state replaces.
 */
export function ApplyLink({ ctx }: { ctx: PageContext }): JSX.Element {
  const viewer = ctx.viewer;
  if (viewer && (viewer.role !== 'reader' || viewer.creator)) return '';
  return (
    <li data-slot={viewer ? undefined : 'apply'}>
      <a href={href(ctx, '/apply')}>{m.apply}</a>
    </li>
  );
}

/**
 * Signed in: the bell with its unread count and the account menu; else 登录 —
 * on a page every reader shares, a slot the signed-in reader's own tools
 * replace (page-state.tsx).
 */
export function AccountTools({
  ctx,
  unread,
}: {
  ctx: PageContext;
  /** Known (page-state.tsx): shown at once; else site.js fetches it (it is never in a shared copy). */
  unread?: number;
}): JSX.Element {
  const viewer = ctx.viewer;
  if (!viewer)
    return (
      <li data-slot="account">
        <a href={href(ctx, `/signin?next=${encodeURIComponent(ctx.path)}`)}>登录</a>
      </li>
    );
  const home = viewer.creator ? `/author/${viewer.creator.handle}` : '/me';
  const staff = viewer.role === 'editor' || viewer.role === 'admin';
  return (
    <>
      <li>
        <a
          class="bell"
          href={href(ctx, '/notifications')}
          data-unread-url={unread === undefined ? '/notifications/unread' : undefined}
          aria-label={unread ? `通知（${unread} 条未读）` : undefined}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path
              fill="currentColor"
              d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            />
          </svg>
          <span class="label">通知</span>
          {unread === undefined ? (
            <span class="badge" data-unread hidden></span>
          ) : unread > 0 ? (
            <span class="badge" safe>
              {unread > 99 ? '99+' : String(unread)}
            </span>
          ) : (
            ''
          )}
        </a>
      </li>
      <li>
        <details class="account-menu">
          <summary safe>{viewer.displayName}</summary>
          <ul>
            <li>
              <a href={href(ctx, home)}>我的主页</a>
            </li>
            {viewer.creator || staff ? (
              <li>
                <a href={href(ctx, '/studio')}>{viewer.creator ? '创作中心' : '工作台'}</a>
              </li>
            ) : (
              ''
            )}
            <li>
              <a href={href(ctx, '/following')}>关注</a>
            </li>
            <li>
              <a href={href(ctx, '/me/bookmarks')}>我的收藏</a>
            </li>
            <li>
              <a href={href(ctx, '/me/history')}>阅读历史</a>
            </li>
            <li>
              <a href={href(ctx, '/notifications')}>通知</a>
            </li>
            <li>
              <a href={href(ctx, '/me/profile')}>设置</a>
            </li>
            <li>
              <form method="post" action={href(ctx, '/signout')} class="inline">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <button type="submit" class="link">
                  退出
                </button>
              </form>
            </li>
          </ul>
        </details>
      </li>
    </>
  );
}

/** The link to this page in the other script (Simplified ↔ Traditional). */
function ScriptSwitch({ ctx }: { ctx: PageContext }): JSX.Element {
  return ctx.variant === 'hans' ? (
    <a
      href={variantHref('hant', ctx.path)}
      hreflang="zh-Hant"
      lang="zh-Hant"
      title={m.switchScriptLabel}
    >
      {m.switchToHant}
    </a>
  ) : (
    <a
      href={variantHref('hans', ctx.path)}
      hreflang="zh-Hans"
      lang="zh-Hans"
      title={m.switchScriptLabel}
    >
      {m.switchToHans}
    </a>
  );
}

/** The path of the nav entry the current page belongs to: home, a channel (any of its pages), 热榜. */
function currentNavPath(ctx: PageContext): string {
  const path = ctx.path.split('?')[0] ?? '/';
  return path === '/latest' ? '/' : path;
}

/**
 * The main navigation: home, the channels that have articles (头条 first in the
 * default order), the hot list. The current one is marked aria-current="page".
 * On phones it is one row that scrolls sideways (site.css).
 */
function ChannelNav({ ctx }: { ctx: PageContext }): JSX.Element {
  const channels = ctx.navChannels ?? ctx.channels.filter((c) => !c.hidden);
  const current = currentNavPath(ctx);
  const entries = [
    { path: '/', name: m.homeNav },
    ...channels.map((c) => ({ path: `/channel/${c.slug}`, name: c.name })),
    { path: '/hot', name: m.hotList },
  ];
  return (
    <nav aria-label={m.mainNav} class="channels">
      <ul>
        {entries.map((e) => (
          <li>
            <a href={href(ctx, e.path)} aria-current={e.path === current ? 'page' : undefined} safe>
              {e.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The site footer: the configured footer text and the feed and sitemap links. */
function SiteFooter({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <footer class="site-footer">
      <p safe>{ctx.settings.footer}</p>
      <p>
        <a href={href(ctx, '/authors')}>{m.creators}</a> · <a href="/feed.xml">RSS</a> ·{' '}
        <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a> ·{' '}
        <a href="/sitemap.xml">Sitemap</a>
      </p>
    </footer>
  );
}
