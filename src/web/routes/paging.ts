/** Paging back through article lists (channel, author, following pages) with `?before=`. */
import { z } from 'zod';
import { loose } from '../../http/schemas.js';
import { AppError } from '../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';

/** Articles per channel/author page. */
export const PAGE_SIZE = 20;

/** `?before=` pages back; a cursor we did not make is a bad request (400), not a 500. */
export const PageQuery = z.object({ before: loose(z.string()) });

/** Fetches one more than shown to learn whether an older page exists. */
export function pageOf<T extends { id: string; publishedAt: Date | null }>(rows: T[]) {
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const next =
    rows.length > PAGE_SIZE && last?.publishedAt
      ? encodeCursor({ publishedAt: last.publishedAt, id: last.id })
      : undefined;
  return { items, next };
}

/** The cursor `?before=` names, if any; BAD_REQUEST when it is not one of ours. */
export function cursorOrThrow(before: string | undefined) {
  if (before === undefined) return undefined;
  const cursor = decodeCursor(before);
  if (!cursor) throw new AppError('BAD_REQUEST', '分页参数无效');
  return cursor;
}
