/**
 * Every page's frame — site settings, channels and which channels have
 * articles (the navigation hides empty ones) — read once and kept: they change
 * rarely, and a change (from any process: the events reach all of them) drops
 * the copy; SITE_FRAME_TTL_MS bounds it should an event be missed.
 */
import { listChannelIdsWithArticles } from '../articles/index.js';
import { listChannels, type Channel } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { getSiteSettings, type SiteSettings } from '../settings/index.js';

const SITE_FRAME_TTL_MS = 10_000;

export interface SiteFrame {
  readonly settings: SiteSettings;
  readonly channels: Channel[];
  /** The navigation's channels: not hidden by an admin, with at least one published article. */
  readonly navChannels: Channel[];
}

export class SiteFrameCache {
  #frame: Promise<SiteFrame> | undefined;
  #at = 0;
  readonly #stop: () => void;

  constructor(private readonly ctx: AppContext) {
    const drop = () => {
      this.#frame = undefined;
    };
    const stops = [
      ctx.events?.on(['site.settings_changed', 'site.channels_changed'], drop),
      // A channel's first article, or its last one leaving, shows or hides it in the navigation.
      ctx.events?.on(['article.published', 'article.withdrawn', 'articles.imported'], drop),
      ctx.events?.onResync(drop),
    ];
    this.#stop = () => stops.forEach((stop) => stop?.());
  }

  get(): Promise<SiteFrame> {
    if (!this.#frame || Date.now() - this.#at > SITE_FRAME_TTL_MS) {
      this.#at = Date.now();
      const db = this.ctx.database.db;
      const loading = Promise.all([getSiteSettings(db), listChannels(db)]).then(
        async ([settings, channels]) => {
          const shown = channels.filter((c) => !c.hidden);
          const active = await listChannelIdsWithArticles(
            db,
            shown.map((c) => c.id),
          );
          return {
            settings,
            channels: [...channels],
            navChannels: shown.filter((c) => active.has(c.id)),
          };
        },
      );
      // A failed read is not kept: the next request tries again.
      loading.catch(() => {
        if (this.#frame === loading) this.#frame = undefined;
      });
      this.#frame = loading;
    }
    return this.#frame;
  }

  close(): void {
    this.#stop();
  }
}
