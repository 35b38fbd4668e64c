import type { ArticleView } from '../articles/index.js';
import { absolute, authorPath, href, type PageContext } from './page-context.js';

/** Meta descriptions: about what a search result shows. */
export const DESCRIPTION_MAX_CHARS = 120;

export function describe(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= DESCRIPTION_MAX_CHARS
    ? flat
    : `${chars.slice(0, DESCRIPTION_MAX_CHARS - 1).join('')}…`;
}

export function breadcrumbLd(ctx: PageContext, items: readonly { name: string; path: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: item.name,
      item: absolute(ctx, href(ctx, item.path)),
    })),
  };
}

/** The picture shared with an article: its cover, else its first figure, else the site logo. */
export function articleImageUrl(ctx: PageContext, article: ArticleView): string {
  return absolute(ctx, article.image ? article.image.url : '/assets/logo.svg');
}

export function newsArticleLd(ctx: PageContext, article: ArticleView, accountType: string) {
  const url = absolute(ctx, href(ctx, `/article/${article.id}`));
  const logo = absolute(ctx, '/assets/logo.svg');
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    inLanguage: ctx.variant === 'hant' ? 'zh-Hant' : 'zh-Hans',
    datePublished: article.publishedAt?.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    articleSection: article.channel.name,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    image: [articleImageUrl(ctx, article)],
    author: {
      '@type': accountType === 'individual' ? 'Person' : 'Organization',
      name: article.author.displayName,
      url: absolute(ctx, href(ctx, authorPath(article.author.handle))),
    },
    publisher: {
      '@type': 'Organization',
      name: ctx.settings.siteName,
      logo: { '@type': 'ImageObject', url: logo },
    },
    ...(article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
  };
}
