/**
 * An imported article's comments: threading kept (a reply names its parent,
 * which may be in this run or an earlier one), dates kept, approved ones
 * shown and the others waiting for an editor. Bodies are the source's text
 * with its HTML reduced to plain text. Comments and the keys that remember
 * them commit together.
 */
import { randomUUID } from 'node:crypto';
import {
  COMMENT_MAX_CHARS,
  insertImportedComments,
  type ImportedComment,
} from '../engagement/index.js';
import type { Queryable } from '../db/client.js';
import { findTargets, remember } from './keys.js';
import type { SiteImportReport, SourceArticle, SourceComment } from './model.js';
import type { People } from './people.js';

export async function carryComments(
  db: Queryable,
  people: People,
  report: SiteImportReport,
  articleId: string,
  article: SourceArticle,
): Promise<void> {
  if (article.comments.length === 0) return;
  const counts = report.counts.comments;
  const keys = article.comments.flatMap((c) => (c.parentKey ? [c.key, c.parentKey] : [c.key]));
  const ids = await findTargets(db, keys);
  const rows: ImportedComment[] = [];
  const remembered: { key: string; kind: string; target: string }[] = [];
  // Parents before replies, whatever order the source wrote them in.
  const pending = [...article.comments];
  const byKey = new Map(pending.map((c) => [c.key, c]));
  const ordered: SourceComment[] = [];
  const place = (c: SourceComment, depth = 0) => {
    if (ordered.includes(c) || depth > 100) return;
    const parent = c.parentKey ? byKey.get(c.parentKey) : undefined;
    if (parent) place(parent, depth + 1);
    ordered.push(c);
  };
  for (const c of pending) place(c);
  for (const c of ordered) {
    const where = `${article.position} 的评论 ${c.key.split(':').at(-1)}`;
    if (ids.has(c.key)) {
      counts.skipped++;
      continue;
    }
    const body = plainText(c.body);
    if (body.trim() === '' || [...body].length > COMMENT_MAX_CHARS) {
      counts.failed++;
      report.items.push({
        kind: 'comments',
        position: where,
        outcome: 'failed',
        reason: body.trim() === '' ? '评论为空' : `评论超过 ${COMMENT_MAX_CHARS} 个字符`,
      });
      continue;
    }
    const siteKey = c.key.slice(0, c.key.lastIndexOf(':comment:'));
    const id = randomUUID();
    rows.push({
      id,
      userId: await people.commenter(siteKey, c.authorName, c.authorEmail),
      parentId: (c.parentKey && ids.get(c.parentKey)) || null,
      body,
      visible: c.approved,
      createdAt: c.createdAt ?? new Date(0),
    });
    ids.set(c.key, id);
    remembered.push({ key: c.key, kind: 'comment', target: id });
  }
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    await insertImportedComments(tx, articleId, rows);
    await remember(tx, remembered);
  });
  counts.imported += rows.length;
  for (const r of rows)
    if (!r.visible)
      report.items.push({
        kind: 'comments',
        position: `${article.position} 的评论`,
        outcome: 'held',
        reason: '来源中未获批准：待编辑审核',
      });
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** A comment's HTML (WordPress allows a few tags) as the plain text comments are here. */
function plainText(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      const hex = e[1] === 'x' || e[1] === 'X';
      const code = parseInt(e.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .trim();
}
