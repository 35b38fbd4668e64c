/**
 * The admin-extensible part of the segmenter's user dictionary: names and
 * terms jieba would otherwise split (a new company, a person, a product).
 * Adding or removing a word re-queues every search document, so the index is
 * rebuilt in the background (the old documents keep serving meanwhile), and
 * every server process picks the change up on its next indexing tick.
 */
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { dictionaryWords } from './schema.js';
import type { Clock } from '../shared/clock.js';
import { parseInput } from '../shared/validation.js';
import type { Segmenter } from '../text/index.js';

/** Longer than any name or term; a sentence is not a word. */
export const DICTIONARY_WORD_MAX_CHARS = 20;

export const DictionaryWordSchema = z.strictObject({
  word: z
    .string({ error: '请填写词语' })
    .trim()
    .refine((w) => Array.from(w).length >= 2, '词语至少 2 个字')
    .refine(
      (w) => Array.from(w).length <= DICTIONARY_WORD_MAX_CHARS,
      `词语最多 ${DICTIONARY_WORD_MAX_CHARS} 个字`,
    )
    .refine((w) => /^[\p{L}\p{N}·\-.+&]+$/u.test(w), '词语只能包含文字、数字和 · - . + &'),
});
export type DictionaryWordInput = z.input<typeof DictionaryWordSchema>;

export async function listDictionaryWords(
  db: Queryable,
): Promise<{ word: string; createdAt: Date }[]> {
  return db
    .select({ word: dictionaryWords.word, createdAt: dictionaryWords.createdAt })
    .from(dictionaryWords)
    .orderBy(asc(dictionaryWords.word));
}

/** Every indexed document is stale: the indexer rewrites them in batches. */
async function requeueSearchIndex(db: Queryable): Promise<void> {
  await db.execute(sql`UPDATE byline.search_documents SET source_updated_at = '-infinity'`);
}

export async function addDictionaryWord(
  db: Queryable,
  clock: Clock,
  actorId: string,
  input: DictionaryWordInput,
): Promise<{ word: string; added: boolean }> {
  const { word } = parseInput(DictionaryWordSchema, input);
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(dictionaryWords)
      .values({ word, addedBy: actorId, createdAt: clock.now() })
      .onConflictDoNothing()
      .returning({ word: dictionaryWords.word });
    if (rows.length === 0) return { word, added: false };
    await writeAudit(tx, {
      actorId,
      action: 'dictionary.add',
      subjectType: 'dictionary_word',
      subjectId: word,
      at: clock.now(),
    });
    await requeueSearchIndex(tx);
    return { word, added: true };
  });
}

export async function removeDictionaryWord(
  db: Queryable,
  clock: Clock,
  actorId: string,
  word: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ word: string }>(
      await tx.execute(
        sql`DELETE FROM byline.dictionary_words WHERE word = ${word} RETURNING word`,
      ),
    );
    if (rows.length === 0) return false;
    await writeAudit(tx, {
      actorId,
      action: 'dictionary.remove',
      subjectType: 'dictionary_word',
      subjectId: word,
      at: clock.now(),
    });
    await requeueSearchIndex(tx);
    return true;
  });
}

/**
 * Loads the words into the site's segmenter when they changed since it last
 * loaded them (one small query: a digest of the word list).
 */
export async function syncDictionary(db: Queryable, segmenter: Segmenter): Promise<void> {
  const [row] = rowsOf<{ version: string }>(
    await db.execute(
      sql`SELECT md5(coalesce(string_agg(word, E'\n' ORDER BY word), '')) AS version FROM byline.dictionary_words`,
    ),
  );
  if (row?.version === segmenter.version) return;
  segmenter.setExtraWords((await listDictionaryWords(db)).map((w) => w.word));
  segmenter.version = row?.version;
}
