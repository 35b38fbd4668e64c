/**
 * A CDN in front: every cached page carries its tags as `Surrogate-Key` and
 * `xkey` headers (page-cache-hooks.ts); on every change, the tags it drops
 * are purged from each cache in BYLINE_PURGE_URLS with an HTTP PURGE request
 * whose `xkey-purge` header lists them (the varnish-modules convention; see
 * deploy/varnish/byline.vcl — a Fastly or Cloudflare adapter is a different
 * request for the same tags). A durable consumer of the events does it, so
 * each change is purged once across the cluster, and a purge that fails is
 * tried again (the consumer does not move on).
 */
import type { AppContext } from '../context.js';
import { runConsumer, type ConsumerRun, type DomainEventType } from '../events/index.js';
import { tagsOfEvent } from './page-cache.js';

/** The consumer's name (its position in the outbox). */
export const CDN_PURGE_CONSUMER = 'cdn.purge';
/** Every cached page carries this tag too: an event that drops everything purges it. */
export const ALL_PAGES_TAG = 'all';
/** A purge that hangs longer than this fails (and is tried again). */
const PURGE_TIMEOUT_MS = 5_000;
/** Tags per PURGE request (header size stays well under the usual 8 KB limit). */
const TAGS_PER_REQUEST = 100;

/** The events that change pages (all of them but the search index's own). */
const PAGE_EVENTS: readonly DomainEventType[] = [
  'article.published',
  'article.revised',
  'article.withdrawn',
  'articles.imported',
  'comment.changed',
  'article.shared',
  'article.liked',
  'creator.followed',
  'creator.unfollowed',
  'creator.created',
  'creator.updated',
  'account.deleted',
  'comment.published',
  'comment.liked',
  'moderation.decided',
  'site.settings_changed',
  'site.channels_changed',
];

/** Sends one PURGE with these tags to one cache; throws unless it answers 2xx. */
async function purge(url: string, tags: readonly string[]): Promise<void> {
  const res = await fetch(url, {
    method: 'PURGE',
    headers: { 'xkey-purge': tags.join(' ') },
    signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`PURGE ${url} answered ${res.status}`);
}

/** Purges what the events since the last run changed, from every configured cache. */
export function runCdnPurge(ctx: AppContext): Promise<ConsumerRun> | undefined {
  const urls = ctx.purgeUrls ?? [];
  if (urls.length === 0) return undefined;
  return runConsumer(
    ctx.database.db,
    CDN_PURGE_CONSUMER,
    PAGE_EVENTS,
    async (_tx, events) => {
      const tags = new Set<string>();
      for (const event of events) {
        const dropped = tagsOfEvent(event);
        if (dropped === 'all') tags.add(ALL_PAGES_TAG);
        else for (const tag of dropped) tags.add(tag);
      }
      const list = tags.has(ALL_PAGES_TAG) ? [ALL_PAGES_TAG] : [...tags];
      for (let i = 0; i < list.length; i += TAGS_PER_REQUEST)
        await Promise.all(urls.map((url) => purge(url, list.slice(i, i + TAGS_PER_REQUEST))));
    },
    { startAt: 'present' },
  );
}
