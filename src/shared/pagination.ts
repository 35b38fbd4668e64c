/**
 * Keyset (cursor) pagination over (published_at DESC, id DESC): stable when
 * new articles are published while a reader pages back, unlike OFFSET.
 * Cursors are opaque, URL-safe strings.
 */
export interface Cursor {
  readonly publishedAt: Date;
  readonly id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.publishedAt.getTime()}.${cursor.id}`, 'utf8').toString('base64url');
}

/** undefined for anything that is not a cursor we made (callers show page one, or 400). */
export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text || text.length > 64) return undefined;
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(\d{1,15})\.([a-z0-9]{1,40})$/.exec(raw);
  if (!m) return undefined;
  const publishedAt = new Date(Number(m[1]));
  if (Number.isNaN(publishedAt.getTime())) return undefined;
  return { publishedAt, id: m[2]! };
}
