/** Sitemaps (sitemaps.org 0.9, with hreflang alternates) and a Google News sitemap. */
import { xmlText } from './xml.js';

/** Google allows 50,000 URLs per sitemap; smaller files are cheaper to regenerate. */
export const SITEMAP_PAGE_SIZE = 5000;
/** Google News sitemaps list articles of the last two days only. */
export const NEWS_SITEMAP_WINDOW_HOURS = 48;
/** …and at most 1,000 of them. */
export const NEWS_SITEMAP_MAX = 1000;

export interface SitemapEntry {
  readonly loc: string;
  readonly lastmod?: Date;
  readonly alternates?: readonly { hreflang: string; href: string }[];
}

export function sitemapIndex(sitemaps: readonly { loc: string; lastmod?: Date }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${sitemaps
  .map(
    (s) =>
      `  <sitemap><loc>${xmlText(s.loc)}</loc>${s.lastmod ? `<lastmod>${s.lastmod.toISOString()}</lastmod>` : ''}</sitemap>`,
  )
  .join('\n')}
</sitemapindex>
`;
}

export function urlSet(entries: readonly SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries
  .map(
    (e) =>
      `  <url><loc>${xmlText(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}${(
        e.alternates ?? []
      )
        .map(
          (a) =>
            `<xhtml:link rel="alternate" hreflang="${xmlText(a.hreflang)}" href="${xmlText(a.href)}"/>`,
        )
        .join('')}</url>`,
  )
  .join('\n')}
</urlset>
`;
}

export function newsSitemap(
  publication: { name: string; language: string },
  entries: readonly { loc: string; title: string; published: Date }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entries
  .map(
    (e) =>
      `  <url><loc>${xmlText(e.loc)}</loc><news:news><news:publication><news:name>${xmlText(publication.name)}</news:name><news:language>${xmlText(publication.language)}</news:language></news:publication><news:publication_date>${e.published.toISOString()}</news:publication_date><news:title>${xmlText(e.title)}</news:title></news:news></url>`,
  )
  .join('\n')}
</urlset>
`;
}
