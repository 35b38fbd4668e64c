/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 from the same items, with full content.
 * Pure functions: the web edge picks the items and sends the text.
 */
import { feedSafe, xmlText } from './xml.js';

export interface FeedMeta {
  readonly title: string;
  readonly description: string;
  /** The HTML page this feed mirrors (absolute). */
  readonly homeUrl: string;
  /** The feed's own URL without extension (absolute), e.g. https://x/channel/tech/feed */
  readonly feedBase: string;
  readonly language: string;
  readonly generator: string;
}

export interface FeedItem {
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly contentHtml: string;
  readonly published: Date;
  readonly updated: Date;
  readonly authorName: string;
  readonly authorUrl: string;
  readonly category: string;
}

function updatedOf(items: readonly FeedItem[]): Date {
  return items.reduce((max, i) => (i.updated > max ? i.updated : max), new Date(0));
}

export function toRss(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items
    .map(
      (i) => `    <item>
      <title>${xmlText(i.title)}</title>
      <link>${xmlText(i.url)}</link>
      <guid isPermaLink="true">${xmlText(i.url)}</guid>
      <pubDate>${i.published.toUTCString()}</pubDate>
      <dc:creator>${xmlText(i.authorName)}</dc:creator>
      <category>${xmlText(i.category)}</category>
      <description>${xmlText(i.summary)}</description>
      <content:encoded>${xmlText(i.contentHtml)}</content:encoded>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlText(meta.title)}</title>
    <link>${xmlText(meta.homeUrl)}</link>
    <description>${xmlText(meta.description)}</description>
    <language>${xmlText(meta.language)}</language>
    <generator>${xmlText(meta.generator)}</generator>
    <lastBuildDate>${updatedOf(items).toUTCString()}</lastBuildDate>
    <atom:link href="${xmlText(`${meta.feedBase}.xml`)}" rel="self" type="application/rss+xml"/>
${entries}
  </channel>
</rss>
`;
}

export function toAtom(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items
    .map(
      (i) => `  <entry>
    <title type="text">${xmlText(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(i.url)}"/>
    <id>${xmlText(i.url)}</id>
    <published>${i.published.toISOString()}</published>
    <updated>${i.updated.toISOString()}</updated>
    <author><name>${xmlText(i.authorName)}</name><uri>${xmlText(i.authorUrl)}</uri></author>
    <category term="${xmlText(i.category)}"/>
    <summary type="text">${xmlText(i.summary)}</summary>
    <content type="html">${xmlText(i.contentHtml)}</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(meta.language)}">
  <title type="text">${xmlText(meta.title)}</title>
  <subtitle type="text">${xmlText(meta.description)}</subtitle>
  <id>${xmlText(meta.homeUrl)}</id>
  <link rel="alternate" type="text/html" href="${xmlText(meta.homeUrl)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlText(`${meta.feedBase}.atom`)}"/>
  <updated>${updatedOf(items).toISOString()}</updated>
  <generator>${xmlText(meta.generator)}</generator>
${entries}
</feed>
`;
}

export function toJsonFeed(meta: FeedMeta, items: readonly FeedItem[]) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedSafe(meta.title),
    description: feedSafe(meta.description),
    home_page_url: meta.homeUrl,
    feed_url: `${meta.feedBase}.json`,
    language: meta.language,
    items: items.map((i) => ({
      id: i.url,
      url: i.url,
      title: feedSafe(i.title),
      summary: feedSafe(i.summary),
      content_html: feedSafe(i.contentHtml),
      date_published: i.published.toISOString(),
      date_modified: i.updated.toISOString(),
      authors: [{ name: feedSafe(i.authorName), url: i.authorUrl }],
      tags: [feedSafe(i.category)],
    })),
  };
}
