/**
 * RSS 2.0 and Atom feeds (a file, or a URL fetched when reachable) → source
 * records: each item an article, its link kept as the source (来源) and its
 * old address. Items are streamed out of the file one at a time.
 */
import { XMLParser } from 'fast-xml-parser';
import { htmlToMarkdown } from './html-markdown.js';
import { sourceDate, type SourceRecord } from './model.js';
import { xmlChunks } from './xml-chunks.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['category', 'link', 'author'].includes(name),
});

type Node = Record<string, unknown>;
const text = (v: unknown): string =>
  v == null ? '' : typeof v === 'object' ? text((v as Node)['#text']) : String(v);

export async function* readFeed(path: string): AsyncGenerator<SourceRecord> {
  let feedTitle = '';
  for await (const chunk of xmlChunks(path, ['item', 'entry', 'title'])) {
    if (chunk.name === 'title') {
      if (!feedTitle) feedTitle = text(parser.parse(chunk.xml).title).trim();
      continue;
    }
    const position = `第 ${chunk.index} 个 ${chunk.name}`;
    let node: Node;
    try {
      node = (parser.parse(chunk.xml) as Node)[chunk.name] as Node;
    } catch (err) {
      yield {
        type: 'fail',
        fail: { kind: 'articles', position, reason: `XML 无法解析：${(err as Error).message}` },
      };
      continue;
    }
    const links = (node.link ?? []) as unknown[];
    const link =
      chunk.name === 'entry'
        ? text((links as Node[]).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'])
        : text(links[0]);
    const id = text(node.guid) || text(node.id) || link;
    const html =
      text(node['content:encoded']) ||
      text(node.content) ||
      text(node.description) ||
      text(node.summary);
    const first = (node.author as unknown[] | undefined)?.[0];
    // RSS writes the author as text, Atom as <author><name>.
    const author =
      (first && typeof first === 'object' ? text((first as Node).name) : text(first)) ||
      text(node['dc:creator']);
    yield {
      type: 'article',
      article: {
        key: `feed:${id.trim() || `${feedTitle}#${chunk.index}`}`,
        position: `${position}${text(node.title) ? `《${text(node.title).trim()}》` : ''}`,
        kind: 'articles',
        title: text(node.title).trim(),
        bodyMarkdown: htmlToMarkdown(html),
        status: 'published',
        publishedAt: sourceDate(text(node.pubDate) || text(node.published) || text(node.updated)),
        authorKey: author ? `feed:author:${author.trim()}` : undefined,
        categories: ((node.category ?? []) as unknown[])
          .map((c) => text(c) || text((c as Node)['@term']))
          .filter(Boolean),
        tags: [],
        comments: [],
        oldLinks: [],
        sourceUrl: /^https?:\/\//.test(link) ? link.trim() : undefined,
        sourceName: feedTitle.slice(0, 200),
      },
    };
  }
}
