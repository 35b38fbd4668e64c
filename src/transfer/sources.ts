/**
 * A format and a path → the source's records. RSS/Atom may be a URL: it is
 * fetched once to a temporary file and read from there like a file.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { readGhost } from './ghost.js';
import { readMarkdownFolder } from './markdown-folder.js';
import type { ImportFormat, SourceRecord } from './model.js';
import { readFeed } from './rss.js';
import { readWordPress } from './wordpress.js';

/** A feed is a page of items, not an archive: more than this is not a feed. */
const FEED_MAX_BYTES = 50 * 1024 * 1024;

export async function* readSource(
  format: Exclude<ImportFormat, 'byline'>,
  path: string,
  now: Date,
): AsyncGenerator<SourceRecord> {
  if (format === 'wordpress') yield* readWordPress(path);
  else if (format === 'ghost') yield* readGhost(path);
  else if (format === 'markdown') yield* readMarkdownFolder(path, now);
  else if (/^https?:\/\//i.test(path)) {
    const dir = await mkdtemp(join(tmpdir(), 'byline-feed-'));
    try {
      const response = await fetch(path, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok || !response.body)
        throw new Error(`无法获取订阅源：HTTP ${response.status}`);
      if (Number(response.headers.get('content-length') ?? 0) > FEED_MAX_BYTES)
        throw new Error('订阅源过大');
      const file = join(dir, 'feed.xml');
      await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(file));
      yield* readFeed(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } else yield* readFeed(path);
}
