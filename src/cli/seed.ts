/**
 * Demo content: the default channels, ~20 demo creators and the CC BY-SA
 * corpus in demo/articles.jsonl, spread deterministically over the creators
 * (by channel focus) and over the last 30 days.
 */
import { readFileSync } from 'node:fs';
import { createUser } from '../accounts/index.js';
import { importArticles, type ImportLine, type ImportReport } from '../articles/index.js';
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { createCreatorProfile, listCreators, type CreatorWithStats } from '../creators/index.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { stableHash } from '../shared/ids.js';
import { DEMO_CREATORS } from './demo-creators.js';

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

/** Picks the demo creator for a corpus line: stable, and matched to the channel when possible. */
export function demoAuthorPicker(
  creators: readonly CreatorWithStats[],
  channelSlugFor: (line: ImportLine) => string | undefined,
): (line: ImportLine) => string {
  const demo = creators.filter((c) => DEMO_CREATORS.some((d) => d.handle === c.handle));
  const pool = demo.length > 0 ? demo : creators;
  if (pool.length === 0) throw new Error('no creators to assign demo articles to');
  return (line) => {
    const slug = channelSlugFor(line);
    const focused = pool.filter((c) => slug !== undefined && c.focusChannels.includes(slug));
    const candidates = focused.length > 0 ? focused : pool;
    return candidates[stableHash(line.id) % candidates.length]!.id;
  };
}

export function demoPublishedAt(clock: Clock): (line: ImportLine) => Date {
  const now = clock.now().getTime();
  return (line) => new Date(now - (stableHash(`${line.id}#time`) % DEMO_SPREAD_MS));
}

export interface SeedOptions {
  readonly clock: Clock;
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
  return importArticles(db, lines, {
    clock: options.clock,
    channels,
    resolveAuthor: pick,
    publishedAt: demoPublishedAt(options.clock),
    onProgress: (e) => options.onProgress?.(e.processed),
  });
}
