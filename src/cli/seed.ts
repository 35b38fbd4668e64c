/**
 * Demo content: the default channels, ~20 demo creators and the CC BY-SA
 * corpus in demo/articles.jsonl, spread deterministically over the creators
 * (by channel focus) and over the last 30 days.
 */
import { readFileSync } from 'node:fs';
import { createUser } from '../accounts/index.js';
import {
  findImportedExternalIds,
  importArticles,
  ImportLineSchema,
  listImportedIds,
  type ImportLine,
  type ImportReport,
} from '../articles/index.js';
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { createCreatorProfile, listCreators, type CreatorWithStats } from '../creators/index.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { stableHash } from '../shared/ids.js';
import { siteDay } from '../shared/time-zone.js';
import { importEngagementHistory } from '../engagement/index.js';
import { figureMarkdown, storeImage, type MediaStore } from '../media/index.js';
import { refreshHotLists } from '../ranking/index.js';
import { DEMO_CREATORS } from './demo-creators.js';
import { DEMO_HISTORY_DAYS, demoEngagement } from './demo-engagement.js';
import { loadDemoFigures, readDemoFigure } from './demo-figures.js';
import { withDemoTags } from './demo-tags.js';

const DAY_MS = 86_400_000;
/** The corpus's line ids start with these (the demo's articles, whatever else the site holds). */
const DEMO_EXTERNAL_PREFIXES = ['cmrc2018-', 'drcd-'];

export const DEMO_CORPUS_URL = new URL('../../demo/articles.jsonl', import.meta.url);
/** Demo publish times fall in this window before the seed runs. */
const DEMO_SPREAD_MS = 30 * 24 * 60 * 60 * 1000;
/** Demo accounts get addresses in a reserved TLD (RFC 2606): they can never receive mail. */
const DEMO_EMAIL_DOMAIN = 'demo.byline.invalid';

export async function ensureDemoCreators(db: Db): Promise<{ created: number }> {
  const existing = new Set((await listCreators(db)).map((c) => c.handle));
  let created = 0;
  for (const demo of DEMO_CREATORS) {
    if (existing.has(demo.handle)) continue;
    await db.transaction(async (tx) => {
      const user = await createUser(tx, {
        email: `${demo.handle}@${DEMO_EMAIL_DOMAIN}`,
        displayName: demo.displayName,
        role: 'creator',
      });
      await createCreatorProfile(tx, {
        userId: user.id,
        handle: demo.handle,
        displayName: demo.displayName,
        tagline: demo.tagline,
        bio: demo.bio,
        accountType: demo.accountType,
        focusChannels: [...demo.focus],
      });
    });
    created++;
  }
  return { created };
}

/**
 * Picks the demo creator for a corpus line: stable, and one whose beat (first
 * focus channel) is the line's channel; failing that one who lists the channel
 * at all; failing that anyone.
 */
export function demoAuthorPicker(
  creators: readonly CreatorWithStats[],
  channelSlugFor: (line: ImportLine) => string | undefined,
): (line: ImportLine) => string {
  const demo = creators.filter((c) => DEMO_CREATORS.some((d) => d.handle === c.handle));
  const pool = demo.length > 0 ? demo : creators;
  if (pool.length === 0) throw new Error('no creators to assign demo articles to');
  return (line) => {
    const slug = channelSlugFor(line);
    const onBeat = pool.filter((c) => slug !== undefined && c.focusChannels[0] === slug);
    const focused = pool.filter((c) => slug !== undefined && c.focusChannels.includes(slug));
    const candidates = onBeat.length > 0 ? onBeat : focused.length > 0 ? focused : pool;
    return candidates[stableHash(line.id) % candidates.length]!.id;
  };
}

/** How long before the seed a demo line is published: fixed per line, so the demo is the same every time. */
export function demoAgeMs(lineId: string): number {
  return stableHash(`${lineId}#time`) % DEMO_SPREAD_MS;
}

export function demoPublishedAt(clock: Clock): (line: ImportLine) => Date {
  const now = clock.now().getTime();
  return (line) => new Date(now - demoAgeMs(line.id));
}

export interface SeedOptions {
  readonly clock: Clock;
  /** Where the demo's figures are stored (the site's media store); no figures without one. */
  readonly media?: MediaStore;
  readonly file?: URL | string;
  readonly onStart?: (total: number) => void;
  readonly onProgress?: (processed: number) => void;
}

export async function seedDemo(db: Db, options: SeedOptions): Promise<ImportReport> {
  await ensureDefaultChannels(db);
  await ensureDemoCreators(db);
  const channels = await listChannels(db);
  const creators = await listCreators(db);
  const slugByLabel = new Map<string, string>([['综合', 'news']]);
  for (const c of channels) {
    slugByLabel.set(c.name, c.slug);
    slugByLabel.set(c.slug, c.slug);
  }
  const lines = readFileSync(options.file ?? DEMO_CORPUS_URL, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  options.onStart?.(lines.length);
  const pick = demoAuthorPicker(creators, (line) => slugByLabel.get(line.channel));
  const withFigures = options.media
    ? await addDemoFigures(db, options.clock, options.media, lines, (line) => {
        const creatorId = pick(line);
        return creators.find((c) => c.id === creatorId)!.userId;
      })
    : lines;
  const report = await importArticles(db, withFigures.map(withDemoTags), {
    clock: options.clock,
    channels,
    resolveAuthor: pick,
    publishedAt: demoPublishedAt(options.clock),
    onProgress: (e) => options.onProgress?.(e.processed),
  });
  await addDemoEngagement(db, options.clock);
  return report;
}

/** Markdown's special characters in corpus text, escaped so the text reads as written. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);

/**
 * Stores the demo figures (demo/figures) through the ordinary image pipeline,
 * owned by the article's author, and rewrites those corpus lines as Markdown
 * with the figure and its caption first — the card's thumbnail and the page's figure.
 */
async function addDemoFigures(
  db: Db,
  clock: Clock,
  media: MediaStore,
  lines: readonly string[],
  ownerOf: (line: ImportLine) => string,
): Promise<string[]> {
  const figures = new Map(loadDemoFigures().map((f) => [f.id, f]));
  const out: string[] = [];
  for (const raw of lines) {
    const line = ImportLineSchema.safeParse(JSON.parse(raw)).data;
    const figure = line ? figures.get(line.id) : undefined;
    if (!line || !figure || (await findImportedExternalIds(db, [line.id])).length > 0) {
      out.push(raw);
      continue;
    }
    const image = await storeImage(db, clock, {
      ownerId: ownerOf(line),
      bytes: readDemoFigure(figure),
      store: media,
      alt: figure.alt,
      caption: figure.caption,
    });
    const body = `${figureMarkdown(image.id, figure.alt).replace(/""\)$/, `"${figure.caption}")`)}\n\n${escapeMarkdown(line.body)}`;
    out.push(JSON.stringify({ ...line, body, body_format: 'markdown' }));
  }
  return out;
}

/**
 * The demo engagement history (demo-engagement.ts) for every demo article,
 * then the hot list as it stood yesterday and as it stands now, so the 热榜
 * shows heat and trends from the first page view.
 */
async function addDemoEngagement(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const ids = await listImportedIds(db, DEMO_EXTERNAL_PREFIXES);
  const rows = ids.flatMap(({ id, externalId }) =>
    demoEngagement(externalId, demoAgeMs(externalId))
      .filter((d) => d.daysAgo < DEMO_HISTORY_DAYS)
      .map((d) => ({
        articleId: id,
        day: siteDay(now.getTime() - d.daysAgo * DAY_MS),
        views: d.views,
        visitors: d.visitors,
        shares: d.shares,
      })),
  );
  await importEngagementHistory(db, rows);
  await refreshHotLists(db, { now: () => new Date(now.getTime() - DAY_MS) });
  await refreshHotLists(db, clock);
}
