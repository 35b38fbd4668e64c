import type { Viewer } from '../accounts/index.js';
import type { Channel } from '../channels/index.js';
import type { SiteSettings } from '../settings/index.js';

/** Which script a page is served in: `/…` is Simplified, `/zh-hant/…` Traditional. */
export type Variant = 'hans' | 'hant';

export const VARIANT_PREFIX: Record<Variant, string> = { hans: '', hant: '/zh-hant' };
export const VARIANT_LANG: Record<Variant, string> = { hans: 'zh-Hans', hant: 'zh-Hant' };

/** Everything the layout needs besides the page itself; built once per request. */
export interface PageContext {
  readonly variant: Variant;
  readonly care: boolean;
  readonly settings: SiteSettings;
  readonly channels: readonly Channel[];
  /** The channels the navigation lists (not hidden, not empty); all visible ones when left out. */
  readonly navChannels?: readonly Channel[];
  /** The current path without the variant prefix, with its query string. */
  readonly path: string;
  readonly publicUrl: string;
  /** The request's search query, kept in the header's search box. */
  readonly query?: string;
  /** The signed-in user, if any. */
  readonly viewer: Viewer | null;
  /** The CSRF token forms must carry when signed in ('' when signed out). */
  readonly csrf: string;
}

/** A link inside the current script variant. */
export function href(ctx: Pick<PageContext, 'variant'>, path: string): string {
  return `${VARIANT_PREFIX[ctx.variant]}${path}`;
}

/** The same page in another variant (for the switch and hreflang). */
export function variantHref(variant: Variant, path: string): string {
  return `${VARIANT_PREFIX[variant]}${path}`;
}

export function absolute(ctx: Pick<PageContext, 'publicUrl'>, path: string): string {
  return `${ctx.publicUrl}${path}`;
}

export const articlePath = (id: string) => `/article/${id}`;
export const channelPath = (slug: string) => `/channel/${slug}`;
export const authorPath = (handle: string) => `/author/${handle}`;
/** A tag's page: the tag percent-encoded as one path segment (人工智能, C++, a/b). */
export const tagPath = (tag: string) => `/tag/${encodeURIComponent(tag)}`;
