/**
 * The admin-extensible part of the spam lexicon: terms added in the studio
 * reach every server process on its next job tick (syncLexicon).
 */
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/index.js';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { lexiconTerms } from './schema.js';
import type { Clock } from '../shared/clock.js';
import { parseInput, type Untrusted } from '../shared/validation.js';
import type { Lexicon, SpamCategory } from './spam.js';

export const SPAM_CATEGORIES = ['adult', 'gambling', 'scam'] as const;
export const CATEGORY_LABELS: Record<SpamCategory, string> = {
  adult: '色情低俗',
  gambling: '赌博',
  scam: '诈骗与违法',
};

export const LexiconTermSchema = z.strictObject({
  term: z
    .string({ error: '请填写词语' })
    .trim()
    .refine((w) => Array.from(w).length >= 2, '词语至少 2 个字')
    .refine((w) => Array.from(w).length <= 30, '词语最多 30 个字')
    .refine((w) => /^[\p{L}\p{N} ·\-.+&]+$/u.test(w), '词语只能包含文字、数字和空格'),
  category: z.enum(SPAM_CATEGORIES, { error: '请选择类别' }),
});
export type LexiconTermInput = z.input<typeof LexiconTermSchema>;

export async function listLexiconTerms(db: Queryable) {
  return db
    .select({
      term: lexiconTerms.term,
      category: lexiconTerms.category,
      createdAt: lexiconTerms.createdAt,
    })
    .from(lexiconTerms)
    .orderBy(asc(lexiconTerms.category), asc(lexiconTerms.term));
}

export async function addLexiconTerm(
  db: Queryable,
  clock: Clock,
  actorId: string,
  input: Untrusted<LexiconTermInput>,
): Promise<void> {
  const { term, category } = parseInput(LexiconTermSchema, input);
  await db.transaction(async (tx) => {
    await tx
      .insert(lexiconTerms)
      .values({ term, category, addedBy: actorId, createdAt: clock.now() })
      .onConflictDoUpdate({ target: lexiconTerms.term, set: { category } });
    await writeAudit(tx, {
      actorId,
      action: 'lexicon.add',
      subjectType: 'lexicon_term',
      subjectId: term,
      data: { category },
      at: clock.now(),
    });
  });
}

export async function removeLexiconTerm(
  db: Queryable,
  clock: Clock,
  actorId: string,
  term: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = rowsOf<{ term: string }>(
      await tx.execute(sql`DELETE FROM byline.lexicon_terms WHERE term = ${term} RETURNING term`),
    );
    if (gone.length === 0) return;
    await writeAudit(tx, {
      actorId,
      action: 'lexicon.remove',
      subjectType: 'lexicon_term',
      subjectId: term,
      at: clock.now(),
    });
  });
}

/** Loads admin terms into the site's lexicon when they changed (one small query: a digest of the list). */
export async function syncLexicon(db: Queryable, lexicon: Lexicon): Promise<void> {
  const [row] = rowsOf<{ version: string }>(
    await db.execute(
      sql`SELECT md5(coalesce(string_agg(term || ':' || category, E'\n' ORDER BY term), '')) AS version FROM byline.lexicon_terms`,
    ),
  );
  if (row?.version === lexicon.version) return;
  lexicon.setExtraTerms(
    (await listLexiconTerms(db)).map((t) => ({
      term: t.term,
      category: t.category as SpamCategory,
    })),
  );
  lexicon.version = row?.version;
}
