/**
 * What the web scope adds to every request and reply (typed Fastify
 * decorations, STYLE 13). Route plugins use these instead of importing the
 * app that registers them, so no route module depends on web/app.ts.
 */
import type { Viewer } from '../accounts/index.js';
import type { RateRule } from '../shared/rate-limit.js';
import type { PageContext, Variant } from './page-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** 关怀版 is on for this request. */
    care: boolean;
    /** The signed-in user (web: session cookie; API: bearer token), or null. */
    viewer: Viewer | null;
    /** Which script the page is served in (`/zh-hant` → hant). */
    variant: Variant;
    /** What the layout needs: site settings and channels (kept in memory), viewer, CSRF token. */
    pageContext(): Promise<PageContext>;
    /** Throws CSRF_REJECTED unless `given` is the signed-in viewer's token (multipart forms). */
    checkCsrf(given: unknown): void;
    /** A path inside this request's script variant (`/studio` → `/zh-hant/studio`). */
    href(path: string): string;
    /** The visitor behind a page view (cookie, else a salted IP + user-agent hash); sets no cookie. */
    viewVisitorKey(): string;
    /**
     * A part of a page kept between renders until a change drops it (web/fragment-cache.ts);
     * `load()` when the server keeps none. Never for anything personal.
     */
    fragment<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T>;
  }
  interface FastifyReply {
    /** Sends a rendered page in the request's script variant. */
    render(page: JSX.Element, status?: number): Promise<FastifyReply>;
    /** Counts a hit against a rate rule; throws RATE_LIMITED (429, Retry-After) when over. */
    limit(key: string, rule: RateRule): Promise<void>;
    /** Forgets a rate counter (the per-account sign-in counter after a success). */
    forgetLimit(key: string): Promise<void>;
    /** A 303 to a path in this request's script variant (after a form post). */
    seeOther(path: string): FastifyReply;
    /** Signed out: to the sign-in page, and back to `next` (default: this page) afterwards. */
    signInFirst(next?: string): FastifyReply;
    /** The visitor's keys for once-per-visitor counts (a share); sets the visitor cookie on a first visit. */
    visitorKeys(): string[];
    /** A QR code as inline SVG (kept per server). */
    qrSvg(text: string, label: string): Promise<string>;
  }
}

export {};
