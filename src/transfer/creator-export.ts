/**
 * One creator's own export (`byline export --creator 账号名`, and 导出我的内容
 * in the studio): a zip of their articles as Markdown files with front
 * matter, their images, the comments on their articles and their followers
 * as CSV — what they need to publish elsewhere, nothing of anyone else's
 * beyond the names their readers show publicly.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { getUserNames } from '../accounts/index.js';
import { exportArticlesOf } from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import { getCreatorByHandleOrThrow, listFollowerIds } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { listCommentsOn } from '../engagement/index.js';
import { listImagesOf, type MediaStore } from '../media/index.js';
import { EXPORT_FORMAT, EXPORT_VERSION, ZipWriter } from './archive.js';

/** Images listed per round trip. */
const IMAGE_PAGE = 200;

const yamlString = (s: string) => JSON.stringify(s);
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function exportCreator(
  db: Queryable,
  handle: string,
  target: string | Writable,
  options: { store: MediaStore; origin?: string },
): Promise<{ articles: number; images: number; comments: number; followers: number }> {
  const creator = await getCreatorByHandleOrThrow(db, handle);
  const zip = new ZipWriter(typeof target === 'string' ? createWriteStream(target) : target);
  const channels = new Map((await listChannels(db)).map((c) => [c.id, c.slug]));
  const list = await exportArticlesOf(db, creator.id);
  const used = new Set<string>();
  for (const a of list) {
    const date = (a.publishedAt ?? a.createdAt).toISOString();
    let name = `${date.slice(0, 10)}-${a.id}.md`;
    while (used.has(name)) name = `${name.slice(0, -3)}-1.md`;
    used.add(name);
    const front = [
      '---',
      `title: ${yamlString(a.title)}`,
      `date: ${date}`,
      `status: ${a.status}`,
      `channel: ${channels.get(a.channelId) ?? ''}`,
      `summary: ${yamlString(a.summary)}`,
      `original: ${a.originalityClaim}`,
      ...(a.sourceName ? [`source: ${yamlString(a.sourceName)}`] : []),
      ...(a.sourceUrl ? [`source_url: ${yamlString(a.sourceUrl)}`] : []),
      `url: ${yamlString(`${options.origin ?? ''}/article/${a.id}`)}`,
      '---',
      '',
    ].join('\n');
    const file = zip.file(`articles/${name}`);
    await file.push(Buffer.from(`${front}${a.bodyMarkdown}\n`));
    await file.end();
  }
  let images = 0;
  for (let before: { createdAt: Date; id: string } | undefined; ;) {
    const page = await listImagesOf(db, creator.userId, { before, limit: IMAGE_PAGE });
    for (const image of page) {
      for (const w of image.variants) {
        const found = await options.store.get(`${image.id}/${w}.webp`);
        if (!found) continue;
        const file = zip.file(`images/${image.id}/${w}.webp`, false);
        for await (const chunk of found.body) await file.push(chunk as Buffer);
        await file.end();
      }
      images++;
    }
    if (page.length < IMAGE_PAGE) break;
    const last = page.at(-1)!;
    before = { createdAt: last.createdAt, id: last.id };
  }
  const comments = await listCommentsOn(
    db,
    list.map((a) => a.id),
  );
  const followerIds = await listFollowerIds(db, creator.id);
  const names = await getUserNames(db, [
    ...new Set([...comments.map((c) => c.userId), ...followerIds]),
  ]);
  const commentFile = zip.file('comments.csv');
  await commentFile.push(
    Buffer.from(
      `\uFEFFid,article_id,parent_id,author,status,created_at,body\n${comments
        .map((c) =>
          [
            c.id,
            c.articleId,
            c.parentId ?? '',
            names.get(c.userId) ?? '',
            c.status,
            c.createdAt.toISOString(),
            c.body,
          ]
            .map(csvCell)
            .join(','),
        )
        .join('\n')}\n`,
    ),
  );
  await commentFile.end();
  const followers = zip.file('followers.csv');
  await followers.push(
    Buffer.from(
      `\uFEFFname\n${followerIds.map((id) => csvCell(names.get(id) ?? '')).join('\n')}\n`,
    ),
  );
  await followers.end();
  const manifest = zip.file('manifest.json');
  await manifest.push(
    Buffer.from(
      JSON.stringify(
        {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          scope: 'creator',
          creator: creator.handle,
          exported_at: new Date().toISOString(),
          articles: list.length,
          images,
          comments: comments.length,
          followers: followerIds.length,
        },
        null,
        2,
      ),
    ),
  );
  await manifest.end();
  await zip.close();
  return {
    articles: list.length,
    images,
    comments: comments.length,
    followers: followerIds.length,
  };
}
