/**
 * Content safety signals for articles, comments and profiles: keyword-stuffing
 * lines (SEO injection), lexicon terms (adult, gambling, scams), link farms,
 * hidden text, and text damaged by encoding errors. Pure rules; every
 * threshold says why, and test/spam-quality.test.ts measures them on the
 * corpus (recall on injected lines, false positives on clean articles).
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../shared/errors.js';
import { normalizedReadings, normalizeText } from '../text/index.js';

export type SpamCategory = 'adult' | 'gambling' | 'scam';
export type SafetyVerdict = 'ok' | 'hold' | 'reject';

export interface SafetyReason {
  readonly code: 'KEYWORD_STUFFING' | 'LEXICON' | 'LINK_FARM' | 'HIDDEN_TEXT' | 'ENCODING_DAMAGE';
  /** What was found, for the author or the editor (quoted, never rendered as HTML). */
  readonly detail: string;
}

export interface SafetyReport {
  readonly verdict: SafetyVerdict;
  readonly reasons: readonly SafetyReason[];
}

/** A line split by these into many short terms is a keyword list, not prose. */
const TERM_SEPARATORS = /[|｜,，、/／\s#＃_]+/u;
/** Pipes almost never separate words in Chinese prose: four pipe-separated terms are already a list. */
const PIPE_TERMS_MIN = 4;
/** Other separators (commas, 、, spaces) do appear in prose lists of names: ask for more terms with a lexicon term… */
const OTHER_TERMS_MIN = 8;
/** …or fewer, when two of them are lexicon terms… */
const SHORT_LIST_TERMS = 4;
/** …that are short (keywords, not clauses)… */
const TERM_MAX_AVERAGE_CHARS = 5;
/** …and a line without sentence punctuation. */
const SENTENCE_PUNCTUATION = /[。！？!?；;：:]/u;
/** Distinct lexicon terms in one text before it is held (outside a keyword line). */
const LEXICON_TERMS_MIN = 3;
/** External links in one text before it looks like a link farm. */
const LINK_FARM_LINKS = 15;
/** The same anchor text repeated this often is link-farming too. */
const REPEATED_ANCHOR = 3;
/** Runs of question marks this long are lost characters (a failed encoding round trip), not emphasis. */
const QUESTION_RUN = /[?？]{3,}/u;
/** Classic mojibake: UTF-8 read as Latin-1 or GBK, and GBK's filler for invalid bytes. */
const MOJIBAKE = /Ã[\u0080-\u00bf]|â€[™œ\u009d˜“”]|锟斤拷|烫烫烫|屯屯屯|ï¿½/u;
const HIDDEN_TEXT =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|color\s*:\s*(?:#fff\b|#ffffff|white)|<\s*(?:div|span|p)[^>]*\bhidden\b/iu;

type Term = { term: string; category: SpamCategory };
/** A term with every Simplified reading it matches in (線上賭盤: 在线赌盘 and 线上赌盘). */
type Entry = { term: Term; readings: string[] };

function entry(category: SpamCategory, term: string): Entry {
  return {
    term: { category, term: normalizeText(term) },
    readings: normalizedReadings(term).map((r) => r.replace(/\s+/g, '')),
  };
}

/**
 * One site's spam lexicon: the shipped terms (src/moderation/lexicon.txt)
 * and those its admins added (lexicon.ts keeps them in step with the
 * database). Made by the composition root and passed in.
 */
export class Lexicon {
  readonly #shipped: readonly Entry[];
  #extra: readonly Entry[] = [];
  /** A digest of the admin terms last loaded (lexicon.ts compares it). */
  version: string | undefined;

  constructor() {
    this.#shipped = readFileSync(new URL('./lexicon.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => {
        const [category, term] = l.split('\t');
        return entry(category as SpamCategory, term!.trim());
      });
  }

  /** Terms admins added (from the database), on top of the shipped lexicon. */
  setExtraTerms(list: readonly Term[]): void {
    this.#extra = list.map((t) => entry(t.category, t.term));
  }

  /** Lexicon terms found in normalised text, in any of its Simplified readings. */
  hits(text: string): Term[] {
    const readings = normalizedReadings(text).map((r) => r.replace(/\s+/g, ''));
    return [...this.#shipped, ...this.#extra]
      .filter((e) => e.readings.some((term) => readings.some((r) => r.includes(term))))
      .map((e) => e.term);
  }
}

/** Lines that are keyword lists (SEO injection), with the reason. */
export function keywordStuffedLines(text: string, lexicon: Lexicon): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(TERM_SEPARATORS).filter((p) => p.length > 0);
    const average = parts.reduce((n, p) => n + Array.from(p).length, 0) / (parts.length || 1);
    const pipes = (line.match(/[|｜]/gu) ?? []).length;
    if (pipes >= PIPE_TERMS_MIN - 1 && parts.length >= PIPE_TERMS_MIN) {
      out.push(line);
      continue;
    }
    if (average > TERM_MAX_AVERAGE_CHARS || SENTENCE_PUNCTUATION.test(line)) continue;
    const hits = lexicon.hits(line).length;
    if (
      (parts.length >= OTHER_TERMS_MIN && hits >= 1) ||
      (parts.length >= SHORT_LIST_TERMS && hits >= 2)
    ) {
      out.push(line);
    }
  }
  return out;
}

/** Problems from lost characters: shown to the author before publishing. */
export function encodingDamage(text: string): string[] {
  const found: string[] = [];
  const q = QUESTION_RUN.exec(text);
  if (q) found.push(q[0]);
  if (text.includes('\uFFFD')) found.push('\uFFFD');
  const m = MOJIBAKE.exec(text);
  if (m) found.push(m[0]);
  return found;
}

function links(text: string): { url: string; anchor: string }[] {
  const out: { url: string; anchor: string }[] = [];
  for (const m of text.matchAll(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)[^)]*\)/gu))
    out.push({ anchor: m[1]!.trim(), url: m[2]! });
  for (const m of text.matchAll(/<a\s[^>]*href=["']?(https?:\/\/[^"'\s>]+)[^>]*>([^<]*)<\/a>/giu))
    out.push({ url: m[1]!, anchor: m[2]!.trim() });
  const bare = text.replace(/\[[^\]]*\]\([^)]*\)|<a\s[^>]*>[^<]*<\/a>/giu, ' ');
  for (const m of bare.matchAll(/https?:\/\/[^\s)）]+/gu)) out.push({ url: m[0], anchor: '' });
  return out;
}

/**
 * Checks a text (article title + body, a comment, a profile). Gambling or
 * adult terms in a keyword line, or lexicon terms with a link farm, are
 * rejected outright; any other signal holds the text for an editor.
 */
export function checkContent(text: string, lexicon: Lexicon): SafetyReport {
  const reasons: SafetyReason[] = [];
  const stuffed = keywordStuffedLines(text, lexicon);
  for (const line of stuffed)
    reasons.push({ code: 'KEYWORD_STUFFING', detail: line.slice(0, 200) });
  const hits = lexicon.hits(text);
  // One mention (an article about Macau's casinos) is news; several distinct terms are not.
  if (new Set(hits.map((h) => h.term)).size >= LEXICON_TERMS_MIN)
    reasons.push({ code: 'LEXICON', detail: [...new Set(hits.map((h) => h.term))].join('、') });
  const all = links(text);
  const anchors = new Map<string, number>();
  for (const l of all) if (l.anchor) anchors.set(l.anchor, (anchors.get(l.anchor) ?? 0) + 1);
  const repeated = [...anchors].filter(([, n]) => n >= REPEATED_ANCHOR).map(([a]) => a);
  if (all.length >= LINK_FARM_LINKS || repeated.length > 0)
    reasons.push({
      code: 'LINK_FARM',
      detail: repeated.length
        ? `重复的链接文字：${repeated.join('、')}`
        : `${all.length} 个外部链接`,
    });
  if (HIDDEN_TEXT.test(text)) reasons.push({ code: 'HIDDEN_TEXT', detail: '隐藏文字' });
  for (const d of encodingDamage(text)) reasons.push({ code: 'ENCODING_DAMAGE', detail: d });

  const severe =
    hits.some((h) => h.category !== 'scam') &&
    (stuffed.length > 0 || reasons.some((r) => r.code === 'LINK_FARM'));
  const verdict: SafetyVerdict = severe
    ? 'reject'
    : reasons.some((r) => r.code !== 'ENCODING_DAMAGE')
      ? 'hold'
      : 'ok';
  return { verdict, reasons };
}

/**
 * For comments and profiles: throws CONTENT_REJECTED for spam that is never
 * acceptable, and says whether the text must wait for an editor.
 */
export function screenContent(
  text: string,
  lexicon: Lexicon,
): { hold: boolean; reasons: readonly SafetyReason[] } {
  const report = checkContent(text, lexicon);
  if (report.verdict === 'reject') {
    throw new AppError('CONTENT_REJECTED', undefined, {
      details: report.reasons.map((r) => ({ path: r.code, message: r.detail })),
    });
  }
  return {
    hold: report.reasons.some((r) => r.code !== 'ENCODING_DAMAGE'),
    reasons: report.reasons,
  };
}
