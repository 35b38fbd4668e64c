/**
 * The same two list parameters on every list endpoint: `limit` (1–100) and
 * `cursor` (the `next_cursor` of the previous page, passed back unchanged).
 * Cursors are decoded by the route schema, so a made-up one is a field error
 * ("cursor 无效"), never a 500.
 */
import { z } from 'zod';
import { decodeImageCursor, type ImageCursor } from '../media/index.js';
import { decodeCursor, encodeCursor, type Cursor } from '../shared/pagination.js';

/** Upper bound of one page, so a client cannot ask for everything at once. */
export const LIST_MAX_LIMIT = 100;
/** What a list returns when no limit is given. */
export const LIST_DEFAULT_LIMIT = 20;
/** Bounded lists (hot, related, comments, search) page by position; no page starts past this. */
const MAX_OFFSET = 10_000;

const INVALID_CURSOR = 'cursor 无效：请原样传回上一页响应中的 next_cursor';

export function limitParam(defaultLimit = LIST_DEFAULT_LIMIT, max = LIST_MAX_LIMIT) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(Math.min(defaultLimit, max))
    .meta({ description: `每页条数，1–${max}，默认 ${Math.min(defaultLimit, max)}` });
}

/** A keyset cursor over (published_at, id): lists of articles, newest first. */
export const keysetCursorParam = z
  .string()
  .max(64)
  .transform((text, ctx): Cursor => {
    const cursor = decodeCursor(text);
    if (cursor) return cursor;
    ctx.issues.push({ code: 'custom', message: INVALID_CURSOR, input: text });
    return z.NEVER;
  })
  .optional()
  .meta({ description: '上一页响应中的 next_cursor，原样传回' });

/** A keyset cursor over (created_at, id): the image library, newest first. */
export const imageCursorParam = z
  .string()
  .max(80)
  .transform((text, ctx): ImageCursor => {
    const cursor = decodeImageCursor(text);
    if (cursor) return cursor;
    ctx.issues.push({ code: 'custom', message: INVALID_CURSOR, input: text });
    return z.NEVER;
  })
  .optional()
  .meta({ description: '上一页响应中的 next_cursor，原样传回' });

/** A position cursor: for short ranked lists that are recomputed, not appended to. */
export const offsetCursorParam = z
  .string()
  .max(32)
  .transform((text, ctx): number => {
    const m = /^o(\d{1,5})$/.exec(Buffer.from(text, 'base64url').toString('latin1'));
    const offset = m ? Number(m[1]) : NaN;
    if (Number.isInteger(offset) && offset >= 0 && offset <= MAX_OFFSET) return offset;
    ctx.issues.push({ code: 'custom', message: INVALID_CURSOR, input: text });
    return z.NEVER;
  })
  .optional()
  .meta({ description: '上一页响应中的 next_cursor，原样传回' });

export function encodeOffset(offset: number): string {
  return Buffer.from(`o${offset}`, 'latin1').toString('base64url');
}

/** One page of `rows` fetched with limit + 1: the items and the keyset cursor of the next page. */
export function keysetPage<T extends { id: string; publishedAt: Date | null; updatedAt?: Date }>(
  rows: readonly T[],
  limit: number,
  key: (row: T) => Date | null = (row) => row.publishedAt,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const at = last ? key(last) : null;
  return {
    items,
    next: rows.length > limit && last && at ? encodeCursor({ publishedAt: at, id: last.id }) : null,
  };
}

/** One page of a bounded list by position. */
export function offsetPage<T>(
  all: readonly T[],
  offset: number,
  limit: number,
): { items: T[]; next: string | null } {
  const items = all.slice(offset, offset + limit);
  const end = offset + items.length;
  return { items, next: end < all.length && end <= MAX_OFFSET ? encodeOffset(end) : null };
}
