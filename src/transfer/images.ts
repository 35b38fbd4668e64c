/**
 * The images of imported articles: each distinct address is fetched once
 * (over HTTP(S), or read from the imported folder for a relative path), stored
 * in the media library under the article's author and its address rewritten
 * to /media/<id>. An image that cannot be had stays a link to its old
 * address and is listed in the report: an import never fails on an image.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { findCreatorById } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { storeImage, IMAGE_MAX_BYTES, type MediaStore } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { findTargets, remember } from './keys.js';
import type { SiteImportReport } from './model.js';

/** Long enough for a slow host, short enough that a dead one does not stall an import of thousands. */
const FETCH_TIMEOUT_MS = 5_000;

const IMAGE_IN_MARKDOWN = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?((?:\s+"[^"]*")?)\s*\)/g;

export interface ImageOptions {
  readonly store: MediaStore;
  readonly clock: Clock;
  /** Fetch http(s) images (off: every image stays a link). */
  readonly download: boolean;
  /** Relative and root-relative paths are read below this folder (Markdown imports). */
  readonly localRoot?: string;
}

export class ImageImporter {
  /** Hosts that failed once this run: not asked again (a dead CDN would cost 5 s per image). */
  readonly #deadHosts = new Set<string>();
  readonly #owners = new Map<string, string | null>();
  readonly #done = new Map<string, string | null>();

  constructor(
    private readonly db: Queryable,
    private readonly report: SiteImportReport,
    private readonly options: ImageOptions,
  ) {}

  /** The body with its images moved here, and the cover's media id when it could be had. */
  async carry(
    markdown: string,
    coverUrl: string | undefined,
    creatorId: string,
    position: string,
    fileDir?: string,
  ): Promise<{ markdown: string; coverImageId?: string }> {
    const urls = new Set<string>();
    for (const m of markdown.matchAll(IMAGE_IN_MARKDOWN))
      if (!m[2]!.startsWith('/media/')) urls.add(m[2]!);
    if (coverUrl) urls.add(coverUrl);
    const ids = new Map<string, string>();
    for (const url of urls) {
      const id = await this.#one(url, creatorId, position, fileDir);
      if (id) ids.set(url, id);
    }
    const body = markdown.replace(
      IMAGE_IN_MARKDOWN,
      (whole, alt: string, url: string, title: string) =>
        ids.has(url) ? `![${alt}](/media/${ids.get(url)}${title})` : whole,
    );
    return { markdown: body, coverImageId: coverUrl ? ids.get(coverUrl) : undefined };
  }

  async #one(
    url: string,
    creatorId: string,
    position: string,
    fileDir?: string,
  ): Promise<string | undefined> {
    const key = `image:${url}`;
    if (this.#done.has(key)) return this.#done.get(key) ?? undefined;
    const before = (await findTargets(this.db, [key])).get(key);
    if (before) {
      this.#done.set(key, before);
      this.report.counts.images.skipped++;
      return before;
    }
    const counts = this.report.counts.images;
    const bytes = await this.#bytes(url, fileDir);
    if (typeof bytes === 'string') {
      this.#done.set(key, null);
      counts.skipped++;
      this.report.external.push(url);
      this.report.items.push({
        kind: 'images',
        position: `${position}：${url}`,
        outcome: 'external',
        reason: `${bytes}，保留原地址`,
      });
      return undefined;
    }
    try {
      const owner = await this.#owner(creatorId);
      const stored = await storeImage(this.db, this.options.clock, {
        ownerId: owner!,
        bytes,
        store: this.options.store,
      });
      await remember(this.db, [{ key, kind: 'image', target: stored.id }]);
      this.#done.set(key, stored.id);
      counts.imported++;
      return stored.id;
    } catch (err) {
      this.#done.set(key, null);
      counts.failed++;
      this.report.external.push(url);
      this.report.items.push({
        kind: 'images',
        position: `${position}：${url}`,
        outcome: 'failed',
        reason: `${(err as Error).message}，保留原地址`,
      });
      return undefined;
    }
  }

  async #bytes(url: string, fileDir?: string): Promise<Buffer | string> {
    if (/^https?:\/\//i.test(url)) {
      if (!this.options.download) return '未下载（--no-download）';
      const host = new URL(url).host;
      if (this.#deadHosts.has(host)) return '该站点此前无法访问';
      try {
        const response = await fetch(url, {
          signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
          redirect: 'follow',
        });
        if (!response.ok) return `下载失败（HTTP ${response.status}）`;
        const length = Number(response.headers.get('content-length') ?? 0);
        if (length > IMAGE_MAX_BYTES) return '图片过大';
        return Buffer.from(await response.arrayBuffer());
      } catch (err) {
        this.#deadHosts.add(host);
        return `无法访问（${(err as Error).name === 'TimeoutError' ? '超时' : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message)}）`;
      }
    }
    const root = this.options.localRoot;
    if (!root || /^[a-z][a-z0-9+.-]*:/i.test(url)) return '不是可下载的地址';
    const path = decodeURI(url.split(/[?#]/)[0]!);
    const candidates = path.startsWith('/')
      ? [
          resolve(root, `.${path}`),
          resolve(root, 'source', `.${path}`),
          resolve(root, 'static', `.${path}`),
        ]
      : [resolve(fileDir ?? root, path)];
    for (const file of candidates) {
      if (!file.startsWith(resolve(root) + sep)) continue; // never outside the imported folder
      try {
        return await readFile(file);
      } catch {
        // try the next place
      }
    }
    return '文件夹中没有这个文件';
  }

  async #owner(creatorId: string): Promise<string | null> {
    if (!this.#owners.has(creatorId))
      this.#owners.set(creatorId, (await findCreatorById(this.db, creatorId))?.userId ?? null);
    return this.#owners.get(creatorId)!;
  }
}
