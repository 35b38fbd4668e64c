/**
 * 标签: free-text tags on an article, in the author's order. Each is
 * trimmed with inner spaces collapsed, 1–TAG_MAX_CHARS characters; repeats
 * (case-insensitive) are dropped; at most TAGS_MAX per article.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { codePointLength } from '../text/index.js';
import { articleTags } from './schema.js';

/** Enough to describe a piece (Toutiao allows 5, WordPress themes show ~10); more is keyword stuffing. */
export const TAGS_MAX = 10;
/** A tag is a word or a short phrase (人工智能, 2026 世界杯), not a sentence. */
export const TAG_MAX_CHARS = 20;

/** A tag as stored: NFC, inner spaces collapsed, trimmed (tag pages look tags up this way). */
export const normalizeTag = (tag: string) => tag.normalize('NFC').replace(/\s+/gu, ' ').trim();

export const TagsSchema = z
  .array(z.string({ error: '标签应为文本' }), { error: '标签应为文本数组' })
  .max(100, `标签最多 ${TAGS_MAX} 个`)
  .transform((list, ctx) => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const raw of list) {
      const tag = normalizeTag(raw);
      if (tag === '') {
        ctx.issues.push({ code: 'custom', message: '标签不能为空', input: raw });
        continue;
      }
      if (codePointLength(tag) > TAG_MAX_CHARS) {
        ctx.issues.push({
          code: 'custom',
          message: `标签“${tag}”太长：每个标签最多 ${TAG_MAX_CHARS} 个字`,
          input: raw,
        });
        continue;
      }
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
    if (out.length > TAGS_MAX)
      ctx.issues.push({ code: 'custom', message: `标签最多 ${TAGS_MAX} 个`, input: list });
    return out;
  });

/** What the editor's single field holds: tags separated by commas (, ，), 、 or semicolons. */
export function splitTagText(text: string): string[] {
  return text
    .split(/[,，、;；\n]/u)
    .map(normalizeTag)
    .filter((t) => t !== '');
}

/** Replaces an article's tags (inside the caller's transaction). */
export async function setArticleTags(
  tx: Queryable,
  articleId: string,
  tags: readonly string[],
): Promise<void> {
  await tx.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (tags.length > 0)
    await tx
      .insert(articleTags)
      .values(tags.map((tag, position) => ({ articleId, tag, position })));
}

/** The tags of these articles, each list in the author's order. */
export async function getTagsOf(
  db: Queryable,
  articleIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({ articleId: articleTags.articleId, tag: articleTags.tag })
    .from(articleTags)
    .where(inArray(articleTags.articleId, [...articleIds]))
    .orderBy(asc(articleTags.articleId), asc(articleTags.position));
  for (const r of rows) out.set(r.articleId, [...(out.get(r.articleId) ?? []), r.tag]);
  return out;
}
