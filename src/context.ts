import type { Database } from './db/client.js';
import type { ViewBuffer, VisitorSalt } from './engagement/index.js';
import type { EventRelay } from './events/index.js';
import type { Clock } from './shared/clock.js';
import type { MediaStore } from './media/index.js';
import type { Mailer } from './mail/index.js';
import type { Lexicon } from './moderation/index.js';
import type { RateStore } from './shared/rate-limit.js';
import type { Semaphore } from './shared/semaphore.js';
import type { Segmenter } from './text/index.js';

/** What the edges (web, api, cli, jobs) are given by the composition root. */
export interface AppContext {
  readonly database: Database;
  readonly clock: Clock;
  /** Public origin without a trailing slash (canonical URLs, feeds, sitemaps). */
  readonly publicUrl?: string;
  /** Where uploaded images are stored on disk (BYLINE_DATA_DIR/uploads) when no object store is set. */
  readonly uploadsDir?: string;
  /** Where uploaded images' files live: the disk, or an S3 bucket every instance shares. */
  readonly media: MediaStore;
  /** Readers fetch media from here directly (BYLINE_MEDIA_PUBLIC_URL, e.g. a CDN on the bucket). */
  readonly mediaPublicUrl?: string;
  /** Server secret for CSRF tokens (persisted in the database; random per test server). */
  readonly secret?: string;
  /** Behind reverse proxies: how many hops of X-Forwarded-* to trust (client IP, https); 0 none. */
  readonly trustProxy?: number;
  /** Buffered page-view counter (flushed by a job and on shutdown). */
  readonly views?: ViewBuffer;
  /** Committed events of this database, delivered to this process's subscribers (caches). */
  readonly events?: EventRelay;
  /** Image decodes allowed at once in this process (uploads wait for a slot). */
  readonly imageSlots?: Semaphore;
  /** This site's word segmenter (search), with the words its admins added. */
  readonly segmenter: Segmenter;
  /** This site's spam lexicon (publishing, comments, profiles), with the terms its admins added. */
  readonly lexicon: Lexicon;
  /** Today's salt for hashing cookie-less visitors, shared by every instance (engagement). */
  readonly visitorSalt: VisitorSalt;
  /** CDN caches purged by tag on every change (HTTP PURGE with xkey-purge). */
  readonly purgeUrls?: readonly string[];
  /** How mail leaves (SMTP, or files when no server is configured); absent: mail waits in the outbox. */
  readonly mailer?: Mailer;
  /** The From of every mail (an address, optionally with a name). */
  readonly mailFrom?: string;
  /** Where rate counters live (default: the database, shared by every instance; Redis when configured). */
  readonly rateLimits?: RateStore;
}

/**
 * What a caller gives to build a server: the site's word lists may be left
 * out (tests, tools) and are then made fresh for this server alone.
 */
export type ContextInput = Omit<AppContext, 'segmenter' | 'lexicon' | 'visitorSalt' | 'media'> &
  Partial<Pick<AppContext, 'segmenter' | 'lexicon' | 'visitorSalt' | 'media'>>;
