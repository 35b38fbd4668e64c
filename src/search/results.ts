import { getArticleTexts, listPublishedArticles, type ArticleItem } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import type { Segmenter } from '../text/index.js';
import { searchArticleIds, type SearchResult } from './query.js';
import { plainText, snippetAround } from './snippet.js';

/** Day filters are calendar days in Beijing time (UTC+8, no daylight saving). */
const DAY_OFFSET = '+08:00';

export interface SearchOptions {
  readonly channelId?: number;
  readonly authorId?: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly fromDay?: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly toDay?: string;
  /** A page of SEARCH_PAGE_SIZE (pages), or an offset and limit (the API). */
  readonly page?: number;
  readonly offset?: number;
  readonly limit?: number;
}

/** One page of results as cards, in rank order, each with its score (pages and the API share this). */
export async function searchArticles(
  db: Queryable,
  segmenter: Segmenter,
  raw: string,
  options: SearchOptions,
): Promise<{
  result: SearchResult;
  items: (ArticleItem & { score: number; snippet: string })[];
}> {
  const result = await searchArticleIds(db, segmenter, raw, {
    ...(options.channelId !== undefined ? { channelId: options.channelId } : {}),
    ...(options.authorId !== undefined ? { authorId: options.authorId } : {}),
    ...(options.fromDay ? { from: new Date(`${options.fromDay}T00:00:00${DAY_OFFSET}`) } : {}),
    ...(options.toDay
      ? { to: new Date(new Date(`${options.toDay}T00:00:00${DAY_OFFSET}`).getTime() + 86_400_000) }
      : {}),
    ...(options.page !== undefined ? { page: options.page } : {}),
    ...(options.offset !== undefined ? { offset: options.offset } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  const cards = result.hits.length
    ? await listPublishedArticles(db, {
        onlyIds: result.hits.map((h) => h.id),
        limit: result.hits.length,
      })
    : [];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const texts = new Map(
    (
      await getArticleTexts(
        db,
        cards.map((c) => c.id),
      )
    ).map((t) => [t.id, t.bodySource]),
  );
  const q = result.query;
  const words = [...q.terms, ...q.phrases.flat(), ...q.fragments];
  const items = result.hits.flatMap((h) => {
    const card = byId.get(h.id);
    if (!card) return [];
    const snippet = snippetAround(plainText(texts.get(h.id) ?? ''), words, card.summary);
    return [{ ...card, score: h.score, snippet }];
  });
  return { result, items };
}
