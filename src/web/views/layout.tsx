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
  readonly jsonLd?: readonly unknown[];
  readonly feeds?: FeedLinks;
  readonly noindex?: boolean;
  readonly children: Children;
}

/** Asset URLs carry a version so they can be cached for a long time. */
export const ASSET_VERSION = '2';

export function Layout(props: LayoutProps): JSX.Element {
  const { ctx } = props;
  const lang = VARIANT_LANG[ctx.variant];
  const canonical = props.canonicalPath;
  const safeJsonLd = (props.jsonLd ?? []).map((d) => jsonLdScript(d)).join('');
  const careToggle = ctx.care ? 'standard' : 'care';
  const withMode = (mode: string) => {
    const [path = '/', query = ''] = ctx.path.split('?');
    const params = new URLSearchParams(query);
    params.set('mode', mode);
    return href(ctx, `${path}?${params.toString()}`);
  };
  return (
    <>
      {'<!doctype html>'}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{props.title}</title>
          <meta name="description" content={props.description} />
          {props.noindex ? <meta name="robots" content="noindex" /> : ''}
          {canonical !== undefined ? (
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
          ) : (
            ''
          )}
          <meta property="og:site_name" content={ctx.settings.siteName} />
          <meta property="og:type" content={props.ogType ?? 'website'} />
          <meta property="og:title" content={props.title} />
          <meta property="og:description" content={props.description} />
          <meta property="og:locale" content={ctx.variant === 'hant' ? 'zh_TW' : 'zh_CN'} />
          <meta name="twitter:card" content="summary" />
          <meta name="twitter:title" content={props.title} />
          <meta name="twitter:description" content={props.description} />
          {props.feeds ? (
            <>
              <link
                rel="alternate"
                type="application/rss+xml"
                title={`${props.feeds.title} RSS`}
                href={`${props.feeds.base}/feed.xml`}
              />
              <link
                rel="alternate"
                type="application/atom+xml"
                title={`${props.feeds.title} Atom`}
                href={`${props.feeds.base}/feed.atom`}
              />
              <link
                rel="alternate"
                type="application/feed+json"
                title={`${props.feeds.title} JSON Feed`}
                href={`${props.feeds.base}/feed.json`}
              />
            </>
          ) : (
            ''
          )}
          <link rel="icon" href={`/assets/logo.svg?v=${ASSET_VERSION}`} type="image/svg+xml" />
          <link rel="stylesheet" href={`/assets/site.css?v=${ASSET_VERSION}`} />
          <script src={`/assets/prefs.js?v=${ASSET_VERSION}`}></script>
          <script src={`/assets/site.js?v=${ASSET_VERSION}`} defer></script>
          {safeJsonLd}
        </head>
        <body class={ctx.care ? 'care' : undefined}>
          <a class="skip-link" href="#main">
            {m.skipToContent}
          </a>
          <header class="site-header">
            <div class="bar">
              <a class="logo" href={href(ctx, '/')} safe>
                {ctx.settings.logoText}
              </a>
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
              <ul class="tools">
                {ctx.viewer ? (
                  <>
                    <li>
                      <a href={href(ctx, '/studio')} safe>
                        {ctx.viewer.displayName}
                      </a>
                    </li>
                    <li>
                      <form method="post" action={href(ctx, '/signout')} class="inline">
                        <input type="hidden" name="_csrf" value={ctx.csrf} />
                        <button type="submit" class="link">
                          退出
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <li>
                    <a href={href(ctx, `/signin?next=${encodeURIComponent(ctx.path)}`)}>登录</a>
                  </li>
                )}
                <li>
                  <a href={href(ctx, '/apply')}>{m.apply}</a>
                </li>
                <li>
                  <a
                    href={href(ctx, '/accessibility')}
                    data-a11y-open
                    aria-controls={A11Y_TOOLBAR_ID}
                  >
                    {m.accessibility}
                  </a>
                </li>
                <li>
                  <a class="care-toggle" href={withMode(careToggle)}>
                    {ctx.care ? m.leaveCare : m.enterCare}
                  </a>
                </li>
                <li>
                  {ctx.variant === 'hans' ? (
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
                  )}
                </li>
              </ul>
            </div>
            <nav aria-label={m.mainNav} class="channels">
              <ul>
                <li>
                  <a href={href(ctx, '/')}>{m.homeNav}</a>
                </li>
                {ctx.channels.map((c) => (
                  <li>
                    <a href={href(ctx, `/channel/${c.slug}`)} safe>
                      {c.name}
                    </a>
                  </li>
                ))}
                <li>
                  <a href={href(ctx, '/hot')}>{m.hotList}</a>
                </li>
              </ul>
            </nav>
            {ctx.care ? <p class="care-banner">{m.careOn}</p> : ''}
          </header>
          <A11yToolbar ctx={ctx} />
          <main id="main" tabindex="-1">
            {props.children}
          </main>
          <footer class="site-footer">
            <p safe>{ctx.settings.footer}</p>
            <p>
              <a href={href(ctx, '/authors')}>{m.creators}</a> · <a href="/feed.xml">RSS</a> ·{' '}
              <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a> ·{' '}
              <a href="/sitemap.xml">Sitemap</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
